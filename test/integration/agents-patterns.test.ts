/**
 * The specialist team end to end in Node: the real Agents SDK talks HTTP/SSE to the fake
 * OpenAI server, the real tools run, and we check what a person would see — the answer,
 * which specialists worked (and at the same time), the activity timeline, the cost.
 */
import { describe, expect, it } from 'vitest';
import { scriptByRoute } from '../fakes/openai/server';
import { useAgentsWorld } from '../support/agents-world';
import { SHIPPED_PRICES } from '../../shared/prices';

const caller = { id: 'window-1', kind: 'main' as const };

const world = useAgentsWorld();
const { ofType } = world;

describe('manager pattern', () => {
  it('asks two specialists in one turn, they work at the same time, and one answer combines both', async () => {
    world.fake.setScript(
      scriptByRoute([
        {
          name: 'manager delegates',
          when: { offersTool: 'memory_specialist', hasToolOutputs: false },
          reply: {
            toolCalls: [
              { name: 'memory_specialist', arguments: { input: 'What lighting does the person prefer in the evening?' } },
              { name: 'general_specialist', arguments: { input: 'What is 15% of 80?' } },
            ],
            usage: { inputTokens: 100, outputTokens: 20 },
          },
        },
        { name: 'memory', when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { text: 'They prefer warm light in the evening.', delayMs: 300, usage: { inputTokens: 50, outputTokens: 10 } } },
        { name: 'general', when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: '15% of 80 is 12.', delayMs: 300, usage: { inputTokens: 40, outputTokens: 8 } } },
        {
          name: 'manager answers',
          when: { hasToolOutputFrom: ['memory_specialist', 'general_specialist'] },
          reply: (r) => ({ text: `Combined: ${r.toolOutputs.map((o) => o.output).join(' ')}`, usage: { inputTokens: 200, outputTokens: 30 } }),
        },
      ]),
    );

    const result = await world.env.services.agents.ask({ query: 'Warm or cool light tonight? And what is 15% of 80?', pattern: 'manager' }, caller);

    expect(result.response).toBe('Combined: They prefer warm light in the evening. 15% of 80 is 12.');
    expect(result.pattern).toBe('manager');
    expect(result.specialistsUsed).toEqual(['memory', 'general']);
    expect(result.usage).toEqual({ inputTokens: 390, outputTokens: 68, totalTokens: 458 });
    // gpt-5.6-luna's shipped price (shared/prices.ts), per million tokens.
    const price = SHIPPED_PRICES['gpt-5.6-luna']!;
    expect(result.costUsd).toBeCloseTo((390 * price.inputPerMillionUsd + 68 * price.outputPerMillionUsd) / 1e6, 9);
    expect(world.fake.maxConcurrentModelRequests).toBeGreaterThanOrEqual(2);

    const started = ofType('specialist_started');
    const ended = ofType('specialist_ended');
    expect(started.map((e) => e.specialist)).toEqual(['memory', 'general']);
    expect(started.map((e) => e.input)).toEqual(['What lighting does the person prefer in the evening?', 'What is 15% of 80?']);
    // Both started before either ended: they ran side by side.
    const firstEnd = world.activity.indexOf(ended[0]!);
    expect(started.every((s) => world.activity.indexOf(s) < firstEnd)).toBe(true);
    expect(ended.every((e) => e.ok)).toBe(true);
    expect(ended.find((e) => e.specialist === 'memory')).toMatchObject({ summary: 'They prefer warm light in the evening.', usage: { inputTokens: 50, outputTokens: 10 } });
    expect(world.activity[0]).toMatchObject({ type: 'run_started', pattern: 'manager' });
    expect(world.activity.at(-1)).toMatchObject({ type: 'run_finished', result: { runId: result.runId } });
    expect(ofType('text_delta').map((e) => e.delta).join('')).toBe(result.response);
  });

  it('keeps answering when one specialist fails, and shows that one as failed', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'memory_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'memory_specialist', arguments: { input: 'recall' } }, { name: 'general_specialist', arguments: { input: 'time?' } }] } },
        { when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { error: { status: 500, message: 'boom' } } },
        { when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: 'It is noon.' } },
        { when: { hasToolOutputs: true }, reply: (r) => ({ text: `Partial answer. ${r.toolOutputs.length} results.` }) },
      ]),
    );
    const result = await world.env.services.agents.ask({ query: 'What do you remember, and what time is it?', pattern: 'manager' }, caller);
    expect(result.response).toBe('Partial answer. 2 results.');
    const ended = ofType('specialist_ended');
    expect(ended.find((e) => e.specialist === 'memory')).toMatchObject({ ok: false });
    expect(ended.find((e) => e.specialist === 'general')).toMatchObject({ ok: true, summary: 'It is noon.' });
  });
});

