/**
 * Voice benchmark (npm run bench). In Chromium, on the same fake Realtime API in the same run:
 *  - FROK's start (Start clicked → realtime:start mints a client secret in main while the
 *    page opens the microphone → WebRTC connect → "Listening") against a bare SDK
 *    connect() with a key minted beforehand: medians and their ratio, target <= 1.3;
 *  - a voice tool round trip, from the fake sending a `calculate` function call to it
 *    receiving the output (data channel → SDK in the page → IPC → main → back): p50, p95,
 *    target p95 <= 20 ms;
 *  - the bare connect() median against 3000 ms, and the fake's own SDP POST →
 *    session.updated (once asserted by the fake's WebRTC self-test).
 * Prints figures; asserts nothing. Needs the built renderer (npx electron-vite build), an
 * unlocked keyring and loopback networking, like the end-to-end tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchApp } from '../test/harness/browser.ts';
import { startHarness } from '../test/harness/index.ts';
import { DEFAULT_VALID_KEY, startFakeOpenAI } from '../test/fakes/openai/server.ts';
import { attachFakeRealtime, writeSpeechWav } from '../test/fakes/realtime/index.ts';
import type { PageConnectOptions, PageConnectTimings } from '../test/fakes/realtime/page/page-api.ts';
import { startTestPage } from '../test/fakes/realtime/page/test-page.ts';

const STARTS = 12;
const TOOL_CALLS = 40;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const percentile = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]!;


/** Sends `calculate` calls on the live call; ms from the call leaving the fake to its output arriving. */
async function toolRoundTrips(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < TOOL_CALLS + 3; i++) {
    const output = await realtime.sendFunctionCall('calculate', { expression: `${i} * 3 + 1` });
    // The fake's own clock (the promise itself also waits for the reply that follows).
    const sent = realtime.lastCall!.sent.find((e) => e.event.type === 'response.output_item.done' && (e.event as { item?: { call_id?: string } }).item?.call_id === output.callId);
    if (i >= 3 && sent) times.push(output.at - sent.at);
  }
  return times;
}

