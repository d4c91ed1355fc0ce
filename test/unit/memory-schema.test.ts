import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { MEMORY_MIGRATIONS, migrate, type MigrationStep } from '../../electron/main/services/memory/memory-schema';
import { MemoryStore } from '../../electron/main/services/memory/memory-store';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'frok-memory-schema-'));
  dirs.push(dir);
  return join(dir, 'memory.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const version = (db: DatabaseSync): number => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;

describe('memory schema migrations', () => {
  it('records the schema version of a new file', () => {
    const file = tempFile();
    MemoryStore.open(file).close();
    const db = new DatabaseSync(file);
    expect(version(db)).toBe(MEMORY_MIGRATIONS.length);
    db.close();
  });

  it('upgrades an older file step by step and keeps its memories', () => {
    const file = tempFile();
    const store = MemoryStore.open(file);
    store.remember({ fact: 'Kept through the upgrade' });
    store.close();

    const addPinned: MigrationStep = { description: 'pinned memories', up: (db) => db.exec('ALTER TABLE memories ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0') };
    const db = new DatabaseSync(file);
    expect(migrate(db, [...MEMORY_MIGRATIONS, addPinned])).toEqual({ kind: 'current', version: MEMORY_MIGRATIONS.length + 1 });
    expect(db.prepare('SELECT fact, pinned FROM memories').all()).toEqual([{ fact: 'Kept through the upgrade', pinned: 0 }]);
    db.close();
  });

  it('leaves the file at the last whole step when a step fails', () => {
    const file = tempFile();
    MemoryStore.open(file).close();
    const halfDone: MigrationStep = {
      description: 'fails halfway',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('disk went away');
      },
    };
    const db = new DatabaseSync(file);
    expect(() => migrate(db, [...MEMORY_MIGRATIONS, halfDone])).toThrow('disk went away');
    expect(version(db)).toBe(MEMORY_MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all()).toEqual([]);
    db.close();
  });

  it('reports a file from a newer FROK without touching it', () => {
    const db = new DatabaseSync(':memory:');
    db.exec(`PRAGMA user_version = ${MEMORY_MIGRATIONS.length + 3}`);
    expect(migrate(db)).toEqual({ kind: 'newer', version: MEMORY_MIGRATIONS.length + 3 });
    db.close();
  });
});
