/**
 * Memories in the encrypted data file: the working copy in memory, every change written
 * through to sealed records, and all of it back after a restart — with no fact's words in
 * the file or its WAL. And the Memory view's side (MemoryBook) over it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/main/errors';
import { DataVault } from '../../electron/main/services/data/data-vault';
import { MemoryRecords } from '../../electron/main/services/data/memory-records';
import { MemoryBook } from '../../electron/main/services/memory/memory-book';
import { MemoryStore } from '../../electron/main/services/memory/memory-store';
import { memorySecretStore } from '../support/node-services';

const dirs: string[] = [];
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const thing of opened.splice(0).reverse()) thing.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function openVault(file: string, secrets: ReturnType<typeof memorySecretStore>): Promise<DataVault> {
  const opening = await DataVault.open({ file, secrets });
  if (opening.kind !== 'open') throw new Error(`vault did not open: ${JSON.stringify(opening.problem)}`);
  opened.push(opening.vault);
  return opening.vault;
}

/** A data file on disk, and a way to start "FROK" on it again with the same keychain. */
async function onDisk(now?: () => Date) {
  const dir = mkdtempSync(join(tmpdir(), 'frok-memory-records-'));
  dirs.push(dir);
  const file = join(dir, 'frok-data.db');
  const secrets = memorySecretStore();
  const start = async () => {
    const vault = await openVault(file, secrets);
    const store = MemoryStore.open(':memory:', now ? { now } : {});
    opened.push(store);
    const records = new MemoryRecords(vault);
    store.attach(records);
    return { vault, store, records };
  };
  return { dir, file, secrets, start };
}

function bytesOf(file: string): Buffer {
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
}

