import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../electron/main/agents/conversation-store';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2025-03-01T12:00:00.000Z');

let dir: string;
let file: string;
const stores: ConversationStore[] = [];
const open = (o: ConstructorParameters<typeof ConversationStore>[0] = {}) => {
  const s = new ConversationStore({ filePath: file, ...o });
  stores.push(s);
  return s;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frok-conversations-'));
  file = join(dir, 'conversations.json');
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

const turn = (role: 'user' | 'assistant', text: string, atMs: number) => ({ role, text, at: new Date(atMs).toISOString(), runId: 'run-1' });

describe('ConversationStore', () => {
  it('keeps conversations in memory only without a file', () => {
    const s = new ConversationStore();
    s.append('c1', turn('user', 'hi', Date.now()));
    expect(s.get('c1')?.turns).toHaveLength(1);
    s.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('persists across a new store on the same file, written privately and atomically', () => {
    const a = open({ now: () => T0, historyDays: () => 30 });
    a.append('c1', turn('user', 'My name is Ada.', T0));
    a.append('c1', turn('assistant', 'Hello Ada.', T0));
    a.open('empty');
    a.close();
    expect(readdirSync(dir)).toEqual(['conversations.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const b = open({ now: () => T0, historyDays: () => 30 });
    expect(b.get('c1')?.turns.map((t) => t.text)).toEqual(['My name is Ada.', 'Hello Ada.']);
    expect(b.get('empty')).toBeNull();
  });

  it('drops turns older than historyDays, and conversations left empty, on load and as settings change', () => {
    let now = T0;
    let days = 30;
    const a = open({ now: () => now, historyDays: () => days });
    a.append('old', turn('user', 'ancient', T0 - 40 * DAY));
    a.append('mixed', turn('user', 'twenty days ago', T0 - 20 * DAY));
    a.append('mixed', turn('assistant', 'today', T0));
    a.close();

    const b = open({ now: () => now, historyDays: () => days });
    expect(b.get('old')).toBeNull();
    expect(b.get('mixed')?.turns.map((t) => t.text)).toEqual(['twenty days ago', 'today']);

    days = 7;
    expect(b.prune()).toBe(true);
    expect(b.get('mixed')?.turns.map((t) => t.text)).toEqual(['today']);

    now = T0 + 8 * DAY;
    b.prune();
    expect(b.get('mixed')).toBeNull();
    b.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, conversations: [] });
  });

  it('moves a damaged file aside, starts empty and keeps working', () => {
    writeFileSync(file, '{"version":1,"conversations":[{"id":"x","turns":"nope"}]}');
    const s = open({ now: () => T0, historyDays: () => 30 });
    expect(s.get('x')).toBeNull();
    const aside = 'conversations.damaged-2025-03-01T12-00-00.000Z.json';
    expect(readdirSync(dir)).toEqual([aside]);
    expect(readFileSync(join(dir, aside), 'utf8')).toContain('"nope"');

    s.append('c1', turn('user', 'again', T0));
    s.close();
    expect(open({ now: () => T0, historyDays: () => 30 }).get('c1')?.turns).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['conversations.damaged-2025-03-01T12-00-00.000Z.json', 'conversations.json']);
  });

  it('moves aside a file that is not JSON at all', () => {
    writeFileSync(file, 'not json {');
    const s = open({ now: () => T0 });
    expect(s.get('anything')).toBeNull();
    expect(readdirSync(dir)).toEqual(['conversations.damaged-2025-03-01T12-00-00.000Z.json']);
  });
});
