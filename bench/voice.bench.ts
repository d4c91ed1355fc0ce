/**
 * Voice benchmark (npm run bench). In Chromium, on the same fake Realtime API in the same run:
 *  - FROK's start (Start clicked → realtime:start mints a client secret in main while the
 *    page opens the microphone → WebRTC connect → "Listening") against a bare SDK
 *    connect() with a key minted beforehand: medians and their ratio, target <= 1.2;
 *  - a voice tool round trip, from the fake sending a `calculate` function call to it
 *    receiving the output (data channel → SDK in the page → IPC → main → back), against the
 *    bare SDK answering the same call in the page: p50, p95, targets FROK p95 <= 10 ms and
 *    <= 1.7 × the bare page's p95; with the page's own legs (call seen → output sent);
 *  - the bare connect() median against 3000 ms, and the fake's own SDP POST →
 *    session.updated (once asserted by the fake's WebRTC self-test);
 *  - the main window's start-up: navigation → first contentful paint, → the question box
 *    interactive, and the JavaScript loaded before the first paint (no targets: a baseline).
 * FROK_BENCH_TRACE=1 adds a performance trace of each page during its tool calls (what the
 * main thread does while a call is on its way; see voice-trace.ts); FROK_BENCH_PROFILE=1 a
 * sampling CPU profile instead (which functions).
 * Prints figures; asserts nothing. Needs the built renderer (npx electron-vite build), an
 * unlocked keyring and loopback networking, like the end-to-end tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp } from '../test/harness/browser.ts';
import { startHarness } from '../test/harness/index.ts';
import { DEFAULT_VALID_KEY, startFakeOpenAI } from '../test/fakes/openai/server.ts';
import { attachFakeRealtime, writeSpeechWav } from '../test/fakes/realtime/index.ts';
import type { PageConnectOptions, PageConnectTimings } from '../test/fakes/realtime/page/page-api.ts';
import { startTestPage } from '../test/fakes/realtime/page/test-page.ts';
import { PROBE_SCRIPT, printTrace, profileDuring, readProbe, traceDuring, type ProbeState, type TraceSummary } from './voice-trace.ts';
import { STARTUP_SCRIPT, measureStartup, printStartup } from './window-startup.ts';

const STARTS = 20;
const TOOL_CALLS = 60;
const TURN_GAP_MS = 100;
/** The model's time to its first item after response.created (the real API's is longer). */
const FIRST_ITEM_MS = 50;
/** Replies that did not finish within 5 s (printed: they would make the next call overlap). */
let replyTimeouts = 0;

