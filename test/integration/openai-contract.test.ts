// Contract test: everything the fakes SEND, checked against the OpenAI OpenAPI schemas
// (test/fixtures/openai-openapi, openai/openai-openapi f85dbe22). A scripted session runs
// through the real clients (the Agents SDK, the openai client, the realtime SDK over its
// WebSocket); the fakes record each JSON body, SSE event and realtime server event; the last
// test validates every one and lists the failures as (type, path, message). The only
// skipped errors are in test/contract/spec-exceptions.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool } from '@openai/agents';
import { OpenAIRealtimeWebSocket, RealtimeAgent, RealtimeSession, tool as realtimeTool, type RealtimeSessionConfig } from '@openai/agents-realtime';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventTypes, validateBody, validateEvent, type Verdict } from '../contract/openai-schemas.ts';
import { applySpecExceptions, type SpecException } from '../contract/spec-exceptions.ts';
import { DEFAULT_VALID_KEY, scriptByRoute, startFakeOpenAI, type FakeOpenAI, type SentItem } from '../fakes/openai/server.ts';
import {
  attachFakeRealtime,
  concatPcm,
  pcmToBytes,
  silence,
  writeSpeechWav,
  type CallState,
  type FakeRealtime,
  type ServerEvent,
} from '../fakes/realtime/index.ts';

setTracingDisabled(true);

const MODEL = 'gpt-5.6-luna';
const REALTIME_MODEL = 'gpt-realtime';

