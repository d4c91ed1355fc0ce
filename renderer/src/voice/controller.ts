/**
 * One voice session as the window sees it: asks main for a session while the microphone
 * opens, connects a link, folds its events into the state machine and transcript,
 * reconnects with a fresh client secret when the connection drops, and keeps main told
 * (state, usage, agent, final transcript). Plain TypeScript: the screen subscribes to its
 * snapshots, and tests drive it with stand-ins for IPC, the microphone and the link.
 */
import type { Usage } from '@shared/agents';
import type { VoiceTransport } from '@shared/domain';
import type { InvokeArgs } from '@shared/frok-api';
import type { ResponseOf } from '@shared/ipc/contract';
import type { ChannelName } from '@shared/ipc/names';
import type { RealtimeSessionState, RealtimeStartResponse } from '@shared/realtime';
import type { VoiceToolBridge } from './agents';
import type { LevelMeter } from './level-meter';
import { MicrophoneError } from './microphone';
import type { VoiceLink, VoiceLinkHandlers, VoiceLinkOptions } from './session-link';
import { DROPPED_MID_ANSWER, REPLY_FAILED, REPLY_FAILED_EARLY, isRateLimitNotice, rateLimitNotice } from './session-errors';
import { applyHistory, openAssistantTurn, replayItems, reportableTurns, type ToolRun } from './transcript';
import { INITIAL_MODEL, reduceVoice, type VoiceModel, type VoiceSignal } from './voice-model';
import { IDLE_SNAPSHOT, LIVE_STATES, ZERO_USAGE, type VoiceSnapshot } from './types';

export type CallFn = <C extends ChannelName>(channel: C, ...args: InvokeArgs<C>) => Promise<ResponseOf<C>>;

export interface VoiceControllerDeps {
  call: CallFn;
  /** Turns any failure into a sentence for the person (FrokError messages as they are). */
  describeError(error: unknown): string;
  openMicrophone(deviceId: string | null): Promise<MediaStream>;
  stopMicrophone(stream: MediaStream): void;
  /** May load the SDK on first use (it is large), hence the promise. */
  createLink(options: VoiceLinkOptions): VoiceLink | Promise<VoiceLink>;
  startLevelMeter?(stream: MediaStream, onLevel: (level: number) => void): LevelMeter;
  now?(): number;
  /** Waits before reconnect attempt n (1-based). Default: 0.5 s, 1.5 s, 4 s. */
  reconnectDelaysMs?: number[];
  /** At most one progress report to main per this many ms. */
  reportEveryMs?: number;
  /** How long "Interrupted" stays on screen. */
  interruptedMs?: number;
  /** Sound after a push-to-talk release that still belongs to the turn. */
  talkTailMs?: number;
  /** A connection not up by then has failed (WebRTC can otherwise wait long on blocked networks). */
  connectTimeoutMs?: number;
}

export interface VoiceStartOptions {
  inputDeviceId: string | null;
  outputDeviceId: string | null;
  traceExport: boolean;
  /** Overrides the transport in settings. */
  transport?: VoiceTransport;
}

export const RECONNECT_DELAYS_MS = [500, 1500, 4000];
/** The longest a change waits while a tool call is made and carried to main (3 frames: not seen as late). */
export const TOOL_CALL_HOLD_MS = 50;
/** The longest "Connecting…" waits for the SDP exchange (a response to a click within 100 ms). */
export const CONNECTING_HOLD_MS = 80;
/** A shorter push-to-talk press holds no words (the API refuses a commit under 100 ms of audio). */
export const MIN_TALK_MS = 300;

/** Errors from main that another try will not fix: stop reconnecting and say why. */
const FINAL_START_ERRORS = new Set(['voice_needs_openai', 'no_api_key', 'voice_unauthorized', 'voice_session_exists', 'voice_too_many_sessions']);

const CONNECT_FAILED =
  "Couldn't connect to OpenAI's voice service. Check your internet connection and press Start to try again.";

function addUsage(a: Usage, b: Usage): Usage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, totalTokens: a.totalTokens + b.totalTokens };
}

function mainState(state: VoiceSnapshot['state']): RealtimeSessionState | undefined {
  if (state === 'connecting') return 'connecting';
  if (state === 'reconnecting') return 'reconnecting';
  if (LIVE_STATES.has(state)) return 'connected';
  return undefined;
}

