/**
 * Answers that fail after they started streaming, through the real Agents SDK and the
 * fake OpenAI server (which sends `response.failed`, `response.incomplete`, an SSE `error`
 * event, or drops the connection, as the real Responses API can). What the person gets:
 * the part already shown is kept in the conversation, marked cut off; one plain sentence
 * says what happened and what to do; the specialist that failed is marked failed with the
 * reason; nothing approved runs twice (the fake house is the oracle); the next question works.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../shared/agents';
import { scriptByRoute, type StreamFailure } from '../fakes/openai/server';
import { unlockFrontDoorScript, useAgentsWorld } from '../support/agents-world';

const caller = { id: 'window-1', kind: 'main' as const };
const ANSWER = 'Paris is the capital of France and has about two million people.';

const world = useAgentsWorld({ homeAssistant: true });
const { ofType } = world;

/** Resolves once the person has seen some of the answer (a text delta reached the window). */
function textShown(): Promise<void> {
  return new Promise((resolve) => world.onActivity((e: ActivityEvent) => e.type === 'text_delta' && resolve()));
}

const streamedText = () => ofType('text_delta').map((e) => e.delta).join('');

describe('the answer breaks off', () => {
  const cases: { name: string; failure: StreamFailure; code: string; says: RegExp }[] = [
    { name: 'response.failed (server error)', failure: { kind: 'failed', code: 'server_error' }, code: 'model_failed', says: /^OpenAI had a server error partway through the answer and stopped\. Try again in a moment\.$/ },
    { name: 'response.failed (rate limit)', failure: { kind: 'failed', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' }, code: 'model_rate_limited', says: /^OpenAI's rate limit stopped the answer partway through the answer\. Try again in a minute/ },
    { name: 'response.incomplete (max_output_tokens)', failure: { kind: 'incomplete', reason: 'max_output_tokens' }, code: 'model_answer_too_long', says: /length limit.*Ask for a shorter answer/ },
    { name: 'response.incomplete (content_filter)', failure: { kind: 'incomplete', reason: 'content_filter' }, code: 'model_content_filter', says: /content filter stopped this answer\. Try asking in a different way\./ },
    { name: 'an SSE error event', failure: { kind: 'error', code: 'server_error', message: 'The server had an error while processing your request.' }, code: 'model_failed', says: /^OpenAI had a server error partway through the answer and stopped\./ },
    { name: 'the connection cut after a few deltas', failure: { kind: 'cut', afterDeltas: 3, until: textShown }, code: 'model_cut_off', says: /^The connection to OpenAI dropped partway through the answer\. Check your connection, then try again\.$/ },
  ];

  for (const c of cases) {
    it(`${c.name}: the part shown is kept, marked cut off, with one plain sentence; nothing is replayed`, async () => {
      world.fake.setScript(() => ({ text: ANSWER, failMidStream: c.failure }));
      const failed = await world.env.services.agents.ask({ query: 'Tell me about Paris', pattern: 'manager', conversationId: 'conv-paris' }, caller).catch((e: unknown) => e);

      expect(failed).toMatchObject({ code: c.code, message: expect.stringMatching(c.says) });
      // One model call: a reply that broke off is not sent again behind the person's back.
      expect(world.fake.modelRequests.length).toBe(1);
      const shown = streamedText();
      expect(shown.length).toBeGreaterThan(0);
      expect(ANSWER.startsWith(shown) && shown !== ANSWER).toBe(true);
      expect(ofType('run_failed')).toEqual([expect.objectContaining({ error: { code: c.code, message: (failed as Error).message } })]);

      // The conversation keeps the question and what arrived, marked cut off, across a restart.
      const services = await world.env.restart();
      expect((await services.agents.conversation('conv-paris', caller)).turns).toEqual([
        expect.objectContaining({ role: 'user', text: 'Tell me about Paris' }),
        expect.objectContaining({ role: 'assistant', text: shown, cutOff: true }),
      ]);
    });
  }

  it('the next question works, and the model sees the cut-off answer as what was said', async () => {
    world.fake.setScript(() => ({ text: ANSWER, failMidStream: { kind: 'failed', code: 'server_error', afterDeltas: 4 } }));
    await expect(world.env.services.agents.ask({ query: 'Tell me about Paris', pattern: 'manager', conversationId: 'conv-2' }, caller)).rejects.toMatchObject({ code: 'model_failed' });
    const shown = streamedText();

    world.fake.setScript(() => ({ text: 'About two million.' }));
    const next = await world.env.services.agents.ask({ query: 'How many people again?', pattern: 'manager', conversationId: 'conv-2' }, caller);
    expect(next.response).toBe('About two million.');
    const input = JSON.stringify(world.fake.modelRequests.at(-1)!.input);
    expect(input).toContain('Tell me about Paris');
    expect(input).toContain(shown.trim());
    expect((await world.env.services.agents.conversation('conv-2', caller)).turns.map((t) => [t.role, t.cutOff ?? false])).toEqual([
      ['user', false],
      ['assistant', true],
      ['user', false],
      ['assistant', false],
    ]);
  });

  it('a failure before any text arrives keeps the question and no empty cut-off answer', async () => {
    world.fake.setScript(() => ({ text: ANSWER, failMidStream: { kind: 'failed', code: 'server_error', afterDeltas: 0 } }));
    await expect(world.env.services.agents.ask({ query: 'Tell me', pattern: 'manager', conversationId: 'conv-3' }, caller)).rejects.toMatchObject({
      code: 'model_failed',
      message: 'OpenAI had a server error and stopped. Try again in a moment.',
    });
    // The question was kept when it was sent; there is no answer to keep.
    expect((await world.env.services.agents.conversation('conv-3', caller)).turns.map((t) => [t.role, t.text, t.cutOff ?? false])).toEqual([['user', 'Tell me', false]]);
  });
});

describe('a specialist breaks off', () => {
  it('as a tool: it is marked failed with the reason in plain words, and the manager still answers', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'research_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'research_specialist', arguments: { input: 'Population of Paris' } }] } },
        { when: { instructionsStartWith: 'You are the Research specialist' }, reply: { text: 'Paris has about', failMidStream: { kind: 'failed', code: 'rate_limit_exceeded', afterDeltas: 1 } } },
        { when: { hasToolOutputFrom: 'research_specialist' }, reply: { text: 'The research specialist could not finish; please try again.' } },
      ]),
    );
    const result = await world.env.services.agents.ask({ query: 'How many people live in Paris?', pattern: 'manager' }, caller);

    expect(result.response).toBe('The research specialist could not finish; please try again.');
    expect(ofType('specialist_ended')).toEqual([
      expect.objectContaining({ specialist: 'research', ok: false, summary: expect.stringMatching(/^OpenAI's rate limit stopped the answer partway through the answer\. Try again in a minute/) }),
    ]);
  });

  it('after a handoff: the specialist speaking is marked failed with the reason, and the run failed', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'transfer_to_general_specialist', instructionsStartWith: 'You are FROK' }, reply: { toolCalls: [{ name: 'transfer_to_general_specialist', arguments: {} }] } },
        { when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: ANSWER, failMidStream: { kind: 'incomplete', reason: 'max_output_tokens' } } },
      ]),
    );
    await expect(world.env.services.agents.ask({ query: 'Tell me everything about Paris', pattern: 'handoffs' }, caller)).rejects.toMatchObject({ code: 'model_answer_too_long' });
    const general = ofType('agent_ended').find((e) => e.agent === 'General specialist');
    expect(general).toMatchObject({ error: expect.stringMatching(/length limit/) });
  });
});

describe('after an approval', () => {
  beforeEach(() => {
    // The person approves the unlock as soon as it is asked.
    world.onActivity((e) => e.type === 'approval_requested' && world.env.services.agents.decideApproval(e.runId, e.approvalId, true, caller));
  });

  it('the answer after an approved unlock breaks off: the door was unlocked once, and nothing is asked or sent again', async () => {
    world.fake.setScript(unlockFrontDoorScript({ text: 'The front door is now unlocked, as you asked.', failMidStream: { kind: 'cut', afterDeltas: 2, until: textShown } }));
    await expect(world.env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager' }, caller)).rejects.toMatchObject({ code: 'model_cut_off' });

    // The house's own record: one unlock, sent once.
    expect(world.ha.devices.get('lock.front_door')?.state).toBe('unlocked');
    expect(world.ha.calls.filter((c) => c.tool === 'HassTurnOff')).toHaveLength(1);
    expect(world.ha.changes.filter((c) => c.entityId === 'lock.front_door')).toHaveLength(1);
    expect(ofType('approval_requested')).toHaveLength(1);
    expect(world.fake.modelRequests.filter((r) => r.instructions.startsWith('You are the Home specialist'))).toHaveLength(2);
  });
});
