import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` in one write transaction: all of it commits or none of it does. IMMEDIATE
 * takes the write lock up front, so a concurrent writer makes us wait (busy_timeout)
 * instead of failing halfway.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // Some failures (disk full, I/O) roll back by themselves; the original error matters.
    }
    throw err;
  }
}