describe('memories in the sealed data file', () => {
  it('keeps memories, tags, times, source and origin across a restart', async () => {
    const disk = await onDisk();
    const first = await disk.start();
    const tea = first.store.remember({
      fact: 'I take my tea with oat milk',
      tags: ['drinks'],
      source: 'user',
      origin: { conversationId: 'conv-1', savedBy: 'memory', voiceSessionId: null },
    });
    const anna = first.store.remember({ fact: 'My sister Anna lives in Porto', tags: ['family'] });
    expect(first.records.count()).toBe(2);
    first.vault.close();

    const again = await disk.start();
    expect(again.store.count()).toBe(2);
    expect(again.store.get(tea.id)).toEqual(tea);
    expect(again.store.get(anna.id)).toEqual({ ...anna, origin: null });
    expect(again.store.recall({ query: 'how do I take my tea?' })[0]).toMatchObject(tea);
    expect(again.store.list({ tag: 'family' }).items.map((m) => m.fact)).toEqual(['My sister Anna lives in Porto']);
  });

  it('never puts a remembered fact’s words in the file or its WAL', async () => {
    const disk = await onDisk();
    const { store, vault } = await disk.start();
    const phrase = 'my secret hiding place is behind the blue boiler';
    const m = store.remember({ fact: `I keep the spare key in ${phrase}`, tags: ['zebrafinch'] });
    store.edit(m.id, { fact: `I moved the spare key: ${phrase} no longer`, tags: ['zebrafinch'] });
    // While open: the WAL holds the latest writes.
    for (const suffix of ['', '-wal', '-shm']) {
      const bytes = bytesOf(disk.file + suffix);
      expect(bytes.includes(Buffer.from('blue boiler')), `frok-data.db${suffix}`).toBe(false);
      expect(bytes.includes(Buffer.from('zebrafinch')), `frok-data.db${suffix}`).toBe(false);
    }
    // The right bytes were read: the memory's id (plain, by design) is there.
    expect(Buffer.concat([bytesOf(disk.file), bytesOf(`${disk.file}-wal`)]).includes(Buffer.from(m.id))).toBe(true);
    vault.close();
    // After close (checkpointed into the main file).
    expect(bytesOf(disk.file).includes(Buffer.from('blue boiler'))).toBe(false);
    expect(bytesOf(disk.file).includes(Buffer.from('spare key'))).toBe(false);
    // No plain memory file beside it either.
    expect(existsSync(join(disk.dir, 'memory.db'))).toBe(false);
  });

  it('keeps an edit (same id and creation time, later updatedAt) and a deletion across a restart', async () => {
    let clock = Date.parse('2025-01-01T10:00:00Z');
    const disk = await onDisk(() => new Date(clock));
    const first = await disk.start();
    const colour = first.store.remember({ fact: 'My favourite colour is teal', tags: ['colours'] });
    const film = first.store.remember({ fact: 'My favourite film is Alien' });
    clock += 60_000;
    const edited = first.store.edit(colour.id, { fact: 'My favourite colour is crimson', tags: ['colours', 'style'] })!;
    expect(edited).toMatchObject({ id: colour.id, createdAt: colour.createdAt, fact: 'My favourite colour is crimson', tags: ['colours', 'style'] });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(colour.updatedAt));
    expect(first.store.forget(film.id)).toBe(true);
    first.vault.close();

    const again = await disk.start();
    expect(again.store.all()).toEqual([edited]);
    expect(again.store.recall({ query: 'teal' })).toEqual([]);
    expect(again.store.recall({ query: 'crimson' }).map((m) => m.id)).toEqual([colour.id]);
    expect(again.store.list({ tag: 'style' }).total).toBe(1);
    expect(again.records.get(film.id)).toBeNull();
  });

  it('refreshes a memory said again instead of duplicating it, keeping where it was first said', async () => {
    const disk = await onDisk();
    const { store, records } = await disk.start();
    const first = store.remember({ fact: 'I like jazz', origin: { conversationId: 'a', savedBy: 'memory', voiceSessionId: null } });
    const again = store.remember({ fact: 'i like jazz.', tags: ['music'], origin: { conversationId: 'b', savedBy: 'voice', voiceSessionId: 'b' } });
    expect(again.id).toBe(first.id);
    expect(again.origin).toEqual(first.origin);
    expect(records.get(first.id)).toMatchObject({ tags: ['music'], origin: { conversationId: 'a' } });
    expect(records.count()).toBe(1);
  });

  it('leaves the working copy unchanged when the write-through fails', async () => {
    const disk = await onDisk();
    const { store, vault } = await disk.start();
    store.remember({ fact: 'Kept before the file went away' });
    vault.close();
    expect(() => store.remember({ fact: 'Never reached the file' })).toThrow(UserFacingError);
    expect(store.all().map((m) => m.fact)).toEqual(['Kept before the file went away']);
  });

  it('skips a record that does not open, and says so', async () => {
    const disk = await onDisk();
    const first = await disk.start();
    const good = first.store.remember({ fact: 'This one opens' });
    const bad = first.store.remember({ fact: 'This one was tampered with' });
    const row = first.vault.db.prepare('SELECT sealed FROM memories WHERE id = ?').get(bad.id) as { sealed: Uint8Array };
    const changed = Uint8Array.from(row.sealed);
    changed[changed.length - 1]! ^= 1;
    first.vault.db.prepare('UPDATE memories SET sealed = ? WHERE id = ?').run(changed, bad.id);
    const unreadable: string[] = [];
    const store = MemoryStore.open(':memory:');
    opened.push(store);
    expect(store.attach(new MemoryRecords(first.vault, { onUnreadable: (id) => unreadable.push(id) }))).toEqual({ loaded: 1, carried: 0 });
    expect(store.all().map((m) => m.id)).toEqual([good.id]);
    expect(unreadable).toEqual([bad.id]);
  });

  it('carries what was saved on the throwaway file into the real one, and reloads an emptied file as empty', async () => {
    const disk = await onDisk();
    const store = MemoryStore.open(':memory:');
    opened.push(store);
    const scratch = DataVault.inMemory();
    opened.push(scratch);
    store.attach(new MemoryRecords(scratch));
    const early = store.remember({ fact: 'Said before the data file opened' });
    const vault = await openVault(disk.file, disk.secrets);
    const records = new MemoryRecords(vault);
    expect(store.attach(records)).toEqual({ loaded: 0, carried: 1 });
    expect(records.get(early.id)).toEqual(early);

    // "Delete all my data": a new, empty file is attached; nothing is carried from a real one.
    const fresh = await openVault(join(disk.dir, 'fresh.db'), memorySecretStore());
    expect(store.attach(new MemoryRecords(fresh))).toEqual({ loaded: 0, carried: 0 });
    expect(store.count()).toBe(0);
    // And clear() empties the working copy and the records it is attached to.
    store.attach(records);
    expect(store.count()).toBe(1);
    store.clear();
    expect(store.count()).toBe(0);
    expect(records.count()).toBe(0);
  });

  it('loads 10,000 sealed memories in one go, searchable at once', async () => {
    const disk = await onDisk();
    const first = await disk.start();
    first.store.adopt(
      Array.from({ length: 10_000 }, (_, i) => ({
        id: `mem_${i.toString(16).padStart(16, '0')}`,
        fact: `Fact number ${i} about item${i}`,
        tags: [`t${i % 7}`],
        source: 'agent' as const,
        createdAt: new Date(1_700_000_000_000 + i).toISOString(),
        updatedAt: new Date(1_700_000_000_000 + i).toISOString(),
        origin: null,
      })),
    );
    first.vault.close();
    const again = await disk.start();
    expect(again.store.count()).toBe(10_000);
    expect(again.store.recall({ query: 'item4242' }).map((m) => m.fact)).toEqual(['Fact number 4242 about item4242']);
    expect(again.store.list({ tag: 't3' }).total).toBe(1429);
  });
});

