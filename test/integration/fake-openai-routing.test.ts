// A manager agent with two specialist agents-as-tools, all on one fake endpoint:
// scriptByRoute tells the callers apart, and the fake's timestamps prove the
// specialists ran at the same time.
import { Agent, OpenAIProvider, Runner, setTracingDisabled } from '@openai/agents';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_VALID_KEY,
  scriptByRoute,
  startFakeOpenAI,
  type FakeOpenAI,
  type ModelRequest,
  type RecordedRequest,
} from '../fakes/openai/server.ts';

setTracingDisabled(true);

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.latencyMs = 0;
});

const SPECIALIST_DELAY_MS = 300;

function team() {
  const home = new Agent({
    name: 'Home',
    instructions: 'You are the Home specialist. You control lights.',
    model: 'gpt-5.6-luna',
  });
  const memory = new Agent({
    name: 'Memory',
    instructions: 'You are the Memory specialist. You remember preferences.',
    model: 'gpt-5.6-luna',
  });
  const manager = new Agent({
    name: 'Frok',
    instructions: 'You are FROK, the manager.',
    model: 'gpt-5.6-luna',
    tools: [
      home.asTool({ toolName: 'home_specialist', toolDescription: 'Controls the home' }),
      memory.asTool({ toolName: 'memory_specialist', toolDescription: 'Remembers things' }),
    ],
  });
  return manager;
}

const teamScript = () =>
  scriptByRoute([
    {
      name: 'manager delegates',
      when: { offersTool: ['home_specialist', 'memory_specialist'], hasToolOutputs: false },
      reply: {
        toolCalls: [
          { name: 'home_specialist', arguments: { input: 'Turn on the kitchen lights' } },
          { name: 'memory_specialist', arguments: { input: 'Which brightness does the user like?' } },
        ],
      },
    },
    {
      name: 'home',
      when: { instructionsStartWith: 'You are the Home specialist' },
      reply: { text: 'Kitchen lights on.', delayMs: SPECIALIST_DELAY_MS },
    },
    {
      name: 'memory',
      when: { instructionsStartWith: 'You are the Memory specialist' },
      reply: { text: 'The user likes 40% brightness.', delayMs: SPECIALIST_DELAY_MS },
    },
    {
      name: 'manager answers',
      when: { hasToolOutputFrom: ['home_specialist', 'memory_specialist'] },
      reply: (req: ModelRequest) => ({ text: req.toolOutputs.map((o) => `${o.name}: ${o.output}`).join('\n') }),
    },
  ]);

const overlaps = (a: RecordedRequest, b: RecordedRequest): boolean =>
  a.startedAt < (b.endedAt ?? Infinity) && b.startedAt < (a.endedAt ?? Infinity);

describe('scriptByRoute with a manager and specialists', () => {
  for (const useResponses of [true, false]) {
    it(`routes each caller and the specialists run concurrently (${useResponses ? 'responses' : 'chat'})`, async () => {
      const script = teamScript();
      fake.setScript(script);
      const runner = new Runner({
        modelProvider: new OpenAIProvider({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, useResponses }),
        tracingDisabled: true,
      });
      const result = await runner.run(team(), 'Lights on, the way I like them');

      expect(result.finalOutput).toBe(
        'home_specialist: Kitchen lights on.\nmemory_specialist: The user likes 40% brightness.',
      );
      expect(script.hits).toEqual({ 'manager delegates': 1, home: 1, memory: 1, 'manager answers': 1 });

      const byInstructions = (prefix: string) => fake.modelRequests.find((r) => r.instructions.startsWith(prefix))!;
      const home = byInstructions('You are the Home specialist').recorded;
      const memory = byInstructions('You are the Memory specialist').recorded;
      expect(byInstructions('You are the Home specialist').lastUserText).toBe('Turn on the kitchen lights');
      expect(overlaps(home, memory)).toBe(true);
      // Both were in flight at once (how long that took is measured in bench/fakes.bench.ts).
      expect(fake.maxConcurrentModelRequests).toBe(2);
    });
  }

  it('answers an unmatched call with a 500 that names the request', async () => {
    fake.setScript(scriptByRoute([{ when: { instructionsStartWith: 'Nobody' }, reply: { text: 'x' } }]));
    const res = await fetch(`${fake.url}/responses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.6-luna', instructions: 'You are lost.', input: 'hello' }),
    });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('no route matched');
    expect(body.error.message).toContain('You are lost.');
  });

  it('stops using a route after `times`', async () => {
    fake.setScript(
      scriptByRoute(
        [{ name: 'first', when: { userText: /hello/ }, reply: { text: 'first' }, times: 1 }],
        { fallback: { text: 'later' } },
      ),
    );
    const ask = async () => {
      const res = await fetch(`${fake.url}/chat/completions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-5.6-luna', messages: [{ role: 'user', content: 'hello' }] }),
      });
      const body = (await res.json()) as { choices: { message: { content: string } }[] };
      return body.choices[0]?.message.content;
    };
    expect([await ask(), await ask()]).toEqual(['first', 'later']);
  });
});