describe('handoffs pattern', () => {
  it('hands the conversation to one specialist, who writes the answer', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'transfer_to_general_specialist', instructionsStartWith: 'You are FROK' }, reply: { toolCalls: [{ name: 'transfer_to_general_specialist', arguments: {} }] } },
        { when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: 'Here is a haiku about autumn.' } },
      ]),
    );
    const result = await world.env.services.agents.ask({ query: 'Write me a haiku about autumn', pattern: 'handoffs' }, caller);
    expect(result.response).toBe('Here is a haiku about autumn.');
    expect(result.answeredBy).toBe('General specialist');
    expect(result.specialistsUsed).toEqual(['general']);
    expect(ofType('handoff')).toEqual([expect.objectContaining({ from: 'FROK orchestrator', to: 'General specialist', specialist: 'general' })]);
    // The orchestrator offered handoffs only, no specialist tools.
    expect(world.fake.modelRequests[0]!.tools.map((t) => t.name).sort()).toEqual(
      ['transfer_to_code_specialist', 'transfer_to_general_specialist', 'transfer_to_home_specialist', 'transfer_to_memory_specialist', 'transfer_to_research_specialist'],
    );
  });
});

describe('hybrid pattern (the default)', () => {
  it('offers the specialists both as tools and as handoffs, and a real tool runs inside a specialist', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: ['general_specialist', 'transfer_to_general_specialist'], hasToolOutputs: false }, reply: { toolCalls: [{ name: 'general_specialist', arguments: { input: 'Compute 2^10 + 15% of 80' } }] } },
        { when: { instructionsStartWith: 'You are the General specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'calculate', arguments: { expression: '2^10 + 15% of 80' } }] } },
        { when: { instructionsStartWith: 'You are the General specialist', hasToolOutputFrom: 'calculate' }, reply: (r) => ({ text: `The result is ${r.toolOutputs[0]!.output}.` }) },
        { when: { hasToolOutputFrom: 'general_specialist' }, reply: (r) => ({ text: r.toolOutputs[0]!.output }) },
      ]),
    );
    const result = await world.env.services.agents.ask({ query: 'What is 2^10 plus 15% of 80?' }, caller);
    expect(result.pattern).toBe('hybrid');
    expect(result.response).toMatch(/1036/);
    const tool = ofType('tool_started').find((e) => e.tool === 'calculate');
    const specialist = ofType('specialist_started')[0];
    expect(tool?.parentSpanId).toBe(specialist?.spanId);
    expect(ofType('tool_ended').find((e) => e.tool === 'calculate')).toMatchObject({ ok: true, summary: expect.stringContaining('1036') });
  });
});

