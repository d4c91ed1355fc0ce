/**
 * How quickly the test fakes answer (npm run bench), the figures their self-tests used to
 * assert as durations:
 *  - fake Realtime over WebSocket: the real RealtimeSession's connect (POST … → the fake's
 *    session.updated), target median < 1000 ms;
 *  - a scripted function call round trip (fake → SDK tool → fake), target p95 < 1000 ms;
 *  - barge-in: speech during a 5 s reply, reply start → cancelled, target median < 2000 ms;
 *  - fake OpenAI, a manager with two specialists each answering in 300 ms: the specialists'
 *    span over one specialist's delay, target < 2 (they ran side by side);
 *  - the fake's latencyMs: measured request time over the configured 100 ms, target >= 0.95.
 * Prints figures and ratios; it asserts nothing.
 */
import { Agent, OpenAIProvider, Runner, setTracingDisabled } from '@openai/agents';
import { OpenAIRealtimeWebSocket, RealtimeAgent, RealtimeSession, tool } from '@openai/agents-realtime';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { z } from 'zod';
import { DEFAULT_VALID_KEY, scriptByRoute, startFakeOpenAI } from '../test/fakes/openai/server.ts';
import { attachFakeRealtime, concatPcm, pcmToBytes, silence, writeSpeechWav } from '../test/fakes/realtime/index.ts';

const CONNECTS = 15;
const TOOL_CALLS = 30;
const BARGE_INS = 5;
const ROUTING_RUNS = 5;
const SPECIALIST_DELAY_MS = 300;
const LATENCY_MS = 100;
const MODEL = 'gpt-realtime';

setTracingDisabled(true);

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const percentile = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]!;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

const fake = await startFakeOpenAI();
const realtime = attachFakeRealtime(fake);
const openai = new OpenAI({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, maxRetries: 0 });

async function connect(agent: RealtimeAgent) {
  const secret = await openai.realtime.clientSecrets.create({ expires_after: { anchor: 'created_at', seconds: 600 }, session: { type: 'realtime', model: MODEL } });
  const transport = new OpenAIRealtimeWebSocket({ url: `${fake.origin.replace('http', 'ws')}/v1/realtime?model=${MODEL}` });
  const session = new RealtimeSession(agent, { transport, model: MODEL, tracingDisabled: true });
  session.on('error', () => {});
  const before = realtime.calls.length;
  await session.connect({ apiKey: secret.value });
  const call = await realtime.waitFor(() => realtime.calls.length > before && realtime.lastCall?.sessionUpdatedAt && realtime.lastCall, 5000, 'session.updated');
  return { session, call, connectMs: call.sessionUpdatedAt! - call.startedAt };
}

// ---- fake Realtime: connect ----
const connects: number[] = [];
for (let i = 0; i < CONNECTS + 1; i++) {
  const { session, connectMs } = await connect(new RealtimeAgent({ name: 'Frok', instructions: 'You are FROK.', voice: 'marin' }));
  if (i > 0) connects.push(connectMs);
  session.close();
}

// ---- fake Realtime: function call round trip ----
const clock = tool({ name: 'get_time', description: 'Time now', parameters: z.object({}), execute: async () => '12:00' });
const toolSession = await connect(new RealtimeAgent({ name: 'Frok', tools: [clock] }));
const roundTrips: number[] = [];
for (let i = 0; i < TOOL_CALLS + 3; i++) {
  const started = performance.now();
  await realtime.sendFunctionCall('get_time', {});
  if (i >= 3) roundTrips.push(performance.now() - started);
}
toolSession.session.close();

// ---- fake Realtime: barge-in ----
const workDir = await mkdtemp(join(tmpdir(), 'frok-fakes-bench-'));
const spoken = await writeSpeechWav(join(workDir, 'question.wav'), 'What is the weather in Paris?', { sampleRate: 24_000 });
await rm(workDir, { recursive: true, force: true });
const question = concatPcm([silence(0.3, 24_000), spoken.samples, silence(1, 24_000)]);
const bargeIns: number[] = [];
for (let i = 0; i < BARGE_INS; i++) {
  const { session, call } = await connect(new RealtimeAgent({ name: 'Frok' }));
  realtime.setScript([{ transcript: 'Stop.', reply: { transcript: 'Stopping.', audioSeconds: 0.2 } }]);
  const long = realtime.say({ transcript: 'Here is a very long story about the weather in Paris and elsewhere.', audioSeconds: 5 });
  await realtime.waitFor(() => call.sendingAudio, 2000, 'reply audio');
  for (let s = 0; s < question.length; s += 480) {
    const bytes = pcmToBytes(question.subarray(s, s + 480));
    const chunk = new ArrayBuffer(bytes.length);
    new Uint8Array(chunk).set(bytes);
    session.sendAudio(chunk);
  }
  const cancelled = await long;
  if (cancelled.endedAt !== undefined) bargeIns.push(cancelled.endedAt - cancelled.at);
  session.close();
}
await realtime.close();

