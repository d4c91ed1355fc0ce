/**
 * An earlier version's plain memory.db, brought into the sealed data file: every memory
 * kept as it was, the old file removed only once all of them read back from the new file,
 * and kept — untouched — when anything goes wrong.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/main/logger';
import { DataVault } from '../../electron/main/services/data/data-vault';
import { importLegacyMemories } from '../../electron/main/services/data/legacy-memory-import';
import { MemoryRecords } from '../../electron/main/services/data/memory-records';
import { MemoryStore, type Memory } from '../../electron/main/services/memory/memory-store';
import { MEMORY_MIGRATIONS } from '../../electron/main/services/memory/memory-schema';
import { memorySecretStore } from '../support/node-services';

const dirs: string[] = [];
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const thing of opened.splice(0).reverse()) thing.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'frok-legacy-memory-'));
  dirs.push(dir);
  return dir;
}

/** An old-style plain memory.db, written the way the previous version wrote it. */
function oldMemoryFile(dir: string): Memory[] {
  let clock = Date.parse('2024-06-01T08:00:00Z');
  const old = MemoryStore.open(join(dir, 'memory.db'), { now: () => new Date((clock += 60_000)) });
  const saved = [
    old.remember({ fact: 'My favourite colour is teal', tags: ['colours'], source: 'user' }),
    old.remember({ fact: 'My sister Anna lives in Porto', tags: ['family', 'travel'] }),
    old.remember({ fact: 'I take my tea with oat milk' }),
  ];
  old.close();
  return saved;
}

/** One keychain per data folder, so a second start opens the same file. */
const keychains = new Map<string, ReturnType<typeof memorySecretStore>>();
async function newStore(dir: string) {
  if (!keychains.has(dir)) keychains.set(dir, memorySecretStore());
  const opening = await DataVault.open({ file: join(dir, 'frok-data.db'), secrets: keychains.get(dir)! });
  if (opening.kind !== 'open') throw new Error('vault did not open');
  const store = MemoryStore.open(':memory:');
  opened.push(opening.vault, store);
  const records = new MemoryRecords(opening.vault);
  store.attach(records);
  return { vault: opening.vault, store, records };
}

describe('importing the old plain memory.db', () => {
  it('brings every memory in as it was, checks them in the sealed file, then removes the old file', async () => {
    const dir = dataDir();
    const saved = oldMemoryFile(dir);
    const { store, records } = await newStore(dir);
    const log = createMemoryLogger();

    expect(importLegacyMemories(dir, store, records, log)).toEqual({ kind: 'imported', memories: 3, added: 3 });
    const expected = saved.map((m) => ({ ...m, origin: null }));
    expect(store.all()).toEqual(expected);
    expect(records.all().sort((a, b) => a.createdAt.localeCompare(b.createdAt))).toEqual(expected);
    expect(store.recall({ query: 'where does Anna live' })[0]?.id).toBe(saved[1]!.id);
    for (const name of ['memory.db', 'memory.db-wal', 'memory.db-shm']) expect(existsSync(join(dir, name)), name).toBe(false);
    expect(importLegacyMemories(dir, store, records, log)).toEqual({ kind: 'none' });
  });

  it('counts a memory said again since (other id, same words) as kept', async () => {
    const dir = dataDir();
    const saved = oldMemoryFile(dir);
    const { store, records } = await newStore(dir);
    const again = store.remember({ fact: 'my favourite colour is teal.' });
    expect(importLegacyMemories(dir, store, records, createMemoryLogger())).toEqual({ kind: 'imported', memories: 3, added: 2 });
    expect(store.count()).toBe(3);
    expect(store.get(again.id)).not.toBeNull();
    expect(store.get(saved[0]!.id)).toBeNull();
    expect(existsSync(join(dir, 'memory.db'))).toBe(false);
  });

  it('keeps the old file, unchanged, when the memories cannot be saved, and succeeds on the next try', async () => {
    const dir = dataDir();
    const saved = oldMemoryFile(dir);
    const before = readFileSync(join(dir, 'memory.db'));
    const first = await newStore(dir);
    first.vault.close();
    const log = createMemoryLogger();
    const outcome = importLegacyMemories(dir, first.store, first.records, log);
    expect(outcome).toMatchObject({ kind: 'kept', file: join(dir, 'memory.db'), why: expect.stringMatching(/could not be saved/) });
    expect(readFileSync(join(dir, 'memory.db')).equals(before)).toBe(true);
    expect(first.store.count()).toBe(0);
    expect(log.lines.some((e) => e.level === 'warn' && /old memories were not imported/.test(e.message))).toBe(true);

    const second = await newStore(dir);
    expect(importLegacyMemories(dir, second.store, second.records, log)).toMatchObject({ kind: 'imported', memories: 3 });
    expect(second.store.all().map((m) => m.id)).toEqual(saved.map((m) => m.id));
  });

  it('keeps the old file when a memory does not read back from the sealed file', async () => {
    const dir = dataDir();
    oldMemoryFile(dir);
    const { store, records } = await newStore(dir);
    // A records file that loses what it is given: saving "works", reading back finds nothing.
    const lossy = Object.assign(Object.create(Object.getPrototypeOf(records) as object) as MemoryRecords, records, { all: () => [] });
    expect(importLegacyMemories(dir, store, lossy, createMemoryLogger())).toMatchObject({ kind: 'kept', why: expect.stringMatching(/3 of 3 memories did not read back/) });
    expect(existsSync(join(dir, 'memory.db'))).toBe(true);
  });

  it('leaves a damaged old file where it is, as it is', async () => {
    const dir = dataDir();
    const garbage = Buffer.from('not a database at all '.repeat(300));
    writeFileSync(join(dir, 'memory.db'), garbage);
    const { store, records } = await newStore(dir);
    expect(importLegacyMemories(dir, store, records, createMemoryLogger())).toMatchObject({ kind: 'kept', why: expect.stringMatching(/could not be read/) });
    expect(readFileSync(join(dir, 'memory.db')).equals(garbage)).toBe(true);
    expect(store.count()).toBe(0);
  });

  it('leaves a file a newer FROK wrote alone', async () => {
    const dir = dataDir();
    oldMemoryFile(dir);
    const db = new DatabaseSync(join(dir, 'memory.db'));
    db.exec(`PRAGMA user_version = ${MEMORY_MIGRATIONS.length + 1}`);
    db.close();
    const { store, records } = await newStore(dir);
    expect(importLegacyMemories(dir, store, records, createMemoryLogger())).toMatchObject({ kind: 'kept', why: expect.stringMatching(/newer version of FROK/) });
    expect(existsSync(join(dir, 'memory.db'))).toBe(true);
  });
});
