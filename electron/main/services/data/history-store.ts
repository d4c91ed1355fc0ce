/**
 * Every conversation, typed or spoken, in the data file: each title and message sealed,
 * written as it happens. Lists and opened conversations are read from the file (a page of
 * titles or one conversation's messages is quick to decrypt). Search reads a full-text
 * index of the decrypted text held in an in-memory SQLite database that never touches the
 * disk (temp_store = MEMORY); it is built in the background after start, a batch at a time,
 * so a long history does not hold up FROK's start, and searches wait for it.
 *
 * Deleting hides a conversation at once for an undo window, then removes it from the file
 * for good; anything still marked at the next start is removed then.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { z } from 'zod';
import type { DataVault } from './data-vault.ts';
import { inTransaction } from './sqlite-transaction.ts';

export const CONVERSATION_KINDS = ['typed', 'voice'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

const SealedConversationSchema = z.object({ title: z.string(), renamed: z.boolean() }).strict();

const ToolCallSchema = z.object({ name: z.string(), arguments: z.string(), output: z.string().nullable() }).strict();
const SealedMessageSchema = z
  .object({
    role: z.enum(['user', 'assistant', 'tool']),
    text: z.string(),
    runId: z.string().nullable(),
    cutOff: z.boolean().optional(),
    /** A voice session's tool call (the typed ones are in the run's timeline). */
    tool: ToolCallSchema.optional(),
    /** The specialists that helped with this answer, by their names. */
    helpers: z.array(z.string()).optional(),
  })
  .strict();
export type MessageRecord = z.infer<typeof SealedMessageSchema>;

export interface HistoryMessage extends MessageRecord {
  seq: number;
  /** ms since the epoch. */
  at: number;
}

export interface ConversationSummary {
  id: string;
  kind: ConversationKind;
  title: string;
  startedAt: number;
  updatedAt: number;
  messageCount: number;
}

export interface ConversationRecord extends ConversationSummary {
  messages: HistoryMessage[];
}

/** A piece of a found message: `match` marks the words that matched. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  conversationId: string;
  kind: ConversationKind;
  title: string;
  seq: number;
  at: number;
  role: MessageRecord['role'];
  snippet: SnippetPart[];
}

export const UNDO_WINDOW_MS = 30_000;
const TITLE_CHARS = 80;
const MARK_START = '\u0002';
const MARK_END = '\u0003';

/** How a conversation is named before the person renames it: its first question, on one line. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  if (!line) return 'Untitled conversation';
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1).trimEnd()}…` : line;
}

/**
 * What a person types into the search box, as an FTS5 query: every word must appear, the
 * last one may be the start of a word (search as you type). Words are quoted, so nothing
 * typed is read as an FTS5 operator.
 */
export function historyQuery(input: string): string | null {
  const words = input.slice(0, 500).normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  if (words.length === 0) return null;
  const last = words.length - 1;
  return words
    .slice(0, 12)
    .map((w, i) => (i === Math.min(last, 11) ? `"${w}"*` : `"${w}"`))
    .join(' ');
}

function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = marked;
  while (rest.length > 0) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MARK_END, start);
    const stop = end < 0 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), match: true });
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}


interface ConversationRow {
  id: string;
  kind: ConversationKind;
  started_at: number;
  updated_at: number;
  sealed: Uint8Array;
  message_count: number;
}

interface MessageRow {
  seq: number;
  conversation_id: string;
  at: number;
  sealed: Uint8Array;
}

/** A message is sealed to its conversation and place: moved onto another row or conversation, it does not open. */
function messagePlace(conversationId: string, seq: number): string {
  return `${conversationId}:${seq}`;
}

/** Messages decrypted into the index per turn of the event loop while it is built. */
const INDEX_BATCH = 200;

function createIndex(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec('PRAGMA temp_store = MEMORY');
  db.exec(`
    CREATE TABLE msg (seq INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, at INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL);
    CREATE INDEX msg_by_conversation ON msg (conversation_id);
    CREATE TABLE hidden (conversation_id TEXT PRIMARY KEY);
    CREATE VIRTUAL TABLE msg_fts USING fts5 (text, content = 'msg', content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE TRIGGER msg_fts_insert AFTER INSERT ON msg BEGIN INSERT INTO msg_fts (rowid, text) VALUES (new.seq, new.text); END;
    CREATE TRIGGER msg_fts_delete AFTER DELETE ON msg BEGIN INSERT INTO msg_fts (msg_fts, rowid, text) VALUES ('delete', old.seq, old.text); END;
  `);
  return db;
}

