/**
 * The facts FROK keeps about the person, in SQLite (node:sqlite) with a full-text index
 * ranked by bm25. Synchronous by design: every call is a few indexed lookups measured in
 * microseconds to a few milliseconds (see bench/memory-recall.bench.ts).
 *
 * In the app the store is a working copy in memory (`open(':memory:')`), never a plain
 * file: `attach()` loads it from sealed records in the encrypted data file
 * (data/memory-records.ts), and every change is written through to them before the call
 * returns. Opening a file path is what reading an earlier version's plain memory.db needs.
 */
import { randomBytes } from 'node:crypto';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { UserFacingError } from '../../errors.ts';
import { tr } from '../../i18n/index.ts';
import { searchTerms } from './fts-query.ts';
import { describeError, isDamagedDatabaseError, isDamagedSearchIndexError, isSqliteError, moveDamagedFileAside } from '../data/sqlite-file.ts';
import { migrate } from './memory-schema.ts';
import { MemorySearch } from './memory-search.ts';
import { inTransaction } from '../data/sqlite-transaction.ts';
import { checkTagCount, normaliseFact, validFact, validSource, validTags, type MemorySource } from './memory-validation.ts';

export type { MemorySource } from './memory-validation.ts';

/** Where a memory came from: the conversation it was saved in, who saved it, the voice session. */
export interface MemoryOrigin {
  conversationId: string | null;
  /** The specialist that saved it ('memory'), or 'voice'. */
  savedBy: string | null;
  voiceSessionId: string | null;
}

export interface Memory {
  id: string;
  fact: string;
  tags: string[];
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; moves forward when the same fact is remembered again. */
  updatedAt: string;
  source: MemorySource;
  /** Null for memories saved before FROK recorded where they came from. */
  origin: MemoryOrigin | null;
}

/**
 * Where the store keeps its memories beyond this process (sealed records in the data
 * file). Called inside the store's own transaction, so a write that fails there leaves
 * the working copy unchanged too.
 */
export interface MemoryPersistence {
  /** A throwaway in-memory file: what was saved there is carried over to the next real one. */
  readonly transient: boolean;
  all(): Memory[];
  save(memory: Memory): void;
  saveMany(memories: readonly Memory[]): void;
  delete(id: string): void;
  deleteAll(): void;
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
/** Keeps the full-text index in step with each new memory (memory-schema.ts). */
const FTS_INSERT_TRIGGER = 'memories_fts_after_insert';
/** How many matches the Memory view's search ranks at most (pages beyond are empty). */
const SEARCH_CAP = 500;

const MEMORY_COLUMNS = 'm.seq, m.id, m.fact, m.tags, m.source, m.created_at, m.updated_at, m.origin';
const INSERT_COLUMNS = '(id, fact, fact_key, tags, source, created_at, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

interface MemoryRow {
  seq: number;
  id: string;
  fact: string;
  tags: string;
  source: MemorySource;
  created_at: string;
  updated_at: string;
  origin: string | null;
}

/** Every statement the store runs, prepared once per connection. */
function prepareStatements(db: DatabaseSync) {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const byTags = 'SELECT memory_seq FROM memory_tags WHERE tag IN (SELECT value FROM json_each(?))';
  return {
    byKey: prepare(`SELECT ${MEMORY_COLUMNS} FROM memories m WHERE m.fact_key = ?`),
    byId: prepare(`SELECT ${MEMORY_COLUMNS} FROM memories m WHERE m.id = ?`),
    all: prepare(`SELECT ${MEMORY_COLUMNS} FROM memories m ORDER BY m.seq`),
    insert: prepare(`INSERT INTO memories ${INSERT_COLUMNS}`),
    // Loading records: one whose id or wording is already there is skipped, not an error.
    insertOrIgnore: prepare(`INSERT OR IGNORE INTO memories ${INSERT_COLUMNS}`),
    edit: prepare('UPDATE memories SET fact = ?, fact_key = ?, tags = ?, updated_at = ? WHERE seq = ?'),
    setOrigin: prepare('UPDATE memories SET origin = ? WHERE seq = ?'),
    clearTags: prepare('DELETE FROM memory_tags WHERE memory_seq = ?'),
    deleteAll: prepare('DELETE FROM memories'),
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
  // Memory text is plain here (the data file holds it sealed): sorts and transient indexes
  // must never spill into temporary files on disk.
  db.exec('PRAGMA temp_store = MEMORY');
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
        tr('errors:memory.newer', { path: filePath, version: outcome.version }),
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
    origin: row.origin ? (JSON.parse(row.origin) as MemoryOrigin) : null,
  };
}

/** Only the three known fields, each a short string or null; null when none is set. */
export function validOrigin(origin: unknown): MemoryOrigin | null {
  if (!origin || typeof origin !== 'object') return null;
  const o = origin as Record<string, unknown>;
  const field = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : null);
  const clean = { conversationId: field(o['conversationId']), savedBy: field(o['savedBy']), voiceSessionId: field(o['voiceSessionId']) };
  return clean.conversationId || clean.savedBy || clean.voiceSessionId ? clean : null;
}

