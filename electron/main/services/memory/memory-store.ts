/**
 * The facts FROK keeps about the person, in a local SQLite file (node:sqlite) with a
 * full-text index ranked by bm25. Synchronous by design: every call is a few indexed
 * lookups measured in microseconds to a few milliseconds (see bench/memory-recall.bench.ts).
 */
import { randomBytes } from 'node:crypto';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { UserFacingError } from '../../ipc/errors.ts';
import { searchTerms } from './fts-query.ts';
import { describeError, isDamagedDatabaseError, isDamagedSearchIndexError, isSqliteError, moveDamagedFileAside } from './memory-file.ts';
import { migrate } from './memory-schema.ts';
import { MemorySearch } from './memory-search.ts';
import { inTransaction } from './sqlite-transaction.ts';
import { checkTagCount, normaliseFact, validFact, validSource, validTags, type MemorySource } from './memory-validation.ts';

export type { MemorySource } from './memory-validation.ts';

export interface Memory {
  id: string;
  fact: string;
  tags: string[];
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; moves forward when the same fact is remembered again. */
  updatedAt: string;
  source: MemorySource;
}

/**
 * Best match first: memories with every word of the question, then those with some.
 * `score` is bm25 relevance (higher is better) for the words a memory was found by;
 * 0 when listed by recency because the question had no searchable words.
 */
export type RecalledMemory = Memory & { score: number };

export interface MemoryStoreOptions {
  now?: () => Date;
}

export const RECALL_LIMITS = { default: 5, max: 50 } as const;
export const LIST_LIMITS = { default: 20, max: 100 } as const;

const MEMORY_COLUMNS = 'm.seq, m.id, m.fact, m.tags, m.source, m.created_at, m.updated_at';

interface MemoryRow {
  seq: number;
  id: string;
  fact: string;
  tags: string;
  source: MemorySource;
  created_at: string;
  updated_at: string;
}

