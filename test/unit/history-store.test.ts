/** The history store over a real data file: titles, paging, search as you type, rename, delete and undo, pruning. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataVault } from '../../electron/main/services/data/data-vault';
import { historyQuery, HistoryStore, titleFrom, UNDO_WINDOW_MS } from '../../electron/main/services/data/history-store';
import { memorySecretStore } from '../support/node-services';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function storeAt(file: string, secrets = memorySecretStore(), now = () => Date.now()) {
  const opened = await DataVault.open({ file, secrets });
  if (opened.kind !== 'open') throw new Error(`vault ${opened.kind}`);
  const store = new HistoryStore(opened.vault, { now });
  open.push(store, opened.vault);
  return { store, secrets };
}

const file = () => join(mkdtempSync(join(tmpdir(), 'frok-history-')), 'frok-data.db');

describe('history store', () => {
  it('names a conversation after its first question, on one line and not too long', () => {
    expect(titleFrom('  What is\n the time?  ')).toBe('What is the time?');
    expect(titleFrom('x'.repeat(200))).toHaveLength(80);
    expect(titleFrom('')).toBe('Untitled conversation');
  });

  it('reads what someone types as words, quoted, the last one unfinished', () => {
    expect(historyQuery('kitchen lig')).toBe('"kitchen" "lig"*');
    expect(historyQuery('NEAR(a b) OR "x" -y')).toBe('"near" "a" "b" "or" "x" "y"*');
    expect(historyQuery('  ?!  ')).toBeNull();
  });

  it('lists newest first a page at a time and finds words across restarts', async () => {
    const path = file();
    let t = 1_000_000;
    const { store, secrets } = await storeAt(path, memorySecretStore(), () => t++);
    for (let i = 0; i < 5; i++) store.append(`c${i}`, 'typed', { role: 'user', text: `question number ${i} about llamas`, runId: null });
    const page = store.list({ limit: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((c) => c.id)).toEqual(['c4', 'c3']);
    expect(store.list({ limit: 2, before: page.items[1]!.updatedAt }).items.map((c) => c.id)).toEqual(['c2', 'c1']);

    const again = (await storeAt(path, secrets)).store;
    expect((await again.search('llam')).map((h) => h.conversationId)).toEqual(['c4', 'c3', 'c2', 'c1', 'c0']);
    expect((await again.search('number 3')).map((h) => h.conversationId)).toEqual(['c3']);
  });

  it('a voice conversation that began with FROK speaking is named after the first words of the person', async () => {
    const { store } = await storeAt(file());
    store.append('v', 'voice', { role: 'assistant', text: 'Hi, how can I help?', runId: null });
    expect(store.get('v')?.title).toBe('Untitled conversation');
    store.append('v', 'voice', { role: 'user', text: 'Dim the lights', runId: null });
    expect(store.get('v')?.title).toBe('Dim the lights');
  });

  it('a renamed title survives a restart and is not replaced', async () => {
    const path = file();
    const { store, secrets } = await storeAt(path);
    store.append('c', 'typed', { role: 'user', text: 'first', runId: null });
    store.rename('c', 'Holiday plans');
    expect((await storeAt(path, secrets)).store.get('c')?.title).toBe('Holiday plans');
  });

  it('deleted conversations are removed for good after the undo window, even across a restart', async () => {
    const path = file();
    let now = 5_000_000;
    const { store, secrets } = await storeAt(path, memorySecretStore(), () => now);
    store.append('c', 'typed', { role: 'user', text: 'delete me', runId: null });
    store.delete('c');
    expect(store.get('c')).toBeNull();
    expect(store.undoDelete('c')).toBe(true);
    store.delete('c');
    now += UNDO_WINDOW_MS + 1;
    const reopened = (await storeAt(path, secrets, () => now)).store;
    expect(reopened.undoDelete('c')).toBe(false);
    expect(reopened.list().total).toBe(0);
  });

  it('prunes conversations last used more than the kept days ago', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const { store } = await storeAt(file(), memorySecretStore(), () => now);
    store.append('old', 'typed', { role: 'user', text: 'old', runId: null });
    now += 40 * 86_400_000;
    store.append('new', 'typed', { role: 'user', text: 'new', runId: null });
    expect(store.prune(30)).toBe(1);
    expect(store.list().items.map((c) => c.id)).toEqual(['new']);
  });
});
