/**
 * Memory in the composed app: where each memory came from, recorded by a real specialist
 * run (through the fake OpenAI) and by a voice tool call, and read back for "why do you
 * think I …?"; the Memory view over IPC's service; and an earlier version's plain
 * memory.db taken in at the first start — the old file gone, its memories sealed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scriptByRoute } from '../fakes/openai/server';
import { attachFakeRealtime } from '../fakes/realtime';
import { MemoryStore } from '../../electron/main/services/memory/memory-store';
import { lastOutput, useAgentsWorld } from '../support/agents-world';
import { startTestServices, type TestServices } from '../support/node-services';

const caller = { id: 'window-1', kind: 'main' as const };
const world = useAgentsWorld();
beforeAll(() => {
  attachFakeRealtime(world.fake);
});

const MEMORY = 'You are the Memory specialist';

describe('where a memory came from', () => {
  it('is recorded by the memory specialist, and answers "why do you think I …?"', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'memory_specialist', hasToolOutputs: false }, reply: (r) => ({ toolCalls: [{ name: 'memory_specialist', arguments: { input: r.lastUserText } }] }) },
        { when: { instructionsStartWith: MEMORY, hasToolOutputs: false, userText: 'Remember' }, reply: { toolCalls: [{ name: 'remember', arguments: { fact: 'I love hiking in the Dolomites', tags: ['travel'] } }] } },
        { when: { instructionsStartWith: MEMORY, hasToolOutputs: false }, reply: { toolCalls: [{ name: 'recall', arguments: { query: 'hiking', limit: null } }] } },
        { when: { instructionsStartWith: MEMORY }, reply: (r) => ({ text: r.toolOutputs.at(-1)!.output }) },
        { when: { hasToolOutputFrom: 'memory_specialist' }, reply: (r) => ({ text: lastOutput(r, 'memory_specialist') }) },
      ]),
    );
    const { services } = world.env;
    const first = await services.agents.ask({ query: 'Remember that I love hiking in the Dolomites', pattern: 'manager' }, caller);
    const [saved] = services.memory.all();
    expect(saved).toMatchObject({ fact: 'I love hiking in the Dolomites', origin: { conversationId: first.conversationId, savedBy: 'memory', voiceSessionId: null } });

    const title = (await services.history.get(first.conversationId)).title;
    const page = await services.memories.list({});
    expect(page.items).toEqual([expect.objectContaining({ id: saved!.id, origin: saved!.origin, conversationTitle: title })]);

    const why = await services.agents.ask({ query: 'Why do you think I like hiking?', pattern: 'manager', conversationId: first.conversationId }, caller);
    const recalled = JSON.parse(why.response) as { memories: { id: string; savedBy: string; conversation: string; firstSavedAt: string }[] };
    expect(recalled.memories[0]).toMatchObject({ id: saved!.id, savedBy: 'the memory specialist', conversation: title, firstSavedAt: saved!.createdAt });
    // The specialist is told to answer from that record.
    const memoryCall = world.fake.modelRequests.find((r) => r.instructions.startsWith(MEMORY));
    expect(memoryCall?.instructions).toMatch(/why do you think I/);

    // Kept across a restart, provenance and all; once the conversation is gone, so is its title.
    const restarted = await world.env.restart();
    await restarted.data.ready;
    expect(restarted.memory.get(saved!.id)).toEqual(saved);
    await restarted.history.delete(first.conversationId);
    expect((await restarted.memories.list({ query: 'hiking' })).items[0]).toMatchObject({ id: saved!.id, conversationTitle: null, origin: { conversationId: first.conversationId } });
  });

  it('is recorded by the voice assistant with its session', async () => {
    const { services } = world.env;
    await services.data.ready;
    const { sessionId } = await services.realtime.start({}, caller);
    const out = await services.realtime.toolCall({ sessionId, callId: 'c1', name: 'remember_preference', args: JSON.stringify({ fact: 'I prefer warm lighting in the evening', tags: ['home'] }) }, caller);
    expect(out.output).toBe('Saved: you prefer warm lighting in the evening');
    const [saved] = services.memory.all();
    expect(saved).toMatchObject({ fact: 'I prefer warm lighting in the evening', tags: ['home'], origin: { conversationId: sessionId, savedBy: 'voice', voiceSessionId: sessionId } });
    const recalled = await services.realtime.toolCall({ sessionId, callId: 'c2', name: 'recall_preference', args: '{"topic":"evening lighting"}' }, caller);
    expect(recalled.output).toBe('You told me: you prefer warm lighting in the evening.');
    const view = (await services.memories.list({ query: 'lighting' })).items[0];
    expect(view?.origin).toEqual({ conversationId: sessionId, savedBy: 'voice', voiceSessionId: sessionId });
  });

  it('edits and deletes through the Memory view, and keeps both across a restart', async () => {
    const { services } = world.env;
    await services.data.ready;
    const a = services.memory.remember({ fact: 'My dentist is Dr Okafor' });
    const b = services.memory.remember({ fact: 'My gym locker is 42' });
    const edited = await services.memories.update({ id: a.id, fact: 'My dentist is Dr Mensah' });
    expect(edited).toMatchObject({ id: a.id, createdAt: a.createdAt, fact: 'My dentist is Dr Mensah' });
    await services.memories.delete(b.id);
    const restarted = await world.env.restart();
    const after = await restarted.memories.list({});
    expect(after.items.map((m) => [m.id, m.fact])).toEqual([[a.id, 'My dentist is Dr Mensah']]);
    expect(after.total).toBe(1);
    for (const suffix of ['', '-wal']) {
      const file = join(world.env.dataDir, `frok-data.db${suffix}`);
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from('Mensah')), suffix).toBe(false);
    }
    expect(existsSync(join(world.env.dataDir, 'memory.db'))).toBe(false);
  });

  it('after "Delete all my data", memory is empty and stays empty', async () => {
    const { services } = world.env;
    await services.data.ready;
    services.memory.remember({ fact: 'Something to be deleted' });
    await services.deleteAllData();
    expect(services.memory.count()).toBe(0);
    expect((await services.memories.list({})).total).toBe(0);
    services.memory.remember({ fact: 'Said after deleting' });
    const restarted = await world.env.restart();
    await restarted.data.ready;
    expect(restarted.memory.all().map((m) => m.fact)).toEqual(['Said after deleting']);
  });
});

describe('the plain memory.db of an earlier version', () => {
  let env: TestServices | null = null;
  let dir = '';
  afterEach(async () => {
    await env?.close();
    env = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is imported at the first start, then removed; the memories stay after a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'frok-memory-upgrade-'));
    const old = MemoryStore.open(join(dir, 'memory.db'));
    const colour = old.remember({ fact: 'My favourite colour is teal', tags: ['colours'], source: 'user' });
    const tea = old.remember({ fact: 'I take my tea with oat milk' });
    old.close();

    env = await startTestServices({ openaiUrl: world.fake.url, dataDir: dir });
    await env.services.data.ready;
    expect(env.services.memory.all()).toEqual([{ ...colour, origin: null }, { ...tea, origin: null }]);
    for (const name of ['memory.db', 'memory.db-wal', 'memory.db-shm']) expect(existsSync(join(dir, name)), name).toBe(false);
    expect(env.log.lines.some((l) => /old memories imported/.test(l.message))).toBe(true);
    expect(env.services.appInfo().notices.filter((n) => n.id.startsWith('memory'))).toEqual([]);
    expect(readFileSync(join(dir, 'frok-data.db')).includes(Buffer.from('oat milk'))).toBe(false);

    const restarted = await env.restart();
    await restarted.data.ready;
    expect(restarted.memory.recall({ query: 'favourite colour' })[0]).toMatchObject({ id: colour.id, fact: colour.fact, createdAt: colour.createdAt });
  });

  it('is kept, untouched, when it cannot be imported, and the person is told', async () => {
    dir = mkdtempSync(join(tmpdir(), 'frok-memory-upgrade-'));
    const damaged = Buffer.from('SQLite format 3\u0000'.padEnd(4096, 'x'));
    writeFileSync(join(dir, 'memory.db'), damaged);

    env = await startTestServices({ openaiUrl: world.fake.url, dataDir: dir });
    await env.services.data.ready;
    expect(readFileSync(join(dir, 'memory.db')).equals(damaged)).toBe(true);
    expect(env.services.memory.count()).toBe(0);
    const notice = env.services.appInfo().notices.find((n) => n.id === 'memory-import-kept');
    expect(notice?.message).toContain(join(dir, 'memory.db'));
    expect(env.log.lines.some((l) => l.level === 'warn' && /old memories were not imported/.test(l.message))).toBe(true);
    // FROK still remembers, sealed.
    env.services.memory.remember({ fact: 'A new memory despite the old file' });
    expect((await env.services.memories.list({})).total).toBe(1);
  });
});