/** Same fields, same values (by identity): nothing on screen would change. */
function sameSnapshot(a: VoiceSnapshot, b: VoiceSnapshot): boolean {
  for (const key in b) if (a[key as keyof VoiceSnapshot] !== b[key as keyof VoiceSnapshot]) return false;
  return true;
}

export class VoiceSessionController {
  private snap: VoiceSnapshot = IDLE_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  /** The microphone level 0..1, kept apart from the snapshot: it changes ten times a second and only the meter shows it. */
  private micLevel = 0;
  private readonly levelListeners = new Set<() => void>();
  /** Above 0 during the synchronous part of something the person did: see `changeCanWait`. */
  private personDepth = 0;
  private model: VoiceModel = INITIAL_MODEL;
  /** Bumped by every start and end: work from an older one stops when it sees the change. */
  private generation = 0;
  private link: VoiceLink | null = null;
  private start: RealtimeStartResponse | null = null;
  private options: VoiceStartOptions | null = null;
  private microphone: MediaStream | null = null;
  private meter: LevelMeter | null = null;
  /** Usage of earlier connections of this session (each link counts from zero). */
  private usageBefore: Usage = ZERO_USAGE;
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  /** An urgent report waits for the end of the current task (several changes, one report). */
  private reportQueued = false;
  /** What main was last told the state is (per session: reset when a new one is adopted). */
  private lastReportedState: RealtimeSessionState | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private talkStartedAt = 0;
  private talkGeneration = 0;
  private readonly approvalReasons = new Map<string, string | null>();
  /** Tool calls that ran in this session, told to the new connection after a reconnect. */
  private toolsRun: ToolRun[] = [];
  /** Ids of the history items put back after reconnects: already in the transcript. */
  private readonly replayedIds = new Set<string>();
  private reconnects = 0;
  /** Tool calls on their way to main, and since when the screen waits for them: see `screenMayWaitMs`. */
  private toolCallsInFlight = 0;
  private toolHoldSince: number | null = null;
  /** Bumped when a connection goes (reconnect, end): calls still out from it no longer hold the screen. */
  private holdEpoch = 0;
  private connectingSince = 0;
  /** The latest start's SDP exchange is done (or it failed): "Connecting…" may show. */
  private negotiated = false;
  private readonly now: () => number;
  readonly bridge: VoiceToolBridge;

  constructor(private readonly deps: VoiceControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.bridge = {
      checkApproval: async (name, args) => {
        const sessionId = this.snap.sessionId;
        // When main cannot be asked, asking the person is the safe answer.
        if (!sessionId) return { needsApproval: true, reason: null };
        try {
          return await this.deps.call('realtime:checkApproval', { sessionId, name, args });
        } catch {
          return { needsApproval: true, reason: null };
        }
      },
      run: async ({ callId, name, args, approved }) => {
        const sessionId = this.snap.sessionId;
        if (!sessionId) return `The ${name} tool could not run: the voice session has ended.`;
        const epoch = this.holdEpoch;
        this.toolCallsInFlight++;
        this.holdForToolCall();
        try {
          const { output } = await this.deps.call('realtime:toolCall', { sessionId, callId, name, args, ...(approved ? { approved } : {}) });
          this.toolsRun.push({ name, args, output });
          return output;
        } catch (error) {
          return `The ${name} tool could not run: ${this.deps.describeError(error)}`;
        } finally {
          // The SDK sends the output in this task; whatever the screen was holding back may show
          // after it. A call from before a reconnect or an end counts for nothing now.
          if (epoch === this.holdEpoch && --this.toolCallsInFlight === 0) this.endToolHold();
        }
      },
      rememberApprovalReason: (callId, _toolName, reason) => {
        if (callId) this.approvalReasons.set(callId, reason);
      },
    };
  }

  // ── For the screen ────────────────────────────────────────────

