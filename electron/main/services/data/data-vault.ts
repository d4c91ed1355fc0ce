/**
 * FROK's data file (`frok-data.db`): conversations, voice transcripts, memories and runs,
 * each record sealed with the data key (sealed-box.ts) before it reaches SQLite, so no
 * message, transcript or memory text is ever on disk in plain form — not in the file, its
 * WAL, or SQLite's temporary files (kept in memory). What stays readable is only what
 * the app must sort and sum by: ids, times, kinds, token counts and costs.
 *
 * The key is 32 random bytes kept in the system keychain (or the safeStorage fallback),
 * never beside the file. Opening tells the cases apart so the person can be told plainly:
 * a new install (a key is made), the key missing or not opening this file (locked — the
 * file is never touched, let alone overwritten), the keychain not answering (locked), and
 * a damaged file (moved aside with a notice, a fresh one started).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SecretStore } from '../secrets/secret-store.ts';
import { createSealedBox, DATA_KEY_BYTES, newDataKey, SealedRecordError, type SealedBox } from './sealed-box.ts';
import { describeError, isDamagedDatabaseError, moveDamagedFileAside } from './sqlite-file.ts';
import { migrate } from './sqlite-migrate.ts';
import { VAULT_MIGRATIONS } from './vault-schema.ts';

export const DATA_KEY_NAME = 'dataKey' as const;
const KEY_CHECK_PLACE = 'meta:key-check';
const KEY_CHECK_VALUE = 'FROK data key check';

export type VaultProblem =
  /** The file exists but the keychain holds no data key (a new keychain, a reinstalled system). */
  | { kind: 'key-missing' }
  /** The keychain's data key does not open this file. */
  | { kind: 'key-wrong' }
  /** The keychain did not answer; the file may be fine. */
  | { kind: 'keychain-unavailable'; detail: string }
  /** There is no file yet and no safe place to keep a new key. */
  | { kind: 'no-key-storage'; detail: string }
  /** The file could not be read or created (permissions, disk) — not damage. */
  | { kind: 'file-unavailable'; detail: string }
  /** A newer FROK wrote the file. */
  | { kind: 'newer-version'; version: number };

export type VaultOpening =
  | { kind: 'open'; vault: DataVault; /** Set when a damaged file was moved aside: where it went. */ movedAside: string | null }
  | { kind: 'locked'; problem: VaultProblem };

export interface VaultOptions {
  file: string;
  secrets: SecretStore;
  now?: () => Date;
}

/** One open data file and its key. Records are sealed with their table and id as their place. */
export class DataVault {
  private constructor(
    readonly db: DatabaseSync,
    private readonly box: SealedBox,
    readonly file: string,
  ) {}

  seal(table: string, id: string | number, value: unknown): Uint8Array {
    return this.box.seal(`${table}:${id}`, value);
  }

  /** Throws SealedRecordError for a record that does not open (changed bytes, another key). */
  unseal(table: string, id: string | number, sealed: Uint8Array): unknown {
    return this.box.open(`${table}:${id}`, sealed);
  }

  close(): void {
    try {
      this.db.close();
    } catch {
      // Already closed.
    }
  }

  /** A vault that lives only in memory with a throwaway key: the same code, nothing on disk. */
  static inMemory(): DataVault {
    const db = new DatabaseSync(':memory:');
    configure(db);
    migrate(db, VAULT_MIGRATIONS);
    return new DataVault(db, createSealedBox(newDataKey()), ':memory:');
  }