/** A step of the bench that hangs fails with a sentence instead of holding the run forever. */
function withinSeconds<T>(seconds: number, work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`voice bench: ${what} within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
const TRACE = process.env.FROK_BENCH_TRACE === '1';
const PROFILE = process.env.FROK_BENCH_PROFILE === '1';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const percentile = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]!;


interface ToolCallTiming {
  callId: string;
  /** The fake's clock (epoch ms): the call's `response.output_item.done` left, its output came back. */
  sentAt: number;
  outputAt: number;
}

/**
 * Sends `calculate` calls on the live call, the first 3 a warm-up: one per turn, as a
 * conversation has them. After each output the SDK asks for a reply (response.create); the
 * next call waits until that reply has been spoken, so it never lands on a response still
 * under way (the API refuses a second one), and then TURN_GAP_MS, standing for the
 * person's turn in between. Each call's reply takes FIRST_ITEM_MS from response.created to
 * its first item, as a model does (not every event in one burst).
 */
async function toolRoundTrips(): Promise<ToolCallTiming[]> {
  const calls: ToolCallTiming[] = [];
  for (let i = 0; i < TOOL_CALLS + 3; i++) {
    const output = await withinSeconds(
      15,
      realtime.sendFunctionCall('calculate', { expression: `${i} * 3 + 1` }, undefined, { firstItemDelayMs: FIRST_ITEM_MS }),
      `tool call ${i} got no output`,
    );
    await realtime
      .waitFor(() => {
        const call = realtime.lastCall!;
        const reply = call.responses.at(-1);
        return reply && reply.trigger === 'response.create' && reply.at >= output.at && reply.status !== 'in_progress' && !call.sendingAudio;
      }, 5000, 'the reply after the tool output')
      .catch(() => {
        replyTimeouts++;
      });
    await new Promise((resolve) => setTimeout(resolve, TURN_GAP_MS));
    // The fake's own clock (the promise itself also waits for the reply that follows).
    const sent = realtime.lastCall!.sent.find((e) => e.event.type === 'response.output_item.done' && (e.event as { item?: { call_id?: string } }).item?.call_id === output.callId);
    if (i >= 3 && sent) calls.push({ callId: output.callId, sentAt: sent.at, outputAt: output.at });
  }
  return calls;
}

interface ToolRun {
  ms: number[];
  /** The page's own legs (ms): fake sent → page saw the call (two clocks, ~0.1 ms apart); page saw it → output left (one clock). */
  toPage: number[];
  inPage: number[];
  /** FROK's page: call seen → realtime:toolCall sent; sent → the output left (the IPC trip: the output leaves in the task its answer arrives in). */
  beforeIpc: number[];
  ipcTrip: number[];
  trace?: TraceSummary;
  probe: ProbeState;
  commitsBefore: number;
}

/** The tool round trips on `page`, traced with FROK_BENCH_TRACE=1. */
async function measureTools(page: Page): Promise<ToolRun> {
  const commitsBefore = (await readProbe(page)).commits;
  let calls: ToolCallTiming[];
  let trace: TraceSummary | undefined;
  if (TRACE) {
    const traced = await traceDuring(page, toolRoundTrips, async (cs) => {
      const seen = await readProbe(page);
      return cs.map((c): [number, number] => [c.sentAt, seen.calls[c.callId]?.arrived ?? c.sentAt]);
    });
    calls = traced.result;
    trace = traced.summary;
  } else if (PROFILE) {
    const profiled = await profileDuring(page, toolRoundTrips);
    calls = profiled.result;
    console.log(`\nCPU profile of ${page.url().split('/').pop() || 'the page'} during its tool calls (self ms, ${TOOL_CALLS + 3} calls):`);
    for (const [name, ms] of profiled.selfMs) console.log(`  ${ms.toFixed(1).padStart(8)}  ${name}`);
  } else {
    calls = await toolRoundTrips();
  }
  const probe = await readProbe(page);
  const toPage: number[] = [];
  const inPage: number[] = [];
  const beforeIpc: number[] = [];
  const ipcTrip: number[] = [];
  for (const c of calls) {
    const p = probe.calls[c.callId];
    if (p?.arrived !== undefined && p.ipcSent !== undefined) beforeIpc.push(p.ipcSent - p.arrived);
    if (p?.ipcSent !== undefined && p.sent !== undefined) ipcTrip.push(p.sent - p.ipcSent);
    if (p?.arrived !== undefined) toPage.push(p.arrived - c.sentAt);
    if (p?.arrived !== undefined && p.sent !== undefined) inPage.push(p.sent - p.arrived);
  }
  return { ms: calls.map((c) => c.outputAt - c.sentAt), toPage, inPage, beforeIpc, ipcTrip, ...(trace ? { trace } : {}), probe, commitsBefore };
}

const workDir = await mkdtemp(join(tmpdir(), 'frok-voice-bench-'));
const wav = join(workDir, 'quiet.wav');
// Silence before a word: the microphone has something to send but starts no turn. Longer
// than the whole run (Chromium loops the file): a word heard mid-run would start a turn,
// and its reply would stand in the way of the tool calls.
await writeSpeechWav(wav, 'Hi.', { sampleRate: 48_000, leadSeconds: 400, trailSeconds: 1 });
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
const bareApp = await launchApp({ url: testPage.url, args: mediaArgs, initScripts: [PROBE_SCRIPT] });
await bareApp.page.goto(testPage.url);
await bareApp.page.waitForFunction(() => 'frokRealtimeTest' in window);
const bare: number[] = [];
const bareSteps: PageConnectTimings[] = [];
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
    bareSteps.push(timings);
    const call = await realtime.waitFor(() => realtime.lastCall?.sessionUpdatedAt && realtime.lastCall, 5000, 'session.updated');
    bareServer.push(call.sessionUpdatedAt! - call.startedAt);
  }
  if (i < STARTS) await bareApp.page.evaluate(() => window.frokRealtimeTest.close());
}
// The bare SDK's tool round trip, its tool answered in the page: the floor under FROK's.
const bareTools = await measureTools(bareApp.page);
await bareApp.page.evaluate(() => window.frokRealtimeTest.close());
await bareApp.close();
await testPage.close();

// ---- FROK: Start → Listening, then tool round trips ----
const harness = await startHarness({
  openaiBaseUrl: openai.url,
  proxyOpenAITo: openai.origin,
  chromiumArgs: mediaArgs,
  initScripts: [PROBE_SCRIPT, STARTUP_SCRIPT],
  overrides: { realtimeLimits: { startsPerMinute: 1000 } },
  async beforeLoad(services, { origin }) {
    await services.secrets.setOpenAIKey({ key: DEFAULT_VALID_KEY, provider: { kind: 'openai', baseUrl: `${origin}/v1` } });
  },
});
const page = harness.page;
// The main window's start-up: the harness's first load (a stored key lands on Conversation), then reloads.
const startup = await measureStartup(page, 5);
await page.getByTestId('nav-voice').click();
const frok: number[] = [];
/** Per start, ms from the click to each step the probe saw (IPC out and back, microphone, offer, channel, session). */
const startSteps: Record<string, number>[] = [];
for (let i = 0; i < STARTS + 1; i++) {
  const elapsed = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const state = () => document.querySelector('[data-testid="voice-state"]')?.textContent ?? '';
        const t0 = performance.now();
        (window as unknown as { __frokBenchProbe: { marks: Record<string, number> } }).__frokBenchProbe.marks = { click: t0 };
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
  if (i > 0) {
    frok.push(elapsed);
    const { marks } = await readProbe(page);
    startSteps.push(Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, v - marks['click']!])));
  }
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
const frokTools = await measureTools(page);
const roundTrips = frokTools.ms;
// The harness's socket (standing in for IPC) seen from both ends: the page's stamps and the
// frames' arrival and departure in Node (ws-binding's traffic, the same epoch clock).
const socketIn: number[] = [];
const inNode: number[] = [];
const socketOut: number[] = [];
for (const entry of harness.traffic) {
  const m = entry.message as { id?: unknown; channel?: unknown; payload?: { callId?: unknown } } | undefined;
  if (entry.direction !== 'in' || m?.channel !== 'realtime:toolCall' || typeof m.payload?.callId !== 'string') continue;
  const p = frokTools.probe.calls[m.payload.callId];
  const reply = harness.traffic.find((o) => o.direction === 'out' && o.connection === entry.connection && o.at >= entry.at && (o.message as { id?: unknown; result?: unknown } | undefined)?.id === m.id && 'result' in (o.message as object));
  if (!p?.ipcSent || !p.ipcBack || !reply) continue;
  socketIn.push(entry.at - p.ipcSent);
  inNode.push(reply.at - entry.at);
  socketOut.push(p.ipcBack - reply.at);
}
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
// The harness's IPC stand-in on its own, in the same page with the session still open: a
// round trip of app:info (validated both ways like every channel), a call at a time.
const ipcFloor: number[] = await page.evaluate(async () => {
  const frok = (window as unknown as { frok: { invoke(channel: string, payload?: unknown): Promise<unknown> } }).frok;
  const out: number[] = [];
  for (let i = 0; i < 63; i++) {
    const t0 = performance.now();
    await frok.invoke('app:info');
    if (i >= 3) out.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return out;
});
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
const stepNames = ['ipcStartSent', 'micAsked', 'micOpen', 'ipcStartReply', 'newPC', 'addTrack', 'createOffer', 'offerMade', 'setLocal', 'localSet', 'offerSent', 'answer', 'channelOpen', 'sessionUpdated'];
console.log(
  `  FROK's steps after the click (medians, ms): ${stepNames
    .map((n) => [n, startSteps.map((s) => s[n]).filter((v): v is number => v !== undefined)] as const)
    .filter(([, xs]) => xs.length > 0)
    .map(([n, xs]) => `${n} ${median(xs).toFixed(1)}`)
    .join(', ')}, Listening ${median(frok).toFixed(1)}`,
);
console.log(
  `  bare connect()'s steps (medians, ms): offerSent ${median(bareSteps.map((t) => t.startToOfferMs)).toFixed(1)}, ` +
    `answer ${median(bareSteps.map((t) => t.startToOfferMs + t.offerToAnswerMs)).toFixed(1)}, ` +
    `channelOpen ${median(bareSteps.map((t) => t.startToOfferMs + t.offerToChannelOpenMs)).toFixed(1)}, ` +
    `sessionUpdated ${median(bareSteps.map((t) => t.startToOfferMs + t.offerToSessionUpdatedMs)).toFixed(1)}`,
);
const bareRatio = median(bare) / 3000;
console.log(`bare connect() median / 3000 ms: ${bareRatio.toFixed(3)}  (target < 1) ${bareRatio < 1 ? 'met' : 'MISSED'}`);
const ratio = median(frok) / median(bare);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const bareRoundTrips = bareTools.ms;
const p95 = percentile(roundTrips, 0.95);
const bareP95 = percentile(bareRoundTrips, 0.95);
console.log(`\nvoice tool round trip (calculate, fake → page → main → fake), ${TOOL_CALLS} calls each, side by side, one per turn${replyTimeouts ? ` (${replyTimeouts} replies did not finish in 5 s)` : ''}:`);
console.log(`FROK (tool runs in main):         p50 ${percentile(roundTrips, 0.5).toFixed(1).padStart(5)} ms   p95 ${p95.toFixed(1).padStart(5)} ms`);
console.log(`bare SDK (tool runs in the page): p50 ${percentile(bareRoundTrips, 0.5).toFixed(1).padStart(5)} ms   p95 ${bareP95.toFixed(1).padStart(5)} ms`);
console.log(`the harness's IPC alone (app:info):  p50 ${percentile(ipcFloor, 0.5).toFixed(1).padStart(5)} ms   p95 ${percentile(ipcFloor, 0.95).toFixed(1).padStart(5)} ms  (a WebSocket standing in for Electron IPC)`);
console.log(`FROK p95 ${p95.toFixed(1)} ms  (target <= 10 ms) ${verdict(p95 <= 10)}`);
console.log(`FROK p95 / bare p95: ${(p95 / bareP95).toFixed(2)}  (target <= 1.7) ${verdict(p95 / bareP95 <= 1.7)}`);
console.log(`Start → Listening / bare connect(): ${ratio.toFixed(2)}  (target <= 1.2) ${verdict(ratio <= 1.2)}`);
console.log(
  `  of which (medians): fake → SDK in the page → IPC into main ${median(toMain).toFixed(1)} ms; the tool in main ${median(inside).toFixed(2)} ms; ` +
    `main → page → SDK → fake ${median(back).toFixed(1)} ms`,
);
if (process.env.FROK_BENCH_FRAMES === '1') {
  const counts = new Map<string, number>();
  const firstCall = harness.traffic.findIndex((e) => (e.message as { channel?: unknown } | undefined)?.channel === 'realtime:toolCall');
  for (const e of harness.traffic.slice(firstCall)) {
    const m = e.message as { channel?: string; event?: string; id?: unknown } | undefined;
    const key = `${e.direction} ${m?.channel ?? m?.event ?? (m && 'result' in m ? 'result' : '?')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log('frames during the tool calls:', [...counts].sort((a, b) => b[1] - a[1]));
}
if (socketIn.length) {
  console.log(
    `  the harness socket (p50 / p95): page → Node ${percentile(socketIn, 0.5).toFixed(1)} / ${percentile(socketIn, 0.95).toFixed(1)} ms; ` +
      `frame in → answer out in Node ${percentile(inNode, 0.5).toFixed(1)} / ${percentile(inNode, 0.95).toFixed(1)} ms; ` +
      `Node → page ${percentile(socketOut, 0.5).toFixed(1)} / ${percentile(socketOut, 0.95).toFixed(1)} ms`,
  );
}
for (const [name, run] of [
  ['FROK', frokTools],
  ['bare', bareTools],
] as const) {
  console.log(
    `  ${name} page (p50 / p95): fake → page sees the call ${percentile(run.toPage, 0.5).toFixed(1)} / ${percentile(run.toPage, 0.95).toFixed(1)} ms; ` +
      `page sees it → output sent ${percentile(run.inPage, 0.5).toFixed(1)} / ${percentile(run.inPage, 0.95).toFixed(1)} ms; ` +
      `React commits ${((run.probe.commits - run.commitsBefore) / TOOL_CALLS).toFixed(1)} per call`,
  );
  if (run.beforeIpc.length) {
    console.log(
      `    of which: call seen → realtime:toolCall sent ${percentile(run.beforeIpc, 0.5).toFixed(1)} / ${percentile(run.beforeIpc, 0.95).toFixed(1)} ms; ` +
        `sent → its answer back and the output out (harness WebSocket, Node, main) ${percentile(run.ipcTrip, 0.5).toFixed(1)} / ${percentile(run.ipcTrip, 0.95).toFixed(1)} ms`,
    );
  }
}
if (frokTools.trace) printTrace('FROK page during its tool calls', frokTools.trace, frokTools.probe, TOOL_CALLS, frokTools.commitsBefore);
if (bareTools.trace) printTrace('bare page during its tool calls', bareTools.trace, bareTools.probe, TOOL_CALLS, bareTools.commitsBefore);
printStartup(startup);
// The fake's WebRTC peer (libdatachannel) can keep Node alive after everything is closed,
// and the e2e lock is held until this process ends.
process.exit(0);
