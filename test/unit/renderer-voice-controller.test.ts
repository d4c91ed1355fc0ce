// The voice session controller with stand-ins for IPC, the microphone and the connection:
// starting (mint and microphone at once), failures the person is told about, what main
// is told, interruptions, push-to-talk, reconnecting with backoff, and being ended by main.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RealtimeStartResponse } from '@shared/realtime';
import { VoiceSessionController, type CallFn, type VoiceControllerDeps } from '../../renderer/src/voice/controller';
import { MicrophoneError } from '../../renderer/src/voice/microphone';
import type { VoiceLink, VoiceLinkHandlers, VoiceLinkOptions } from '../../renderer/src/voice/session-link';

class FakeFrokError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function startResponse(n: number, over: Partial<RealtimeStartResponse> = {}): RealtimeStartResponse {
  return {
    sessionId: `rt_${n}`,
    clientSecret: `ek_${n}`,
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    transport: 'webrtc',
    callsUrl: 'http://x/v1/realtime/calls',
    websocketUrl: 'ws://x/v1/realtime',
    model: 'gpt-realtime-2.1',
    voice: 'marin',
    turnTaking: 'standard',
    turnDetection: { type: 'semantic_vad', eagerness: 'auto', createResponse: true, interruptResponse: true },
    agents: [{ name: 'FROK', instructions: 'hi', handoffDescription: 'main', tools: [], handoffs: [] }],
    startAgent: 'FROK',
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    ...over,
  };
}