  static async open(o: VaultOptions): Promise<VaultOpening> {
    const now = o.now ?? (() => new Date());
    let key: Buffer | null;
    try {
      const stored = await o.secrets.get(DATA_KEY_NAME);
      key = stored ? Buffer.from(stored, 'base64') : null;
    } catch (err) {
      if (!existsSync(o.file)) return { kind: 'locked', problem: { kind: 'no-key-storage', detail: describeError(err) } };
      return { kind: 'locked', problem: { kind: 'keychain-unavailable', detail: describeError(err) } };
    }
    let movedAside: string | null = null;
    let db: DatabaseSync;
    let check: Uint8Array | undefined;
    try {
      ({ db, check } = prepare(o.file));
    } catch (err) {
      if (err instanceof NewerVersionError) return { kind: 'locked', problem: { kind: 'newer-version', version: err.version } };
      if (!isDamagedDatabaseError(err)) return { kind: 'locked', problem: { kind: 'file-unavailable', detail: describeError(err) } };
      try {
        movedAside = moveDamagedFileAside(o.file, now());
        ({ db, check } = prepare(o.file));
      } catch (again) {
        return { kind: 'locked', problem: { kind: 'file-unavailable', detail: describeError(again) } };
      }
    }
    if (check) {
      if (!key) {
        db.close();
        return { kind: 'locked', problem: { kind: 'key-missing' } };
      }
      const box = openingBox(key, check);
      if (!box) {
        db.close();
        return { kind: 'locked', problem: { kind: 'key-wrong' } };
      }
      return { kind: 'open', vault: new DataVault(db, box, o.file), movedAside };
    }
    // A new file (or one whose first start stopped before it was marked): make it ours.
    // A stored key of the wrong size opens nothing; it is replaced only for a file that has no data yet.
    if (!key || key.length !== DATA_KEY_BYTES) {
      key = newDataKey();
      try {
        await o.secrets.set(DATA_KEY_NAME, key.toString('base64'));
      } catch (err) {
        db.close();
        return { kind: 'locked', problem: { kind: 'no-key-storage', detail: describeError(err) } };
      }
    }
    const box = createSealedBox(key);
    db.prepare('INSERT INTO meta (name, sealed) VALUES (?, ?)').run('key-check', box.seal(KEY_CHECK_PLACE, KEY_CHECK_VALUE));
    return { kind: 'open', vault: new DataVault(db, box, o.file), movedAside };
  }

  /**
   * The person chose to start fresh from a file FROK cannot open: the file is kept aside
   * (never deleted) and a new file opened. The key in the keychain is kept and reused: if
   * it is the one the kept file was sealed with after all, that file can still be opened.
   */
  static async startFresh(o: VaultOptions): Promise<{ opening: VaultOpening; keptAt: string | null }> {
    const now = o.now ?? (() => new Date());
    const keptAt = existsSync(o.file) ? moveDamagedFileAside(o.file, now(), 'unreadable') : null;
    return { opening: await DataVault.open(o), keptAt };
  }

  /**
   * Removes the file, its WAL and shared memory, and the key: nothing of it is left. The
   * file goes first: a keychain that does not answer leaves a key that opens nothing.
   */
  static async destroy(o: VaultOptions): Promise<{ keyDeleted: boolean }> {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(o.file + suffix, { force: true });
    try {
      await o.secrets.delete(DATA_KEY_NAME);
      return { keyDeleted: true };
    } catch {
      return { keyDeleted: false };
    }
  }
}

function configure(db: DatabaseSync): void {
  // The first statement that reads the file: a file that isn't a database fails here.
  db.exec('PRAGMA journal_mode = WAL');
  // With WAL, NORMAL keeps every commit through a crash of FROK (kill -9); only power loss
  // can cost the last ones, never the file's integrity.
  db.exec('PRAGMA synchronous = NORMAL');
  // Sorts and indexes SQLite builds on the side stay in memory, never in temporary files.
  db.exec('PRAGMA temp_store = MEMORY');
  // Deleted records are overwritten, not left in free pages.
  db.exec('PRAGMA secure_delete = ON');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 3000');
}

class NewerVersionError extends Error {
  constructor(readonly version: number) {
    super(`the data file was written by a newer FROK (format ${version})`);
  }
}

/** Connects, migrates and reads the key check; damage found in any of these steps throws alike. */
function prepare(file: string): { db: DatabaseSync; check: Uint8Array | undefined } {
  const db = connect(file);
  try {
    const outcome = migrate(db, VAULT_MIGRATIONS);
    if (outcome.kind === 'newer') throw new NewerVersionError(outcome.version);
    const row = db.prepare('SELECT sealed FROM meta WHERE name = ?').get('key-check') as { sealed: Uint8Array } | undefined;
    return { db, check: row?.sealed };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The box for a key that opens the file's key check, or null for a key that does not. */
function openingBox(key: Buffer, check: Uint8Array): SealedBox | null {
  if (key.length !== DATA_KEY_BYTES) return null;
  const box = createSealedBox(key);
  try {
    box.open(KEY_CHECK_PLACE, check);
    return box;
  } catch (err) {
    if (err instanceof SealedRecordError) return null;
    throw err;
  }
}

function connect(file: string): DatabaseSync {
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  try {
    configure(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
