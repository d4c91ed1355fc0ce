/**
 * The text "Copy diagnostics" puts on the clipboard, for a person to paste into a bug
 * report: versions, platform, desktop session, secret storage, settings, whether each
 * secret is set, and the recent warnings and errors. Never a secret value (nor any part of
 * one) and never conversation text: only settings, which hold neither, and log lines, which
 * are redacted, go in; the whole text is redacted once more on the way out.
 */
import { SECRET_NAMES, type AppSecretName } from '@shared/domain';
import type { AppInfo, SecretStorageKind } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import type { Problem } from '../logging/recent-problems';

export interface DiagnosticsInput {
  app: Omit<AppInfo, 'notices'>;
  notices: AppInfo['notices'];
  /** e.g. "Linux 6.8.0 (x64)". */
  os: string;
  /** "wayland", "x11", …; null off Linux. */
  sessionType: string | null;
  secretStorage: SecretStorageKind;
  /** Only whether each is set. */
  secretsSet: Record<AppSecretName, boolean>;
  settings: Settings;
  problems: Problem[];
  generatedAt: Date;
  redact(text: string): string;
}

const SECRET_LABELS: Record<AppSecretName, string> = {
  openaiApiKey: 'OpenAI API key',
  compatibleApiKey: 'OpenAI-compatible server key',
  homeAssistantToken: 'Home Assistant token',
};

/** The desktop session on Linux (X11 or Wayland) as far as the environment tells; null elsewhere. */
export function sessionTypeOf(platform: string, env: Record<string, string | undefined>): string | null {
  if (platform !== 'linux') return null;
  const declared = (env['XDG_SESSION_TYPE'] ?? '').trim().toLowerCase();
  if (declared) return declared;
  if (env['WAYLAND_DISPLAY']) return 'wayland';
  if (env['DISPLAY']) return 'x11';
  return 'unknown';
}

/** The address without credentials, query or fragment (a token can hide in any of them). */
export function withoutUrlSecrets(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return '[not a valid address]';
  }
}

/** The settings as they go into diagnostics: the addresses stripped of anything secret. */
export function sanitizeSettings(settings: Settings): Settings {
  return {
    ...settings,
    provider: { ...settings.provider, baseUrl: withoutUrlSecrets(settings.provider.baseUrl) },
    homeAssistant: { ...settings.homeAssistant, url: withoutUrlSecrets(settings.homeAssistant.url) },
  };
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const { app } = input;
  const lines = [
    `${app.name} diagnostics`,
    `Generated: ${input.generatedAt.toISOString()}`,
    '',
    `App version: ${app.version}`,
    `Electron: ${app.versions.electron ?? 'n/a'}`,
    `Chrome: ${app.versions.chrome ?? 'n/a'}`,
    `Node: ${app.versions.node}`,
    `Platform: ${app.platform}`,
    `OS: ${input.os}`,
    `Desktop session: ${input.sessionType ?? 'n/a'}`,
    `Secret storage: ${input.secretStorage}`,
    '',
    'Secrets (only whether each is set):',
    ...SECRET_NAMES.map((name) => `  ${SECRET_LABELS[name]} is ${input.secretsSet[name] ? 'set' : 'not set'}`),
    '',
    'Notices:',
    ...(input.notices.length ? input.notices.map((n) => `  [${n.level}] ${n.id}: ${n.message}`) : ['  (none)']),
    '',
    'Settings:',
    JSON.stringify(sanitizeSettings(input.settings), null, 2),
    '',
    `Recent warnings and errors (${input.problems.length}, oldest first):`,
    ...(input.problems.length ? input.problems.map((p) => `  ${p.at} [${p.level}] ${p.text.replace(/\n/g, '\n    ')}`) : ['  (none)']),
    '',
  ];
  return input.redact(lines.join('\n'));
}
