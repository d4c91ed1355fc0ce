/**
 * Conversation history survives an app restart: the turns are kept in the data dir.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptByRoute } from '../fakes/openai/server';
import { useAgentsWorld } from '../support/agents-world';

const caller = { id: 'window-1', kind: 'main' as const };

const world = useAgentsWorld();

describe('conversation history', () => {
  it('keeps the turns of a conversation across a restart, and a follow-up still sees them', async () => {
    world.fake.setScript(scriptByRoute([{ when: {}, reply: (r) => ({ text: `Answer ${world.fake.modelRequests.indexOf(r) + 1}` }) }]));
    const first = await world.env.services.agents.ask({ query: 'My name is Ada.', pattern: 'manager' }, caller);
    expect(existsSync(join(world.env.dataDir, 'conversations.json'))).toBe(true);

    await world.env.restart();

    const kept = world.env.services.agents.conversation(first.conversationId, caller);
    expect(kept.turns.map((t) => [t.role, t.text])).toEqual([
      ['user', 'My name is Ada.'],
      ['assistant', first.response],
    ]);

    await world.env.services.agents.ask({ query: 'What is my name?', pattern: 'manager', conversationId: first.conversationId }, caller);
    expect(JSON.stringify(world.fake.modelRequests.at(-1)!.input)).toContain('My name is Ada.');
    expect(world.env.services.agents.conversation(first.conversationId, caller).turns).toHaveLength(4);
  });
});
