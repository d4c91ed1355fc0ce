/**
 * Where the settings file lives and how it is read and written. `conf` (and electron-store,
 * which is `conf` underneath) throws or wipes the file when it holds invalid JSON, so the
 * file is parsed here first and the store is only constructed once it is known to parse.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export type SettingsRead = { kind: 'missing' } | { kind: 'ok'; data: unknown } | { kind: 'corrupt'; reason: string };

export interface SettingsStorage {
  readonly path: string;
  read(): SettingsRead;
  write(data: unknown): void;
  /** Renames the file out of the way (it is kept, never deleted) and returns its new path. */
  moveAside(): string;
}

/** The part of a `conf` / electron-store instance this module uses. */
export interface ConfLike {
  path: string;
  store: Record<string, unknown>;
}

export type CreateConfStore = (options: { cwd: string; configName: string }) => ConfLike;

const CONFIG_NAME = 'settings';

export function openConfSettingsStorage(dir: string, createStore: CreateConfStore): SettingsStorage {
  const path = join(dir, `${CONFIG_NAME}.json`);
  let store: ConfLike | null = null;

  return {
    path,
    read() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        if (errorCode(err) === 'ENOENT') return { kind: 'missing' };
        return { kind: 'corrupt', reason: `it could not be opened: ${errorText(err)}` };
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (err) {
        return { kind: 'corrupt', reason: `it is not valid JSON: ${errorText(err)}` };
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        return { kind: 'corrupt', reason: 'it does not hold a JSON object' };
      }
      return { kind: 'ok', data };
    },
    write(data) {
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new TypeError('settings must be written as a JSON object');
      }
      store ??= createStore({ cwd: dir, configName: CONFIG_NAME });
      store.store = data as Record<string, unknown>;
    },
    moveAside() {
      const aside = freeAsidePath(dir, new Date());
      renameSync(path, aside);
      // The store was bound to the old file; the next write makes a fresh one.
      store = null;
      return aside;
    },
  };
}

/** `settings.corrupt-2025-01-31T10-20-30.123Z.json`, with a counter if that name is taken. */
function freeAsidePath(dir: string, now: Date): string {
  const stamp = now.toISOString().replace(/:/g, '-');
  for (let n = 0; ; n++) {
    const candidate = join(dir, `${CONFIG_NAME}.corrupt-${stamp}${n ? `-${n}` : ''}.json`);
    // rename() replaces silently on POSIX, which would delete an earlier kept file.
    if (!existsSync(candidate)) return candidate;
  }
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
