import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/main/errors';
import { RANKED_MATCHES_CAP } from '../../electron/main/services/memory/memory-search';
import { MemoryStore } from '../../electron/main/services/memory/memory-store';

/** A clock that moves one minute per reading, so "newest first" is well defined. */
function steppingClock(start = Date.UTC(2025, 0, 1, 9, 0)): () => Date {
  let t = start;
  return () => new Date((t += 60_000));
}

const open: MemoryStore[] = [];
const dirs: string[] = [];
function memoryStore(): MemoryStore {
  const store = MemoryStore.open(':memory:', { now: steppingClock() });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function facts(store: MemoryStore, query: string, limit?: number): string[] {
  return store.recall({ query, limit }).map((m) => m.fact);
}

function expectInvalid(action: () => unknown, messagePart: RegExp): void {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('invalid_memory');
    expect((err as UserFacingError).message).toMatch(messagePart);
    return;
  }
  throw new Error('expected an invalid_memory error');
}

describe('MemoryStore recall', () => {
  it('puts the memory that answers the question first', () => {
    const store = memoryStore();
    store.remember({ fact: 'I prefer warm lighting in the evening', tags: ['home'] });
    store.remember({ fact: 'My favourite colour is teal', tags: ['preferences'] });
    store.remember({ fact: 'The colour of the car is silver' });
    store.remember({ fact: 'My favourite film is Spirited Away' });

    const found = store.recall({ query: "What's my favourite colour?" });
    expect(found[0]?.fact).toBe('My favourite colour is teal');
    expect(found.map((m) => m.fact)).toEqual(expect.arrayContaining(['The colour of the car is silver', 'My favourite film is Spirited Away']));
    expect(found[0]!.score).toBeGreaterThan(0);
  });

  it('ranks memories with every word of the question above those with only some', () => {
    const store = memoryStore();
    store.remember({ fact: 'Sister Anna birthday is 3 May' });
    store.remember({ fact: 'Birthday cake from the bakery on Elm Street was great' });
    store.remember({ fact: 'My sister lives in Porto' });
    expect(facts(store, 'when is my sister birthday')[0]).toBe('Sister Anna birthday is 3 May');
  });

  it('can insist on every word, for answers that must not be a near miss', () => {
    const store = memoryStore();
    store.remember({ fact: 'My favourite colour is teal' });
    store.remember({ fact: 'My favourite film is Spirited Away' });
    expect(facts(store, 'favourite book')).toHaveLength(2);
    expect(store.recall({ query: 'favourite book', allWords: true })).toEqual([]);
    expect(store.recall({ query: 'favourite films', allWords: true }).map((m) => m.fact)).toEqual(['My favourite film is Spirited Away']);
  });

  it('finds other forms of a word ("runs" finds "running")', () => {
    const store = memoryStore();
    store.remember({ fact: 'I go running by the river on Sundays' });
    store.remember({ fact: 'I swim on Tuesdays' });
    expect(facts(store, 'when does he runs')).toEqual(['I go running by the river on Sundays']);
    expect(facts(store, 'swimming')).toEqual(['I swim on Tuesdays']);
  });

  it('ignores accents either way ("cafe" finds "café", "Zoë" finds "Zoe")', () => {
    const store = memoryStore();
    store.remember({ fact: 'Meet Ana at the café on Friday' });
    store.remember({ fact: 'Zoe is my niece' });
    expect(facts(store, 'which cafe')).toEqual(['Meet Ana at the café on Friday']);
    expect(facts(store, 'who is Zoë')).toEqual(['Zoe is my niece']);
  });

  it('finds memories by their tags, and keeps only tagged memories when asked', () => {
    const store = memoryStore();
    store.remember({ fact: 'Evenings should be warm and dim', tags: ['lighting', 'home'] });
    store.remember({ fact: 'Dim sum on Sundays', tags: ['food'] });
    expect(facts(store, 'lighting')).toEqual(['Evenings should be warm and dim']);
    expect(store.recall({ query: 'dim', tags: ['Home'] }).map((m) => m.fact)).toEqual(['Evenings should be warm and dim']);
    expect(store.recall({ query: 'anything', tags: ['food'] }).map((m) => m.fact)).toEqual(['Dim sum on Sundays']);
  });

  it('answers a question with no searchable words with the most recent memories', () => {
    const store = memoryStore();
    store.remember({ fact: 'first fact' });
    store.remember({ fact: 'second fact' });
    store.remember({ fact: 'third fact' });
    for (const query of ['what do you remember about me?', '', '   ', '?!', '🎉🎉']) {
      const found = store.recall({ query, limit: 2 });
      expect(found.map((m) => m.fact)).toEqual(['third fact', 'second fact']);
      expect(found.every((m) => m.score === 0)).toBe(true);
    }
  });

  it('returns nothing when no memory matches', () => {
    const store = memoryStore();
    store.remember({ fact: 'My favourite colour is teal' });
    expect(store.recall({ query: 'dentist appointment' })).toEqual([]);
  });

  it('returns 5 memories by default and never more than 50', () => {
    const store = memoryStore();
    for (let i = 0; i < 60; i++) store.remember({ fact: `Plant number ${i} needs water` });
    expect(store.recall({ query: 'plant water' })).toHaveLength(5);
    expect(store.recall({ query: 'plant water', limit: 500 })).toHaveLength(50);
    expect(store.recall({ query: 'plant water', limit: 0 })).toHaveLength(1);
  });

  it('still finds an old memory by a rare word when a common word matches thousands of newer ones', () => {
    const store = memoryStore();
    store.remember({ fact: 'The spare key is with Mrs Okonkwo next door' });
    for (let i = 0; i < RANKED_MATCHES_CAP + 500; i++) store.remember({ fact: `Holiday note ${i}: pack the charger` });
    expect(facts(store, 'holiday Okonkwo', 3)[0]).toBe('The spare key is with Mrs Okonkwo next door');
    expect(store.recall({ query: 'holiday charger', limit: 3 })).toHaveLength(3);
  });

  const HOSTILE = [
    '"',
    '"""',
    "'; DROP TABLE memories; --",
    'colour" OR "1"="1',
    '(teal',
    'teal)',
    '((()))',
    'NEAR(teal colour, 2)',
    'NEAR',
    'AND OR NOT',
    'teal*',
    '*',
    '-teal',
    '- -',
    'fact:teal',
    'tags:home',
    '{fact tags}: teal',
    '^teal',
    'teal + colour',
    'rowid = 1',
    'SELECT * FROM memories_fts WHERE memories_fts MATCH "x"',
    '🎉 teal 🏠',
    '\u0000teal\u0000',
    'ﬁnd the ＴＥＡＬ',
    'a'.repeat(5000),
    'colour '.repeat(200),
  ];

  it.each(HOSTILE)('never fails on a hostile query: %s', (query) => {
    const store = memoryStore();
    store.remember({ fact: 'My favourite colour is teal', tags: ['home'] });
    expect(() => store.recall({ query })).not.toThrow();
  });

  it('still finds the words inside a hostile query', () => {
    const store = memoryStore();
    store.remember({ fact: 'My favourite colour is teal' });
    expect(facts(store, 'NEAR("teal" -colour*): fact:')).toEqual(['My favourite colour is teal']);
    expect(facts(store, 'ﬁnd the ＴＥＡＬ')).toEqual(['My favourite colour is teal']);
  });

  it('never fails on any query made of FTS syntax, SQL and arbitrary text', () => {
    const store = memoryStore();
    store.remember({ fact: 'My favourite colour is teal', tags: ['home'] });
    store.remember({ fact: 'Café on Friday' });
    const syntax = fc.constantFrom('"', "'", '(', ')', '*', '-', '+', ':', '^', '{', '}', 'NEAR', 'AND', 'OR', 'NOT', 'fact:', ';', '--', ' ', 'teal', 'café', '🎉', '\\');
    const query = fc.oneof(fc.array(syntax, { maxLength: 20 }).map((parts) => parts.join('')), fc.string({ unit: 'binary', maxLength: 200 }));
    fc.assert(
      fc.property(query, fc.option(fc.array(fc.constantFrom('home', 'food'), { maxLength: 2 }), { nil: undefined }), (q, tags) => {
        expect(Array.isArray(store.recall({ query: q, tags }))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('MemoryStore remember', () => {
  it('returns the saved memory with an id, trimmed text, tags and times', () => {
    const store = memoryStore();
    const memory = store.remember({ fact: '  I take my coffee black  ', tags: [' Drinks ', 'morning'], source: 'user' });
    expect(memory).toMatchObject({ fact: 'I take my coffee black', tags: ['drinks', 'morning'], source: 'user' });
    expect(memory.id).toMatch(/^mem_[0-9a-f]{16}$/);
    expect(memory.createdAt).toBe(memory.updatedAt);
    expect(store.count()).toBe(1);
  });

  it('saves the same fact said again once, refreshing it and merging its tags', () => {
    const store = memoryStore();
    const first = store.remember({ fact: 'My favourite colour is teal.', tags: ['colour'] });
    const again = store.remember({ fact: '  my favourite   COLOUR is teal ', tags: ['preferences', 'colour'], source: 'user' });

    expect(store.count()).toBe(1);
    expect(again.id).toBe(first.id);
    expect(again.tags).toEqual(['colour', 'preferences']);
    expect(again.createdAt).toBe(first.createdAt);
    expect(again.updatedAt > first.updatedAt).toBe(true);
    expect(again.source).toBe('user');
    // The latest wording is kept, and the merged tags are searchable.
    expect(store.recall({ query: 'preferences' }).map((m) => [m.id, m.fact])).toEqual([[first.id, 'my favourite   COLOUR is teal']]);
  });

  it('moves a remembered-again fact to the top of the recent list', () => {
    const store = memoryStore();
    store.remember({ fact: 'Fact A' });
    store.remember({ fact: 'Fact B' });
    store.remember({ fact: 'fact a' });
    expect(store.list().items.map((m) => m.fact)).toEqual(['fact a', 'Fact B']);
  });

  it('keeps facts that differ in more than case, spacing or closing punctuation apart', () => {
    const store = memoryStore();
    store.remember({ fact: 'The freezer is at -18 degrees' });
    store.remember({ fact: 'The freezer is at 18 degrees' });
    expect(store.count()).toBe(2);
  });

  it('rejects what it can’t keep, says why, and saves nothing', () => {
    const store = memoryStore();
    expectInvalid(() => store.remember({ fact: '' }), /empty/);
    expectInvalid(() => store.remember({ fact: '   \n ' }), /empty/);
    expectInvalid(() => store.remember({ fact: 'x'.repeat(2001) }), /2001 characters.*limit is 2000/);
    expectInvalid(() => store.remember({ fact: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), /at most 20 tags/);
    expectInvalid(() => store.remember({ fact: 'ok', tags: ['x'.repeat(41)] }), /at most 40/);
    expectInvalid(() => store.remember({ fact: 'ok', tags: ['home', ' '] }), /blank/);
    expectInvalid(() => store.remember({ fact: 42 as unknown as string }), /text/);
    expect(store.count()).toBe(0);
  });

  it('accepts the limits themselves', () => {
    const store = memoryStore();
    store.remember({ fact: 'x'.repeat(2000), tags: Array.from({ length: 20 }, (_, i) => `${'t'.repeat(38)}${i}`.slice(-40)) });
    expect(store.count()).toBe(1);
  });

  it('refuses a repeat that would take a memory past 20 tags, keeping the original', () => {
    const store = memoryStore();
    store.remember({ fact: 'Tagged fact', tags: Array.from({ length: 15 }, (_, i) => `a${i}`) });
    expectInvalid(() => store.remember({ fact: 'tagged fact', tags: Array.from({ length: 10 }, (_, i) => `b${i}`) }), /would have 25/);
    expect(store.list().items[0]).toMatchObject({ fact: 'Tagged fact' });
    expect(store.list().items[0]!.tags).toHaveLength(15);
  });
});

describe('MemoryStore forget and list', () => {
  it('forgets a memory so recall no longer finds it', () => {
    const store = memoryStore();
    const keep = store.remember({ fact: 'My locker code is 4411' });
    const drop = store.remember({ fact: 'My old locker code was 1234' });
    expect(store.forget(drop.id)).toBe(true);
    expect(store.recall({ query: 'locker code' }).map((m) => m.id)).toEqual([keep.id]);
    expect(store.count()).toBe(1);
    expect(store.forget(drop.id)).toBe(false);
    expect(store.forget('mem_doesnotexist')).toBe(false);
    expect(store.forget('')).toBe(false);
  });

  it('forgets a memory’s tags with it', () => {
    const store = memoryStore();
    const memory = store.remember({ fact: 'Bins go out on Tuesday', tags: ['chores'] });
    store.forget(memory.id);
    expect(store.list({ tag: 'chores' })).toEqual({ items: [], total: 0 });
  });

  it('pages through memories newest first with the total', () => {
    const store = memoryStore();
    for (let i = 1; i <= 25; i++) store.remember({ fact: `Memory ${i}`, tags: i % 5 === 0 ? ['fifth'] : [] });

    const first = store.list({ limit: 10 });
    expect(first.total).toBe(25);
    expect(first.items.map((m) => m.fact)).toEqual(Array.from({ length: 10 }, (_, i) => `Memory ${25 - i}`));
    const last = store.list({ limit: 10, offset: 20 });
    expect(last.items.map((m) => m.fact)).toEqual(['Memory 5', 'Memory 4', 'Memory 3', 'Memory 2', 'Memory 1']);
    expect(store.list({ offset: 100 })).toEqual({ items: [], total: 25 });
    expect(store.list().items).toHaveLength(20);

    const tagged = store.list({ tag: ' FIFTH ', limit: 2 });
    expect(tagged.total).toBe(5);
    expect(tagged.items.map((m) => m.fact)).toEqual(['Memory 25', 'Memory 20']);
  });

  it('says memory is unavailable once closed', () => {
    const store = MemoryStore.open(':memory:');
    store.close();
    store.close();
    expect(() => store.count()).toThrow(expect.objectContaining({ code: 'memory_unavailable' }));
  });

  it('keeps memories in a file across a close and reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frok-memory-unit-'));
    dirs.push(dir);
    const file = join(dir, 'memory.db');
    const store = MemoryStore.open(file);
    const saved = store.remember({ fact: 'I like my tea with oat milk', tags: ['drinks'] });
    store.close();
    const reopened = MemoryStore.open(file);
    open.push(reopened);
    expect(reopened.recall({ query: 'oat milk' })).toEqual([expect.objectContaining({ ...saved, score: expect.any(Number) })]);
    expect(reopened.notice).toBeNull();
  });
});
