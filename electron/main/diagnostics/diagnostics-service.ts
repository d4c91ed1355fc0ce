/**
 * Logging as the services see it (redacted, recent problems remembered, secret values made
 * known to the redactor) and the two About actions: "Copy diagnostics" and "Open logs folder".
 * Main passes its file logger and its parts; a composition without them (tests, the harness)
 * gets the same behaviour in memory.
 */
import { mkdirSync } from 'node:fs';
import { release, type } from 'node:os';
import { join } from 'node:path';
import { SECRET_NAMES, type SecretName } from '@shared/domain';
import type { AppInfo } from '@shared/ipc/contract';
import type { DesktopShellPort } from '../desktop/desktop-shell-port';
import { UserFacingError } from '../errors';
import { tr } from '../i18n';
import { recordProblems, type Logger } from '../logger';
import { RecentProblems } from '../logging/recent-problems';
import { createRedactor, type Redactor } from '../logging/redact';
import { trackSecretValues } from '../services/secrets/track-secrets';
import type { SecretStore } from '../services/secrets/secret-store';
import type { SecretsService } from '../services/secrets/secrets-service';
import type { SettingsService } from '../services/settings/settings-service';
import { buildDiagnostics, sessionTypeOf } from './diagnostics';

export interface LoggingDeps {
  /** The logger passed as ServiceDeps.log already redacts with this and records into recent. */
  redactor: Redactor;
  recent: RecentProblems;
  /** The folder the log files are in. */
  logsDir: string;
}

export interface Logging {
  log: Logger;
  redactor: Redactor;
  recent: RecentProblems;
  logsDir: string;
  /** The secret store, telling the redactor each value it handles. */
  secretStore: SecretStore;
}

export function setUpLogging(o: { log: Logger; secretStore: SecretStore; dataDir: string; logging?: LoggingDeps }): Logging {
  const redactor = o.logging?.redactor ?? createRedactor();
  const recent = o.logging?.recent ?? new RecentProblems();
  const secretStore = trackSecretValues(o.secretStore, redactor);
  void secretStore.prime();
  return {
    log: o.logging ? o.log : recordProblems(o.log, recent, (text) => redactor.redact(text)),
    redactor,
    recent,
    logsDir: o.logging?.logsDir ?? join(o.dataDir, 'logs'),
    secretStore,
  };
}

export interface DiagnosticsService {
  /** The diagnostics text: see diagnostics.ts for what it holds and never holds. */
  text(): Promise<string>;
  /** Opens the logs folder in the system's file manager. */
  openLogs(): Promise<{ ok: true }>;
}

export function createDiagnosticsService(o: {
  logging: Logging;
  app: Omit<AppInfo, 'notices'>;
  notices: () => AppInfo['notices'];
  settings: SettingsService;
  secrets: SecretsService;
  shell: DesktopShellPort;
  env?: Record<string, string | undefined>;
  now?: () => Date;
}): DiagnosticsService {
  const { logging } = o;
  return {
    async text() {
      const status = await o.secrets.status();
      const secretsSet = Object.fromEntries(SECRET_NAMES.map((name) => [name, status[name].set])) as Record<SecretName, boolean>;
      return buildDiagnostics({
        app: o.app,
        notices: o.notices(),
        os: `${type()} ${release()} (${process.arch})`,
        sessionType: sessionTypeOf(o.app.platform, o.env ?? process.env),
        secretStorage: status.storage.kind,
        secretsSet,
        settings: o.settings.get(),
        problems: logging.recent.list(),
        generatedAt: o.now?.() ?? new Date(),
        redact: (text) => logging.redactor.redact(text),
      });
    },
    async openLogs() {
      try {
        mkdirSync(logging.logsDir, { recursive: true });
      } catch (err) {
        logging.log.warn('could not create the logs folder', err instanceof Error ? err.message : err);
      }
      const problem = o.shell.openPath ? await o.shell.openPath(logging.logsDir) : tr('errors:diagnostics.noDesktop');
      if (problem) {
        logging.log.warn('could not open the logs folder', problem);
        throw new UserFacingError('open_logs_failed', tr('errors:diagnostics.openLogsFailed', { problem, path: logging.logsDir }));
      }
      return { ok: true };
    },
  };
}
