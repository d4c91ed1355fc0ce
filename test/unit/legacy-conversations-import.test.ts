/** The old plain conversations.json: imported once, a cut-short import finished, the file removed only after read-back. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataVault } from '../../electron/main/services/data/data-vault';
import { HistoryStore } from '../../electron/main/services/data/history-store';
import { importLegacyConversations } from '../../electron/main/services/data/legacy-conversations-import';
import { createMemoryLogger } from '../../electron/main/logger';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

const at = '2026-11-20T10:00:00.000Z';
const turns = [
  { role: 'user', text: 'Where did I park?', at, runId: 'r1' },
  { role: 'assistant', text: 'Level 3, bay 42.', at, runId: 'r1' },
  { role: 'user', text: 'And the ticket?', at, runId: 'r2' },
];

function world() {
  const dir = mkdtempSync(join(tmpdir(), 'frok-legacy-'));
  writeFileSync(join(dir, 'conversations.json'), JSON.stringify({ version: 1, conversations: [{ id: 'old-1', turns }] }));
  const vault = DataVault.inMemory();
  const history = new HistoryStore(vault);
  open.push(history, vault);
  return { dir, history };
}

describe('importing the old conversations.json', () => {
  it('finishes an import a crash cut short, without doubling the turns it had already copied', () => {
    const { dir, history } = world();
    // The first start stopped after one turn.
    history.append('old-1', 'typed', { role: 'user', text: 'Where did I park?', runId: 'r1' });
    expect(importLegacyConversations(dir, history, createMemoryLogger())).toMatchObject({ kind: 'imported', turns: 3 });
    expect(history.get('old-1')?.messages.map((m) => m.text)).toEqual(turns.map((t) => t.text));
    expect(existsSync(join(dir, 'conversations.json'))).toBe(false);
  });

  it('leaves a conversation continued since the import as it is', () => {
    const { dir, history } = world();
    for (const t of turns) history.append('old-1', 'typed', { role: t.role as 'user' | 'assistant', text: t.text, runId: t.runId });
    history.append('old-1', 'typed', { role: 'assistant', text: 'In your coat pocket.', runId: 'r2' });
    expect(importLegacyConversations(dir, history, createMemoryLogger())).toMatchObject({ kind: 'imported' });
    expect(history.get('old-1')?.messages.map((m) => m.text)).toEqual([...turns.map((t) => t.text), 'In your coat pocket.']);
  });

  it('keeps the old file when a different conversation already has its id', () => {
    const { dir, history } = world();
    history.append('old-1', 'typed', { role: 'user', text: 'Something else entirely', runId: 'x' });
    expect(importLegacyConversations(dir, history, createMemoryLogger())).toMatchObject({ kind: 'kept' });
    expect(existsSync(join(dir, 'conversations.json'))).toBe(true);
    expect(history.get('old-1')?.messages.map((m) => m.text)).toEqual(['Something else entirely']);
  });
});
