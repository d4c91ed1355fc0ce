/**
 * Opt-in instrumentation for the voice benchmark (FROK_BENCH_TRACE=1): where a page's main
 * thread is busy while a tool call is on its way to the SDK.
 *
 *  - PROBE_SCRIPT (an init script, in the bare page and FROK's alike): counts React commits
 *    through a stand-in DevTools hook, and stamps (epoch ms) when a `function_call` item
 *    reaches the page over the data channel and when its output leaves;
 *  - traceDuring(): a Chromium performance trace of the page (CDP Tracing) while the tool
 *    calls run, reduced to the main thread's self time per kind of work, overall and inside
 *    the windows between the fake sending a call and the page seeing it.
 */
import type { Page } from 'playwright-core';

export interface ProbeCall {
  /** The call's `response.output_item.done` reached the page. */
  arrived?: number;
  /**
   * realtime:toolCall left for main, and its answer came back (FROK's page only; the answer's
   * stamp comes after the SDK has already sent the output in the same task).
   */
  ipcSent?: number;
  ipcBack?: number;
  /** The function_call_output left the page. */
  sent?: number;
}

export interface ProbeState {
  commits: number;
  messages: number;
  calls: Record<string, ProbeCall>;
  /** performance.now() of the latest start's steps (the bench clears them before each). */
  marks: Record<string, number>;
}

export const PROBE_SCRIPT = `(() => {
  const probe = { commits: 0, messages: 0, calls: {}, marks: {} };
  const mark = (name) => { probe.marks[name] ??= performance.now(); };
  window.__frokBenchProbe = probe;
  // React DOM reports every commit to an installed DevTools hook.
  if (!window.__REACT_DEVTOOLS_GLOBAL_HOOK__) {
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true, renderers: new Map(), inject() { return 1; },
      onCommitFiberRoot() { probe.commits++; }, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, checkDCE() {},
    };
  }
  const epoch = () => performance.timeOrigin + performance.now();
  const callOf = (text) => { try { return JSON.parse(text).item?.call_id ?? null; } catch { return null; } };
  // A start's steps: IPC realtime:start out and back (the harness's socket), the microphone, the SDP offer.
  const wsSend = WebSocket.prototype.send;
  const watched = new WeakSet();
  let startId = null;
  /** IPC request id → the tool call it carries. */
  const toolCalls = new Map();
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('"realtime:start"')) {
      mark('ipcStartSent');
      try { startId = JSON.parse(data).id; } catch {}
    }
    if (typeof data === 'string' && data.includes('"realtime:toolCall"')) {
      try {
        const m = JSON.parse(data);
        toolCalls.set(m.id, m.payload.callId);
        (probe.calls[m.payload.callId] ??= {}).ipcSent = epoch();
      } catch {}
    }
    if (!watched.has(this)) {
      watched.add(this);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string' || !e.data.startsWith('{"id":')) return;
        const id = Number(e.data.slice(6, e.data.indexOf(',')));
        if (id === startId) { mark('ipcStartReply'); startId = null; }
        const callId = toolCalls.get(id);
        if (callId !== undefined) { toolCalls.delete(id); (probe.calls[callId] ??= {}).ipcBack = epoch(); }
      });
    }
    return wsSend.call(this, data);
  };
  const gum = navigator.mediaDevices?.getUserMedia?.bind(navigator.mediaDevices);
  if (gum) navigator.mediaDevices.getUserMedia = async (c) => { mark('micAsked'); const s = await gum(c); mark('micOpen'); return s; };
  const fetch0 = window.fetch;
  window.fetch = async (input, init) => {
    const offer = init?.method === 'POST' && String(input?.url ?? input).includes('/realtime/calls');
    if (offer) mark('offerSent');
    const r = await fetch0(input, init);
    if (offer) mark('answer');
    return r;
  };
  if (typeof RTCPeerConnection === 'undefined') return;
  // A start's WebRTC steps: the peer connection made, the track added, the offer made and set.
  {
    const proto = RTCPeerConnection.prototype;
    const { createOffer, setLocalDescription, addTrack } = proto;
    proto.createOffer = async function (...args) { mark('createOffer'); const r = await createOffer.apply(this, args); mark('offerMade'); return r; };
    proto.setLocalDescription = async function (...args) { mark('setLocal'); const r = await setLocalDescription.apply(this, args); mark('localSet'); return r; };
    proto.addTrack = function (...args) { mark('addTrack'); return addTrack.apply(this, args); };
    const Original = RTCPeerConnection;
    window.RTCPeerConnection = function (...args) { mark('newPC'); return new Original(...args); };
    window.RTCPeerConnection.prototype = Original.prototype;
  }
  const create = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function (...args) {
    const channel = create.apply(this, args);
    // Added before the SDK's own listener, so it runs first.
    channel.addEventListener('open', () => mark('channelOpen'));
    channel.addEventListener('message', (e) => {
      probe.messages++;
      if (typeof e.data === 'string' && e.data.includes('"session.updated"')) mark('sessionUpdated');
      if (typeof e.data === 'string' && e.data.includes('"response.output_item.done"') && e.data.includes('"function_call"')) {
        const id = callOf(e.data);
        if (id) (probe.calls[id] ??= {}).arrived = epoch();
      }
    });
    const send = channel.send;
    channel.send = function (data) {
      if (typeof data === 'string' && data.includes('"function_call_output"')) {
        const id = callOf(data);
        if (id) (probe.calls[id] ??= {}).sent = epoch();
      }
      return send.call(this, data);
    };
    return channel;
  };
})();`;