/** Every statement the store runs, prepared once per connection. */
function prepareStatements(db: DatabaseSync) {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const byTags = 'SELECT memory_seq FROM memory_tags WHERE tag IN (SELECT value FROM json_each(?))';
  return {
    byKey: prepare(`SELECT ${MEMORY_COLUMNS} FROM memories m WHERE m.fact_key = ?`),
    insert: prepare(
      'INSERT INTO memories (id, fact, fact_key, tags, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    rewrite: prepare('UPDATE memories SET fact = ?, tags = ?, source = ?, updated_at = ? WHERE seq = ?'),
    // Leaves fact and tags alone so the full-text triggers don't re-index an unchanged memory.
    touch: prepare('UPDATE memories SET source = ?, updated_at = ? WHERE seq = ?'),
    addTag: prepare('INSERT OR IGNORE INTO memory_tags (tag, memory_seq) VALUES (?, ?)'),
    deleteById: prepare('DELETE FROM memories WHERE id = ?'),
    bySeqs: prepare(`SELECT ${MEMORY_COLUMNS} FROM memories m WHERE m.seq IN (SELECT value FROM json_each(?))`),
    recent: prepare(`SELECT ${MEMORY_COLUMNS} FROM memories m ORDER BY m.updated_at DESC, m.seq DESC LIMIT ? OFFSET ?`),
    recentTagged: prepare(
      `SELECT ${MEMORY_COLUMNS} FROM memories m WHERE m.seq IN (${byTags}) ORDER BY m.updated_at DESC, m.seq DESC LIMIT ? OFFSET ?`,
    ),
    count: prepare('SELECT count(*) AS n FROM memories'),
    countTagged: prepare(`SELECT count(*) AS n FROM (${byTags})`),
    rebuildSearchIndex: prepare("INSERT INTO memories_fts (memories_fts) VALUES ('rebuild')"),
    search: new MemorySearch(db),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

function configure(db: DatabaseSync): void {
  // journal_mode is the first statement that reads the file, so a file that isn't a
  // database fails here (SQLITE_NOTADB) rather than halfway through a migration.
  db.exec('PRAGMA journal_mode = WAL');
  // With WAL, NORMAL only risks the last commits on power loss, never the file's integrity.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  // A second FROK process briefly holding the write lock should delay us, not fail us.
  db.exec('PRAGMA busy_timeout = 3000');
}

function unavailable(message: string): UserFacingError {
  return new UserFacingError('memory_unavailable', message);
}

/** Opens, configures and migrates one connection; closes it again if any step fails. */
function connect(filePath: string): DatabaseSync {
  const db = new DatabaseSync(filePath);
  try {
    configure(db);
    const outcome = migrate(db);
    if (outcome.kind === 'newer') {
      throw unavailable(
        `Memory is unavailable: the memory file at ${filePath} was written by a newer version of FROK (schema ${outcome.version}). Update FROK to use it; the file was left untouched.`,
      );
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function toMemory(row: MemoryRow): Memory {
  return {
    id: row.id,
    fact: row.fact,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    source: row.source,
  };
}

function clampCount(value: unknown, fallback: number, max: number, min = 1): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function newMemoryId(): string {
  return `mem_${randomBytes(8).toString('hex')}`;
}

export class MemoryStore {
  /**
   * Set when the file was damaged at open (or later) and FROK started a fresh one: says
   * what happened and where the old file was kept, for the app to show as a notice.
   */
  notice: UserFacingError | null;

  private db: DatabaseSync | null;
  private statements: Statements | null;
  private readonly filePath: string;
  private readonly now: () => Date;

  private constructor(filePath: string, db: DatabaseSync, now: () => Date, notice: UserFacingError | null) {
    this.filePath = filePath;
    this.db = db;
    this.statements = prepareStatements(db);
    this.now = now;
    this.notice = notice;
  }

  /**
   * Opens (creating if needed) the memory database at `filePath`. A damaged file is moved
   * aside and a fresh one started, with `notice` saying so; a file that can't be opened
   * at all (permissions, disk) throws UserFacingError('memory_unavailable').
   */
  static open(filePath: string | ':memory:', o: MemoryStoreOptions = {}): MemoryStore {
    const now = o.now ?? (() => new Date());
    try {
      return new MemoryStore(filePath, connect(filePath), now, null);
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      if (filePath === ':memory:' || !isDamagedDatabaseError(err)) {
        throw unavailable(
          `Memory is unavailable: FROK couldn't open its memory file at ${filePath} (${describeError(err)}). Check that the folder exists and FROK may read and write it, then restart FROK.`,
        );
      }
      const { db, notice } = MemoryStore.startAfresh(filePath, now, err);
      return new MemoryStore(filePath, db, now, notice);
    }
  }

  private static startAfresh(filePath: string, now: () => Date, cause: unknown): { db: DatabaseSync; notice: UserFacingError } {
    let movedTo: string;
    try {
      movedTo = moveDamagedFileAside(filePath, now());
    } catch (err) {
      throw unavailable(
        `Memory is unavailable: the memory file at ${filePath} is damaged (${describeError(cause)}) and FROK couldn't move it aside (${describeError(err)}). Move or delete that file, then restart FROK.`,
      );
    }
    try {
      return {
        db: connect(filePath),
        notice: unavailable(
          `FROK's memory file at ${filePath} was damaged, so earlier memories are unavailable. The old file was kept at ${movedTo}; FROK started a new, empty memory.`,
        ),
      };
    } catch (err) {
      throw unavailable(
        `Memory is unavailable: FROK moved a damaged memory file to ${movedTo} but couldn't create a new one at ${filePath} (${describeError(err)}). Check that the folder is writable, then restart FROK.`,
      );
    }
  }

  /**
   * Saves a fact. Saying the same fact again (ignoring case, spacing and closing
   * punctuation) updates the existing memory — newest wording, merged tags — instead of
   * adding a second copy.
   */
  remember(o: { fact: string; tags?: string[]; source?: MemorySource }): Memory {
    const fact = validFact(o?.fact);
    const tags = validTags(o?.tags);
    const source = validSource(o?.source);
    const key = normaliseFact(fact);
    return this.run((s, db) => inTransaction(db, () => this.upsert(s, { fact, key, tags, source })));
  }

  private upsert(s: Statements, o: { fact: string; key: string; tags: string[]; source: MemorySource }): Memory {
    const at = this.now().toISOString();
    const existing = s.byKey.get(o.key) as MemoryRow | undefined;
    if (!existing) {
      const id = newMemoryId();
      const { lastInsertRowid } = s.insert.run(id, o.fact, o.key, JSON.stringify(o.tags), o.source, at, at);
      for (const tag of o.tags) s.addTag.run(tag, lastInsertRowid);
      return { id, fact: o.fact, tags: o.tags, createdAt: at, updatedAt: at, source: o.source };
    }
    const before = toMemory(existing);
    const tags = checkTagCount([...new Set([...before.tags, ...o.tags])]);
    // Something the person said outranks the same thing an agent inferred.
    const source: MemorySource = before.source === 'user' || o.source === 'user' ? 'user' : 'agent';
    if (o.fact === before.fact && tags.length === before.tags.length) {
      s.touch.run(source, at, existing.seq);
    } else {
      s.rewrite.run(o.fact, JSON.stringify(tags), source, at, existing.seq);
      for (const tag of tags) s.addTag.run(tag, existing.seq);
    }
    return { ...before, fact: o.fact, tags, source, updatedAt: at };
  }

  /**
   * The memories most relevant to a free-text question, best first. A question with no
   * searchable words ("what do you remember?") returns the most recent memories.
   * `tags` keeps only memories filed under at least one of them; `allWords` keeps only
   * memories containing every searchable word of the question.
   */
  recall(o: { query: string; limit?: number; tags?: string[]; allWords?: boolean }): RecalledMemory[] {
    const limit = clampCount(o?.limit, RECALL_LIMITS.default, RECALL_LIMITS.max);
    const tags = validTags(o?.tags);
    const terms = searchTerms(typeof o?.query === 'string' ? o.query : '');
    return this.run((s) => {
      if (terms.length === 0) {
        const rows = (tags.length ? s.recentTagged.all(JSON.stringify(tags), limit, 0) : s.recent.all(limit, 0)) as unknown as MemoryRow[];
        return rows.map((row) => ({ ...toMemory(row), score: 0 }));
      }
      const hits = s.search.search(terms, limit, tags, o?.allWords === true);
      if (hits.length === 0) return [];
      const rows = s.bySeqs.all(JSON.stringify(hits.map((hit) => hit.seq))) as unknown as MemoryRow[];
      const bySeq = new Map(rows.map((row) => [row.seq, row]));
      return hits.flatMap((hit) => {
        const row = bySeq.get(hit.seq);
        return row ? [{ ...toMemory(row), score: hit.score }] : [];
      });
    });
  }

  /** Deletes a memory; false when no memory has that id. */
  forget(id: string): boolean {
    if (typeof id !== 'string' || !id.trim()) return false;
    return this.run((s) => Number(s.deleteById.run(id.trim()).changes) > 0);
  }

  /** Memories newest first, a page at a time, with the total for "showing 1–20 of 143". */
  list(o: { limit?: number; offset?: number; tag?: string } = {}): { items: Memory[]; total: number } {
    const limit = clampCount(o.limit, LIST_LIMITS.default, LIST_LIMITS.max);
    const offset = clampCount(o.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    const tag = typeof o.tag === 'string' ? o.tag.trim().toLowerCase() : '';
    return this.run((s) => {
      if (!tag) {
        const rows = s.recent.all(limit, offset) as unknown as MemoryRow[];
        return { items: rows.map(toMemory), total: Number((s.count.get() as { n: number }).n) };
      }
      const tagJson = JSON.stringify([tag]);
      const rows = s.recentTagged.all(tagJson, limit, offset) as unknown as MemoryRow[];
      return { items: rows.map(toMemory), total: Number((s.countTagged.get(tagJson) as { n: number }).n) };
    });
  }

  count(): number {
    return this.run((s) => Number((s.count.get() as { n: number }).n));
  }

  /** Safe to call more than once; later calls to other methods report memory as unavailable. */
  close(): void {
    const db = this.db;
    this.db = null;
    this.statements = null;
    try {
      db?.close();
    } catch {
      // Already closed by a failed recovery; nothing left to release.
    }
  }

  /**
   * Runs one operation against the database, turning SQLite failures into errors a person
   * can act on. A damaged full-text index is rebuilt from the memories and the operation
   * retried; a damaged file is moved aside and replaced, and the caller told to try again.
   */
  private run<T>(op: (s: Statements, db: DatabaseSync) => T): T {
    if (!this.db || !this.statements) {
      throw unavailable('Memory is unavailable because its store was closed. Restart FROK if this keeps happening.');
    }
    try {
      return op(this.statements, this.db);
    } catch (err) {
      if (err instanceof UserFacingError || !isSqliteError(err)) throw err;
      if (isDamagedSearchIndexError(err)) return this.retryAfterRebuildingIndex(op, err);
      if (isDamagedDatabaseError(err) && this.filePath !== ':memory:') throw this.replaceDamagedFile(err);
      throw unavailable(
        `Memory is unavailable right now: FROK couldn't use its memory file at ${this.filePath} (${describeError(err)}). Check that the disk has free space and the file is accessible, then try again.`,
      );
    }
  }

  private retryAfterRebuildingIndex<T>(op: (s: Statements, db: DatabaseSync) => T, cause: unknown): T {
    const s = this.statements!;
    try {
      s.rebuildSearchIndex.run();
      return op(s, this.db!);
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      if (isDamagedDatabaseError(err) && this.filePath !== ':memory:') throw this.replaceDamagedFile(err);
      throw unavailable(
        `Memory search is unavailable: its index in ${this.filePath} is damaged (${describeError(cause)}) and rebuilding it failed (${describeError(err)}). Restart FROK; if it persists, move that file aside.`,
      );
    }
  }

  private replaceDamagedFile(cause: unknown): UserFacingError {
    this.close();
    const { db, notice } = MemoryStore.startAfresh(this.filePath, this.now, cause);
    this.db = db;
    this.statements = prepareStatements(db);
    this.notice = notice;
    return unavailable(`${notice.message} Please try again.`);
  }
}
