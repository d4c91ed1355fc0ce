/**
 * The person's settings: loaded (and migrated) once at start-up, changed only through
 * update(), which validates the whole result before anything is written or announced.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AppInfo } from '@shared/ipc/contract';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, mergeSettings, type Settings, type SettingsPatch } from '@shared/settings';
import { describeZodError, UserFacingError } from '../../errors';
import { tr } from '../../i18n';
import type { Logger } from '../../logger';
import { NewerSettingsVersionError, migrateSettings } from './migrations';
import type { SettingsStorage } from './settings-storage';

export type AppNotice = AppInfo['notices'][number];

export class SettingsService {
  readonly notices: readonly AppNotice[];
  private current: Settings;
  private readonly listeners = new Set<(s: Settings) => void>();
  /** Set when a damaged file could not be moved aside: writing would destroy it. */
  private readonly writeBlockedBy: string | null;

  constructor(
    private readonly storage: SettingsStorage,
    private readonly log: Logger,
  ) {
    const notices: AppNotice[] = [];
    const loaded = this.load(notices);
    this.current = loaded.settings;
    this.writeBlockedBy = loaded.writeBlockedBy;
    this.notices = notices;
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  update(patch: SettingsPatch): Settings {
    const parsedPatch = SettingsPatchSchema.safeParse(patch);
    if (!parsedPatch.success) throw invalidSettings(describeZodError(parsedPatch.error));
    const next = SettingsSchema.safeParse(mergeSettings(this.current, parsedPatch.data));
    if (!next.success) throw invalidSettings(describeZodError(next.error));
    if (isDeepStrictEqual(next.data, this.current)) return this.get();

    if (this.writeBlockedBy) throw new UserFacingError('settings_write_failed', tr('errors:settings.blocked', { reason: this.writeBlockedBy }));
    try {
      this.storage.write(next.data);
    } catch (err) {
      this.log.error('could not write the settings file', { path: this.storage.path, error: errorText(err) });
      throw new UserFacingError(
        'settings_write_failed',
        tr('errors:settings.writeFailed', { path: this.storage.path, reason: describeWriteError(err) }),
      );
    }
    this.current = next.data;
    for (const listener of this.listeners) {
      try {
        listener(this.get());
      } catch (err) {
        this.log.error('a settings listener failed', errorText(err));
      }
    }
    return this.get();
  }

  onChange(listener: (s: Settings) => void): () => void {
    // Each subscription is its own entry, so the same function subscribed twice unsubscribes once each.
    const entry = (s: Settings) => listener(s);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  private load(notices: AppNotice[]): { settings: Settings; writeBlockedBy: string | null } {
    const read = this.storage.read();
    if (read.kind === 'missing') {
      this.log.info('no settings file yet; starting with defaults', { path: this.storage.path });
      this.writeDefaults(notices);
      return { settings: structuredClone(DEFAULT_SETTINGS), writeBlockedBy: null };
    }
    if (read.kind === 'corrupt') return this.startOverFrom(read.reason, notices);

    let migrated: ReturnType<typeof migrateSettings>;
    try {
      migrated = migrateSettings(read.data);
    } catch (err) {
      if (err instanceof NewerSettingsVersionError) {
        return this.startOverFrom(tr('errors:settings.newerVersion', { version: err.version }), notices);
      }
      throw err;
    }
    const parsed = SettingsSchema.safeParse(migrated.settings);
    if (!parsed.success) return this.startOverFrom(tr('errors:settings.invalidValues', { reason: describeZodError(parsed.error) }), notices);

    if (migrated.migratedFrom !== null) {
      this.log.info('migrated the settings file', { from: migrated.migratedFrom, to: parsed.data.version });
      try {
        this.storage.write(parsed.data);
      } catch (err) {
        // The migrated settings are usable in memory; the next successful write stores them.
        this.log.warn('could not write the migrated settings file', errorText(err));
      }
    }
    return { settings: parsed.data, writeBlockedBy: null };
  }

  /** Keeps the unreadable file under a new name and starts from defaults. */
  private startOverFrom(reason: string, notices: AppNotice[]): { settings: Settings; writeBlockedBy: string | null } {
    const settings = structuredClone(DEFAULT_SETTINGS);
    let aside: string;
    try {
      aside = this.storage.moveAside();
    } catch (err) {
      this.log.error('could not move the unreadable settings file aside', { path: this.storage.path, error: errorText(err) });
      const message = tr('errors:settings.unreadable', { reason, renameError: describeWriteError(err), path: this.storage.path });
      notices.push({ id: 'settings-unreadable', level: 'error', message });
      return { settings, writeBlockedBy: message };
    }
    this.log.warn('moved an unreadable settings file aside', { reason, aside });
    notices.push({
      id: 'settings-reset',
      level: 'warning',
      message: tr('errors:settings.reset', { reason, aside }),
    });
    this.writeDefaults(notices);
    return { settings, writeBlockedBy: null };
  }

  private writeDefaults(notices: AppNotice[]): void {
    try {
      this.storage.write(DEFAULT_SETTINGS);
    } catch (err) {
      this.log.error('could not write the default settings file', { path: this.storage.path, error: errorText(err) });
      notices.push({
        id: 'settings-not-saved',
        level: 'warning',
        message: tr('errors:settings.notCreated', { path: this.storage.path, reason: describeWriteError(err) }),
      });
    }
  }
}

function invalidSettings(reason: string): UserFacingError {
  return new UserFacingError('invalid_settings', tr('errors:settings.invalid', { reason }));
}

/** Names the usual reasons a write fails in words; anything else keeps its own message. */
function describeWriteError(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  switch (code) {
    case 'ENOSPC':
      return tr('errors:files.diskFull');
    case 'EROFS':
      return tr('errors:files.readOnly');
    case 'EACCES':
    case 'EPERM':
      return tr('errors:files.permissionDenied');
    default:
      return errorText(err);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
