/**
 * Failures a person can act on, with the real Agents SDK and openai client against the fake
 * OpenAI: an account with no credit is told so (not "rate limited, try again in 1 second")
 * and the client does not wait through retries for it; a specialist whose model call fails
 * is marked failed in Activity with the cause in plain words, not the SDK's generic text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NO_CREDIT_ERROR, scriptByRoute } from '../fakes/openai/server';
import { attachFakeRealtime } from '../fakes/realtime';
import { useAgentsWorld } from '../support/agents-world';

const caller = { id: 'window-1', kind: 'main' as const };
const world = useAgentsWorld();
const { ofType } = world;

// The fake OpenAI is shared by the file: each test starts with an account that has credit.
afterEach(() => world.fake.setCredit(true));

const modelCalls = () => world.fake.requests.filter((r) => r.path === '/v1/responses');

describe('an account with no credit', () => {
  it('is told it has no credit, once: the client does not retry it as a rate limit', async () => {
    // The client's own retries on, as in the app: a rate limit would be asked three times.
    await world.replaceServices({ modelMaxRetries: 2 });
    world.fake.setCredit(false);
    const failed = world.env.services.agents.ask({ query: 'Hello?', pattern: 'manager' }, caller);
    await expect(failed).rejects.toMatchObject({ code: 'model_no_credit', message: expect.stringMatching(/^Your OpenAI account has no credit left/) });
    await expect(failed).rejects.not.toMatchObject({ message: expect.stringMatching(/try again in \d/) });
    expect(modelCalls()).toHaveLength(1);
    expect(modelCalls()[0]!.status).toBe(429);
    expect(ofType('run_failed')[0]).toMatchObject({ error: { code: 'model_no_credit' } });

    // Credit added: the next question is answered.
    world.fake.setCredit(true);
    world.fake.setScript(() => ({ text: 'Hello!' }));
    await expect(world.env.services.agents.ask({ query: 'Hello again?', pattern: 'manager' }, caller)).resolves.toMatchObject({ response: 'Hello!' });
  });

  it('voice does not start, and says the account has no credit, not that OpenAI is limiting sessions', async () => {
    world.fake.setCredit(false);
    attachFakeRealtime(world.fake);
    await expect(world.env.services.realtime.start({}, caller)).rejects.toMatchObject({ code: 'voice_no_credit', message: expect.stringMatching(/^Your OpenAI account has no credit left, so voice can't start/) });
  });

  it('a real rate limit is still retried by the client', async () => {
    await world.replaceServices({ modelMaxRetries: 1 });
    world.fake.setScript(scriptByRoute([{ when: {}, reply: { error: { status: 429, retryAfterSeconds: 0 } }, times: 1 }], { fallback: { text: 'Got there.' } }));
    await expect(world.env.services.agents.ask({ query: 'Hi', pattern: 'manager' }, caller)).resolves.toMatchObject({ response: 'Got there.' });
    expect(modelCalls().map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('a specialist whose model call fails', () => {
  it('is marked failed in the timeline with the cause in plain words, and the manager still answers', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'research_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'research_specialist', arguments: { input: 'Population of Paris' } }] } },
        // Only the specialist's own call is refused, as OpenAI refuses a call on an account that ran dry mid-run.
        { when: { instructionsStartWith: 'You are the Research specialist' }, reply: { error: { ...NO_CREDIT_ERROR } } },
        { when: { hasToolOutputFrom: 'research_specialist' }, reply: { text: 'The research specialist could not help this time.' } },
      ]),
    );
    const result = await world.env.services.agents.ask({ query: 'How many people live in Paris?', pattern: 'manager' }, caller);
    expect(result.response).toBe('The research specialist could not help this time.');

    const [ended, ...more] = ofType('specialist_ended');
    expect(more).toEqual([]);
    expect(ended).toMatchObject({ specialist: 'research', ok: false });
    expect(ended!.summary).toMatch(/^Your OpenAI account has no credit left/);
    expect(ended!.summary).not.toMatch(/An error occurred while running the tool/);
  });

  it('a failure with no model error behind it still reads as plain words, not the SDK text', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'research_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'research_specialist', arguments: { input: 'Loop forever' } }] } },
        // The specialist keeps calling a tool it does not have: the SDK stops its run, and the manager's tool call fails.
        { when: { instructionsStartWith: 'You are the Research specialist' }, reply: { toolCalls: [{ name: 'no_such_tool', arguments: {} }] } },
        { when: { hasToolOutputFrom: 'research_specialist' }, reply: { text: 'Research failed.' } },
      ]),
    );
    await world.env.services.agents.ask({ query: 'Research something', pattern: 'manager' }, caller);
    const ended = ofType('specialist_ended');
    expect(ended).toEqual([expect.objectContaining({ specialist: 'research', ok: false })]);
    expect(ended[0]!.summary).toBe("It stopped with an error before it could answer. Try again; if it keeps happening, FROK's log has the details.");
  });
});