function originJson(origin: MemoryOrigin | null): string | null {
  return origin ? JSON.stringify(origin) : null;
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
  private records: MemoryPersistence | null = null;
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
          tr('errors:memory.cannotOpen', { path: filePath, reason: describeError(err) }),
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
        tr('errors:memory.damagedStuck', { path: filePath, reason: describeError(cause), moveError: describeError(err) }),
      );
    }
    try {
      return {
        db: connect(filePath),
        notice: unavailable(
          tr('errors:memory.startedAfresh', { path: filePath, movedTo }),
        ),
      };
    } catch (err) {
      throw unavailable(
        tr('errors:memory.cannotCreate', { path: filePath, movedTo, reason: describeError(err) }),
      );
    }
  }

  /**
   * Saves a fact. Saying the same fact again (ignoring case, spacing and closing
   * punctuation) updates the existing memory — newest wording, merged tags — instead of
   * adding a second copy.
   */
  remember(o: { fact: string; tags?: string[]; source?: MemorySource; origin?: MemoryOrigin | null }): Memory {
    const fact = validFact(o?.fact);
    const tags = validTags(o?.tags);
    const source = validSource(o?.source);
    const origin = validOrigin(o?.origin);
    const key = normaliseFact(fact);
    return this.run((s, db) =>
      inTransaction(db, () => {
        const memory = this.upsert(s, { fact, key, tags, source, origin });
        this.records?.save(memory);
        return memory;
      }),
    );
  }

  private upsert(s: Statements, o: { fact: string; key: string; tags: string[]; source: MemorySource; origin: MemoryOrigin | null }): Memory {
    const at = this.now().toISOString();
    const existing = s.byKey.get(o.key) as MemoryRow | undefined;
    if (!existing) {
      const id = newMemoryId();
      const { lastInsertRowid } = s.insert.run(id, o.fact, o.key, JSON.stringify(o.tags), o.source, at, at, originJson(o.origin));
      for (const tag of o.tags) s.addTag.run(tag, lastInsertRowid);
      return { id, fact: o.fact, tags: o.tags, createdAt: at, updatedAt: at, source: o.source, origin: o.origin };
    }
    const before = toMemory(existing);
    // Where it came from is where it was first said; a memory from before provenance gets this one.
    const origin = before.origin ?? o.origin;
    if (!before.origin && origin) s.setOrigin.run(originJson(origin), existing.seq);
    const tags = checkTagCount([...new Set([...before.tags, ...o.tags])]);
    // Something the person said outranks the same thing an agent inferred.
    const source: MemorySource = before.source === 'user' || o.source === 'user' ? 'user' : 'agent';
    if (o.fact === before.fact && tags.length === before.tags.length) {
      s.touch.run(source, at, existing.seq);
    } else {
      s.rewrite.run(o.fact, JSON.stringify(tags), source, at, existing.seq);
      for (const tag of tags) s.addTag.run(tag, existing.seq);
    }
    return { ...before, fact: o.fact, tags, source, updatedAt: at, origin };
  }

  /**
   * The person's edit of one memory: new wording (and tags, when given), the same id and
   * creation time, updatedAt moved to now. Null when no memory has that id; wording
   * another memory already has is refused (UserFacingError 'invalid_memory').
   */
  edit(id: string, o: { fact: string; tags?: string[] }): Memory | null {
    const fact = validFact(o?.fact);
    const tags = o?.tags === undefined ? undefined : validTags(o.tags);
    const key = normaliseFact(fact);
    if (typeof id !== 'string' || !id.trim()) return null;
    return this.run((s, db) =>
      inTransaction(db, () => {
        const row = s.byId.get(id.trim()) as MemoryRow | undefined;
        if (!row) return null;
        const clash = s.byKey.get(key) as MemoryRow | undefined;
        if (clash && clash.seq !== row.seq) {
          throw new UserFacingError('invalid_memory', tr('errors:memory.clash', { fact: clash.fact.slice(0, 80) }));
        }
        const before = toMemory(row);
        const nextTags = tags ?? before.tags;
        const at = this.now().toISOString();
        s.edit.run(fact, key, JSON.stringify(nextTags), at, row.seq);
        s.clearTags.run(row.seq);
        for (const tag of nextTags) s.addTag.run(tag, row.seq);
        const memory: Memory = { ...before, fact, tags: nextTags, updatedAt: at };
        this.records?.save(memory);
        return memory;
      }),
    );
  }

  get(id: string): Memory | null {
    if (typeof id !== 'string' || !id.trim()) return null;
    return this.run((s) => {
      const row = s.byId.get(id.trim()) as MemoryRow | undefined;
      return row ? toMemory(row) : null;
    });
  }

  /** Every memory, oldest first: the archive of Settings → Privacy, and the legacy import's source. */
  all(): Memory[] {
    return this.run((s) => (s.all.all() as unknown as MemoryRow[]).map(toMemory));
  }

  /**
   * Memories from elsewhere (an earlier version's file), kept as they were: ids, times,
   * tags, source. One whose id is already here, or whose wording is, is left out (it was
   * imported before, or said again since). Returns the ones added, written through.
   */
  adopt(memories: readonly Memory[]): Memory[] {
    return this.run((s, db) =>
      inTransaction(db, () => {
        const added = memories.filter((m) => this.insertKept(s, m));
        this.records?.saveMany(added);
        return added;
      }),
    );
  }

  private insertKept(s: Statements, m: Memory): boolean {
    const tags = JSON.stringify(m.tags);
    const { changes, lastInsertRowid } = s.insertOrIgnore.run(m.id, m.fact, normaliseFact(m.fact), tags, m.source, m.createdAt, m.updatedAt, originJson(m.origin));
    if (Number(changes) === 0) return false;
    for (const tag of m.tags) s.addTag.run(tag, lastInsertRowid);
    return true;
  }

  /**
   * From now on this store's memories live in `records`: the working copy is replaced by
   * what they hold (one transaction), and every remember, edit and forget is written
   * through to them. What was saved while attached to a throwaway in-memory file (before
   * the data file opened, or while it was locked) is carried over into a real one.
   * Only for a store opened on ':memory:'.
   */
  attach(records: MemoryPersistence): { loaded: number; carried: number } {
    if (this.filePath !== ':memory:') throw new Error('only an in-memory memory store can be attached to sealed records');
    const carried = this.records?.transient && !records.transient && this.db ? this.all() : [];
    const loaded = records.all();
    // A new connection empties the working copy at once (no per-row index deletes).
    const db = connect(':memory:');
    const statements = prepareStatements(db);
    let carriedCount = 0;
    try {
      inTransaction(db, () => {
        this.loadInBulk(db, statements, loaded);
        const kept = carried.filter((memory) => this.insertKept(statements, memory));
        records.saveMany(kept);
        carriedCount = kept.length;
      });
    } catch (err) {
      db.close();
      throw err;
    }
    this.close();
    this.db = db;
    this.statements = statements;
    this.records = records;
    this.notice = null;
    return { loaded: loaded.length, carried: carriedCount };
  }

  /**
   * Fills an empty working copy: the full-text index is built once at the end ('rebuild')
   * rather than row by row through its insert trigger — about four times faster at 100,000.
   * Runs inside the caller's transaction, so the trigger is back before anything else runs.
   */
  private loadInBulk(db: DatabaseSync, s: Statements, memories: readonly Memory[]): void {
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(FTS_INSERT_TRIGGER) as { sql: string } | undefined;
    if (trigger) db.exec(`DROP TRIGGER ${FTS_INSERT_TRIGGER}`);
    for (const memory of memories) this.insertKept(s, memory);
    s.rebuildSearchIndex.run();
    if (trigger) db.exec(trigger.sql);
  }

  /** Every memory gone, here and in the records. */
  clear(): void {
    this.run((s, db) =>
      inTransaction(db, () => {
        s.deleteAll.run();
        this.records?.deleteAll();
      }),
    );
  }

  /**
   * Memories matching a question, best first, a page at a time (the Memory view's
   * search). `total` counts what the search found, up to its own cap.
   */
  search(o: { query: string; limit?: number; offset?: number }): { items: RecalledMemory[]; total: number } {
    const limit = clampCount(o?.limit, LIST_LIMITS.default, LIST_LIMITS.max);
    const offset = clampCount(o?.offset, 0, SEARCH_CAP, 0);
    const terms = searchTerms(typeof o?.query === 'string' ? o.query : '');
    if (terms.length === 0) {
      const page = this.list({ limit, offset });
      return { items: page.items.map((m) => ({ ...m, score: 0 })), total: page.total };
    }
    return this.run((s) => {
      const hits = s.search.search(terms, SEARCH_CAP, [], false);
      const pageHits = hits.slice(offset, offset + limit);
      if (pageHits.length === 0) return { items: [], total: hits.length };
      const rows = s.bySeqs.all(JSON.stringify(pageHits.map((hit) => hit.seq))) as unknown as MemoryRow[];
      const bySeq = new Map(rows.map((row) => [row.seq, row]));
      const items = pageHits.flatMap((hit) => {
        const row = bySeq.get(hit.seq);
        return row ? [{ ...toMemory(row), score: hit.score }] : [];
      });
      return { items, total: hits.length };
    });
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
    return this.run((s, db) =>
      inTransaction(db, () => {
        const gone = Number(s.deleteById.run(id.trim()).changes) > 0;
        if (gone) this.records?.delete(id.trim());
        return gone;
      }),
    );
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
      throw unavailable(tr('errors:memory.closed'));
    }
    try {
      return op(this.statements, this.db);
    } catch (err) {
      if (err instanceof UserFacingError || !isSqliteError(err)) throw err;
      if (isDamagedSearchIndexError(err)) return this.retryAfterRebuildingIndex(op, err);
      if (isDamagedDatabaseError(err) && this.filePath !== ':memory:') throw this.replaceDamagedFile(err);
      throw unavailable(
        tr('errors:memory.cannotUse', { path: this.filePath, reason: describeError(err) }),
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
        tr('errors:memory.indexDamaged', { path: this.filePath, reason: describeError(cause), rebuildError: describeError(err) }),
      );
    }
  }

  private replaceDamagedFile(cause: unknown): UserFacingError {
    this.close();
    const { db, notice } = MemoryStore.startAfresh(this.filePath, this.now, cause);
    this.db = db;
    this.statements = prepareStatements(db);
    this.notice = notice;
    return unavailable(tr('errors:memory.pleaseRetry', { message: notice.message }));
  }
}