let fake: FakeOpenAI;
let realtime: FakeRealtime;
let openai: OpenAI;
let question24k: Int16Array;
const realtimeSent: { call: CallState; event: ServerEvent }[] = [];
const sessions: RealtimeSession[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  realtime = attachFakeRealtime(fake);
  // Deep copies: the fake may reuse objects after sending them.
  realtime.onSend((event, call) => realtimeSent.push({ call, event: structuredClone(event) }));
  openai = new OpenAI({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, maxRetries: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'frok-contract-'));
  try {
    const spoken = await writeSpeechWav(join(dir, 'question.wav'), 'What is the weather in Paris?', { sampleRate: 24_000 });
    question24k = concatPcm([silence(0.3, 24_000), spoken.samples, silence(1, 24_000)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  for (const session of sessions) session.close();
  await realtime.close();
  await fake.close();
});

const runner = (useResponses: boolean) =>
  new Runner({ modelProvider: new OpenAIProvider({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, useResponses }), tracingDisabled: true });

const weatherTool = () =>
  tool({
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => `Sunny and 21°C in ${city}`,
  });

async function drain(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

const sentOn = (path: string): SentItem[] => fake.sent.filter((s) => s.path === path);

describe('HTTP: Responses, Chat Completions, models, client secrets', () => {
  it('Responses: a streamed text answer', async () => {
    fake.setScript(() => ({ text: 'The kitchen lights are now on.', usage: { inputTokens: 12, outputTokens: 8 } }));
    const result = await runner(true).run(new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL }), 'Lights on', {
      stream: true,
    });
    expect(await drain(result.toTextStream())).toBe('The kitchen lights are now on.');
    await result.completed;
  });

  it('Responses: a streamed function call, then the tool-output round', async () => {
    fake.setScript(
      scriptByRoute([
        {
          when: { offersTool: 'get_weather', hasToolOutputs: false },
          reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, callId: 'call_weather' }] },
        },
        { when: { hasToolOutputFrom: 'get_weather' }, reply: (req) => ({ text: `Weather: ${req.toolOutputs[0]?.output}` }) },
      ]),
    );
    const agent = new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL, tools: [weatherTool()] });
    const result = await runner(true).run(agent, 'Weather in Oslo?', { stream: true });
    expect(await drain(result.toTextStream())).toBe('Weather: Sunny and 21°C in Oslo');
    await result.completed;
  });

  it('Responses: a non-streamed JSON answer (text and a function call)', async () => {
    fake.setScript(
      scriptByRoute([
        { when: { hasToolOutputs: false }, reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Bergen' } }] } },
        { when: { hasToolOutputFrom: 'get_weather' }, reply: { text: 'Rainy in Bergen.' } },
      ]),
    );
    const agent = new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL, tools: [weatherTool()] });
    const result = await runner(true).run(agent, 'Weather in Bergen?');
    expect(result.finalOutput).toBe('Rainy in Bergen.');
    expect(sentOn('/v1/responses').filter((s) => s.kind === 'json')).toHaveLength(2);
  });

  it('Responses: replies that fail after they started (failed, incomplete, an error event; streamed and JSON)', async () => {
    const agent = new Agent({ name: 'Frok', instructions: 'You are FROK.', model: MODEL });
    const endings = [
      { kind: 'failed', code: 'server_error' },
      { kind: 'failed', code: 'rate_limit_exceeded', message: 'Rate limit reached.' },
      { kind: 'incomplete', reason: 'max_output_tokens' },
      { kind: 'incomplete', reason: 'content_filter' },
      { kind: 'error', code: 'server_error', message: 'The server had an error.' },
    ] as const;
    for (const failMidStream of endings) {
      fake.setScript(() => ({ text: 'The answer that will not finish here.', failMidStream }));
      const result = await runner(true).run(agent, 'Tell me', { stream: true });
      await expect(drain(result.toTextStream())).rejects.toThrow(failMidStream.kind === 'error' ? 'The server had an error.' : /unsuccessful terminal state/);
      await result.completed.catch(() => undefined);
      if (failMidStream.kind !== 'error') await expect(runner(true).run(agent, 'Tell me')).rejects.toThrow(/unsuccessful terminal state/);
    }
    const terminal = sentOn('/v1/responses').map((s) => (s.value as { type?: string; status?: string }).type ?? (s.value as { status?: string }).status);
    for (const type of ['response.failed', 'response.incomplete', 'error', 'failed', 'incomplete']) expect(terminal).toContain(type);
  });

  it('Chat Completions: streaming with stream_options.include_usage (text and a tool call)', async () => {
    fake.setScript(() => ({ text: 'Chat answer here.' }));
    const stream = await openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('Chat answer here.');
    expect(usage).toMatchObject({ total_tokens: expect.any(Number) });

    fake.setScript(() => ({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }));
    const agent = new Agent({ name: 'Frok', model: MODEL, tools: [weatherTool()] });
    fake.setScript(
      scriptByRoute([
        { when: { hasToolOutputs: false }, reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] } },
        { when: { hasToolOutputFrom: 'get_weather' }, reply: { text: 'Sunny in Oslo.' } },
      ]),
    );
    const result = await runner(false).run(agent, 'Weather?', { stream: true });
    expect(await drain(result.toTextStream())).toBe('Sunny in Oslo.');
    await result.completed;

    const chunks = sentOn('/v1/chat/completions').filter((s) => s.kind === 'sse' && s.value !== '[DONE]');
    const first = chunks.filter((s) => s.requestId === chunks[0]!.requestId);
    // With include_usage every chunk but the last says `usage: null`; the last has no choices.
    expect(first.slice(0, -1).every((s) => (s.value as { usage?: unknown }).usage === null)).toBe(true);
    expect(first.at(-1)!.value).toMatchObject({ choices: [], usage: expect.any(Object) });
  });

  it('GET /v1/models and a client-secret mint', async () => {
    const models = await openai.models.list();
    expect(models.data.length).toBeGreaterThan(0);
    const secret = await openai.realtime.clientSecrets.create({
      expires_after: { anchor: 'created_at', seconds: 600 },
      session: { type: 'realtime', model: REALTIME_MODEL, instructions: 'Be brief.', audio: { output: { voice: 'marin' } } },
    });
    expect(secret.value).toMatch(/^ek_/);
    expect(sentOn('/v1/models')).toHaveLength(1);
    expect(sentOn('/v1/realtime/client_secrets')).toHaveLength(1);
  });
});

async function connect(agent: RealtimeAgent, config: Partial<RealtimeSessionConfig> = {}): Promise<{ session: RealtimeSession; call: CallState }> {
  const secret = await openai.realtime.clientSecrets.create({
    expires_after: { anchor: 'created_at', seconds: 600 },
    session: { type: 'realtime', model: REALTIME_MODEL },
  });
  const transport = new OpenAIRealtimeWebSocket({ url: `${fake.origin.replace('http', 'ws')}/v1/realtime?model=${REALTIME_MODEL}` });
  const session = new RealtimeSession(agent, { transport, model: REALTIME_MODEL, tracingDisabled: true, config });
  sessions.push(session);
  session.on('error', () => undefined);
  const before = realtime.calls.length;
  await session.connect({ apiKey: secret.value });
  const call = await realtime.waitFor(() => realtime.calls.length > before && realtime.lastCall?.sessionUpdatedAt && realtime.lastCall, 5000, 'session.updated');
  return { session, call };
}

