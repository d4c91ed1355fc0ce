// The real @openai/agents-realtime RealtimeSession over its WebSocket transport (Node),
// against the fake Realtime API: minted keys, scripted turns, tool calls, handoffs, voice
// detection on appended audio, push-to-talk, barge-in, and the keys it must refuse.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OpenAIRealtimeWebSocket,
  RealtimeAgent,
  RealtimeSession,
  tool,
  type RealtimeItem,
  type RealtimeSessionConfig,
} from '@openai/agents-realtime';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_VALID_KEY, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server.ts';
import {
  attachFakeRealtime,
  concatPcm,
  pcmToBytes,
  silence,
  writeSpeechWav,
  type CallState,
  type FakeRealtime,
} from '../fakes/realtime/index.ts';

let fake: FakeOpenAI;
let realtime: FakeRealtime;
let openai: OpenAI;
/** "What is the weather in Paris?" at 24 kHz, with silence after it. */
let question24k: Int16Array;
const sessions: RealtimeSession[] = [];
/** Error events each session reported (an unheard `error` event would throw). */
const sessionErrors = new Map<RealtimeSession, unknown[]>();

beforeAll(async () => {
  fake = await startFakeOpenAI();
  realtime = attachFakeRealtime(fake);
  openai = new OpenAI({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, maxRetries: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'frok-realtime-it-'));
  try {
    const spoken = await writeSpeechWav(join(dir, 'question.wav'), 'What is the weather in Paris?', { sampleRate: 24_000 });
    question24k = concatPcm([silence(0.3, 24_000), spoken.samples, silence(1, 24_000)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
afterEach(() => {
  const closing = sessions.splice(0);
  for (const session of closing) session.close();
  // A test that provokes errors on purpose takes them out of the map first.
  const unexpected = closing.flatMap((session) => sessionErrors.get(session) ?? []);
  sessionErrors.clear();
  expect(unexpected).toEqual([]);
});
afterAll(async () => {
  await realtime.close();
  await fake.close();
});

const MODEL = 'gpt-realtime';

/** What FROK's main process does: mint a short-lived key with the real one. */
async function mintKey(session: Record<string, unknown> = {}): Promise<string> {
  const secret = await openai.realtime.clientSecrets.create({
    expires_after: { anchor: 'created_at', seconds: 600 },
    session: { type: 'realtime', model: MODEL, ...session },
  });
  return secret.value;
}

async function connect(
  agent: RealtimeAgent,
  options: { key?: string; config?: Partial<RealtimeSessionConfig> } = {},
): Promise<{ session: RealtimeSession; call: CallState }> {
  const key = options.key ?? (await mintKey());
  const transport = new OpenAIRealtimeWebSocket({ url: `${fake.origin.replace('http', 'ws')}/v1/realtime?model=${MODEL}` });
  const session = new RealtimeSession(agent, { transport, model: MODEL, tracingDisabled: true, config: options.config ?? {} });
  sessions.push(session);
  const errors: unknown[] = [];
  sessionErrors.set(session, errors);
  session.on('error', (event) => errors.push(event.error));
  const before = realtime.calls.length;
  await session.connect({ apiKey: key });
  const call = await realtime.waitFor(() => realtime.calls.length > before && realtime.lastCall?.sessionUpdatedAt && realtime.lastCall, 5000, 'session.updated');
  return { session, call };
}

/** Sends PCM16 24 kHz in 20 ms appends, as a microphone would (faster than real time). */
function speak(session: RealtimeSession, samples: Int16Array): void {
  for (let i = 0; i < samples.length; i += 480) {
    const bytes = pcmToBytes(samples.subarray(i, i + 480));
    const chunk = new ArrayBuffer(bytes.length);
    new Uint8Array(chunk).set(bytes);
    session.sendAudio(chunk);
  }
}

const messageText = (item: RealtimeItem | undefined): string => {
  if (!item || item.type !== 'message') return '';
  return item.content.map((part) => ('transcript' in part ? (part.transcript ?? '') : 'text' in part ? part.text : '')).join('');
};

function historyOf(session: RealtimeSession, role: 'user' | 'assistant'): string[] {
  return session.history.filter((item) => item.type === 'message' && item.role === role).map(messageText);
}

const sentTypes = (call: CallState): string[] => call.sent.map((e) => e.event.type);

describe('client secrets', () => {
  it('mints ek_ keys with the real key and echoes the session', async () => {
    const secret = await openai.realtime.clientSecrets.create({
      expires_after: { anchor: 'created_at', seconds: 120 },
      session: {
        type: 'realtime',
        model: MODEL,
        instructions: 'Be brief.',
        audio: { input: { turn_detection: { type: 'semantic_vad', eagerness: 'low' } }, output: { voice: 'marin' } },
      },
    });
    expect(secret.value).toMatch(/^ek_[A-Za-z0-9]{32}$/);
    expect(secret.expires_at - Date.now() / 1000).toBeGreaterThan(110);
    expect(secret.session).toMatchObject({
      type: 'realtime',
      object: 'realtime.session',
      model: MODEL,
      instructions: 'Be brief.',
      audio: { input: { turn_detection: { type: 'semantic_vad', eagerness: 'low', create_response: true } }, output: { voice: 'marin' } },
    });
    expect(realtime.mints.at(-1)).toMatchObject({ key: secret.value, request: { expires_after: { seconds: 120 } } });
  });

  it.each([
    [{ type: 'realtime', model: MODEL, audio: { input: { turnDetection: null } } }, 'unknown_parameter', "Unknown parameter: 'session.audio.input.turnDetection'."],
    [{ type: 'realtime', model: MODEL, audio: { output: { voice: 'nova' } } }, 'invalid_value', "Invalid value: 'nova'."],
    [{ type: 'realtime' }, 'missing_required_parameter', "Missing required parameter: 'session.model'."],
    [{ model: MODEL }, 'missing_required_parameter', "Missing required parameter: 'session.type'."],
  ])('refuses a bad session with a 400 like OpenAI’s (%#)', async (session, code, message) => {
    const res = await fetch(`${fake.url}/realtime/client_secrets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ session }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; type: string } };
    expect(body.error).toMatchObject({ code, type: 'invalid_request_error' });
    expect(body.error.message).toContain(message);
  });

  it('refuses an out-of-range lifetime, a missing real key, and fails once on request', async () => {
    const tooShort = await fetch(`${fake.url}/realtime/client_secrets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ expires_after: { anchor: 'created_at', seconds: 5 }, session: { type: 'realtime', model: MODEL } }),
    });
    expect(tooShort.status).toBe(400);
    expect(((await tooShort.json()) as { error: { code: string } }).error.code).toBe('integer_below_min_value');

    const noKey = await fetch(`${fake.url}/realtime/client_secrets`, { method: 'POST', body: '{}' });
    expect(noKey.status).toBe(401);

    realtime.failNextMint(429, 'Slow down.', 3);
    await expect(mintKey()).rejects.toMatchObject({ status: 429, message: expect.stringContaining('Slow down.') });
    expect(await mintKey()).toMatch(/^ek_/);
  });
});

describe('RealtimeSession over WebSocket', () => {
  it('connects with a minted key, applies the agent’s config and plays a scripted turn', async () => {
    const agent = new RealtimeAgent({ name: 'Frok', instructions: 'You are FROK, a desktop assistant.', voice: 'marin' });
    // How long connecting takes is measured in bench/fakes.bench.ts, not asserted here.
    const { session, call } = await connect(agent);
    expect(call.transport).toBe('websocket');
    expect(call.key).toMatch(/^ek_/);
    expect(call.session).toMatchObject({ instructions: 'You are FROK, a desktop assistant.', audio: { output: { voice: 'marin' } } });
    expect(sentTypes(call).slice(0, 2)).toEqual(['session.created', 'session.updated']);
    for (const { event } of call.sent) expect(event.event_id).toMatch(/^event_/);

    const audioBytes: number[] = [];
    session.on('audio', (event) => audioBytes.push(event.data.byteLength));
    const deltas: string[] = [];
    session.on('transport_event', (event) => {
      if (event.type === 'response.output_audio_transcript.delta') deltas.push(String(event.delta));
    });

    const response = await realtime.say({ transcript: 'Hello, I am FROK.', audioSeconds: 0.4 });
    expect(response).toMatchObject({ status: 'completed', transcript: 'Hello, I am FROK.', trigger: 'say' });
    await realtime.waitFor(() => historyOf(session, 'assistant').includes('Hello, I am FROK.'), 2000, 'assistant history');
    expect(deltas.join('')).toBe('Hello, I am FROK.');
    // 0.4 s of PCM16 at 24 kHz.
    expect(audioBytes.reduce((a, b) => a + b, 0)).toBe(0.4 * 24_000 * 2);
    expect(sentTypes(call).filter((t) => t.startsWith('response.') && !t.includes('delta'))).toEqual([
      'response.created',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.done',
    ]);
    expect(session.usage.totalTokens).toBeGreaterThan(0);
  });

  it('round-trips a tool call: the fake records the output, then the after-tools reply plays', async () => {
    const calls: string[] = [];
    const getWeather = tool({
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        calls.push(city);
        return `Sunny and 21°C in ${city}`;
      },
    });
    const agent = new RealtimeAgent({ name: 'Frok', instructions: 'Use tools.', tools: [getWeather] });
    const { session, call } = await connect(agent);
    expect(call.session.tools).toEqual([expect.objectContaining({ type: 'function', name: 'get_weather' })]);

    realtime.setScript([
      {
        transcript: 'What is the weather in Paris?',
        reply: {
          toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, callId: 'call_weather_1' }],
          afterTools: { transcript: 'It is sunny and 21 degrees in Paris.', audioSeconds: 0.3 },
        },
      },
    ]);
    session.sendMessage('What is the weather in Paris?');
    await realtime.waitFor(() => historyOf(session, 'assistant').includes('It is sunny and 21 degrees in Paris.'), 5000, 'after-tools reply');

    expect(calls).toEqual(['Paris']);
    expect(call.toolOutputs).toEqual([
      expect.objectContaining({ callId: 'call_weather_1', name: 'get_weather', output: 'Sunny and 21°C in Paris' }),
    ]);
    expect(call.userTurns).toEqual([expect.objectContaining({ source: 'text', transcript: 'What is the weather in Paris?', scripted: true })]);
    expect(call.responses.map((r) => [r.status, r.toolCalls.map((c) => c.name), r.transcript])).toEqual([
      ['completed', ['get_weather'], ''],
      ['completed', [], 'It is sunny and 21 degrees in Paris.'],
    ]);
    // The tool's output came back after the call was made, and before the reply started.
    expect(call.toolOutputs[0]!.at).toBeLessThan(call.responses[1]!.at);
  });

  it('sendFunctionCall resolves with the client’s tool output (for benchmarks)', async () => {
    const clock = tool({ name: 'get_time', description: 'Time now', parameters: z.object({}), execute: async () => '12:00' });
    const { call } = await connect(new RealtimeAgent({ name: 'Frok', tools: [clock] }));
    const output = await realtime.sendFunctionCall('get_time', {});
    expect(output).toMatchObject({ name: 'get_time', output: '12:00' });
    expect(call.toolOutputs).toHaveLength(1);
  });

  it('hands off: a transfer_to_ call switches the agent and its session config', async () => {
    const weather = new RealtimeAgent({ name: 'Weather', instructions: 'You are the weather specialist.', handoffDescription: 'Weather' });
    const frok = new RealtimeAgent({ name: 'Frok', instructions: 'Route questions.', handoffs: [weather] });
    const { session, call } = await connect(frok);
    expect(call.session.tools).toEqual([expect.objectContaining({ name: 'transfer_to_Weather' })]);
    const handoffs: string[] = [];
    session.on('agent_handoff', (_ctx, from, to) => handoffs.push(`${from.name}->${to.name}`));

    await realtime.say({ handoff: 'Weather', afterTools: { transcript: 'Weather desk here.', audioSeconds: 0.2 } });
    await realtime.waitFor(() => historyOf(session, 'assistant').includes('Weather desk here.'), 5000, 'reply after handoff');
    expect(handoffs).toEqual(['Frok->Weather']);
    expect(call.session.instructions).toBe('You are the weather specialist.');
    expect(call.toolOutputs[0]).toMatchObject({ name: 'transfer_to_Weather' });
  });

  it('detects speech in appended audio: a user turn with the scripted transcript, then the reply', async () => {
    const { session, call } = await connect(new RealtimeAgent({ name: 'Frok' }));
    realtime.setScript([{ transcript: 'What is the weather in Paris?', reply: { transcript: 'Sunny.', audioSeconds: 0.2 } }]);
    speak(session, question24k);
    await realtime.waitFor(() => historyOf(session, 'assistant').includes('Sunny.'), 5000, 'reply to speech');
    await realtime.waitFor(() => historyOf(session, 'user').includes('What is the weather in Paris?'), 2000, 'user transcript');

    const types = sentTypes(call);
    const order = [
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      // As the real server does: the transcript arrives when ready, after the reply has started.
      'response.created',
      'conversation.item.input_audio_transcription.completed',
    ].map((t) => types.indexOf(t));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]!))).toBe(true);
    const turn = call.userTurns[0]!;
    expect(turn).toMatchObject({ source: 'vad', scripted: true });
    // espeak's sentence is about 1.5 s; the buffer holds it plus the leading silence.
    expect(turn.audioMs).toBeGreaterThan(1000);
    expect(call.audioIn.maxRms).toBeGreaterThan(1000);
    expect(call.responses[0]).toMatchObject({ trigger: 'vad', status: 'completed', scripted: true });
  });

  it('push-to-talk: with turn detection off only commit + response.create make a turn', async () => {
    const { session, call } = await connect(new RealtimeAgent({ name: 'Frok' }), {
      config: { audio: { input: { turnDetection: null } } },
    });
    expect(call.session.audio.input.turn_detection).toBeNull();
    realtime.setScript([{ transcript: 'Turn on the lights.', reply: { transcript: 'Done.', audioSeconds: 0.2 } }]);

    // Too early: nothing buffered yet.
    session.transport.sendEvent({ type: 'input_audio_buffer.commit' });
    await realtime.waitFor(() => sessionErrors.get(session)!.length === 1, 2000, 'empty-commit error');
    expect(sessionErrors.get(session)!.splice(0)).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'input_audio_buffer_commit_empty' }) }),
    ]);

    speak(session, question24k);
    await realtime.waitFor(() => call.audioIn.ms > 2000, 2000, 'audio appended');
    expect(sentTypes(call)).not.toContain('input_audio_buffer.speech_started');
    expect(call.userTurns).toHaveLength(0);

    session.transport.sendEvent({ type: 'input_audio_buffer.commit' });
    session.transport.sendEvent({ type: 'response.create' });
    await realtime.waitFor(() => historyOf(session, 'assistant').includes('Done.'), 5000, 'push-to-talk reply');
    expect(call.userTurns).toEqual([expect.objectContaining({ source: 'commit', transcript: 'Turn on the lights.' })]);
  });

  it('barge-in: speech during a reply cancels it at once', async () => {
    const { session, call } = await connect(new RealtimeAgent({ name: 'Frok' }));
    let interrupted = 0;
    session.on('audio_interrupted', () => interrupted++);
    realtime.setScript([{ transcript: 'Stop.', reply: { transcript: 'Stopping.', audioSeconds: 0.2 } }]);
    const long = realtime.say({ transcript: 'Here is a very long story about the weather in Paris and elsewhere.', audioSeconds: 5 });
    await realtime.waitFor(() => call.sendingAudio, 2000, 'reply audio');
    speak(session, question24k);
    const cancelled = await long;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'turn_detected' });
    expect(call.sendingAudio).toBe(false);
    const done = call.sent.find((e) => e.event.type === 'response.done')!.event;
    expect(done.response).toMatchObject({ status: 'cancelled', status_details: { type: 'cancelled', reason: 'turn_detected' } });
    await realtime.waitFor(() => historyOf(session, 'assistant').includes('Stopping.'), 5000, 'reply to the interruption');
    expect(interrupted).toBeGreaterThan(0);
  });

  it('answers unknown events and bad session updates with error events like the real API', async () => {
    const { session, call } = await connect(new RealtimeAgent({ name: 'Frok' }));
    const errors = sessionErrors.get(session)!;
    session.transport.sendEvent({ type: 'session.frobnicate', event_id: 'evt_client_1' } as never);
    session.transport.sendEvent({ type: 'session.update', event_id: 'evt_client_2', session: { type: 'realtime', voice: 'alloy' } } as never);
    session.transport.sendEvent({ type: 'response.cancel', event_id: 'evt_client_3' });
    await realtime.waitFor(() => call.sent.filter((e) => e.event.type === 'error').length === 3, 2000, 'three errors');
    const sentErrors = call.sent.filter((e) => e.event.type === 'error').map((e) => e.event.error);
    expect(sentErrors).toEqual([
      expect.objectContaining({ code: 'invalid_value', param: 'type', event_id: 'evt_client_1' }),
      expect.objectContaining({ code: 'unknown_parameter', param: 'session.voice', event_id: 'evt_client_2' }),
      expect.objectContaining({ code: 'response_cancel_not_active', event_id: 'evt_client_3' }),
    ]);
    await realtime.waitFor(() => errors.length === 3, 2000, 'errors reach the session');
    errors.length = 0;
  });

  it('refuses the long-lived key, unknown and expired keys', async () => {
    const agent = new RealtimeAgent({ name: 'Frok' });
    const refusedBefore = realtime.refused.length;
    await expect(connect(agent, { key: DEFAULT_VALID_KEY })).rejects.toMatchObject({ message: 'Unexpected server response: 401' });
    await expect(connect(agent, { key: 'ek_notMintedByTheFake000000000000' })).rejects.toMatchObject({ message: 'Unexpected server response: 401' });
    const key = await mintKey();
    realtime.expireKeys();
    await expect(connect(agent, { key })).rejects.toMatchObject({ message: 'Unexpected server response: 401' });
    // Each refused handshake surfaced as the session's error: a 401 from the server.
    const reported = [...sessionErrors.values()].map((errors) => errors.map((e) => (e as { message?: string }).message).join(' '));
    sessionErrors.clear();
    expect(reported).toEqual(Array(3).fill(expect.stringContaining('401')));
    expect(realtime.refused.slice(refusedBefore).map((r) => [r.transport, r.reason, r.key])).toEqual([
      ['websocket', 'not_ephemeral', 'sk-...1234'],
      ['websocket', 'unknown', 'ek_...0000'],
      ['websocket', 'expired', `ek_...${key.slice(-4)}`],
    ]);

    // The WebRTC endpoint refuses the real key too, before looking at the offer.
    const res = await fetch(`${fake.url}/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}`, 'Content-Type': 'application/sdp' },
      body: 'v=0\r\n',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
  });

  it('dropCall cuts the connection; the session notices', async () => {
    const { session, call } = await connect(new RealtimeAgent({ name: 'Frok' }));
    const transport = session.transport as OpenAIRealtimeWebSocket;
    realtime.dropCall(call.id);
    await realtime.waitFor(() => transport.status === 'disconnected', 2000, 'client to see the drop');
    expect(call).toMatchObject({ open: false, closeReason: 'dropped' });
  });
});