// ---- fake OpenAI: specialists side by side ----
const specialist = (name: string, instructions: string) => new Agent({ name, instructions, model: 'gpt-5.6-luna' });
const spans: number[] = [];
for (let i = 0; i < ROUTING_RUNS; i++) {
  fake.reset();
  fake.latencyMs = 0;
  fake.setScript(
    scriptByRoute([
      {
        when: { offersTool: ['home_specialist', 'memory_specialist'], hasToolOutputs: false },
        reply: { toolCalls: [{ name: 'home_specialist', arguments: { input: 'Lights' } }, { name: 'memory_specialist', arguments: { input: 'Brightness?' } }] },
      },
      { when: { instructionsStartWith: 'You are the Home specialist' }, reply: { text: 'On.', delayMs: SPECIALIST_DELAY_MS } },
      { when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { text: '40%.', delayMs: SPECIALIST_DELAY_MS } },
      { when: { hasToolOutputs: true }, reply: { text: 'Done.' } },
    ]),
  );
  const home = specialist('Home', 'You are the Home specialist.');
  const memory = specialist('Memory', 'You are the Memory specialist.');
  const manager = new Agent({
    name: 'Frok',
    instructions: 'You are FROK, the manager.',
    model: 'gpt-5.6-luna',
    tools: [home.asTool({ toolName: 'home_specialist', toolDescription: 'Home' }), memory.asTool({ toolName: 'memory_specialist', toolDescription: 'Memory' })],
  });
  const runner = new Runner({ modelProvider: new OpenAIProvider({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, useResponses: true }), tracingDisabled: true });
  await runner.run(manager, 'Lights on, the way I like them');
  const legs = fake.modelRequests.filter((r) => r.instructions.startsWith('You are the ')).map((r) => r.recorded);
  spans.push(Math.max(...legs.map((r) => r.endedAt!)) - Math.min(...legs.map((r) => r.startedAt)));
}

// ---- fake OpenAI: latencyMs ----
fake.reset();
fake.latencyMs = LATENCY_MS;
fake.setScript(scriptByRoute([], { fallback: { text: 'ok' } }));
for (let i = 0; i < 10; i++) {
  await fetch(`${fake.url}/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-5.6-luna', messages: [{ role: 'user', content: 'hello' }] }),
  }).then((r) => r.arrayBuffer());
}
const latencies = fake.requests.map((r) => r.endedAt! - r.startedAt);
await fake.close();

console.log(`\nFROK fakes benchmark — Node ${process.version}, loopback`);
console.log('measure                                             median ms   p95 ms   max ms');
for (const [name, xs] of [
  [`Realtime WebSocket connect → session.updated ×${CONNECTS}`, connects],
  [`Realtime function call round trip ×${TOOL_CALLS}`, roundTrips],
  [`Realtime barge-in, reply → cancelled ×${bargeIns.length}`, bargeIns],
  [`two ${SPECIALIST_DELAY_MS} ms specialists, span ×${ROUTING_RUNS}`, spans],
  [`one request with latencyMs ${LATENCY_MS} ×${latencies.length}`, latencies],
] as const) {
  console.log(`${name.padEnd(51)} ${median(xs).toFixed(1).padStart(9)} ${percentile(xs, 0.95).toFixed(1).padStart(8)} ${Math.max(...xs).toFixed(1).padStart(8)}`);
}
console.log(`\nconnect median / 1000 ms:            ${(median(connects) / 1000).toFixed(3)}  (target < 1) ${verdict(median(connects) < 1000)}`);
console.log(`tool round trip p95 / 1000 ms:       ${(percentile(roundTrips, 0.95) / 1000).toFixed(3)}  (target < 1) ${verdict(percentile(roundTrips, 0.95) < 1000)}`);
console.log(`barge-in median / 2000 ms:           ${(median(bargeIns) / 2000).toFixed(3)}  (target < 1) ${verdict(median(bargeIns) < 2000)}`);
const spanRatio = median(spans) / SPECIALIST_DELAY_MS;
console.log(`specialists' span / one delay:       ${spanRatio.toFixed(3)}  (target < 2: side by side) ${verdict(spanRatio < 2)}`);
const latencyRatio = Math.min(...latencies) / LATENCY_MS;
console.log(`shortest request / latencyMs:        ${latencyRatio.toFixed(3)}  (target >= 0.95) ${verdict(latencyRatio >= 0.95)}`);