function speak(session: RealtimeSession, samples: Int16Array): void {
  for (let i = 0; i < samples.length; i += 480) {
    const bytes = pcmToBytes(samples.subarray(i, i + 480));
    const chunk = new ArrayBuffer(bytes.length);
    new Uint8Array(chunk).set(bytes);
    session.sendAudio(chunk);
  }
}

const typesOf = (call: CallState): string[] => realtimeSent.filter((s) => s.call === call).map((s) => s.event.type);
const assistantTexts = (session: RealtimeSession): string[] =>
  session.history
    .filter((item) => item.type === 'message' && item.role === 'assistant')
    .map((item) =>
      item.type === 'message'
        ? item.content.map((part) => ('transcript' in part ? (part.transcript ?? '') : 'text' in part ? part.text : '')).join('')
        : '',
    );

describe('Realtime over the WebSocket', () => {
  it('a spoken question, a function call, the spoken answer; then a barge-in that truncates', async () => {
    const weather = realtimeTool({
      name: 'get_weather',
      description: 'Current weather',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => `Sunny in ${city}`,
    });
    const { session, call } = await connect(new RealtimeAgent({ name: 'Frok', tools: [weather] }));
    realtime.setScript([
      {
        transcript: 'What is the weather in Paris?',
        reply: {
          toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
          afterTools: { transcript: 'Sunny, 21 degrees.', audioSeconds: 0.6 },
        },
      },
      { transcript: 'Stop.', reply: { transcript: 'Stopping.', audioSeconds: 0.3 } },
    ]);
    speak(session, question24k);
    await realtime.waitFor(() => assistantTexts(session).includes('Sunny, 21 degrees.') && call.responses.length === 2, 8000, 'answer after the tool');
    expect(call.toolOutputs[0]).toMatchObject({ name: 'get_weather', output: 'Sunny in Paris' });
    const types = typesOf(call);
    // The real order: the user's transcript arrives once ready, after the reply has started.
    expect(types.indexOf('conversation.item.input_audio_transcription.completed')).toBeGreaterThan(types.indexOf('response.created'));

    const story = 'Here is a very long story about the weather in Paris and in many other places.';
    const long = realtime.say({ transcript: story, audioSeconds: 5 });
    await realtime.waitFor(() => call.sendingAudio, 2000, 'reply audio');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    speak(session, question24k);
    expect(await long).toMatchObject({ status: 'cancelled', cancelReason: 'turn_detected' });
    await realtime.waitFor(() => assistantTexts(session).includes('Stopping.'), 8000, 'reply to the interruption');
    const truncate = call.received.find((e) => e.event.type === 'conversation.item.truncate');
    expect(truncate).toBeDefined();
    const cut = call.responses.find((r) => r.transcript.length > 0 && story.startsWith(r.transcript) && r.status === 'cancelled')!;
    expect(cut.heardTranscript).toBeDefined();
    expect(story.startsWith(cut.heardTranscript!)).toBe(true);
    expect(cut.heardTranscript!.length).toBeLessThan(story.length);
  });

  it('a reply cancelled by the client (interrupt)', async () => {
    const { session, call } = await connect(new RealtimeAgent({ name: 'Frok' }));
    const long = realtime.say({ transcript: 'A long answer that will not be finished today at all.', audioSeconds: 4 });
    await realtime.waitFor(() => call.sendingAudio, 2000, 'reply audio');
    await new Promise((resolve) => setTimeout(resolve, 500));
    session.interrupt();
    expect(await long).toMatchObject({ status: 'cancelled', cancelReason: 'client_cancelled' });
    const types = typesOf(call);
    expect(types).toEqual(expect.arrayContaining(['response.output_audio.done', 'response.output_audio_transcript.done', 'response.content_part.done']));
  });

  it('a text-only session streams output_text', async () => {
    const { session, call } = await connect(new RealtimeAgent({ name: 'Frok' }), { outputModalities: ['text'] });
    await realtime.say({ transcript: 'Written, not spoken.' });
    await realtime.waitFor(() => assistantTexts(session).includes('Written, not spoken.'), 5000, 'text reply');
    const types = typesOf(call);
    expect(types).toContain('response.output_text.delta');
    expect(types).not.toContain('response.output_audio.delta');
  });

  it('server_vad idle_timeout_ms fires input_audio_buffer.timeout_triggered', async () => {
    const { call } = await connect(new RealtimeAgent({ name: 'Frok' }), {
      audio: { input: { turnDetection: { type: 'server_vad', idleTimeoutMs: 5000 } } },
    });
    await realtime.say({ transcript: 'Anyone there?', audioSeconds: 0.3 });
    await realtime.waitFor(() => typesOf(call).includes('input_audio_buffer.timeout_triggered'), 8000, 'idle timeout');
    await realtime.waitFor(() => call.responses.length === 2 && call.responses[1]!.status === 'completed', 5000, 'the nudge reply');
  }, 20_000);
});

