/**
 * The memory database's schema, as an ordered list of migration steps. `PRAGMA
 * user_version` records how many steps a file has had; opening a file runs the rest, each
 * in its own transaction, so an interrupted upgrade leaves the file at the last whole step.
 * Append new steps; never edit a released one.
 */
import { migrate as migrateSteps, type MigrationOutcome, type MigrationStep } from '../data/sqlite-migrate.ts';
import type { DatabaseSync } from 'node:sqlite';

export type { MigrationStep } from '../data/sqlite-migrate.ts';

/**
 * Why external-content FTS5 (fed by triggers) rather than contentless: each fact is stored
 * once, in `memories`; the index can be rebuilt from that table at any time
 * (`'rebuild'`), which repairs a damaged index or applies a tokenizer change without
 * losing memories; and the triggers keep the index in step inside the same transaction.
 *
 * `tags` is indexed as a second column (a JSON list is tokenised into its words), so a
 * question about "lighting" finds facts filed under that tag; `memory_tags` is the exact
 * tag index used for filtering.
 */
export const MEMORY_MIGRATIONS: readonly MigrationStep[] = [
  {
    description: 'memories, their tags, and a full-text index over both',
    up(db) {
      db.exec(`
        CREATE TABLE memories (
          seq        INTEGER PRIMARY KEY,
          id         TEXT NOT NULL UNIQUE,
          fact       TEXT NOT NULL,
          fact_key   TEXT NOT NULL UNIQUE,
          tags       TEXT NOT NULL DEFAULT '[]',
          source     TEXT NOT NULL CHECK (source IN ('user', 'agent')),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX memories_by_recency ON memories (updated_at DESC, seq DESC);

        CREATE TABLE memory_tags (
          tag        TEXT NOT NULL,
          memory_seq INTEGER NOT NULL REFERENCES memories (seq) ON DELETE CASCADE,
          PRIMARY KEY (tag, memory_seq)
        ) WITHOUT ROWID;
        CREATE INDEX memory_tags_by_memory ON memory_tags (memory_seq);

        CREATE VIRTUAL TABLE memories_fts USING fts5 (
          fact, tags,
          content = 'memories', content_rowid = 'seq',
          tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER memories_fts_after_insert AFTER INSERT ON memories BEGIN
          INSERT INTO memories_fts (rowid, fact, tags) VALUES (new.seq, new.fact, new.tags);
        END;
        CREATE TRIGGER memories_fts_after_delete AFTER DELETE ON memories BEGIN
          INSERT INTO memories_fts (memories_fts, rowid, fact, tags) VALUES ('delete', old.seq, old.fact, old.tags);
        END;
        CREATE TRIGGER memories_fts_after_update AFTER UPDATE OF fact, tags ON memories BEGIN
          INSERT INTO memories_fts (memories_fts, rowid, fact, tags) VALUES ('delete', old.seq, old.fact, old.tags);
          INSERT INTO memories_fts (rowid, fact, tags) VALUES (new.seq, new.fact, new.tags);
        END;
      `);
    },
  },
  {
    // Where a memory came from (conversation, who saved it, voice session), as JSON or NULL.
    description: 'where each memory came from',
    up(db) {
      db.exec('ALTER TABLE memories ADD COLUMN origin TEXT');
    },
  },
];

/** Brings the memory file up to the latest schema, or reports that a newer FROK wrote it. */
export function migrate(db: DatabaseSync, steps: readonly MigrationStep[] = MEMORY_MIGRATIONS): MigrationOutcome {
  return migrateSteps(db, steps);
}