const COUNT = '(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count';

function prepare(disk: DatabaseSync, index: DatabaseSync) {
  const d = (sql: string): StatementSync => disk.prepare(sql);
  const i = (sql: string): StatementSync => index.prepare(sql);
  return {
    disk: {
      conversation: d(`SELECT c.id, c.kind, c.started_at, c.updated_at, c.sealed, ${COUNT} FROM conversations c WHERE c.id = ? AND c.deleted_at IS NULL`),
      conversationAnyState: d('SELECT id, deleted_at FROM conversations WHERE id = ?'),
      page: d(
        `SELECT c.id, c.kind, c.started_at, c.updated_at, c.sealed, ${COUNT} FROM conversations c WHERE c.deleted_at IS NULL AND c.updated_at < ? ORDER BY c.updated_at DESC LIMIT ?`,
      ),
      count: d('SELECT count(*) AS n FROM conversations WHERE deleted_at IS NULL'),
      oldestFirst: d('SELECT id FROM conversations WHERE deleted_at IS NULL ORDER BY started_at'),
      messagesOf: d('SELECT seq, conversation_id, at, sealed FROM messages WHERE conversation_id = ? ORDER BY seq'),
      messagesAfter: d('SELECT seq, conversation_id, at, sealed FROM messages WHERE seq > ? ORDER BY seq LIMIT ?'),
      hiddenIds: d('SELECT id FROM conversations WHERE deleted_at IS NOT NULL'),
      insertConversation: d('INSERT INTO conversations (id, kind, started_at, updated_at, sealed) VALUES (?, ?, ?, ?, ?)'),
      touchConversation: d('UPDATE conversations SET updated_at = ? WHERE id = ?'),
      resealConversation: d('UPDATE conversations SET sealed = ? WHERE id = ?'),
      markDeleted: d('UPDATE conversations SET deleted_at = ? WHERE id = ?'),
      deletedBefore: d('SELECT id FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?'),
      deleteConversation: d('DELETE FROM conversations WHERE id = ?'),
      staleConversations: d('SELECT id FROM conversations WHERE updated_at < ?'),
      insertMessage: d('INSERT INTO messages (seq, conversation_id, at, sealed) VALUES (?, ?, ?, ?)'),
      maxSeq: d('SELECT coalesce(max(seq), 0) AS n FROM messages'),
      deleteEverything: d('DELETE FROM conversations'),
    },
    index: {
      insertMessage: i('INSERT OR IGNORE INTO msg (seq, conversation_id, at, role, text) VALUES (?, ?, ?, ?, ?)'),
      hide: i('INSERT OR IGNORE INTO hidden (conversation_id) VALUES (?)'),
      unhide: i('DELETE FROM hidden WHERE conversation_id = ?'),
      deleteMessagesOf: i('DELETE FROM msg WHERE conversation_id = ?'),
      search: i(`
        SELECT m.seq, m.at, m.role, m.conversation_id,
               snippet(msg_fts, 0, '${MARK_START}', '${MARK_END}', '…', 16) AS marked
        FROM msg_fts JOIN msg m ON m.seq = msg_fts.rowid
        WHERE msg_fts MATCH ? AND m.conversation_id NOT IN (SELECT conversation_id FROM hidden)
        ORDER BY msg_fts.rowid DESC LIMIT ?`),
      clear: i('DELETE FROM msg'),
      clearHidden: i('DELETE FROM hidden'),
    },
  };
}

export interface HistoryStoreOptions {
  now?: () => number;
}

export class HistoryStore {
  private readonly index = createIndex();
  private readonly s: ReturnType<typeof prepare>;
  private nextSeq: number;
  private readonly now: () => number;
  /** Decrypted titles, by conversation: lists and search hits read them often. */
  private readonly titles = new Map<string, { title: string; renamed: boolean }>();
  private closed = false;
  /** Settles once every message written before start is in the search index. */
  readonly indexed: Promise<void>;
  /** Records that did not open: counted for the notice, left in the file untouched. */
  unreadable = 0;

  constructor(
    private readonly vault: DataVault,
    o: HistoryStoreOptions = {},
  ) {
    this.now = o.now ?? Date.now;
    this.s = prepare(vault.db, this.index);
    this.purgeDeleted(this.now());
    for (const { id } of this.s.disk.hiddenIds.all() as { id: string }[]) this.s.index.hide.run(id);
    this.nextSeq = Number((this.s.disk.maxSeq.get() as { n: number }).n) + 1;
    this.indexed = this.buildIndex(this.nextSeq - 1);
  }

