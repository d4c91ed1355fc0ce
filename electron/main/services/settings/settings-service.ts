/**
 * The person's settings: loaded (and migrated) once at start-up, changed only through
 * update(), which validates the whole result before anything is written or announced.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AppInfo } from '@shared/ipc/contract';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, mergeSettings, type Settings, type SettingsPatch } from '@shared/settings';
import { describeZodError, UserFacingError } from '../../errors';
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

    if (this.writeBlockedBy) throw new UserFacingError('settings_write_failed', `That setting was not saved. ${this.writeBlockedBy}`);
    try {
      this.storage.write(next.data);
    } catch (err) {
      this.log.error('could not write the settings file', { path: this.storage.path, error: errorText(err) });
      throw new UserFacingError(
        'settings_write_failed',
        `That setting was not saved: FROK could not write ${this.storage.path} (${describeWriteError(err)}). Free some disk space or check the folder's permissions, then try again.`,
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
        return this.startOverFrom(`it was written by a newer version of FROK (settings version ${err.version})`, notices);
      }
      throw err;
    }
    const parsed = SettingsSchema.safeParse(migrated.settings);
    if (!parsed.success) return this.startOverFrom(`it has invalid values: ${describeZodError(parsed.error)}`, notices);

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
      const message =
        `Your settings file could not be read (${reason}), and FROK could not rename it (${describeWriteError(err)}). ` +
        `FROK is using default settings and will not save changes until you fix or remove ${this.storage.path}.`;
      notices.push({ id: 'settings-unreadable', level: 'error', message });
      return { settings, writeBlockedBy: message };
    }
    this.log.warn('moved an unreadable settings file aside', { reason, aside });
    notices.push({
      id: 'settings-reset',
      level: 'warning',
      message: `Your settings file could not be read (${reason}), so FROK started with default settings. The old file was kept as ${aside}.`,
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
        message: `FROK could not create its settings file ${this.storage.path} (${describeWriteError(err)}). Changes to settings may not be kept; check the folder's permissions and free disk space.`,
      });
    }
  }
}

function invalidSettings(reason: string): UserFacingError {
  return new UserFacingError('invalid_settings', `That setting was not saved: ${reason}`);
}

/** Names the usual reasons a write fails in words; anything else keeps its own message. */
function describeWriteError(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return errorText(err);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