describe('MemoryBook (the Memory view)', () => {
  async function book() {
    let clock = Date.parse('2025-02-01T09:00:00Z');
    const disk = await onDisk(() => new Date((clock += 1000)));
    const { store, records } = await disk.start();
    const titles = new Map([['conv-kept', 'Planning the garden']]);
    const memories = new MemoryBook({ store, ready: Promise.resolve(), conversationTitle: (id) => titles.get(id) ?? null });
    return { store, records, memories };
  }

  it('lists newest first a page at a time with the total, and searches by relevance', async () => {
    const { store, memories } = await book();
    const saved = ['I grow tomatoes in the greenhouse', 'My neighbour is called Bob', 'I water the tomatoes every morning', 'I like green tea'].map((fact) =>
      store.remember({ fact, origin: { conversationId: 'conv-kept', savedBy: 'memory', voiceSessionId: null } }),
    );
    const page = await memories.list({ limit: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((m) => m.fact)).toEqual([saved[3]!.fact, saved[2]!.fact]);
    const next = await memories.list({ limit: 2, offset: 2 });
    expect(next.items.map((m) => m.fact)).toEqual([saved[1]!.fact, saved[0]!.fact]);
    const found = await memories.list({ query: 'tomatoes' });
    expect(found.total).toBe(2);
    expect(found.items.map((m) => m.id).sort()).toEqual([saved[0]!.id, saved[2]!.id].sort());
    expect(found.items[0]).toEqual({
      id: expect.any(String),
      fact: expect.stringContaining('tomatoes'),
      tags: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      source: 'agent',
      origin: { conversationId: 'conv-kept', savedBy: 'memory', voiceSessionId: null },
      conversationTitle: 'Planning the garden',
    });
    expect((await memories.list({ query: 'tomatoes', offset: 1, limit: 5 })).items).toHaveLength(1);
  });

  it('edits keeping id and creation time, refuses what is not a memory, and reports an unknown id', async () => {
    const { store, records, memories } = await book();
    const m = store.remember({ fact: 'I like pears', origin: { conversationId: 'conv-gone', savedBy: 'memory', voiceSessionId: null } });
    const other = store.remember({ fact: 'I like plums' });
    const edited = await memories.update({ id: m.id, fact: 'I like pears and apples', tags: ['Fruit'] });
    expect(edited).toMatchObject({ id: m.id, createdAt: m.createdAt, fact: 'I like pears and apples', tags: ['fruit'], conversationTitle: null });
    expect(edited.updatedAt > m.updatedAt).toBe(true);
    expect(records.get(m.id)?.fact).toBe('I like pears and apples');

    const refused = await memories.update({ id: m.id, fact: '   ' }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect(refused).toMatchObject({ code: 'invalid_memory', message: expect.stringMatching(/can’t be empty/) });
    const clash = await memories.update({ id: m.id, fact: 'I like plums.' }).catch((err: unknown) => err);
    expect(clash).toMatchObject({ code: 'invalid_memory', message: expect.stringMatching(/Another memory already says that/) });
    expect(store.get(other.id)?.fact).toBe('I like plums');

    await expect(memories.update({ id: 'mem_nope', fact: 'x' })).rejects.toMatchObject({ code: 'memory_not_found' });
    await expect(memories.delete(m.id)).resolves.toEqual({ ok: true });
    expect(records.get(m.id)).toBeNull();
    await expect(memories.delete(m.id)).rejects.toMatchObject({ code: 'memory_not_found' });
  });

  it('waits for the data file before answering', async () => {
    const store = MemoryStore.open(':memory:');
    opened.push(store);
    let open!: () => void;
    const ready = new Promise<void>((resolve) => (open = resolve));
    const memories = new MemoryBook({ store, ready, conversationTitle: () => null });
    let answered = false;
    const listing = memories.list().then((page) => ((answered = true), page));
    // Everything already settled (timers, I/O callbacks) has run: the list still waits for the file.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    store.remember({ fact: 'Loaded when the file opened' });
    open();
    expect((await listing).items.map((m) => m.fact)).toEqual(['Loaded when the file opened']);
  });
});