export const readProbe = (page: Page): Promise<ProbeState> =>
  page.evaluate(() => structuredClone((window as unknown as { __frokBenchProbe: ProbeState }).__frokBenchProbe));

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

export interface TraceSummary {
  /** Main-thread busy ms per second of the traced span. */
  busyPerSecond: number;
  tracedMs: number;
  /** Self ms per kind of work over the whole span, largest first. */
  selfMs: [string, number][];
  /** Self ms per kind of work inside the "fake sent the call → page saw it" windows, summed. */
  inWindowsMs: [string, number][];
  /** Those windows: how long each was (ms), and how much of it the main thread was busy. */
  windows: { ms: number; busyMs: number }[];
}

function label(e: TraceEvent): string {
  const data = e.args?.data ?? {};
  if (e.name === 'FunctionCall') {
    const url = String(data['url'] ?? '').split('/').pop() || '?';
    return `JS ${String(data['functionName'] || '(anonymous)')} ${url}:${String(data['lineNumber'] ?? '')}`;
  }
  if (e.name === 'EventDispatch') return `EventDispatch ${String(data['type'] ?? '')}`;
  if (e.name === 'v8.callFunction' || e.name === 'V8.Execute') return 'JS (other)';
  return e.name;
}

/**
 * Traces the page while `during` runs. `windows` (epoch ms [from, to] pairs, known only
 * after the run) pick out the stretches of interest; a user-timing mark made at a known
 * epoch time ties the trace clock to epoch ms.
 */
export async function traceDuring<T>(
  page: Page,
  during: () => Promise<T>,
  windows: (result: T) => Promise<[number, number][]>,
): Promise<{ result: T; summary: TraceSummary }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'v8'],
    },
  });
  const syncEpoch = await page.evaluate(() => {
    performance.mark('frok-bench-sync');
    return performance.timeOrigin + (performance.getEntriesByName('frok-bench-sync').at(-1) as PerformanceMark).startTime;
  });
  const result = await during();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return { result, summary: summarize(events, syncEpoch, await windows(result)) };
}