type Failure = { where: string; type: string; path: string; message: string };

/** Validates with the listed spec exceptions applied; failures as (type, ajv path, message). */
function check(where: SpecException['where'], label: string, type: string, value: unknown, validate: (v: unknown) => Verdict): Failure[] {
  const schemaOrType = where === 'http' ? label : type;
  const { value: checked, removed } = applySpecExceptions(where, schemaOrType, value);
  const verdict = validate(checked);
  if (verdict.ok) return [];
  return verdict.errors
    .map((error) => {
      const [path = '/', ...rest] = error.split(' ');
      return { where: where === 'http' ? label : where, type, path, message: `${verdict.schema ?? '?'}: ${rest.join(' ')}` };
    })
    .filter((f) => !removed.some((r) => (r.parent || '/') === f.path && f.message.includes(`"missingProperty":"${r.key}"`)));
}

function checkHttp(item: SentItem): Failure[] {
  const value = item.value as { type?: string };
  const body = (schema: string) => check('http', schema, schema, value, (v) => validateBody(schema, v));
  if (item.status >= 400) return body('ErrorResponse');
  switch (item.path) {
    case '/v1/responses':
      return item.kind === 'sse'
        ? check('responses', 'responses', String(value.type), value, (v) => validateEvent('responses', v as { type?: unknown }))
        : body('Response');
    case '/v1/chat/completions':
      if (item.value === '[DONE]') return [];
      return body(item.kind === 'sse' ? 'CreateChatCompletionStreamResponse' : 'CreateChatCompletionResponse');
    case '/v1/models':
      return body('ListModelsResponse');
    case '/v1/realtime/client_secrets':
      return body('RealtimeCreateClientSecretResponse');
    default:
      return [];
  }
}

describe('the contract', () => {
  it('every recorded body, stream event and realtime server event matches the OpenAI schema', () => {
    const found: Failure[] = [];
    for (const item of fake.sent) found.push(...checkHttp(item));
    for (const { event } of realtimeSent) {
      found.push(...check('realtime', 'realtime', event.type, event, (v) => validateEvent('realtime', v as { type?: unknown })));
    }
    expect(fake.sent.length).toBeGreaterThan(20);

    // Collapse repeats so the list stays readable.
    const lines = [...new Set(found.map((f) => `${f.where} | ${f.type} | ${f.path} | ${f.message}`))];
    expect(lines, `non-conforming items:\n${lines.join('\n')}`).toEqual([]);
  });

  it('the session covered what it was meant to', () => {
    const responseTypes = new Set(fake.sent.filter((s) => s.path === '/v1/responses' && s.kind === 'sse').map((s) => (s.value as { type: string }).type));
    for (const type of [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]) {
      expect(responseTypes, type).toContain(type);
    }
    const realtimeTypes = new Set(realtimeSent.map((s) => s.event.type));
    const expected = [
      'session.created',
      'session.updated',
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      'input_audio_buffer.timeout_triggered',
      'conversation.item.added',
      'conversation.item.done',
      'conversation.item.input_audio_transcription.delta',
      'conversation.item.input_audio_transcription.completed',
      'conversation.item.truncated',
      'response.created',
      'rate_limits.updated',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_audio.delta',
      'response.output_audio.done',
      'response.output_audio_transcript.delta',
      'response.output_audio_transcript.done',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.done',
    ];
    for (const type of expected) expect(realtimeTypes, type).toContain(type);
    // Every type the fake sends is one the spec knows.
    const known = new Set(eventTypes('realtime'));
    expect([...realtimeTypes].filter((t) => !known.has(t))).toEqual([]);
  });
});