describe('conversation and failures', () => {
  it('sends the earlier turns of the conversation to the model', async () => {
    world.fake.setScript(scriptByRoute([{ when: {}, reply: (r) => ({ text: `Answer ${world.fake.modelRequests.indexOf(r) + 1}` }) }]));
    const first = await world.env.services.agents.ask({ query: 'My name is Ada.', pattern: 'manager' }, caller);
    await world.env.services.agents.ask({ query: 'What is my name?', pattern: 'manager', conversationId: first.conversationId }, caller);
    const second = world.fake.modelRequests.at(-1)!;
    const text = JSON.stringify(second.input);
    expect(text).toContain('My name is Ada.');
    expect(text).toContain(first.response);
    expect((await world.env.services.agents.conversation(first.conversationId, caller)).turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  const failures = [
    { name: '401', reply: { error: { status: 401, message: 'Incorrect API key' } }, code: 'model_unauthorized', says: /Settings → Account/ },
    { name: '429 with retry-after', reply: { error: { status: 429, message: 'slow down', retryAfterSeconds: 7 } }, code: 'model_rate_limited', says: /7 seconds/ },
    // A new key with no credit: OpenAI's 429 with code insufficient_quota is not a rate limit.
    {
      name: '429 insufficient_quota',
      reply: { error: { status: 429, type: 'insufficient_quota', code: 'insufficient_quota', message: 'You exceeded your current quota, please check your plan and billing details.' } },
      code: 'model_no_credit',
      says: /no credit left.*Billing/,
    },
    { name: '500', reply: { error: { status: 500, message: 'oops' } }, code: 'model_unavailable', says: /server error \(500\)/ },
    { name: 'malformed stream', reply: { malformed: 'garbage' as const }, code: 'model_bad_response', says: /garbled/ },
  ];
  for (const f of failures) {
    it(`explains a ${f.name} from the model and stays usable`, async () => {
      world.fake.setScript(scriptByRoute([{ when: {}, reply: f.reply, times: 1 }], { fallback: { text: 'Working again.' } }));
      const failed = world.env.services.agents.ask({ query: 'Hello?', pattern: 'manager' }, caller);
      await expect(failed).rejects.toMatchObject({ code: f.code, message: expect.stringMatching(f.says) });
      expect(ofType('run_failed')[0]).toMatchObject({ error: { code: f.code } });
      await expect(world.env.services.agents.ask({ query: 'Hello again?', pattern: 'manager' }, caller)).resolves.toMatchObject({ response: 'Working again.' });
    });
  }

  it('explains a model that never answers in time', async () => {
    await world.replaceServices({ modelTimeoutMs: 300 });
    world.fake.setScript(() => ({ text: 'late', delayMs: 3_000 }));
    await expect(world.env.services.agents.ask({ query: 'Anyone there?', pattern: 'manager' }, caller)).rejects.toMatchObject({ code: 'model_timeout' });
  });

  it.each(['toString', 'constructor'])('answers with a text model named %s, at no known price (null cost, not NaN)', async (model) => {
    world.env.services.settings.update({ models: { text: model } });
    world.fake.setScript(() => ({ text: 'Priced at nothing.' }));
    const result = await world.env.services.agents.ask({ query: 'What does this cost?', pattern: 'manager' }, caller);
    expect(result.response).toBe('Priced at nothing.');
    expect(result.costUsd).toBeNull();
    expect(ofType('run_finished')[0]).toMatchObject({ result: { costUsd: null } });
  });

  it('cancels a run mid-way: the run stops, the window is told, nothing is kept as an answer', async () => {
    // The model call is held open until the test lets it go: the cancel lands while the run
    // is waiting on the model, however slow the machine.
    let modelCalled!: () => void;
    const modelCall = new Promise<void>((resolve) => (modelCalled = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    world.fake.setScript(async () => {
      modelCalled();
      await answered;
      return { text: 'Too late.' };
    });
    const pending = world.env.services.agents.ask({ query: 'Slow question', pattern: 'manager', runId: 'run-to-cancel' }, caller);
    await modelCall;
    expect(world.env.services.agents.cancel('run-to-cancel', caller)).toEqual({ cancelled: true });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    answer();
    expect(ofType('run_cancelled')).toHaveLength(1);
    expect(ofType('run_finished')).toHaveLength(0);
    expect(world.env.services.agents.cancel('run-to-cancel', caller)).toEqual({ cancelled: false });
  });

  it('limits asks per minute with a plain message', async () => {
    world.env.services.settings.update({ agents: { asksPerMinute: 2 } });
    world.fake.setScript(() => ({ text: 'ok' }));
    await world.env.services.agents.ask({ query: 'one', pattern: 'manager' }, caller);
    await world.env.services.agents.ask({ query: 'two', pattern: 'manager' }, caller);
    await expect(world.env.services.agents.ask({ query: 'three', pattern: 'manager' }, caller)).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/2 questions in the last minute/),
    });
  });

  it('says so when no API key is set', async () => {
    world.env.secrets.values.delete('openaiApiKey');
    await expect(world.env.services.agents.ask({ query: 'hi' }, caller)).rejects.toMatchObject({ code: 'no_api_key' });
  });
});

describe('OpenAI-compatible provider (Chat Completions)', () => {
  it('switches to Chat Completions without a restart and leaves out hosted tools', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'research_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'research_specialist', arguments: { input: 'capital of Norway' } }] } },
        { when: { instructionsStartWith: 'You are the Research specialist' }, reply: { text: 'Oslo.' } },
        { when: { hasToolOutputs: true }, reply: { text: 'The capital of Norway is Oslo.' } },
      ]),
    );
    // As in Settings: the server's own key is checked there, which also chooses the server.
    const check = await world.env.services.secrets.setOpenAIKey({ key: 'sk-test-valid-key-1234', provider: { kind: 'openai-compatible', baseUrl: world.fake.url } });
    expect(check.outcome).toBe('saved');
    const result = await world.env.services.agents.ask({ query: 'Capital of Norway?', pattern: 'manager' }, caller);
    expect(result.response).toBe('The capital of Norway is Oslo.');
    expect(world.fake.modelRequests.every((r) => r.api === 'chat')).toBe(true);
    const research = world.fake.modelRequests.find((r) => r.instructions.startsWith('You are the Research specialist'))!;
    expect(research.tools.map((t) => t.name)).toEqual(['fetch_page']);
    const config = await world.env.services.agents.config();
    expect(config.specialists.find((s) => s.id === 'research')?.description).toMatch(/need OpenAI as the provider/);
  });
});
