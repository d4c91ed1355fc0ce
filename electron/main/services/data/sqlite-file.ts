/**
 * What to do with a database file SQLite can't use: tell damage (the bytes are not
 * a usable database — keep them aside and start afresh) from inaccessibility (permissions,
 * a full or failing disk — starting afresh would hide data the person still has).
 */
import { existsSync, renameSync } from 'node:fs';

// SQLite result codes (https://sqlite.org/rescode.html).
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
const SQLITE_CORRUPT_VTAB = 267;

/** node:sqlite errors carry SQLite's extended result code as `errcode`. */
function extendedCode(err: unknown): number | null {
  if (typeof err !== 'object' || err === null || !('errcode' in err)) return null;
  const code = (err as { errcode: unknown }).errcode;
  return typeof code === 'number' ? code : null;
}

export function isSqliteError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ERR_SQLITE_ERROR';
}

/** Only the full-text index is damaged: it can be rebuilt from the memories themselves. */
export function isDamagedSearchIndexError(err: unknown): boolean {
  return extendedCode(err) === SQLITE_CORRUPT_VTAB;
}

export function isDamagedDatabaseError(err: unknown): boolean {
  const code = extendedCode(err);
  if (code === null) return false;
  return (code & 0xff) === SQLITE_CORRUPT || (code & 0xff) === SQLITE_NOTADB;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * Renames the database and its WAL/shared-memory companions to `<file>.damaged-<time>…`
 * (or `.unreadable-…` for a file the person chose to set aside).
 * The WAL must move with it: left behind, SQLite would replay its pages into the fresh file.
 * Returns the new path of the database file.
 */
export function moveDamagedFileAside(filePath: string, now: Date, why: 'damaged' | 'unreadable' = 'damaged'): string {
  const stamp = now.toISOString().replace(/[:.]/gu, '-'); // ':' is not allowed in Windows file names
  let aside = `${filePath}.${why}-${stamp}`;
  for (let n = 2; existsSync(aside); n++) aside = `${filePath}.${why}-${stamp}-${n}`;
  renameSync(filePath, aside);
  for (const companion of ['-wal', '-shm']) {
    if (existsSync(filePath + companion)) renameSync(filePath + companion, aside + companion);
  }
  return aside;
}
