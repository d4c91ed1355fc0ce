// The fake Realtime API's scripted failures after a reply has started, through the real
// RealtimeSession over WebSocket: an `error` event, `response.done` 'failed', the line cut
// mid-reply, and `rate_limits.updated` nearly used up — each event checked against the
// vendored OpenAI schemas.
import { OpenAIRealtimeWebSocket, RealtimeAgent, RealtimeSession } from '@openai/agents-realtime';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateEvent } from '../contract/openai-schemas.ts';
import { DEFAULT_VALID_KEY, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server.ts';
import { attachFakeRealtime, type CallState, type FakeRealtime, type ServerEvent } from '../fakes/realtime/index.ts';

let fake: FakeOpenAI;
let realtime: FakeRealtime;
let openai: OpenAI;
const sessions: RealtimeSession[] = [];
const MODEL = 'gpt-realtime';
const ANSWER = 'The weather in Paris is sunny and warm today with a light breeze.';

beforeAll(async () => {
  fake = await startFakeOpenAI();
  realtime = attachFakeRealtime(fake);
  openai = new OpenAI({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, maxRetries: 0 });
});
afterEach(() => {
  for (const session of sessions.splice(0)) session.close();
});
afterAll(async () => {
  await realtime.close();
  await fake.close();
});

async function connect(): Promise<{ session: RealtimeSession; call: CallState; events: ServerEvent[]; errors: unknown[] }> {
  const secret = await openai.realtime.clientSecrets.create({
    expires_after: { anchor: 'created_at', seconds: 600 },
    session: { type: 'realtime', model: MODEL },
  });
  const transport = new OpenAIRealtimeWebSocket({ url: `${fake.origin.replace('http', 'ws')}/v1/realtime?model=${MODEL}` });
  const session = new RealtimeSession(new RealtimeAgent({ name: 'Frok', instructions: 'Be brief.' }), { transport, model: MODEL, tracingDisabled: true });
  sessions.push(session);
  const errors: unknown[] = [];
  session.on('error', (event) => errors.push(event.error));
  const before = realtime.calls.length;
  await session.connect({ apiKey: secret.value });
  const call = await realtime.waitFor(() => realtime.calls.length > before && realtime.lastCall?.sessionUpdatedAt && realtime.lastCall);
  const events: ServerEvent[] = [];
  realtime.onSend((event, from) => {
    if (from === call) events.push(event);
  });
  return { session, call, events, errors };
}

const ofType = (events: ServerEvent[], type: string) => events.filter((e) => e.type === type);

function expectValid(event: ServerEvent | undefined): void {
  expect(event).toBeDefined();
  const verdict = validateEvent('realtime', event!);
  expect(verdict.ok ? [] : verdict.errors).toEqual([]);
}

describe('a reply that fails after it started', () => {
  it('error: an OpenAI-shaped server_error event after some deltas, then response.done failed; the next turn works', async () => {
    const { session, call, events, errors } = await connect();
    realtime.setScript([
      { transcript: 'Weather?', reply: { transcript: ANSWER, failure: { kind: 'error', afterDeltas: 3 } } },
      { transcript: 'Again?', reply: { transcript: 'Sunny.' } },
    ]);
    session.sendMessage('Weather?');
    const record = await realtime.waitFor(() => call.responses[0]?.status === 'failed' && call.responses[0]);
    expect(record).toMatchObject({ failure: 'error', transcript: 'The weather in ' });

    const types = events.map((e) => e.type);
    expect(ofType(events, 'response.output_audio_transcript.delta')).toHaveLength(3);
    expect(ofType(events, 'response.output_audio.delta').length).toBeGreaterThan(0);
    expect(types.indexOf('error')).toBeGreaterThan(types.lastIndexOf('response.output_audio_transcript.delta'));
    const error = ofType(events, 'error')[0];
    expectValid(error);
    expect(error).toMatchObject({ error: { type: 'server_error', event_id: null } });
    const done = ofType(events, 'response.done')[0];
    expectValid(done);
    expect(done).toMatchObject({ response: { status: 'failed', status_details: { type: 'failed', error: { type: 'server_error' } } } });
    expect((done!.response as { output: { status: string }[] }).output[0]).toMatchObject({ status: 'incomplete' });
    // The SDK hears the error event as an error.
    await expect.poll(() => errors.length).toBe(1);
    errors.length = 0;

    session.sendMessage('Again?');
    await realtime.waitFor(() => call.responses[1]?.status === 'completed');
    expect(call.responses[1]!.transcript).toBe('Sunny.');
  });

  it('error with thenDone: false: the reply just stops after the error event', async () => {
    const { session, call, events, errors } = await connect();
    realtime.setScript([{ transcript: 'Weather?', reply: { transcript: ANSWER, failure: { kind: 'error', thenDone: false } } }]);
    session.sendMessage('Weather?');
    await realtime.waitFor(() => call.responses[0]?.status === 'failed');
    expect(ofType(events, 'error')).toHaveLength(1);
    expect(ofType(events, 'response.done')).toHaveLength(0);
    await expect.poll(() => errors.length).toBe(1);
  });

  it('failed: response.done with status failed and status_details.error after some deltas', async () => {
    const { session, call, events, errors } = await connect();
    const error = { type: 'server_error', code: 'model_overloaded', message: 'The model is overloaded.' };
    realtime.setScript([{ transcript: 'Weather?', reply: { transcript: ANSWER, failure: { kind: 'failed', error } } }]);
    session.sendMessage('Weather?');
    await realtime.waitFor(() => call.responses[0]?.status === 'failed');
    expect(ofType(events, 'response.output_audio_transcript.delta')).toHaveLength(2);
    expect(ofType(events, 'error')).toHaveLength(0);
    const done = ofType(events, 'response.done')[0];
    expectValid(done);
    expect(done).toMatchObject({ response: { status: 'failed', status_details: { type: 'failed', error } } });
    expectValid(ofType(events, 'response.output_audio_transcript.done')[0]);
    expect(ofType(events, 'response.output_audio_transcript.done')[0]).toMatchObject({ transcript: 'The weather ' });
    expect(errors).toEqual([]);
  });

  it('drop: the socket is cut after some deltas, with no goodbye', async () => {
    const { session, call, events } = await connect();
    const statuses: string[] = [];
    session.transport.on('connection_change', (status) => statuses.push(status));
    realtime.setScript([{ transcript: 'Weather?', reply: { transcript: ANSWER, failure: { kind: 'drop', afterDeltas: 2 } } }]);
    session.sendMessage('Weather?');
    await expect.poll(() => statuses).toContain('disconnected');
    expect(call).toMatchObject({ open: false, closeReason: 'dropped' });
    expect(call.responses[0]).toMatchObject({ failure: 'drop', status: 'cancelled', cancelReason: 'connection_closed' });
    expect(ofType(events, 'response.output_audio_transcript.delta')).toHaveLength(2);
    expect(ofType(events, 'response.done')).toHaveLength(0);
    expect(() => realtime.dropCall(call.id)).toThrow(/no realtime call/);
  });

  it('rate limits: rate_limits.updated says what is left and when it resets', async () => {
    const { session, call, events } = await connect();
    realtime.setScript([{ transcript: 'Weather?', reply: { transcript: 'Sunny.', rateLimits: { requestsRemaining: 0, tokensRemaining: 3, resetSeconds: 20 } } }]);
    session.sendMessage('Weather?');
    await realtime.waitFor(() => call.responses[0]?.status === 'completed');
    const updates = ofType(events, 'rate_limits.updated');
    expect(updates).toHaveLength(2);
    for (const update of updates) {
      expectValid(update);
      expect(update.rate_limits).toEqual([
        { name: 'requests', limit: 5000, remaining: 0, reset_seconds: 20 },
        { name: 'tokens', limit: 40_000_000, remaining: 3, reset_seconds: 20 },
      ]);
    }
  });
});