class FakeLink implements VoiceLink {
  calls: string[] = [];
  micOpen: boolean;
  agent: string;
  usageNow = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  connectResult: Promise<void> = Promise.resolve();
  constructor(readonly options: VoiceLinkOptions) {
    this.micOpen = options.micOpen;
    this.agent = options.agentName;
  }
  get handlers(): VoiceLinkHandlers {
    return this.options.handlers;
  }
  connect() {
    this.calls.push('connect');
    return this.connectResult;
  }
  close() {
    this.calls.push('close');
  }
  interrupt() {
    this.calls.push('interrupt');
  }
  setMicOpen(open: boolean) {
    this.micOpen = open;
    this.calls.push(`mic:${open}`);
  }
  clearInput() {
    this.calls.push('clear');
  }
  commitInput() {
    this.calls.push('commit');
  }
  usage() {
    return this.usageNow;
  }
  currentAgent() {
    return this.agent;
  }
  async decide(id: string, approved: boolean) {
    this.calls.push(`decide:${id}:${approved}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stand-ins answer loosely typed payloads
type Handler = (payload: any) => unknown;

let handlers: Record<string, Handler>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read back as whatever each test expects
let invoked: { channel: string; payload: any }[];
let links: FakeLink[];
let stopped: MediaStream[];
let micResult: () => Promise<MediaStream>;
let controller: VoiceSessionController;
let starts: number;

const mic = { id: 'mic' } as unknown as MediaStream;

function makeController(over: Partial<VoiceControllerDeps> = {}) {
  const call = (async (channel: string, payload: unknown) => {
    invoked.push({ channel, payload });
    const handler = handlers[channel];
    if (!handler) throw new Error(`unexpected ${channel}`);
    return handler(payload);
  }) as CallFn;
  return new VoiceSessionController({
    call,
    describeError: (e) => (e instanceof Error ? e.message : 'Something went wrong inside FROK.'),
    openMicrophone: () => micResult(),
    stopMicrophone: (s) => stopped.push(s),
    createLink: (options) => {
      const link = new FakeLink(options);
      links.push(link);
      return link;
    },
    talkTailMs: 200,
    ...over,
  });
}

const reports = () => invoked.filter((i) => i.channel === 'realtime:report').map((i) => i.payload);
const lastLink = () => links.at(-1)!;

beforeEach(() => {
  vi.useFakeTimers();
  starts = 0;
  invoked = [];
  links = [];
  stopped = [];
  micResult = async () => mic;
  handlers = {
    'realtime:start': () => startResponse(++starts),
    'realtime:report': () => ({ ok: true }),
    'realtime:toolCall': (p: { name: string }) => ({ output: `ran ${p.name}` }),
    'realtime:checkApproval': () => ({ needsApproval: true, reason: 'unlock Front Door' }),
  };
  controller = makeController();
});
afterEach(() => {
  vi.useRealTimers();
});

const begin = (transport?: 'webrtc' | 'websocket') =>
  controller.begin({ inputDeviceId: 'mic-1', outputDeviceId: null, traceExport: false, ...(transport ? { transport } : {}) });

describe('starting', () => {
  it('asks main for a session while the microphone opens, then connects and listens', async () => {
    let openMic!: (s: MediaStream) => void;
    micResult = () => new Promise((resolve) => (openMic = resolve));
    const started = begin();
    expect(controller.snapshot.state).toBe('connecting');
    await vi.waitFor(() => expect(invoked.map((i) => i.channel)).toEqual(['realtime:start']));
    openMic(mic);
    await started;
    expect(controller.snapshot).toMatchObject({ state: 'listening', sessionId: 'rt_1', agent: 'FROK', turnTaking: 'standard' });
    expect(lastLink().options).toMatchObject({ microphone: mic, agentName: 'FROK', micOpen: false });
    expect(lastLink().micOpen).toBe(true);
    // Connected is news for the Sessions list: it goes at once, not after the throttle.
    await vi.advanceTimersByTimeAsync(0);
    expect(reports()).toEqual([{ sessionId: 'rt_1', state: 'connected', usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, currentAgent: 'FROK', transcript: [] }]);
  });

  it('"Connecting…" may wait for the SDP exchange, at most 80 ms, and is heard as soon as it is done', async () => {
    let openMic!: (s: MediaStream) => void;
    micResult = () => new Promise((resolve) => (openMic = resolve));
    let connected!: () => void;
    controller = makeController({
      createLink: (o) => {
        const link = new FakeLink(o);
        link.connectResult = new Promise((resolve) => (connected = resolve));
        links.push(link);
        return link;
      },
    });
    const heard = vi.fn();
    controller.subscribe(heard);
    const started = begin();
    // Not the person's own change: the screen may hold it back.
    expect(controller.changeCanWait).toBe(true);
    expect(controller.snapshot.state).toBe('connecting');
    expect(controller.screenMayWaitMs).toBe(80);
    await vi.advanceTimersByTimeAsync(30);
    expect(controller.screenMayWaitMs).toBe(50);
    openMic(mic);
    await vi.waitFor(() => expect(links).toHaveLength(1));
    const before = heard.mock.calls.length;
    lastLink().options.negotiated!();
    expect(controller.screenMayWaitMs).toBe(0);
    expect(heard.mock.calls.length).toBe(before + 1);
    connected();
    await started;
    expect(controller.snapshot.state).toBe('listening');
    expect(controller.screenMayWaitMs).toBe(0);
  });

  it('a start whose SDP exchange does not finish (a slow network) stops holding after 80 ms', async () => {
    micResult = () => new Promise(() => undefined);
    void begin();
    expect(controller.screenMayWaitMs).toBe(80);
    await vi.advanceTimersByTimeAsync(80);
    expect(controller.screenMayWaitMs).toBe(0);
  });

  it("shows main's refusal as is and closes the microphone", async () => {
    handlers['realtime:start'] = () => {
      throw new FakeFrokError('voice_start_rate_limited', "That's 5 voice sessions started in the last minute, FROK's limit. Try again in 42 seconds.");
    };
    await begin();
    expect(controller.snapshot).toMatchObject({ state: 'error', error: expect.stringMatching(/5 voice sessions .* 42 seconds/) });
    expect(stopped).toEqual([mic]);
    expect(links).toHaveLength(0);
  });

  it('says how to fix a refused microphone, and tells main the minted session is over', async () => {
    micResult = () => Promise.reject(new MicrophoneError("FROK isn't allowed to use the microphone. Allow it in your system's privacy settings."));
    await begin();
    expect(controller.snapshot.error).toMatch(/privacy settings/);
    expect(reports()).toEqual([expect.objectContaining({ sessionId: 'rt_1', state: 'error', error: expect.stringMatching(/privacy/) })]);
  });

  it('a connection that cannot be made ends in a plain message', async () => {
    controller = makeController({
      createLink: (o) => {
        const link = new FakeLink(o);
        link.connectResult = Promise.reject(new Error('Realtime call request failed with status 500'));
        links.push(link);
        return link;
      },
    });
    await begin();
    expect(controller.snapshot).toMatchObject({ state: 'error', error: expect.stringMatching(/Couldn't connect to OpenAI's voice service/) });
    expect(lastLink().calls).toContain('close');
    expect(stopped).toEqual([mic]);
  });

  it('when WebRTC cannot connect, tries a WebSocket once, replacing the first session', async () => {
    controller = makeController({
      createLink: (o) => {
        const link = new FakeLink(o);
        if (o.start.transport === 'webrtc') link.connectResult = Promise.reject(new Error('ICE failed'));
        links.push(link);
        return link;
      },
    });
    handlers['realtime:start'] = (p: { transport?: 'webrtc' | 'websocket' }) => startResponse(++starts, { transport: p.transport ?? 'webrtc' });
    await begin();
    expect(invoked.filter((i) => i.channel === 'realtime:start').map((i) => i.payload)).toEqual([{}, { transport: 'websocket', replacesSessionId: 'rt_1' }]);
    expect(controller.snapshot).toMatchObject({ state: 'listening', transport: 'websocket', sessionId: 'rt_2', notice: null });
  });

  it('a connection that hangs fails after the timeout', async () => {
    controller = makeController({
      connectTimeoutMs: 3000,
      createLink: (o) => {
        const link = new FakeLink(o);
        link.connectResult = new Promise(() => undefined);
        links.push(link);
        return link;
      },
    });
    const started = controller.begin({ inputDeviceId: null, outputDeviceId: null, traceExport: false, transport: 'webrtc' });
    await vi.advanceTimersByTimeAsync(2999);
    expect(controller.snapshot.state).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    await started;
    expect(controller.snapshot.state).toBe('error');
    expect(links).toHaveLength(1);
  });

  it('End while connecting lets the late session go', async () => {
    let answer!: (r: RealtimeStartResponse) => void;
    handlers['realtime:start'] = () => new Promise((resolve) => (answer = resolve));
    const started = begin();
    await vi.waitFor(() => expect(invoked).toHaveLength(1));
    await controller.end();
    answer(startResponse(7));
    await started;
    expect(controller.snapshot.state).toBe('ended');
    expect(links).toHaveLength(0);
    expect(stopped).toEqual([mic]);
    expect(reports()).toEqual([expect.objectContaining({ sessionId: 'rt_7', state: 'ended' })]);
  });
});

describe('talking', () => {
  it('builds the transcript, reports it with usage, and ends with the final report', async () => {
    await begin();
    const link = lastLink();
    link.handlers.signal({ kind: 'user-speech-start', itemId: 'u1' });
    expect(controller.snapshot.state).toBe('user-speaking');
    link.handlers.signal({ kind: 'user-transcript', itemId: 'u1', text: 'Hello' });
    link.handlers.signal({ kind: 'assistant-delta', itemId: 'a1', delta: 'Hi there.' });
    link.handlers.signal({ kind: 'assistant-transcript', itemId: 'a1', text: 'Hi there.' });
    link.usageNow = { inputTokens: 100, outputTokens: 40, totalTokens: 140 };
    link.handlers.signal({ kind: 'response-done', cancelled: false, hasFunctionCalls: false });
    await vi.advanceTimersByTimeAsync(1000);
    expect(controller.snapshot.usage.totalTokens).toBe(140);
    expect(reports().at(-1)).toMatchObject({
      usage: { totalTokens: 140 },
      transcript: [
        { itemId: 'u1', role: 'user', text: 'Hello', interrupted: false },
        { itemId: 'a1', role: 'assistant', text: 'Hi there.', agent: 'FROK' },
      ],
    });
    await controller.end();
    expect(link.calls).toContain('close');
    expect(stopped).toEqual([mic]);
    expect(reports().at(-1)).toMatchObject({ sessionId: 'rt_1', state: 'ended', usage: { totalTokens: 140 } });
    expect(controller.snapshot.turns).toHaveLength(2);
  });

  it('Stop interrupts the link; the label goes back to Listening after a moment', async () => {
    await begin();
    const link = lastLink();
    link.handlers.signal({ kind: 'assistant-delta', itemId: 'a1', delta: 'A long' });
    link.handlers.signal({ kind: 'audio-started' });
    controller.interrupt();
    expect(link.calls).toContain('interrupt');
    expect(controller.snapshot.state).toBe('interrupted');
    expect(controller.snapshot.turns[0]).toMatchObject({ interrupted: true, text: 'A long' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(controller.snapshot.state).toBe('listening');
  });

  it('mute closes the microphone on the link', async () => {
    await begin();
    controller.setMuted(true);
    expect(lastLink().micOpen).toBe(false);
    expect(controller.snapshot.muted).toBe(true);
    controller.setMuted(false);
    expect(lastLink().micOpen).toBe(true);
  });

  it('shows a handoff and asks for approval with the reason main gave', async () => {
    await begin();
    const link = lastLink();
    link.handlers.handoff('Home voice specialist');
    expect(controller.snapshot.agent).toBe('Home voice specialist');
    expect(await controller.bridge.checkApproval('control_home', '{}')).toEqual({ needsApproval: true, reason: 'unlock Front Door' });
    controller.bridge.rememberApprovalReason!('call_1', 'control_home', 'unlock Front Door');
    link.handlers.approvalRequested({ id: 'ap1', toolName: 'control_home', callId: 'call_1' });
    expect(controller.snapshot.approvals).toEqual([{ id: 'ap1', toolName: 'control_home', reason: 'unlock Front Door' }]);
    await controller.decideApproval('ap1', true);
    expect(link.calls).toContain('decide:ap1:true');
    expect(controller.snapshot.approvals).toEqual([]);
  });

  it('tools run in main with the session id; a failed call comes back as text', async () => {
    await begin();
    expect(await controller.bridge.run({ callId: 'c1', name: 'get_weather', args: '{"location":"Paris"}', approved: false })).toBe('ran get_weather');
    expect(invoked.find((i) => i.channel === 'realtime:toolCall')!.payload).toEqual({ sessionId: 'rt_1', callId: 'c1', name: 'get_weather', args: '{"location":"Paris"}' });
    await controller.bridge.run({ callId: 'c2', name: 'control_home', args: '{}', approved: true });
    expect(invoked.filter((i) => i.channel === 'realtime:toolCall')[1]!.payload).toMatchObject({ approved: true });
    handlers['realtime:toolCall'] = () => {
      throw new FakeFrokError('session_ended', 'That voice session is not running.');
    };
    expect(await controller.bridge.run({ callId: 'c3', name: 'calculate', args: '{}', approved: false })).toBe('The calculate tool could not run: That voice session is not running.');
  });

  it("the hold starts with the model's function call, lasts while the SDK checks and runs it, and ends with a reply that will not run it or a question for the person", async () => {
    await begin();
    const link = lastLink();
    link.handlers.toolCallComing();
    expect(controller.screenMayWaitMs).toBe(50);
    await vi.advanceTimersByTimeAsync(10);
    // response.done (with its call) while the SDK checks the call: still held.
    link.handlers.signal({ kind: 'response-done', cancelled: false, hasFunctionCalls: true });
    expect(controller.screenMayWaitMs).toBe(40);
    // The call leaves 10 ms after its first event: the hold still counts from that event.
    let answer!: (v: { output: string }) => void;
    handlers['realtime:toolCall'] = () => new Promise((resolve) => (answer = resolve));
    const running = controller.bridge.run({ callId: 'c1', name: 'calculate', args: '{}', approved: false });
    expect(controller.screenMayWaitMs).toBe(40);
    answer({ output: '0' });
    await running;
    expect(controller.screenMayWaitMs).toBe(0);
    // A call whose arguments took longer than the hold: it is held afresh when it leaves.
    link.handlers.toolCallComing();
    await vi.advanceTimersByTimeAsync(200);
    expect(controller.screenMayWaitMs).toBe(0);
    const late = controller.bridge.run({ callId: 'c2', name: 'calculate', args: '{}', approved: false });
    expect(controller.screenMayWaitMs).toBe(50);
    answer({ output: '1' });
    await late;
    // A call the reply then dropped (cancelled before it ran).
    link.handlers.toolCallComing();
    link.handlers.signal({ kind: 'response-done', cancelled: true, hasFunctionCalls: true });
    expect(controller.screenMayWaitMs).toBe(0);
    // A call that needs the person's OK: the question is not held back.
    link.handlers.toolCallComing();
    link.handlers.approvalRequested({ id: 'ap1', toolName: 'control_home', callId: 'c3' });
    expect(controller.screenMayWaitMs).toBe(0);
    expect(controller.snapshot.approvals).toHaveLength(1);
  });

  it('a call still out when the connection drops holds nothing on the next one', async () => {
    controller = makeController({ reconnectDelaysMs: [0] });
    await begin();
    handlers['realtime:toolCall'] = () => new Promise(() => undefined);
    void controller.bridge.run({ callId: 'c1', name: 'calculate', args: '{}', approved: false });
    expect(controller.screenMayWaitMs).toBe(50);
    lastLink().handlers.lost('The data channel closed.');
    await vi.waitFor(() => expect(links).toHaveLength(2));
    await vi.waitFor(() => expect(controller.snapshot.state).toBe('listening'));
    expect(controller.screenMayWaitMs).toBe(0);
    // The new connection's first call is held as usual, and its reply's end ends it.
    lastLink().handlers.toolCallComing();
    expect(controller.screenMayWaitMs).toBe(50);
    lastLink().handlers.signal({ kind: 'response-done', cancelled: false, hasFunctionCalls: false });
    expect(controller.screenMayWaitMs).toBe(0);
  });

  it('while a tool call is out the screen may wait, at most 50 ms, and hears again when it is back', async () => {
    await begin();
    const answers: ((v: { output: string }) => void)[] = [];
    handlers['realtime:toolCall'] = () => new Promise((resolve) => answers.push(resolve));
    const heard = vi.fn();
    controller.subscribe(heard);
    expect(controller.screenMayWaitMs).toBe(0);
    const running = controller.bridge.run({ callId: 'c1', name: 'calculate', args: '{"expression":"1+1"}', approved: false });
    expect(controller.screenMayWaitMs).toBe(50);
    await vi.advanceTimersByTimeAsync(20);
    expect(controller.screenMayWaitMs).toBe(30);
    // A second call does not restart the hold: a long run of calls still shows.
    const second = controller.bridge.run({ callId: 'c2', name: 'calculate', args: '{"expression":"2+2"}', approved: false });
    await vi.advanceTimersByTimeAsync(40);
    expect(controller.screenMayWaitMs).toBe(0);
    const before = heard.mock.calls.length;
    answers[0]!({ output: '2' });
    await running;
    expect(heard.mock.calls.length).toBe(before);
    answers[1]!({ output: '4' });
    expect(await second).toBe('4');
    expect(heard.mock.calls.length).toBe(before + 1);
    expect(controller.screenMayWaitMs).toBe(0);
  });
});

describe('push-to-talk', () => {
  beforeEach(() => {
    handlers['realtime:start'] = () => startResponse(++starts, { turnTaking: 'push-to-talk', turnDetection: null });
  });

  it('keeps the microphone closed until the key is held; release commits after the tail', async () => {
    await begin();
    const link = lastLink();
    expect(link.micOpen).toBe(false);
    controller.talkPress();
    expect(link.calls.slice(-2)).toEqual(['mic:true', 'clear']);
    expect(controller.snapshot).toMatchObject({ state: 'user-speaking', talking: true });
    await vi.advanceTimersByTimeAsync(1200);
    controller.talkRelease();
    expect(controller.snapshot.state).toBe('thinking');
    expect(link.calls).not.toContain('commit');
    await vi.advanceTimersByTimeAsync(200);
    expect(link.calls.slice(-2)).toEqual(['mic:false', 'commit']);
  });

  it('a tap sends nothing and says to hold the key', async () => {
    await begin();
    controller.talkPress();
    await vi.advanceTimersByTimeAsync(100);
    controller.talkRelease();
    await vi.advanceTimersByTimeAsync(200);
    expect(lastLink().calls).not.toContain('commit');
    expect(lastLink().calls.at(-1)).toBe('clear');
    expect(controller.snapshot).toMatchObject({ state: 'listening', notice: expect.stringMatching(/Hold Space/) });
  });

  it('mute stops the key from opening the microphone', async () => {
    await begin();
    controller.setMuted(true);
    controller.talkPress();
    expect(lastLink().micOpen).toBe(false);
    expect(controller.snapshot.notice).toMatch(/muted/);
  });
});

describe('a dropped connection', () => {
  it('reconnects with a fresh secret after 0.5 s, keeping the transcript, the agent and the usage', async () => {
    await begin();
    const first = lastLink();
    first.handlers.signal({ kind: 'user-transcript', itemId: 'u1', text: 'Hello' });
    first.handlers.handoff('Home voice specialist');
    first.usageNow = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
    first.handlers.lost('The data channel closed.');
    expect(controller.snapshot).toMatchObject({ state: 'reconnecting', notice: 'Connection lost — reconnecting (1 of 3)…' });
    expect(first.calls).toContain('close');
    await vi.advanceTimersByTimeAsync(499);
    expect(links).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(invoked.filter((i) => i.channel === 'realtime:start').at(-1)!.payload).toEqual({ transport: 'webrtc', replacesSessionId: 'rt_1' });
    expect(links).toHaveLength(2);
    const second = lastLink();
    expect(second.options.agentName).toBe('Home voice specialist');
    expect(controller.snapshot).toMatchObject({ state: 'listening', sessionId: 'rt_2', notice: null });
    expect(controller.snapshot.turns.map((t) => t.text)).toEqual(['Hello']);
    second.usageNow = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
    second.handlers.signal({ kind: 'response-done', cancelled: false, hasFunctionCalls: false });
    await vi.advanceTimersByTimeAsync(1000);
    expect(controller.snapshot.usage.totalTokens).toBe(17);
    // Events of the old connection no longer count.
    first.handlers.signal({ kind: 'user-speech-start', itemId: 'late' });
    expect(controller.snapshot.state).toBe('listening');
  });

  it('gives up after three tries with backoff and says what to do', async () => {
    await begin();
    let failing = 0;
    handlers['realtime:start'] = () => {
      failing++;
      throw new FakeFrokError('voice_unreachable', "Couldn't reach OpenAI.");
    };
    lastLink().handlers.lost('gone');
    await vi.advanceTimersByTimeAsync(500);
    expect(failing).toBe(1);
    expect(controller.snapshot.notice).toBe('Connection lost — reconnecting (2 of 3)…');
    await vi.advanceTimersByTimeAsync(1500);
    expect(failing).toBe(2);
    await vi.advanceTimersByTimeAsync(3999);
    expect(failing).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(failing).toBe(3);
    expect(controller.snapshot).toMatchObject({ state: 'error', error: expect.stringMatching(/couldn't be restored after 3 tries.*press Start/) });
    expect(stopped).toEqual([mic]);
    expect(reports().at(-1)).toMatchObject({ sessionId: 'rt_1', state: 'error' });
  });

  it('stops at once when main says another try cannot help', async () => {
    await begin();
    handlers['realtime:start'] = () => {
      throw new FakeFrokError('voice_unauthorized', 'OpenAI rejected the API key, so voice cannot start.');
    };
    lastLink().handlers.lost('gone');
    await vi.advanceTimersByTimeAsync(500);
    expect(controller.snapshot).toMatchObject({ state: 'error', error: 'OpenAI rejected the API key, so voice cannot start.' });
  });
});

describe('ended by main', () => {
  it('disconnects and shows the reason, only for its own session', async () => {
    await begin();
    controller.endedByMain('rt_other', 'nope');
    expect(controller.snapshot.state).toBe('listening');
    controller.endedByMain('rt_1', 'Ended from the Sessions list.');
    expect(controller.snapshot).toMatchObject({ state: 'ended', notice: 'Ended from the Sessions list.' });
    expect(lastLink().calls).toContain('close');
    expect(stopped).toEqual([mic]);
    // Main already knows: no report goes back.
    expect(reports().filter((r) => r.state === 'ended')).toEqual([]);
  });
});
