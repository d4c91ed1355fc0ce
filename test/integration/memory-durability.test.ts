/**
 * The memory file across restarts and damage: what a person keeps must survive FROK
 * closing (or crashing), and a damaged file must neither stop FROK nor be thrown away.
 */
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/main/errors';
import { MemoryStore } from '../../electron/main/services/memory/memory-store';

let dir: string;
let file: string;
const stores: MemoryStore[] = [];
function openStore(path = file): MemoryStore {
  const store = MemoryStore.open(path, { now: () => new Date('2025-03-04T05:06:07.089Z') });
  stores.push(store);
  return store;
}
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frok-memory-durability-'));
  file = join(dir, 'memory.db');
});
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

function caught(action: () => unknown): UserFacingError {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    return err as UserFacingError;
  }
  throw new Error('expected a UserFacingError');
}

function damagedCopies(): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('memory.db.damaged-') && !/-(wal|shm)$/.test(name));
}

describe('memory durability', () => {
  it('keeps memories, tags and times across a restart', () => {
    const first = openStore();
    const tea = first.remember({ fact: 'I take my tea with oat milk', tags: ['drinks'], source: 'user' });
    first.remember({ fact: 'My sister Anna lives in Porto', tags: ['family'] });
    first.close();

    const again = openStore();
    expect(again.notice).toBeNull();
    expect(again.count()).toBe(2);
    expect(again.recall({ query: 'how do I take my tea?' })[0]).toMatchObject({ ...tea });
    expect(again.list({ tag: 'family' }).items.map((m) => m.fact)).toEqual(['My sister Anna lives in Porto']);
    const check = new DatabaseSync(file);
    expect((check.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    check.close();
  });

  it('keeps what was saved when FROK stops without closing the store', () => {
    const crashed = openStore();
    crashed.remember({ fact: 'The wifi password is on the fridge' });
    // No close(): a second process opening the file sees every committed memory.
    const restarted = openStore();
    expect(restarted.recall({ query: 'wifi password' }).map((m) => m.fact)).toEqual(['The wifi password is on the fridge']);
  });

  it('moves a file that is not a database aside, says where, and starts a working memory', () => {
    const garbage = Buffer.from('this is not an SQLite database, just some text '.repeat(200));
    writeFileSync(file, garbage);

    const store = openStore();
    const [kept] = damagedCopies();
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept!))).toEqual(garbage);
    expect(store.notice?.code).toBe('memory_unavailable');
    expect(store.notice?.message).toContain(file);
    expect(store.notice?.message).toContain(join(dir, kept!));
    expect(store.notice?.message).toMatch(/earlier memories are unavailable/);

    store.remember({ fact: 'I am learning Portuguese' });
    expect(store.recall({ query: 'portuguese' })).toHaveLength(1);
    store.close();
    const reopened = openStore();
    expect(reopened.notice).toBeNull();
    expect(reopened.count()).toBe(1);
  });

  it('replaces a file found damaged while in use, keeping the damaged one, and works again', () => {
    const setup = openStore();
    for (let i = 0; i < 3; i++) setup.remember({ fact: `Reminder number ${i}` });
    setup.close();
    // Overwrite the memories table's only page, as a failing disk might.
    const db = new DatabaseSync(file);
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'memories'").get() as { rootpage: number };
    const { page_size: pageSize } = db.prepare('PRAGMA page_size').get() as { page_size: number };
    db.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);

    const store = openStore();
    const error = caught(() => store.list());
    expect(error.code).toBe('memory_unavailable');
    expect(error.message).toMatch(/damaged.*kept at .*damaged-.*try again/s);
    expect(damagedCopies()).toHaveLength(1);
    expect(store.notice?.message).toContain(file);

    store.remember({ fact: 'Started again' });
    expect(store.list().items.map((m) => m.fact)).toEqual(['Started again']);
  });

  it('rebuilds a damaged search index from the memories themselves', () => {
    const setup = openStore();
    setup.remember({ fact: 'The boiler service is due in October' });
    setup.close();
    // Defensive mode (node:sqlite's default) protects the index's tables from exactly this.
    const db = new DatabaseSync(file, { defensive: false });
    db.exec("UPDATE memories_fts_data SET block = x'ffffffffffff' WHERE id = 10");
    db.close();

    const store = openStore();
    expect(store.recall({ query: 'boiler service' }).map((m) => m.fact)).toEqual(['The boiler service is due in October']);
    expect(damagedCopies()).toHaveLength(0);
    expect(store.notice).toBeNull();
  });

  it('leaves a file from a newer FROK untouched and says to update', () => {
    openStore().close();
    const db = new DatabaseSync(file);
    db.exec('PRAGMA user_version = 99');
    db.close();
    const before = readFileSync(file);

    const error = caught(() => MemoryStore.open(file));
    expect(error.code).toBe('memory_unavailable');
    expect(error.message).toMatch(/newer version of FROK.*Update FROK/);
    expect(readFileSync(file)).toEqual(before);
    expect(damagedCopies()).toHaveLength(0);
  });

  it('says where it tried when the file can’t be opened at all', () => {
    const unreachable = join(dir, 'no-such-folder', 'memory.db');
    const error = caught(() => MemoryStore.open(unreachable));
    expect(error.code).toBe('memory_unavailable');
    expect(error.message).toContain(unreachable);
    expect(error.message).toMatch(/Check that the folder exists/);
    expect(existsSync(unreachable)).toBe(false);
  });
});
