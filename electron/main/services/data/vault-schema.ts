/**
 * The data file's tables. Every `sealed` column holds one record sealed with the data key
 * (JSON inside); the plain columns are only what sorting, paging and totals need.
 */
import type { MigrationStep } from './sqlite-migrate.ts';

export const VAULT_MIGRATIONS: readonly MigrationStep[] = [
  {
    description: 'conversations and their messages, memories, runs and their usage',
    up(db) {
      db.exec(`
        CREATE TABLE meta (name TEXT PRIMARY KEY, sealed BLOB NOT NULL);

        -- kind: 'typed' (main window, quick ask) or 'voice'. deleted_at: deleted, undo still possible.
        CREATE TABLE conversations (
          id         TEXT PRIMARY KEY,
          kind       TEXT NOT NULL CHECK (kind IN ('typed', 'voice')),
          started_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          deleted_at INTEGER,
          sealed     BLOB NOT NULL
        );
        CREATE INDEX conversations_by_recency ON conversations (updated_at DESC);

        CREATE TABLE messages (
          seq             INTEGER PRIMARY KEY,
          conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
          at              INTEGER NOT NULL,
          sealed          BLOB NOT NULL
        );
        CREATE INDEX messages_by_conversation ON messages (conversation_id, seq);

        CREATE TABLE memories (
          id         TEXT PRIMARY KEY,
          updated_at INTEGER NOT NULL,
          sealed     BLOB NOT NULL
        );

        CREATE TABLE runs (
          id         TEXT PRIMARY KEY,
          started_at INTEGER NOT NULL,
          sealed     BLOB NOT NULL
        );
        CREATE INDEX runs_by_start ON runs (started_at DESC);

        -- One row per agent of a run that used tokens: the Activity totals per day, month and specialist.
        CREATE TABLE run_usage (
          run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          at            INTEGER NOT NULL,
          specialist    TEXT NOT NULL,
          input_tokens  INTEGER NOT NULL,
          output_tokens INTEGER NOT NULL,
          cost_usd      REAL
        );
        CREATE INDEX run_usage_by_time ON run_usage (at);
      `);
    },
  },
];
