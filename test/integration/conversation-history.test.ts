/**
 * Conversation history survives an app restart: the turns are kept in the data dir.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scriptByRoute, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server';
import { startTestServices, type TestServices } from '../support/node-services';

const caller = { id: 'window-1', kind: 'main' as const };

let fake: FakeOpenAI;
let env: TestServices;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  env = await startTestServices({ openaiUrl: fake.url });
});
afterEach(async () => {
  await env.close();
});

describe('conversation history', () => {
  it('keeps the turns of a conversation across a restart, and a follow-up still sees them', async () => {
    fake.setScript(scriptByRoute([{ when: {}, reply: (r) => ({ text: `Answer ${fake.modelRequests.indexOf(r) + 1}` }) }]));
    const first = await env.services.agents.ask({ query: 'My name is Ada.', pattern: 'manager' }, caller);
    expect(existsSync(join(env.dataDir, 'conversations.json'))).toBe(true);

    await env.restart();

    const kept = env.services.agents.conversation(first.conversationId, caller);
    expect(kept.turns.map((t) => [t.role, t.text])).toEqual([
      ['user', 'My name is Ada.'],
      ['assistant', first.response],
    ]);

    await env.services.agents.ask({ query: 'What is my name?', pattern: 'manager', conversationId: first.conversationId }, caller);
    expect(JSON.stringify(fake.modelRequests.at(-1)!.input)).toContain('My name is Ada.');
    expect(env.services.agents.conversation(first.conversationId, caller).turns).toHaveLength(4);
  });
});
