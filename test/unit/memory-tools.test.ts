import { RunContext, type FunctionTool } from '@openai/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../electron/main/services/memory/memory-store';
import { createMemoryTools, recallPreferenceForVoice } from '../../electron/main/services/memory/memory-tools';
import { toSecondPerson } from '../../electron/main/services/memory/spoken-memory';

const stores: MemoryStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function setUp() {
  const store = MemoryStore.open(':memory:');
  stores.push(store);
  const tools = new Map(createMemoryTools(store).map((t) => [t.name, t as FunctionTool]));
  /** Calls a tool the way the Agents SDK does when the model asks for it: JSON arguments in, text out. */
  async function call(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const tool = tools.get(name);
    if (!tool) throw new Error(`no tool ${name}`);
    const output = await tool.invoke(new RunContext(), JSON.stringify(args));
    return JSON.parse(String(output)) as Record<string, unknown>;
  }
  return { store, tools, call };
}

describe('memory tools', () => {
  it('offers remember, recall, forget and list_memories with strict schemas (every field required)', () => {
    const { tools } = setUp();
    expect([...tools.keys()]).toEqual(['remember', 'recall', 'forget', 'list_memories']);
    for (const tool of tools.values()) {
      expect(tool.strict).toBe(true);
      expect(tool.parameters.additionalProperties).toBe(false);
      expect([...(tool.parameters.required ?? [])].sort()).toEqual(Object.keys(tool.parameters.properties).sort());
      expect(tool.description.length).toBeGreaterThan(20);
    }
  });

  it('remembers, recalls with ids, and forgets what it recalled', async () => {
    const { call } = setUp();
    const saved = await call('remember', { fact: 'I prefer warm lighting in the evening', tags: ['home', 'lighting'] });
    expect(saved.saved).toMatchObject({ fact: 'I prefer warm lighting in the evening', tags: ['home', 'lighting'] });
    await call('remember', { fact: 'My favourite colour is teal', tags: null });

    const recalled = await call('recall', { query: 'how do I like the lighting?', limit: null });
    const memories = recalled.memories as { id: string; fact: string; savedAt: string }[];
    expect(memories[0]).toMatchObject({ id: (saved.saved as { id: string }).id, fact: 'I prefer warm lighting in the evening' });
    expect(memories[0]!.savedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    expect(await call('forget', { id: memories[0]!.id })).toEqual({ forgotten: memories[0]!.id });
    const after = await call('recall', { query: 'lighting', limit: 3 });
    expect(after.memories).toEqual([]);
    expect(after.note).toMatch(/Nothing saved matches "lighting"/);
  });

  it('says when a query had no specific words and lists the latest memories instead', async () => {
    const { call } = setUp();
    await call('remember', { fact: 'I am vegetarian', tags: null });
    const recalled = await call('recall', { query: 'what do you know about me?', limit: 1 });
    expect(recalled.note).toMatch(/most recent/);
    expect((recalled.memories as unknown[]).length).toBe(1);
  });

  it('hands problems back to the model as an error it can act on', async () => {
    const { call, store } = setUp();
    expect(await call('remember', { fact: ' ', tags: null })).toEqual({ error: expect.stringMatching(/can’t be empty/) });
    expect(await call('remember', { fact: 'x'.repeat(2500), tags: null })).toEqual({ error: expect.stringMatching(/limit is 2000/) });
    expect(await call('forget', { id: 'mem_nope' })).toEqual({ error: expect.stringMatching(/No memory has the id "mem_nope".*recall or list_memories/) });
    expect(store.count()).toBe(0);
  });

  it('lists the latest memories with the total', async () => {
    const { call } = setUp();
    for (const fact of ['one', 'two', 'three']) await call('remember', { fact: `Fact ${fact}`, tags: null });
    const listed = await call('list_memories', { limit: 2 });
    expect(listed.total).toBe(3);
    expect((listed.memories as { fact: string }[]).map((m) => m.fact)).toEqual(['Fact three', 'Fact two']);
    expect(((await call('list_memories', { limit: null })).memories as unknown[]).length).toBe(3);
  });
});

describe('recallPreferenceForVoice', () => {
  it('answers in a sentence that can be spoken, in the second person', () => {
    const { store } = setUp();
    store.remember({ fact: 'I prefer warm lighting in the evening', tags: ['home'] });
    store.remember({ fact: 'My favourite colour is teal' });
    expect(recallPreferenceForVoice(store, 'lighting')).toBe('You told me: you prefer warm lighting in the evening.');
    expect(recallPreferenceForVoice(store, 'my favourite colour?')).toBe('You told me: your favourite colour is teal.');
  });

  it('says plainly when nothing is saved about the topic', () => {
    const { store } = setUp();
    store.remember({ fact: 'My favourite colour is teal' });
    expect(recallPreferenceForVoice(store, 'my favourite film')).toBe("I don't have anything saved about your favourite film.");
    expect(recallPreferenceForVoice(store, '  ')).toBe("I don't have anything saved about that.");
    // A topic of only filler words must not read out an unrelated memory.
    expect(recallPreferenceForVoice(store, 'what do you know?')).toBe("I don't have anything saved about what do you know.");
  });

  it('says memory is unreachable rather than failing', () => {
    const { store } = setUp();
    store.close();
    expect(recallPreferenceForVoice(store, 'lighting')).toBe("I can't reach my memory right now, so I can't check that.");
  });
});

describe('toSecondPerson', () => {
  it.each([
    ["I'm allergic to peanuts", 'you’re allergic to peanuts'],
    ['I am left-handed', 'you are left-handed'],
    ['I was born in Leeds', 'you were born in Leeds'],
    ['Call me Sam', 'Call you Sam'],
    ['My sister and I share mine', 'your sister and you share yours'],
    ['I’ve been to Iceland myself', 'you’ve been to Iceland yourself'],
    ["The user's dog is called Biscuit", 'your dog is called Biscuit'],
    ['Mimi likes it', 'Mimi likes it'],
  ])('%s → %s', (first, second) => {
    expect(toSecondPerson(first)).toBe(second);
  });
});
