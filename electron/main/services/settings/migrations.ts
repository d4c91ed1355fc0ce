/**
 * Brings a settings file written by an earlier FROK up to SETTINGS_VERSION, one version at
 * a time. Adding version 2: bump SETTINGS_VERSION in shared/settings.ts and append one
 * step (v1 → v2) to MIGRATION_STEPS.
 */
import { DEFAULT_VOICE, OPENAI_API_BASE_URL, REALTIME_VOICES, type Voice } from '@shared/domain';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '@shared/settings';

type RawSettings = Record<string, unknown>;

/** The file says it comes from a FROK newer than this one; it is not guessed at. */
export class NewerSettingsVersionError extends Error {
  constructor(readonly version: number) {
    super(`settings version ${version} is newer than the ${SETTINGS_VERSION} this FROK knows`);
    this.name = 'NewerSettingsVersionError';
  }
}

/**
 * The v1 defaults the v0 step fills in. Typed as version 1 so that bumping SETTINGS_VERSION
 * fails to compile here: freeze a copy of the v1 defaults then, since later steps expect v1.
 */
const V1_DEFAULTS: Omit<Settings, 'version'> & { version: 1 } = DEFAULT_SETTINGS;

/**
 * Version 0: the seed web app's flat realtime config, which had no `version` key:
 * `{ voice, vadEnabled, turnDetection: 'standard'|'aggressive'|'none', transport,
 * enableSpecialistTools, openaiBaseUrl }`. Unknown or unusable values fall back to defaults;
 * a base URL is carried over as is, so a bad one is reported rather than dropped.
 */
function fromV0(raw: RawSettings): RawSettings {
  const next: Settings = structuredClone(V1_DEFAULTS);
  next.voice.voice = REALTIME_VOICES.includes(raw.voice as Voice) ? (raw.voice as Voice) : DEFAULT_VOICE;
  if (raw.turnDetection === 'aggressive') next.voice.turnTaking = 'aggressive';
  // The seed's 'none' (and VAD switched off) meant the person ended each turn themselves.
  if (raw.turnDetection === 'none' || raw.vadEnabled === false) next.voice.turnTaking = 'push-to-talk';
  if (raw.transport === 'webrtc' || raw.transport === 'websocket') next.voice.transport = raw.transport;
  if (typeof raw.enableSpecialistTools === 'boolean') next.voice.enableSpecialistTools = raw.enableSpecialistTools;
  if (typeof raw.openaiBaseUrl === 'string' && raw.openaiBaseUrl.trim() !== '') {
    const url = raw.openaiBaseUrl.trim();
    next.provider = isOpenAIUrl(url) ? { kind: 'openai', baseUrl: null } : { kind: 'openai-compatible', baseUrl: url };
  }
  return next;
}

function isOpenAIUrl(url: string): boolean {
  return url.replace(/\/+$/, '') === OPENAI_API_BASE_URL;
}

/** MIGRATION_STEPS[v] turns a version-v file into a version-(v+1) one. */
const MIGRATION_STEPS: readonly ((raw: RawSettings) => RawSettings)[] = [fromV0];

/**
 * Returns the settings at the current version (not yet validated: the caller checks the
 * result against SettingsSchema) and the version it started from, or null when it was current.
 * Throws NewerSettingsVersionError for a file from a newer FROK.
 */
export function migrateSettings(raw: unknown): { settings: unknown; migratedFrom: number | null } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { settings: raw, migratedFrom: null };
  const record = raw as RawSettings;
  const version = record.version === undefined ? 0 : record.version;
  // Anything but a whole number is left for validation to report.
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return { settings: raw, migratedFrom: null };
  if (version > SETTINGS_VERSION) throw new NewerSettingsVersionError(version);
  if (version === SETTINGS_VERSION) return { settings: raw, migratedFrom: null };

  let current = record;
  for (let v = version; v < SETTINGS_VERSION; v++) {
    const step = MIGRATION_STEPS[v];
    if (!step) throw new Error(`FROK has no settings migration from version ${v}; this is a bug.`);
    current = { ...step(current), version: v + 1 };
  }
  return { settings: current, migratedFrom: version };
}