function summarize(events: TraceEvent[], syncEpoch: number, windowsEpoch: [number, number][]): TraceSummary {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? ''));
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) === 'CrRendererMain') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sync = events.find((e) => e.name === 'frok-bench-sync');
  const toTrace = (epoch: number) => (sync ? sync.ts + (epoch - syncEpoch) * 1000 : NaN);
  const mine = events
    .filter((e) => `${e.pid}:${e.tid}` === main && (e.ph === 'X' || e.ph === 'B' || e.ph === 'E'))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

  // Slices with their self time (duration minus their children's), B/E turned into spans.
  type Slice = { label: string; start: number; end: number; self: number; top: boolean };
  const slices: Slice[] = [];
  const stack: Slice[] = [];
  const openB: { e: TraceEvent; slice: Slice }[] = [];
  const push = (s: Slice) => {
    while (stack.length && stack.at(-1)!.end <= s.start) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.self -= Math.min(s.end, parent.end) - s.start;
    s.top = !parent;
    stack.push(s);
    slices.push(s);
  };
  for (const e of mine) {
    if (e.ph === 'X') {
      const s = { label: label(e), start: e.ts, end: e.ts + (e.dur ?? 0), self: e.dur ?? 0, top: false };
      push(s);
    } else if (e.ph === 'B') {
      const s = { label: label(e), start: e.ts, end: Infinity, self: 0, top: false };
      openB.push({ e, slice: s });
      push(s);
    } else {
      const open = openB.pop();
      if (open) {
        open.slice.end = e.ts;
        open.slice.self += e.ts - open.slice.start;
      }
    }
  }
  const real = slices.filter((s) => Number.isFinite(s.end));
  const tops = real.filter((s) => s.top);
  const first = tops[0]?.start ?? 0;
  const last = tops.at(-1)?.end ?? 0;
  const busy = tops.reduce((n, s) => n + (s.end - s.start), 0) / 1000;
  const tracedMs = (last - first) / 1000;
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us / 1000);
  const self = new Map<string, number>();
  for (const s of real) add(self, s.label, Math.max(0, s.self));

  const inWindows = new Map<string, number>();
  const windows = windowsEpoch.map(([from, to]) => {
    const a = toTrace(from);
    const b = toTrace(to);
    let busyUs = 0;
    for (const s of tops) busyUs += Math.max(0, Math.min(s.end, b) - Math.max(s.start, a));
    for (const s of real) {
      const overlap = Math.max(0, Math.min(s.end, b) - Math.max(s.start, a));
      if (overlap > 0 && s.end > s.start) add(inWindows, s.label, Math.max(0, s.self) * (overlap / (s.end - s.start)));
    }
    return { ms: (to - from), busyMs: busyUs / 1000 };
  });
  const top = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]).slice(0, 14);
  return { busyPerSecond: tracedMs > 0 ? (busy / tracedMs) * 1000 : 0, tracedMs, selfMs: top(self), inWindowsMs: top(inWindows), windows };
}

export function printTrace(title: string, summary: TraceSummary, probe: ProbeState, calls: number, commitsBefore: number): void {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  console.log(`\ntrace — ${title}: main thread busy ${summary.busyPerSecond.toFixed(0)} ms/s over ${(summary.tracedMs / 1000).toFixed(1)} s; React commits ${probe.commits - commitsBefore} (${((probe.commits - commitsBefore) / calls).toFixed(1)} per call); data channel messages ${probe.messages}`);
  console.log(`  call in flight (fake sent → page saw it): mean ${mean(summary.windows.map((w) => w.ms)).toFixed(1)} ms, of which the main thread was busy ${mean(summary.windows.map((w) => w.busyMs)).toFixed(1)} ms`);
  console.log('  busiest work over the span (self ms):');
  for (const [name, ms] of summary.selfMs.slice(0, 10)) console.log(`    ${ms.toFixed(1).padStart(8)}  ${name}`);
  console.log('  work inside those windows (self ms, all calls):');
  for (const [name, ms] of summary.inWindowsMs.slice(0, 10)) console.log(`    ${ms.toFixed(1).padStart(8)}  ${name}`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** A sampling CPU profile of the page while `during` runs: self ms per function, largest first. */
export async function profileDuring<T>(page: Page, during: () => Promise<T>): Promise<{ result: T; selfMs: [string, number][] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await during();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() || ''}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return { result, selfMs: [...self].sort((a, b) => b[1] - a[1]).slice(0, 25) };
}