const workDir = await mkdtemp(join(tmpdir(), 'frok-voice-bench-'));
const wav = join(workDir, 'quiet.wav');
// Silence after a word: the microphone has something to send but starts no turn.
await writeSpeechWav(wav, 'Hi.', { sampleRate: 48_000, leadSeconds: 30, trailSeconds: 1 });
const mediaArgs = [
  '--allow-loopback-in-peer-connection',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${wav}`,
  '--autoplay-policy=no-user-gesture-required',
];

const openai = await startFakeOpenAI();
const realtime = attachFakeRealtime(openai);

// ---- bare SDK connect() with a ready key ----
const testPage = await startTestPage();
const bareApp = await launchApp({ url: testPage.url, args: mediaArgs });
await bareApp.page.goto(testPage.url);
await bareApp.page.waitForFunction(() => 'frokRealtimeTest' in window);
const bare: number[] = [];
/** The fake's own clock: the SDP POST arriving → its session.updated. */
const bareServer: number[] = [];
for (let i = 0; i < STARTS + 1; i++) {
  const res = await fetch(`${openai.url}/realtime/client_secrets`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEFAULT_VALID_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ expires_after: { anchor: 'created_at', seconds: 600 }, session: { type: 'realtime', model: 'gpt-realtime-2.1' } }),
  });
  const key = ((await res.json()) as { value: string }).value;
  const options: PageConnectOptions = { baseUrl: `${openai.url}/realtime/calls`, key };
  const timings: PageConnectTimings = await bareApp.page.evaluate((o) => window.frokRealtimeTest.connect(o), options);
  if (i > 0) {
    // the first is a warm-up
    bare.push(timings.connectMs);
    const call = await realtime.waitFor(() => realtime.lastCall?.sessionUpdatedAt && realtime.lastCall, 5000, 'session.updated');
    bareServer.push(call.sessionUpdatedAt! - call.startedAt);
  }
  if (i < STARTS) await bareApp.page.evaluate(() => window.frokRealtimeTest.close());
}
// The bare SDK's tool round trip, its tool answered in the page: the floor under FROK's.
const bareRoundTrips = await toolRoundTrips();
await bareApp.page.evaluate(() => window.frokRealtimeTest.close());
await bareApp.close();
await testPage.close();

// ---- FROK: Start → Listening, then tool round trips ----
const harness = await startHarness({
  openaiBaseUrl: openai.url,
  proxyOpenAITo: openai.origin,
  chromiumArgs: mediaArgs,
  overrides: { realtimeLimits: { startsPerMinute: 1000 } },
  async beforeLoad(services, { origin }) {
    await services.secrets.setOpenAIKey({ key: DEFAULT_VALID_KEY, provider: { kind: 'openai', baseUrl: `${origin}/v1` } });
  },
});
const page = harness.page;
await page.getByTestId('nav-voice').click();
const frok: number[] = [];
for (let i = 0; i < STARTS + 1; i++) {
  const elapsed = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const state = () => document.querySelector('[data-testid="voice-state"]')?.textContent ?? '';
        const t0 = performance.now();
        const timer = setTimeout(() => reject(new Error(`never listening: ${state()}`)), 15_000);
        const observer = new MutationObserver(() => {
          if (state().startsWith('Listening')) {
            clearTimeout(timer);
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        (document.querySelector('[data-testid="voice-start"]') as HTMLButtonElement).click();
      }),
  );
  if (i > 0) frok.push(elapsed);
  if (i < STARTS) {
    await page.getByTestId('voice-end').click();
    await page.getByTestId('voice-start').waitFor();
  }
}

// Where the time goes: main's own share, timed around the registry's toolCall.
const inMain: number[][] = [];
const registry = harness.services.realtime;
const toolCall = registry.toolCall.bind(registry);
registry.toolCall = async (request, caller) => {
  const started = performance.timeOrigin + performance.now();
  const result = await toolCall(request, caller);
  inMain.push([started, performance.timeOrigin + performance.now()]);
  return result;
};
const roundTrips = await toolRoundTrips();
// The fake's clock and main's are the same process's: legs can be told apart.
const callsSent = realtime.lastCall!.sent
  .filter((e) => e.event.type === 'response.output_item.done' && (e.event as { item?: { type?: string } }).item?.type === 'function_call')
  .map((e) => e.at);
const outputsBack = realtime.lastCall!.toolOutputs.map((o) => o.at);
const toMain: number[] = [];
const inside: number[] = [];
const back: number[] = [];
for (let k = 3; k < Math.min(inMain.length, callsSent.length, outputsBack.length); k++) {
  toMain.push(inMain[k]![0]! - callsSent[k]!);
  inside.push(inMain[k]![1]! - inMain[k]![0]!);
  back.push(outputsBack[k]! - inMain[k]![1]!);
}
await page.getByTestId('voice-end').click();
await harness.stop();
await realtime.close();
await openai.close();
await rm(workDir, { recursive: true, force: true });

console.log(`\nFROK voice benchmark — Node ${process.version}, Chromium over WebRTC on loopback; ${STARTS} starts each after a warm-up`);
console.log('start                                           median ms   min ms   max ms');
for (const [name, xs] of [
  ['FROK: Start clicked → Listening', frok],
  ['bare SDK connect() with a ready key', bare],
] as const) {
  console.log(`${name.padEnd(46)} ${median(xs).toFixed(1).padStart(9)} ${Math.min(...xs).toFixed(1).padStart(8)} ${Math.max(...xs).toFixed(1).padStart(8)}`);
}
console.log(`${'  the fake: SDP POST → session.updated'.padEnd(46)} ${median(bareServer).toFixed(1).padStart(9)} ${Math.min(...bareServer).toFixed(1).padStart(8)} ${Math.max(...bareServer).toFixed(1).padStart(8)}`);
const bareRatio = median(bare) / 3000;
console.log(`bare connect() median / 3000 ms: ${bareRatio.toFixed(3)}  (target < 1) ${bareRatio < 1 ? 'met' : 'MISSED'}`);
const ratio = median(frok) / median(bare);
console.log(`FROK / bare: ${ratio.toFixed(2)}  (target <= 1.3) ${ratio <= 1.3 ? 'met' : 'MISSED'}`);
console.log(`\nvoice tool round trip (calculate, fake → page → main → fake), ${TOOL_CALLS} calls:`);
const p95 = percentile(roundTrips, 0.95);
console.log(`FROK (tool runs in main):       p50 ${percentile(roundTrips, 0.5).toFixed(1)} ms   p95 ${p95.toFixed(1)} ms  (target p95 <= 20 ms) ${p95 <= 20 ? 'met' : 'MISSED'}`);
console.log(`bare SDK (tool runs in the page): p50 ${percentile(bareRoundTrips, 0.5).toFixed(1)} ms   p95 ${percentile(bareRoundTrips, 0.95).toFixed(1)} ms`);
console.log(
  `  of which (medians): fake → SDK in the page → IPC into main ${median(toMain).toFixed(1)} ms; the tool in main ${median(inside).toFixed(2)} ms; ` +
    `main → page → SDK → fake ${median(back).toFixed(1)} ms`,
);
