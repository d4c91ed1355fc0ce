/**
 * A SQLite file's schema as an ordered list of migration steps. `PRAGMA user_version`
 * records how many steps a file has had; opening a file runs the rest, each in its own
 * transaction, so an interrupted upgrade leaves the file at the last whole step.
 * Append new steps; never edit a released one.
 */
import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './sqlite-transaction.ts';

export interface MigrationStep {
  description: string;
  up(db: DatabaseSync): void;
}

export type MigrationOutcome = { kind: 'current'; version: number } | { kind: 'newer'; version: number };

function schemaVersion(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

/** Brings the file up to the latest schema, or reports that a newer FROK wrote it. */
export function migrate(db: DatabaseSync, steps: readonly MigrationStep[]): MigrationOutcome {
  if (schemaVersion(db) === steps.length) return { kind: 'current', version: steps.length };
  for (;;) {
    const outcome = inTransaction(db, (): MigrationOutcome | null => {
      // Read again under the write lock: another FROK process may have just migrated the file.
      const version = schemaVersion(db);
      if (version > steps.length) return { kind: 'newer', version };
      if (version === steps.length) return { kind: 'current', version };
      steps[version]!.up(db);
      // user_version is part of the transaction, so the step and its record commit together.
      db.exec(`PRAGMA user_version = ${version + 1}`);
      return null;
    });
    if (outcome) return outcome;
  }
}