  get snapshot(): VoiceSnapshot {
    return this.snap;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * The latest change did not come straight from the person (a button, a key): it came from
   * the connection (a realtime event, the SDK) or a later step of starting. The screen may
   * show it a task later, so the work under way goes first: the SDK's handling of a tool
   * call on its way to main, or the connection being set up.
   */
  get changeCanWait(): boolean {
    return this.personDepth === 0;
  }

  /**
   * How many ms more the screen may hold back a change that can wait: from the model's
   * first event of a tool call until the call is back from main, a render would sit in
   * front of the call's last event or between main's answer and the SDK sending it on (both
   * arrive in tasks of the page's main thread). At most TOOL_CALL_HOLD_MS, so a long call
   * (the specialists) still shows what is happening; subscribers hear again when the last
   * call is back, or the reply ends without running it. Likewise while a session opens: the
   * microphone, main's client secret and the SDP offer and answer come first, and
   * "Connecting…" shows once they are done (at most CONNECTING_HOLD_MS after Start), while
   * ICE and DTLS run off the page's main thread.
   */
  get screenMayWaitMs(): number {
    const now = this.now();
    // Never more than the cap, even if the clock steps back.
    const left = (cap: number, since: number) => Math.min(cap, Math.max(0, cap - (now - since)));
    const tool = this.toolHoldSince !== null ? left(TOOL_CALL_HOLD_MS, this.toolHoldSince) : 0;
    const connecting = this.snap.state === 'connecting' && !this.negotiated ? left(CONNECTING_HOLD_MS, this.connectingSince) : 0;
    return Math.max(tool, connecting);
  }

  /** A tool call is being made or has left: hold the screen, afresh if an earlier hold ran out. */
  private holdForToolCall(): void {
    const now = this.now();
    if (this.toolHoldSince === null || now - this.toolHoldSince >= TOOL_CALL_HOLD_MS || now < this.toolHoldSince) this.toolHoldSince = now;
  }

  /** Runs the synchronous part of something the person did: what it changes shows at once. */
  private byPerson<T>(act: () => T): T {
    this.personDepth++;
    try {
      return act();
    } finally {
      this.personDepth--;
    }
  }

  /** The microphone level 0..1 (0 while no session runs). */
  get level(): number {
    return this.micLevel;
  }

  subscribeLevel = (listener: () => void): (() => void) => {
    this.levelListeners.add(listener);
    return () => this.levelListeners.delete(listener);
  };

  get pushToTalk(): boolean {
    return this.snap.turnTaking === 'push-to-talk';
  }

  /**
   * Not `byPerson`: "Connecting…" may wait until the SDP exchange is done (see
   * screenMayWaitMs), a frame or two, rather than render the screen while the microphone
   * opens, main mints and the offer is made.
   */
  begin(options: VoiceStartOptions): Promise<void> {
    return this.starting(options);
  }

  private async starting(options: VoiceStartOptions): Promise<void> {
    if (LIVE_STATES.has(this.snap.state)) return;
    const generation = ++this.generation;
    this.options = options;
    this.model = INITIAL_MODEL;
    this.usageBefore = ZERO_USAGE;
    this.approvalReasons.clear();
    this.toolsRun = [];
    this.replayedIds.clear();
    this.reconnects = 0;
    this.connectingSince = this.now();
    this.negotiated = false;
    this.publish({ ...IDLE_SNAPSHOT, state: 'connecting' });

    const [started, mic] = await Promise.allSettled([
      this.deps.call('realtime:start', options.transport ? { transport: options.transport } : {}),
      this.deps.openMicrophone(options.inputDeviceId),
    ]);
    if (generation !== this.generation) {
      // Ended while starting: give back what arrived.
      if (mic.status === 'fulfilled') this.deps.stopMicrophone(mic.value);
      if (started.status === 'fulfilled') this.tellMainEnded(started.value.sessionId, 'ended');
      return;
    }
    if (mic.status === 'rejected') {
      const message = mic.reason instanceof MicrophoneError ? mic.reason.message : this.deps.describeError(mic.reason);
      if (started.status === 'fulfilled') this.tellMainEnded(started.value.sessionId, 'error', message);
      this.fail(message, false);
      return;
    }
    if (started.status === 'rejected') {
      this.deps.stopMicrophone(mic.value);
      this.fail(this.deps.describeError(started.reason), false);
      return;
    }

    this.microphone = mic.value;
    this.adopt(started.value);
    // The screen ("Connecting…") and the level meter (its AudioContext waking up) wait until
    // the SDP exchange is done, so they do not hold it up; at the latest, once connected.
    const whenNegotiated = () => {
      if (generation === this.generation && !this.negotiated) {
        this.negotiated = true;
        this.heldChangesMayShow();
      }
      if (this.meter || generation !== this.generation || !this.microphone) return;
      this.meter = this.deps.startLevelMeter?.(this.microphone, (level) => this.setLevel(level)) ?? null;
    };
    try {
      await this.connect(started.value, started.value.startAgent, generation, undefined, whenNegotiated);
      whenNegotiated();
    } catch {
      if (generation !== this.generation) return;
      if (started.value.transport === 'webrtc' && !options.transport) {
        whenNegotiated();
        await this.fallBackToWebSocket(started.value, generation);
      } else this.fail(CONNECT_FAILED, true);
    }
  }

  /** Networks that block WebRTC (UDP) usually still allow a WebSocket: try that once. */
  private async fallBackToWebSocket(failed: RealtimeStartResponse, generation: number): Promise<void> {
    this.publish({ ...this.snap, notice: "WebRTC couldn't connect, so FROK is trying a WebSocket connection instead…" });
    try {
      const start = await this.deps.call('realtime:start', { transport: 'websocket', replacesSessionId: failed.sessionId });
      if (generation !== this.generation) {
        this.tellMainEnded(start.sessionId, 'ended');
        return;
      }
      this.adopt(start);
      await this.connect(start, start.startAgent, generation);
    } catch (error) {
      if (generation !== this.generation) return;
      const code = (error as { code?: unknown }).code;
      this.fail(typeof code === 'string' ? this.deps.describeError(error) : CONNECT_FAILED, true);
    }
  }

  /** The person pressed End. */
  end(): Promise<void> {
    return this.byPerson(() => this.ending());
  }

  private async ending(): Promise<void> {
    if (!LIVE_STATES.has(this.snap.state)) return;
    const sessionId = this.snap.sessionId;
    const usage = this.totalUsage();
    const transcript = reportableTurns(this.model.turns);
    this.teardown();
    this.setModel({ ...this.model, state: 'ended' }, { notice: null, error: null, approvals: [], usage });
    if (sessionId) await this.deps.call('realtime:report', { sessionId, state: 'ended', usage, transcript }).catch(() => undefined);
  }

  /** Main ended the session (Sessions list, time limit): disconnect and say why. */
  endedByMain(sessionId: string, reason: string): void {
    if (sessionId !== this.snap.sessionId || !LIVE_STATES.has(this.snap.state)) return;
    const usage = this.totalUsage();
    this.teardown();
    this.setModel({ ...this.model, state: 'ended' }, { notice: reason, error: null, approvals: [], usage });
  }

  /** Stop: FROK stops talking (the turn is kept, marked interrupted). */
  interrupt(): void {
    this.byPerson(() => this.signal({ kind: 'stop-pressed' }));
  }

  setMuted(muted: boolean): void {
    if (!LIVE_STATES.has(this.snap.state)) return;
    this.byPerson(() => this.publish({ ...this.snap, muted }));
    this.link?.setMicOpen(this.micShouldBeOpen());
  }

  talkPress(): void {
    this.byPerson(() => this.pressing());
  }

  private pressing(): void {
    if (!this.pushToTalk || !this.link || this.model.talking || !this.conversing()) return;
    if (this.snap.muted) {
      this.publish({ ...this.snap, notice: 'The microphone is muted. Unmute it to talk.' });
      return;
    }
    this.talkGeneration++;
    this.talkStartedAt = this.now();
    this.signal({ kind: 'talk-press' });
    this.link.setMicOpen(true);
    this.link.clearInput();
    if (this.snap.notice) this.publish({ ...this.snap, notice: null });
  }

  talkRelease(): void {
    this.byPerson(() => this.releasing());
  }

  private releasing(): void {
    if (!this.model.talking) return;
    const link = this.link;
    const held = this.now() - this.talkStartedAt;
    const talk = ++this.talkGeneration;
    const tooShort = held < MIN_TALK_MS;
    this.signal(tooShort ? { kind: 'talk-cancel' } : { kind: 'talk-release' });
    if (tooShort) this.publish({ ...this.snap, notice: 'Hold Space (or the Talk button) for as long as you speak.' });
    // The last words are still on their way when the key comes up.
    setTimeout(() => {
      if (!link || link !== this.link || talk !== this.talkGeneration) return;
      link.setMicOpen(false);
      try {
        if (tooShort) link.clearInput();
        else link.commitInput();
      } catch {
        // The connection went away meanwhile; the reconnect takes over.
      }
    }, this.deps.talkTailMs ?? 200);
  }

  async decideApproval(id: string, approved: boolean): Promise<void> {
    this.byPerson(() => this.publish({ ...this.snap, approvals: this.snap.approvals.filter((a) => a.id !== id) }));
    await this.link?.decide(id, approved).catch((error: unknown) => this.publish({ ...this.snap, notice: this.deps.describeError(error) }));
  }

  /** The window is going away. */
  dispose(): void {
    void this.end();
    this.listeners.clear();
    this.levelListeners.clear();
  }

  // ── Internals ─────────────────────────────────────────────────

  private adopt(start: RealtimeStartResponse): void {
    this.start = start;
    this.lastReportedState = 'connecting';
    this.publish({
      ...this.snap,
      sessionId: start.sessionId,
      transport: start.transport,
      turnTaking: start.turnTaking,
      model: start.model,
      startedAt: this.snap.startedAt ?? this.now(),
      endsAt: Date.parse(start.endsAt),
    });
  }

  private async connect(
    start: RealtimeStartResponse,
    agentName: string,
    generation: number,
    history?: VoiceLinkOptions['history'],
    negotiated?: () => void,
  ): Promise<void> {
    const options = this.options!;
    let link: VoiceLink | null = null;
    link = await this.deps.createLink({
      start,
      microphone: this.microphone!,
      agentName,
      outputDeviceId: options.outputDeviceId,
      micOpen: false,
      traceExport: options.traceExport,
      bridge: this.bridge,
      handlers: this.handlersFor(() => link !== null && this.link === link),
      ...(history?.length ? { history } : {}),
      ...(negotiated ? { negotiated } : {}),
    });
    if (generation !== this.generation) {
      link.close();
      return;
    }
    this.link = link;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('The connection took too long.')), this.deps.connectTimeoutMs ?? 15_000);
    });
    try {
      await Promise.race([link.connect(), timeout]);
    } catch (error) {
      if (this.link === link) this.link = null;
      link.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (generation !== this.generation || this.link !== link) {
      link.close();
      return;
    }
    this.signal({ kind: 'connected' });
    this.model = { ...this.model, agent: link.currentAgent() };
    link.setMicOpen(this.micShouldBeOpen());
    this.setModel(this.model, { notice: null });
    this.reportSoon();
  }

  private handlersFor(current: () => boolean): VoiceLinkHandlers {
    return {
      signal: (signal) => {
        if (!current()) return;
        // A reply that ended without a call left to run (cancelled, failed, none) holds nothing
        // back; one with calls keeps the hold while the SDK checks and runs them.
        const over = signal.kind === 'response-failed' || (signal.kind === 'response-done' && (signal.cancelled || !signal.hasFunctionCalls));
        if (over && this.toolCallsInFlight === 0) this.endToolHold();
        this.signal(signal);
      },
      history: (all) => {
        if (!current()) return;
        const items = all.filter((item) => !this.replayedIds.has(item.itemId));
        this.setModel({ ...this.model, turns: applyHistory(this.model.turns, this.model.connection, items, this.model.agent) });
        this.reportSoon();
      },
      handoff: (agent) => {
        if (!current()) return;
        this.setModel({ ...this.model, agent });
        this.reportSoon();
      },
      approvalRequested: ({ id, toolName, callId }) => {
        if (!current()) return;
        // The person has to answer: the question shows at once.
        this.endToolHold();
        const reason = callId ? (this.approvalReasons.get(callId) ?? null) : null;
        this.publish({ ...this.snap, approvals: [...this.snap.approvals, { id, toolName, reason }] });
      },
      problem: (message) => {
        if (current()) this.publish({ ...this.snap, notice: `OpenAI reported a problem: ${message}` });
      },
      lost: () => {
        if (current()) void this.reconnect();
      },
      toolCallComing: () => {
        if (current()) this.holdForToolCall();
      },
    };
  }

  private signal(signal: VoiceSignal): void {
    const previous = this.model;
    const { model, effects } = reduceVoice(this.model, signal);
    for (const effect of effects) if (effect === 'interrupt') this.link?.interrupt();
    const before = this.model.state;
    this.setModel(model, this.noticeFor(signal, previous));
    if (model.state === 'interrupted' && before !== 'interrupted') {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.signal({ kind: 'settle' }), this.deps.interruptedMs ?? 1500);
    }
    // Usage arrives with response.done; the SDK counts it after this event reaches us.
    if (signal.kind === 'response-done') setTimeout(() => this.refreshUsage(), 0);
    if (model.state !== before) this.reportSoon();
  }

  /** What a signal changes in the notice line (nothing for most). */
  private noticeFor(signal: VoiceSignal, before: VoiceModel): Partial<VoiceSnapshot> {
    const notice = this.snap.notice;
    switch (signal.kind) {
      case 'response-failed': {
        // An error event and the failed response.done of the same reply: one sentence.
        if (notice === REPLY_FAILED || notice === REPLY_FAILED_EARLY) return {};
        const said = before.replyTurn ? before.turns.find((t) => t.key === before.replyTurn)?.text.trim() : '';
        return { notice: said ? REPLY_FAILED : REPLY_FAILED_EARLY };
      }
      case 'rate-limits': {
        const sentence = rateLimitNotice(signal.limits);
        if (sentence) return sentence === notice ? {} : { notice: sentence };
        return isRateLimitNotice(notice) ? { notice: null } : {};
      }
      case 'response-created':
        // A new answer is coming: the news about the last one is old.
        return notice === REPLY_FAILED || notice === REPLY_FAILED_EARLY || notice === DROPPED_MID_ANSWER ? { notice: null } : {};
      default:
        return {};
    }
  }

  private async reconnect(): Promise<void> {
    const generation = this.generation;
    this.dropToolHold();
    // The person was hearing (or waiting for) an answer when the line went.
    const midAnswer = openAssistantTurn(this.model.turns) !== undefined || this.model.state === 'assistant-speaking' || this.model.state === 'thinking';
    const old = this.link;
    this.link = null;
    if (old) {
      this.usageBefore = addUsage(this.usageBefore, old.usage());
      old.close();
    }
    this.signal({ kind: 'connection-lost' });
    const delays = this.deps.reconnectDelaysMs ?? RECONNECT_DELAYS_MS;
    let reason = CONNECT_FAILED;
    for (let attempt = 1; attempt <= delays.length; attempt++) {
      this.publish({ ...this.snap, notice: `Connection lost — reconnecting (${attempt} of ${delays.length})…`, approvals: [] });
      await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      if (generation !== this.generation) return;
      try {
        const start = await this.deps.call('realtime:start', { transport: this.start!.transport, replacesSessionId: this.snap.sessionId! });
        if (generation !== this.generation) {
          this.tellMainEnded(start.sessionId, 'ended');
          return;
        }
        this.adopt(start);
        // The conversation so far goes to the new session, so the model remembers it.
        const history = replayItems(this.model.turns, this.toolsRun, `frok_r${++this.reconnects}_`);
        for (const item of history) this.replayedIds.add(item.itemId);
        await this.connect(start, this.model.agent ?? start.startAgent, generation, history);
        if (midAnswer && generation === this.generation && this.link) this.publish({ ...this.snap, notice: DROPPED_MID_ANSWER });
        return;
      } catch (error) {
        if (generation !== this.generation) return;
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && FINAL_START_ERRORS.has(code)) {
          this.fail(this.deps.describeError(error), true);
          return;
        }
        reason = `The connection to OpenAI was lost and couldn't be restored after ${delays.length} tries. Check your internet connection, then press Start to talk again.`;
      }
    }
    this.fail(reason, true);
  }

  private fail(message: string, tellMain: boolean): void {
    const sessionId = this.snap.sessionId;
    const usage = this.totalUsage();
    this.teardown();
    this.setModel({ ...this.model, state: 'error' }, { error: message, notice: null, approvals: [], usage });
    if (tellMain && sessionId) this.tellMainEnded(sessionId, 'error', message);
  }

  private tellMainEnded(sessionId: string, state: 'ended' | 'error', error?: string): void {
    void this.deps
      .call('realtime:report', {
        sessionId,
        state,
        usage: this.totalUsage(),
        transcript: reportableTurns(this.model.turns),
        ...(error ? { error: error.slice(0, 2000) } : {}),
      })
      .catch(() => undefined);
  }

  /** Releases the connection, microphone and timers; the snapshot stays for the screen. */
  private teardown(): void {
    this.generation++;
    this.dropToolHold();
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    clearTimeout(this.settleTimer);
    const link = this.link;
    this.link = null;
    if (link) {
      this.usageBefore = addUsage(this.usageBefore, link.usage());
      link.close();
    }
    this.meter?.stop();
    this.meter = null;
    if (this.microphone) this.deps.stopMicrophone(this.microphone);
    this.microphone = null;
    this.model = { ...this.model, assistantAudio: false, toolsRunning: 0, tool: null, talking: false };
  }

  private conversing(): boolean {
    return LIVE_STATES.has(this.snap.state) && this.snap.state !== 'connecting' && this.snap.state !== 'reconnecting';
  }

  private micShouldBeOpen(): boolean {
    return !this.snap.muted && (!this.pushToTalk || this.model.talking);
  }

  private totalUsage(): Usage {
    return this.link ? addUsage(this.usageBefore, this.link.usage()) : this.usageBefore;
  }

  private refreshUsage(): void {
    const usage = this.totalUsage();
    if (usage.totalTokens !== this.snap.usage.totalTokens) {
      this.publish({ ...this.snap, usage });
      this.reportSoon();
    }
  }

  /**
   * At most one report per interval, the latest state winning; a change main shows
   * (connecting → connected → reconnecting) goes at once, so the Sessions list is current.
   */
  private reportSoon(): void {
    const urgent = mainState(this.snap.state) !== this.lastReportedState;
    if (this.reportTimer !== undefined && !urgent) return;
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    if (!urgent) {
      this.reportTimer = setTimeout(() => this.sendReport(), this.deps.reportEveryMs ?? 1000);
      return;
    }
    // Before the screen's render (a task later), so the Sessions list it refreshes reads the new state.
    if (this.reportQueued) return;
    this.reportQueued = true;
    const generation = this.generation;
    queueMicrotask(() => {
      this.reportQueued = false;
      if (generation === this.generation) this.sendReport();
    });
  }

  private sendReport(): void {
    this.reportTimer = undefined;
    const sessionId = this.snap.sessionId;
    const state = mainState(this.snap.state);
    if (!sessionId || !state) return;
    this.lastReportedState = state;
    void this.deps
      .call('realtime:report', {
        sessionId,
        state,
        usage: this.totalUsage(),
        ...(this.model.agent ? { currentAgent: this.model.agent } : {}),
        transcript: reportableTurns(this.model.turns),
      })
      .catch(() => undefined);
  }

  private setModel(model: VoiceModel, extra: Partial<VoiceSnapshot> = {}): void {
    this.model = model;
    this.publish({ ...this.snap, state: model.state, turns: model.turns, agent: model.agent, tool: model.tool, talking: model.talking, ...extra });
  }

  /** Tells the screen only about real changes: most realtime events change nothing it shows. */
  private publish(next: VoiceSnapshot): void {
    if (sameSnapshot(this.snap, next)) return;
    this.snap = next;
    this.notify();
  }

  /** The connection went: its calls still out and its hold count for nothing. */
  private dropToolHold(): void {
    this.holdEpoch++;
    this.toolCallsInFlight = 0;
    this.toolHoldSince = null;
  }

  /** What the screen held back for a tool call may show now: the hold ends and subscribers hear again. */
  private endToolHold(): void {
    if (this.toolHoldSince === null) return;
    this.toolHoldSince = null;
    this.heldChangesMayShow();
  }

  /** A hold is over: both subscriptions hear again, so what they held back shows. */
  private heldChangesMayShow(): void {
    this.notify();
    for (const listener of [...this.levelListeners]) listener();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private setLevel(level: number): void {
    if (level === this.micLevel) return;
    this.micLevel = level;
    for (const listener of [...this.levelListeners]) listener();
  }
}