  /** Decrypts what was written before start into the index, a batch per turn of the event loop. */
  private async buildIndex(upTo: number): Promise<void> {
    let cursor = 0;
    while (!this.closed && cursor < upTo) {
      const rows = this.s.disk.messagesAfter.all(cursor, INDEX_BATCH) as unknown as MessageRow[];
      if (rows.length === 0) break;
      inTransaction(this.index, () => {
        for (const row of rows) {
          if (row.seq > upTo) break;
          const record = this.openRecord(SealedMessageSchema, 'messages', messagePlace(row.conversation_id, row.seq), row.sealed);
          if (record) this.indexMessage(row.seq, row.conversation_id, row.at, record);
        }
      });
      cursor = rows.at(-1)!.seq;
      await nextTurn();
    }
  }

  private openRecord<T>(schema: z.ZodType<T>, table: string, id: string | number, sealed: Uint8Array): T | null {
    try {
      const parsed = schema.safeParse(this.vault.unseal(table, id, sealed));
      if (parsed.success) return parsed.data;
    } catch {
      // Counted below; the record stays in the file as it is.
    }
    this.unreadable++;
    return null;
  }

  private indexMessage(seq: number, conversationId: string, at: number, record: MessageRecord): void {
    const searchable = record.tool ? `${record.tool.name} ${record.text}` : record.text;
    this.s.index.insertMessage.run(seq, conversationId, at, record.role, searchable);
  }

  private titleOf(row: { id: string; sealed: Uint8Array }): { title: string; renamed: boolean } {
    const cached = this.titles.get(row.id);
    if (cached) return cached;
    const opened = this.openRecord(SealedConversationSchema, 'conversations', row.id, row.sealed) ?? { title: 'Unreadable conversation', renamed: false };
    this.titles.set(row.id, opened);
    return opened;
  }

  private summary(row: ConversationRow): ConversationSummary {
    return { id: row.id, kind: row.kind, title: this.titleOf(row).title, startedAt: row.started_at, updatedAt: row.updated_at, messageCount: Number(row.message_count) };
  }

  /**
   * Adds a message, starting the conversation if it is new (named after its first
   * question). Written to the file before it is shown anywhere, so a turn the window
   * shows survives FROK being killed a moment later.
   */
  append(conversationId: string, kind: ConversationKind, record: MessageRecord, at: number = this.now()): HistoryMessage {
    const message = SealedMessageSchema.parse(record);
    const existing = this.s.disk.conversationAnyState.get(conversationId) as { id: string; deleted_at: number | null } | undefined;
    // An answer still arriving for a conversation the person deleted is not kept (nor does it bring the conversation back).
    if (existing?.deleted_at != null) return { ...message, seq: 0, at };
    const seq = this.nextSeq++;
    inTransaction(this.vault.db, () => {
      if (!existing) {
        const title = { title: titleFrom(message.role === 'user' ? message.text : ''), renamed: false };
        this.s.disk.insertConversation.run(conversationId, kind, at, at, this.vault.seal('conversations', conversationId, title));
        this.titles.set(conversationId, title);
      } else {
        this.s.disk.touchConversation.run(at, conversationId);
      }
      this.s.disk.insertMessage.run(seq, conversationId, at, this.vault.seal('messages', messagePlace(conversationId, seq), message));
    });
    if (existing) this.maybeTitleFromFirstQuestion(conversationId, message);
    this.indexMessage(seq, conversationId, at, message);
    return { ...message, seq, at };
  }

  /** A conversation that began with FROK speaking (voice) is named after the person's first words. */
  private maybeTitleFromFirstQuestion(id: string, message: MessageRecord): void {
    if (message.role !== 'user') return;
    const row = this.s.disk.conversation.get(id) as ConversationRow | undefined;
    if (!row) return;
    const current = this.titleOf(row);
    if (current.renamed || current.title !== titleFrom('')) return;
    this.setTitle(id, titleFrom(message.text), false);
  }

  private setTitle(id: string, title: string, renamed: boolean): void {
    this.s.disk.resealConversation.run(this.vault.seal('conversations', id, { title, renamed }), id);
    this.titles.set(id, { title, renamed });
  }

