// Chromium + the real @openai/agents-realtime WebRTC transport against the fake Realtime API:
// the fake microphone asks a spoken question, the fake hears it (Opus → energy VAD), the
// scripted transcript lands in the session history, and the reply audio reaches the page.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type LaunchedApp } from '../harness/browser.ts';
import { DEFAULT_VALID_KEY, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server.ts';
import { attachFakeRealtime, writeSpeechWav, type FakeRealtime } from '../fakes/realtime/index.ts';
import type { PageConnectOptions, PageConnectTimings, PageReport } from '../fakes/realtime/page/page-api.ts';
import { startTestPage, type TestPage } from '../fakes/realtime/page/test-page.ts';

const QUESTION = 'What is the weather in Paris?';

let fake: FakeOpenAI;
let realtime: FakeRealtime;
let page: TestPage;
let app: LaunchedApp;
let workDir: string;

/** Chromium on the test page, its microphone playing `wav` once per capture. */
async function launchWithMicrophone(wav: string): Promise<LaunchedApp> {
  const launched = await launchApp({
    url: page.url,
    args: [
      '--allow-loopback-in-peer-connection',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}%noloop`,
      '--autoplay-policy=no-user-gesture-required',
    ],
    // The expired-key test makes the SDK report the refused call.
    allowErrors: [/status 401/, /Failed to load resource.*401/],
  });
  await launched.page.goto(page.url);
  await launched.page.waitForFunction(() => 'frokRealtimeTest' in window);
  return launched;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'frok-realtime-e2e-'));
  const wav = join(workDir, 'question.wav');
  await writeSpeechWav(wav, QUESTION, { sampleRate: 48_000, leadSeconds: 0.5, trailSeconds: 1.5 });
  fake = await startFakeOpenAI();
  realtime = attachFakeRealtime(fake);
  page = await startTestPage();
  app = await launchWithMicrophone(wav);
});
afterEach(async () => {
  await app.page.evaluate(() => window.frokRealtimeTest.close());
});
afterAll(async () => {
  await app?.close();
  await realtime?.close();
  await fake?.close();
  await page?.close();
  await rm(workDir, { recursive: true, force: true });
});

/** What FROK's main process does before handing a key to the renderer. */
async function mintKey(): Promise<string> {
  const res = await fetch(`${fake.url}/realtime/client_secrets`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ expires_after: { anchor: 'created_at', seconds: 600 }, session: { type: 'realtime', model: 'gpt-realtime' } }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: string }).value;
}

async function connect(options: Partial<PageConnectOptions> = {}): Promise<PageConnectTimings> {
  const connectOptions: PageConnectOptions = { baseUrl: `${fake.url}/realtime/calls`, key: await mintKey(), ...options };
  return app.page.evaluate((o) => window.frokRealtimeTest.connect(o), connectOptions);
}

const report = (): Promise<PageReport> => app.page.evaluate(() => window.frokRealtimeTest.report());

async function waitForReport(check: (r: PageReport) => boolean, timeoutMs: number, what: string): Promise<PageReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await report();
    if (check(r)) return r;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}


describe('fake Realtime API over WebRTC with Chromium', () => {
  it('hears the spoken question, puts the scripted transcript in history and plays the reply', async () => {
    realtime.setScript([{ transcript: QUESTION, reply: { transcript: 'It is sunny in Paris.', audioSeconds: 1.5 } }]);
    const timings = await connect();
    const call = realtime.lastCall!;
    console.info(
      `[fake-realtime] WebRTC connect: POST → session.updated ${(call.sessionUpdatedAt! - call.startedAt).toFixed(1)} ms on the server; ` +
        `page: offer→answer ${timings.offerToAnswerMs.toFixed(1)}, →channel open ${timings.offerToChannelOpenMs.toFixed(1)}, ` +
        `→session.updated ${timings.offerToSessionUpdatedMs.toFixed(1)}, connect() total ${timings.connectMs.toFixed(1)} ms`,
    );
    expect(timings.callId).toBe(call.id);
    expect(call).toMatchObject({ transport: 'webrtc', open: true });
    expect(call.session.instructions).toBe('You are FROK, a desktop voice assistant.');

    await realtime.waitFor(() => call.userTurns.length === 1, 10_000, 'the question to be detected');
    expect(call.userTurns[0]).toMatchObject({ source: 'vad', transcript: QUESTION, scripted: true });
    // espeak says the question in about 1.5 s; the buffer holds it (plus what was before it).
    expect(call.userTurns[0]!.audioMs).toBeGreaterThan(1000);
    expect(call.audioIn.maxRms).toBeGreaterThan(1000);

    const done = await waitForReport(
      (r) => r.history.some((h) => h.role === 'assistant' && h.text === 'It is sunny in Paris.' && h.status === 'completed'),
      10_000,
      'the reply in history',
    );
    expect(done.history.filter((h) => h.type === 'message').map((h) => [h.role, h.text])).toEqual([
      ['user', QUESTION],
      ['assistant', 'It is sunny in Paris.'],
    ]);
    expect(done.events).toEqual(expect.arrayContaining(['input_audio_buffer.speech_started', 'output_audio_buffer.started']));
    expect(done.micAudioEnergy).toBeGreaterThan(0);
    expect(done.inboundAudioEnergy).toBeGreaterThan(0);
    expect(call.audioOut.speechFrames).toBe(75); // 1.5 s of 20 ms frames
    expect(done.errors).toEqual([]);
    // What Chromium needs from the answer: every ICE candidate up front, and a stream id.
    expect(done.remoteSdp).toMatch(/^a=candidate:.*127\.0\.0\.1/m);
    expect(done.remoteSdp).toMatch(/^a=msid:\S+ \S+/m);
    // The renderer only ever held the ephemeral key.
    const offers = fake.requests.filter((r) => r.path === '/v1/realtime/calls' && r.method === 'POST');
    expect(offers.every((r) => /^Bearer ek_/.test(r.headers.authorization ?? ''))).toBe(true);
  });

  it('interrupt() over WebRTC cancels the reply and stops its audio at once', async () => {
    await connect({ turnDetection: null });
    const call = realtime.lastCall!;
    const reply = realtime.say({ transcript: 'A long answer that the person does not want to hear.', audioSeconds: 6 });
    await realtime.waitFor(() => call.sendingAudio, 5000, 'reply audio');
    // Interrupt once the reply is audibly under way (a few of its 20 ms speech frames sent).
    await realtime.waitFor(() => call.audioOut.speechFrames >= 5, 5000, 'reply speech on the wire');
    await app.page.evaluate(() => window.frokRealtimeTest.interrupt());
    const record = await reply;
    expect(record).toMatchObject({ status: 'cancelled', cancelReason: 'client_cancelled' });
    expect(call.sendingAudio).toBe(false);
    expect(call.audioOut.speechFrames).toBeLessThan(150);
    const types = call.sent.map((e) => e.event.type);
    expect(types).toContain('output_audio_buffer.cleared');
    const r = await waitForReport((x) => x.events.includes('response.done'), 5000, 'response.done on the page');
    expect(r.errors).toEqual([]);
  });

  // How fast is bench/voice.bench.ts's business (npm run bench); this checks that it works.
  it('connects again and again (5 calls, POST → session.updated, each closed by the client)', async () => {
    const before = realtime.calls.length;
    for (let i = 0; i < 5; i++) {
      const timings = await connect({ turnDetection: null });
      const call = realtime.lastCall!;
      expect(call.sessionUpdatedAt).toBeGreaterThanOrEqual(call.startedAt);
      expect(timings.connectMs).toBeGreaterThanOrEqual(0);
      await app.page.evaluate(() => window.frokRealtimeTest.close());
      await realtime.waitFor(() => !call.open, 5000, 'the call to close');
      expect(call.closeReason).toBe('client');
    }
    expect(realtime.calls.length - before).toBe(5);
  });

  it('dropCall cuts the call; the page’s transport disconnects', async () => {
    await connect({ turnDetection: null });
    const call = realtime.lastCall!;
    realtime.dropCall(call.id);
    const r = await waitForReport((x) => x.status === 'disconnected', 10_000, 'the page to notice the drop');
    expect(r.status).toBe('disconnected');
    expect(call).toMatchObject({ open: false, closeReason: 'dropped' });
  });

  it('refuses an expired ephemeral key with 401', async () => {
    const key = await mintKey();
    realtime.expireKeys();
    const outcome = await app.page.evaluate(
      (o) => window.frokRealtimeTest.connect(o).then(() => 'connected', (e: unknown) => String(e)),
      { baseUrl: `${fake.url}/realtime/calls`, key, turnDetection: null } as PageConnectOptions,
    );
    expect(outcome).toContain('status 401');
    expect(realtime.refused.at(-1)).toMatchObject({ transport: 'webrtc', reason: 'expired' });
  });
});

describe('barge-in over WebRTC', () => {
  it('the person talking over a reply stops it at once; their question is answered next', async () => {
    // Silence long enough for a reply to be playing when the question starts.
    const wav = join(workDir, 'late-question.wav');
    await writeSpeechWav(wav, QUESTION, { sampleRate: 48_000, leadSeconds: 2.5, trailSeconds: 1.5 });
    const previous = app;
    await previous.page.evaluate(() => window.frokRealtimeTest.close());
    await previous.close();
    app = await launchWithMicrophone(wav);

    realtime.setScript([{ transcript: QUESTION, reply: { transcript: 'Sunny, since you ask.', audioSeconds: 1 } }]);
    await connect();
    const call = realtime.lastCall!;
    const greeting = realtime.say({ transcript: 'Good morning! Here is a long briefing about your day.', audioSeconds: 8 });
    await realtime.waitFor(() => call.sendingAudio, 5000, 'the greeting to play');

    const interrupted = await greeting;
    expect(interrupted).toMatchObject({ status: 'cancelled', cancelReason: 'turn_detected' });
    // Stopped well before its 8 s (400 frames) were out.
    expect(call.audioOut.speechFrames).toBeLessThan(300);
    const types = call.sent.map((e) => e.event.type);
    const startedAt = types.indexOf('input_audio_buffer.speech_started');
    // The cut reply still closes its part (audio and transcript done with what was said), as the real server does.
    expect(types.slice(startedAt, startedAt + 6)).toEqual([
      'input_audio_buffer.speech_started',
      'output_audio_buffer.cleared',
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
    ]);

    const r = await waitForReport(
      (x) => x.history.some((h) => h.role === 'assistant' && h.text === 'Sunny, since you ask.' && h.status === 'completed'),
      10_000,
      'the answer after the interruption',
    );
    expect(r.events).toContain('output_audio_buffer.cleared');
    expect(r.history.find((h) => h.role === 'assistant')).toMatchObject({ status: 'incomplete' });
    expect(r.history.some((h) => h.role === 'user' && h.text === QUESTION)).toBe(true);
    expect(r.errors).toEqual([]);
  });
});
