/**
 * Every conversation is kept, encrypted, across restarts: typed asks (question kept before
 * the answer), voice sessions as main hears of them, the old plain conversations.json
 * imported and removed, and switched-off history kept only until quit.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptByRoute } from '../fakes/openai/server';
import { useAgentsWorld } from '../support/agents-world';

const caller = { id: 'window-1', kind: 'main' as const };

const world = useAgentsWorld();

function answerEach() {
  world.fake.setScript(scriptByRoute([{ when: {}, reply: (r) => ({ text: `Answer ${world.fake.modelRequests.indexOf(r) + 1}` }) }]));
}

describe('conversation history', () => {
  it('keeps the turns of a conversation across a restart, and a follow-up still sees them', async () => {
    answerEach();
    const first = await world.env.services.agents.ask({ query: 'My name is Ada Lovelace.', pattern: 'manager' }, caller);

    await world.env.restart();

    const kept = await world.env.services.agents.conversation(first.conversationId, caller);
    expect(kept.turns.map((t) => [t.role, t.text])).toEqual([
      ['user', 'My name is Ada Lovelace.'],
      ['assistant', first.response],
    ]);
    const listed = await world.env.services.history.list();
    expect(listed.items.map((c) => [c.title, c.kind, c.messageCount])).toEqual([['My name is Ada Lovelace.', 'typed', 2]]);

    await world.env.services.agents.ask({ query: 'What is my name?', pattern: 'manager', conversationId: first.conversationId }, caller);
    expect(JSON.stringify(world.fake.modelRequests.at(-1)!.input)).toContain('My name is Ada Lovelace.');
    expect((await world.env.services.agents.conversation(first.conversationId, caller)).turns).toHaveLength(4);
    // Nothing of it lies on disk in plain form.
    for (const name of ['frok-data.db', 'frok-data.db-wal']) {
      const file = join(world.env.dataDir, name);
      if (existsSync(file)) expect(readFileSync(file).includes('Lovelace')).toBe(false);
    }
  });

  it('finds a conversation by a word of its answer, with the word marked', async () => {
    world.fake.setScript(scriptByRoute([{ when: {}, reply: { text: 'The capital of Burkina Faso is Ouagadougou.' } }]));
    const asked = await world.env.services.agents.ask({ query: 'Capital of Burkina Faso?', pattern: 'manager' }, caller);
    const hits = await world.env.services.history.search('ouagad');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ conversationId: asked.conversationId, role: 'assistant', title: 'Capital of Burkina Faso?' });
    expect(hits[0]!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['Ouagadougou']);
  });

  it('a deleted conversation is gone from list and search, and Undo brings it back', async () => {
    answerEach();
    const asked = await world.env.services.agents.ask({ query: 'Remember the zebra crossing', pattern: 'manager' }, caller);
    await world.env.services.history.delete(asked.conversationId);
    expect((await world.env.services.history.list()).total).toBe(0);
    expect(await world.env.services.history.search('zebra')).toEqual([]);
    await expect(world.env.services.agents.conversation(asked.conversationId, caller)).rejects.toMatchObject({ code: 'conversation_not_found' });

    await world.env.services.history.undoDelete(asked.conversationId);
    expect((await world.env.services.history.list()).items.map((c) => c.id)).toEqual([asked.conversationId]);
    expect(await world.env.services.history.search('zebra')).toHaveLength(1);
  });

  it('a question whose answer never came is still there after a restart', async () => {
    world.fake.setScript(scriptByRoute([{ when: {}, reply: { text: 'too late', delayMs: 30_000 } }]));
    const runId = 'run-never-answered';
    const asking = world.env.services.agents.ask({ query: 'Is the question kept?', pattern: 'manager', runId, conversationId: 'conv-kept' }, caller).catch(() => undefined);
    await expect.poll(async () => (await world.env.services.history.list()).total).toBe(1);
    world.env.services.agents.cancel(runId, caller);
    await asking;
    await world.env.restart();
    const kept = await world.env.services.history.get('conv-kept');
    expect(kept.messages.map((m) => [m.role, m.text])).toEqual([['user', 'Is the question kept?']]);
  });

  it('imports the old plain conversations.json on first start and removes it only once imported', async () => {
    const legacy = join(world.env.dataDir, 'conversations.json');
    const at = '2026-11-20T10:00:00.000Z';
    writeFileSync(
      legacy,
      JSON.stringify({
        version: 1,
        conversations: [
          { id: 'old-1', turns: [{ role: 'user', text: 'Where did I park?', at, runId: 'r1' }, { role: 'assistant', text: 'Level 3, bay 42.', at, runId: 'r1' }] },
        ],
      }),
    );
    await world.env.restart();
    await world.env.services.data.ready;
    expect(existsSync(legacy)).toBe(false);
    const old = await world.env.services.history.get('old-1');
    expect(old.messages.map((m) => m.text)).toEqual(['Where did I park?', 'Level 3, bay 42.']);
    expect(old.startedAt).toBe(Date.parse(at));
    expect(readFileSync(join(world.env.dataDir, 'frok-data.db')).includes('bay 42')).toBe(false);
  });

  it('leaves an old conversations.json it cannot read where it is', async () => {
    const legacy = join(world.env.dataDir, 'conversations.json');
    writeFileSync(legacy, '{"version": 7, "somethingNew": true}');
    await world.env.restart();
    await world.env.services.data.ready;
    expect(readFileSync(legacy, 'utf8')).toBe('{"version": 7, "somethingNew": true}');
    expect(world.env.log.lines.some((e) => e.message === 'old conversations were not imported')).toBe(true);
  });

  it('with history switched off, a conversation lasts until FROK quits and is never written', async () => {
    answerEach();
    world.env.services.settings.update({ privacy: { keepHistory: false } });
    const asked = await world.env.services.agents.ask({ query: 'Off the record: my locker code is 4711', pattern: 'manager' }, caller);
    expect((await world.env.services.history.get(asked.conversationId)).messages).toHaveLength(2);
    expect(readFileSync(join(world.env.dataDir, 'frok-data.db')).includes('locker')).toBe(false);
    await world.env.restart();
    expect((await world.env.services.history.list()).total).toBe(0);
  });
});

describe('voice sessions in the history', () => {
  it('files a session transcript and its tool calls as a voice conversation, question before tool call before answer', async () => {
    const history = world.env.services.history;
    // As RealtimeService passes them on: the tool call arrives before the turn that asked for it is reported.
    history.voiceToolCall('session-1', { name: 'get_weather', arguments: '{"city":"Oslo"}', output: 'Sunny, 4 °C' });
    await history.voiceTranscript('session-1', [{ itemId: 'i1', role: 'user', text: 'What is the weather in Oslo?', interrupted: false }]);
    await history.voiceTranscript('session-1', [
      { itemId: 'i1', role: 'user', text: 'What is the weather in Oslo?', interrupted: false },
      { itemId: 'i2', role: 'assistant', text: 'It is sunny in Oslo, four degrees.', interrupted: false },
    ]);
    await history.voiceSessionEnded('session-1', []);
    await world.env.restart();
    const kept = await world.env.services.history.get('session-1');
    expect(kept.kind).toBe('voice');
    expect(kept.title).toBe('What is the weather in Oslo?');
    expect(kept.messages.map((m) => m.role)).toEqual(['user', 'tool', 'assistant']);
    expect(kept.messages[1]!.tool).toEqual({ name: 'get_weather', arguments: '{"city":"Oslo"}', output: 'Sunny, 4 °C' });
    expect((await world.env.services.history.search('sunny oslo'))[0]?.conversationId).toBe('session-1');
  });

  it("the team, asked from a voice session in the HUD, sees what was said in it (the session's window owns its conversation)", async () => {
    answerEach();
    const hud = { id: 'hud-1', kind: 'hud' as const };
    await world.env.services.history.voiceTranscript('session-2', [{ itemId: 'i1', role: 'user', text: 'My bike is the red Gazelle.', interrupted: false }]);
    const ask = () => world.env.services.agents.ask({ query: 'Which bike is mine?', pattern: 'manager', source: 'voice', conversationId: 'session-2' }, hud);
    await expect(ask()).rejects.toMatchObject({ message: 'This conversation belongs to another FROK window.' });
    world.env.services.agents.claimConversation('session-2', hud);
    await ask();
    expect(JSON.stringify(world.fake.modelRequests.at(-1)!.input)).toContain('red Gazelle');
    // The voice agent's question to the team is not filed as a turn of its own.
    expect((await world.env.services.history.get('session-2')).messages.map((m) => m.text)).toEqual(['My bike is the red Gazelle.']);
  });
});