  get(id: string): ConversationRecord | null {
    const row = this.s.disk.conversation.get(id) as ConversationRow | undefined;
    if (!row) return null;
    const messages = (this.s.disk.messagesOf.all(id) as unknown as MessageRow[]).flatMap((m) => {
      const record = this.openRecord(SealedMessageSchema, 'messages', messagePlace(m.conversation_id, m.seq), m.sealed);
      return record ? [{ ...record, seq: m.seq, at: m.at }] : [];
    });
    return { ...this.summary(row), messages };
  }

  /** Newest first, a page at a time: `before` is the updatedAt of the last one already shown. */
  list(o: { limit?: number; before?: number } = {}): { items: ConversationSummary[]; total: number } {
    const limit = Math.min(200, Math.max(1, Math.floor(o.limit ?? 50)));
    const rows = this.s.disk.page.all(o.before ?? Number.MAX_SAFE_INTEGER, limit) as unknown as ConversationRow[];
    return { items: rows.map((r) => this.summary(r)), total: Number((this.s.disk.count.get() as { n: number }).n) };
  }

  /** Messages containing every word typed (the last may be unfinished), newest first; waits for the index. */
  async search(text: string, limit = 50): Promise<SearchHit[]> {
    const query = historyQuery(text);
    if (!query) return [];
    await this.indexed;
    const rows = this.s.index.search.all(query, Math.min(200, Math.max(1, limit))) as {
      seq: number;
      at: number;
      role: MessageRecord['role'];
      conversation_id: string;
      marked: string;
    }[];
    return rows.flatMap((r) => {
      const conversation = this.s.disk.conversation.get(r.conversation_id) as ConversationRow | undefined;
      if (!conversation) return [];
      return [{ conversationId: r.conversation_id, kind: conversation.kind, title: this.titleOf(conversation).title, seq: r.seq, at: r.at, role: r.role, snippet: snippetParts(r.marked) }];
    });
  }

  rename(id: string, title: string): ConversationSummary | null {
    const clean = title.replace(/\s+/gu, ' ').trim().slice(0, 200);
    if (!this.s.disk.conversation.get(id)) return null;
    this.setTitle(id, clean || titleFrom(''), clean.length > 0);
    return this.summary(this.s.disk.conversation.get(id) as unknown as ConversationRow);
  }

  /** Hides the conversation at once; it is removed for good after the undo window. */
  delete(id: string): boolean {
    if (!this.s.disk.conversation.get(id)) return false;
    this.s.disk.markDeleted.run(this.now(), id);
    this.s.index.hide.run(id);
    return true;
  }

  undoDelete(id: string): boolean {
    const row = this.s.disk.conversationAnyState.get(id) as { id: string; deleted_at: number | null } | undefined;
    if (!row || row.deleted_at === null) return false;
    this.s.disk.markDeleted.run(null, id);
    this.s.index.unhide.run(id);
    return true;
  }

  /** Removes for good what was deleted before `cutoff` (default: past the undo window). */
  purgeDeleted(cutoff: number = this.now() - UNDO_WINDOW_MS): void {
    const gone = this.s.disk.deletedBefore.all(cutoff) as { id: string }[];
    inTransaction(this.vault.db, () => {
      for (const { id } of gone) this.s.disk.deleteConversation.run(id);
    });
    for (const { id } of gone) this.forgetInIndex(id);
  }

  /** Removes conversations last used more than `days` ago (Settings → Privacy). */
  prune(days: number): number {
    if (!Number.isFinite(days) || days <= 0) return 0;
    const stale = this.s.disk.staleConversations.all(this.now() - days * 86_400_000) as { id: string }[];
    inTransaction(this.vault.db, () => {
      for (const { id } of stale) this.s.disk.deleteConversation.run(id);
    });
    for (const { id } of stale) this.forgetInIndex(id);
    return stale.length;
  }

  /** One conversation, gone from the file at once (no undo): a half-finished import is redone. */
  removeForGood(id: string): void {
    this.s.disk.deleteConversation.run(id);
    this.forgetInIndex(id);
  }

  /** Every conversation, gone from the file and from memory. */
  deleteAll(): void {
    this.s.disk.deleteEverything.run();
    this.s.index.clear.run();
    this.s.index.clearHidden.run();
    this.titles.clear();
  }

  /** Every conversation (for export), oldest first. */
  *all(): Generator<ConversationRecord> {
    for (const { id } of this.s.disk.oldestFirst.all() as { id: string }[]) {
      const c = this.get(id);
      if (c && c.messages.length > 0) yield c;
    }
  }

  private forgetInIndex(id: string): void {
    this.s.index.deleteMessagesOf.run(id);
    this.s.index.unhide.run(id);
    this.titles.delete(id);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.index.close();
  }
}
