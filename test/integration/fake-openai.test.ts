// The real @openai/agents SDK against the fake OpenAI server, over HTTP, on both APIs.
import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool } from '@openai/agents';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_VALID_KEY,
  scriptByRoute,
  scriptSequence,
  startFakeOpenAI,
  type FakeOpenAI,
  type ModelRequest,
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

const MODEL = 'gpt-5.6-luna';

async function collectText(stream: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function weatherTool(calls: string[]) {
  return tool({
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      calls.push(city);
      return `Sunny and 21°C in ${city}`;
    },
  });
}

describe('GET /v1/models', () => {
  it('lists models for a valid key', async () => {
    const res = await fetch(`${fake.url}/models`, { headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { object: string; data: { id: string; object: string; owned_by: string }[] };
    expect(body.object).toBe('list');
    expect(body.data).toContainEqual(expect.objectContaining({ id: 'gpt-5.6-luna', object: 'model', owned_by: 'openai' }));
  });

  it('refuses a wrong key with OpenAI’s 401 body', async () => {
    const res = await fetch(`${fake.url}/models`, { headers: { Authorization: 'Bearer sk-wrong-key-abcd' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        message:
          'Incorrect API key provided: sk-...abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
  });

  it('accepts keys set later and answers CORS preflight without a key', async () => {
    const other = await startFakeOpenAI({ validKeys: ['sk-first-0000'] });
    try {
      other.setValidKeys(['sk-second-1111']);
      const first = await fetch(`${other.url}/models`, { headers: { Authorization: 'Bearer sk-first-0000' } });
      const second = await fetch(`${other.url}/models`, { headers: { Authorization: 'Bearer sk-second-1111' } });
      expect([first.status, second.status]).toEqual([401, 200]);
      const preflight = await fetch(`${other.url}/responses`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('X-OpenAI-Agents-SDK');
      expect(preflight.headers.get('access-control-expose-headers')).toBe('Location');
    } finally {
      await other.close();
    }
  });

  it('lets any key through when auth is off', async () => {
    const open = await startFakeOpenAI({ requireAuth: false });
    try {
      const res = await fetch(`${open.url}/models`);
      expect(res.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

for (const api of ['responses', 'chat'] as const) {
  describe(`the Agents SDK over ${api === 'responses' ? 'the Responses API' : 'Chat Completions'}`, () => {
    const path = api === 'responses' ? '/v1/responses' : '/v1/chat/completions';
    const runnerWith = (apiKey = DEFAULT_VALID_KEY, openAIClient?: OpenAI) =>
      new Runner({
        modelProvider: new OpenAIProvider(
          openAIClient
            ? { openAIClient, useResponses: api === 'responses' }
            : { apiKey, baseURL: fake.url, useResponses: api === 'responses' },
        ),
        tracingDisabled: true,
      });
    const modelCalls = () => fake.requests.filter((r) => r.path === path);

    it('streams a plain answer as several text deltas', async () => {
      fake.setScript(() => ({ text: 'The kitchen lights are now on.', usage: { inputTokens: 12, outputTokens: 8 } }));
      const agent = new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL });
      const result = await runnerWith().run(agent, 'Turn on the kitchen lights', { stream: true });
      const chunks = await collectText(result.toTextStream());
      await result.completed;

      expect(chunks.length).toBeGreaterThan(3);
      expect(chunks.join('')).toBe('The kitchen lights are now on.');
      expect(result.finalOutput).toBe('The kitchen lights are now on.');
      const [call] = fake.modelRequests;
      expect(call).toMatchObject({ api, model: MODEL, stream: true, instructions: 'You are FROK.' });
      expect(call?.lastUserText).toBe('Turn on the kitchen lights');
      expect(modelCalls()[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_VALID_KEY}`);
    });

    it('answers a non-streamed run', async () => {
      fake.setScript(() => ({ text: 'Plain reply.' }));
      const agent = new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL });
      const result = await runnerWith().run(agent, 'hi');
      expect(result.finalOutput).toBe('Plain reply.');
      expect(fake.modelRequests[0]?.stream).toBe(false);
    });

    it('round-trips a tool call and shows its output in the next request', async () => {
      const cities: string[] = [];
      fake.setScript(
        scriptByRoute([
          {
            when: { offersTool: 'get_weather', hasToolOutputs: false },
            reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, callId: 'call_weather' }] },
          },
          { when: { hasToolOutputFrom: 'get_weather' }, reply: (req) => ({ text: `Weather: ${req.toolOutputs[0]?.output}` }) },
        ]),
      );
      const agent = new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL, tools: [weatherTool(cities)] });
      const result = await runnerWith().run(agent, 'Weather in Oslo?', { stream: true });
      const text = (await collectText(result.toTextStream())).join('');
      await result.completed;

      expect(cities).toEqual(['Oslo']);
      expect(text).toBe('Weather: Sunny and 21°C in Oslo');
      expect(fake.modelRequests).toHaveLength(2);
      expect(fake.modelRequests[0]?.tools).toEqual([
        expect.objectContaining({ name: 'get_weather', description: 'Current weather for a city' }),
      ]);
      expect(fake.modelRequests[1]?.toolOutputs).toEqual([
        { callId: 'call_weather', name: 'get_weather', output: 'Sunny and 21°C in Oslo' },
      ]);
    });

    it('runs two tool calls from one turn', async () => {
      const cities: string[] = [];
      fake.setScript(
        scriptSequence([
          {
            toolCalls: [
              { name: 'get_weather', arguments: { city: 'Oslo' } },
              { name: 'get_weather', arguments: '{"city":"Bergen"}' },
            ],
          },
          (req: ModelRequest) => ({ text: req.toolOutputs.map((o) => o.output).join(' | ') }),
        ]),
      );
      const agent = new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL, tools: [weatherTool(cities)] });
      const result = await runnerWith().run(agent, 'Weather in Oslo and Bergen?');

      expect(cities.sort()).toEqual(['Bergen', 'Oslo']);
      expect(fake.modelRequests[1]?.toolOutputs.map((o) => o.name)).toEqual(['get_weather', 'get_weather']);
      expect(result.finalOutput).toBe('Sunny and 21°C in Oslo | Sunny and 21°C in Bergen');
    });

    it('reports usage totals across requests', async () => {
      fake.setScript(
        scriptSequence([
          { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }], usage: { inputTokens: 100, outputTokens: 20 } },
          { text: 'Done.', usage: { inputTokens: 150, outputTokens: 5 } },
        ]),
      );
      const agent = new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL, tools: [weatherTool([])] });
      const result = await runnerWith().run(agent, 'Weather?', { stream: true });
      await collectText(result.toTextStream());
      await result.completed;

      const usage = result.state.usage;
      expect(usage.requests).toBe(2);
      expect(usage.inputTokens).toBe(250);
      expect(usage.outputTokens).toBe(25);
      expect(usage.totalTokens).toBe(275);
    });

    it('surfaces a wrong key as a 401 error', async () => {
      const agent = new Agent({ name: 'Frok', instructions: 'x', model: MODEL });
      await expect(runnerWith('sk-wrong-key-abcd').run(agent, 'hi', { stream: true }).then((r) => r.completed)).rejects.toMatchObject({
        status: 401,
        code: 'invalid_api_key',
      });
      // The OpenAI client does not retry auth failures.
      expect(modelCalls()).toHaveLength(1);
    });

    it('surfaces a 429 after the client retries, honouring retry-after', async () => {
      fake.setScript(() => ({ error: { status: 429, retryAfterSeconds: 0, message: 'Rate limit reached for gpt-5.6-luna.' } }));
      const agent = new Agent({ name: 'Frok', instructions: 'x', model: MODEL });
      await expect(runnerWith().run(agent, 'hi')).rejects.toMatchObject({
        status: 429,
        message: expect.stringContaining('Rate limit reached for gpt-5.6-luna.'),
      });
      expect(modelCalls().map((r) => r.status)).toEqual([429, 429, 429]);
    });

    it('surfaces a 500', async () => {
      fake.setScript(() => ({ error: { status: 500 } }));
      const client = new OpenAI({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, maxRetries: 0 });
      const agent = new Agent({ name: 'Frok', instructions: 'x', model: MODEL });
      await expect(runnerWith(undefined, client).run(agent, 'hi', { stream: true }).then((r) => r.completed)).rejects.toMatchObject({
        status: 500,
        type: 'server_error',
      });
    });

    for (const [malformed, expected] of [
      ['garbage', /malformed server-sent event JSON/],
      ['truncate', /terminated/],
    ] as const) {
      it(`fails on a ${malformed} stream`, async () => {
        fake.setScript(() => ({ text: 'This answer never arrives whole.', malformed }));
        const agent = new Agent({ name: 'Frok', instructions: 'x', model: MODEL });
        const run = async () => {
          const result = await runnerWith().run(agent, 'hi', { stream: true });
          await collectText(result.toTextStream());
          await result.completed;
          if (result.error) throw result.error;
          return result.finalOutput;
        };
        await expect(run()).rejects.toThrow(expected);
      });
    }
  });
}
