// Public shapes of the fake Realtime API: what tests script and what they inspect.
import type { VadSettings } from './audio/vad.ts';
import type { RealtimeSessionConfig } from './session-config.ts';
import type { ServerEvent, TransportKind } from './transport.ts';

export type { RealtimeSessionConfig } from './session-config.ts';
export type { VadSettings } from './audio/vad.ts';
export type { ServerEvent, TransportKind } from './transport.ts';

export type ToolCallSpec = {
  name: string;
  /** An object is JSON-encoded; a string is sent as is. */
  arguments: object | string;
  /** The function call's `call_id`; generated when left out. */
  callId?: string;
};

/** One scripted assistant response. */
export type AssistantReply = {
  /** What the assistant says: transcript deltas, then the item's final transcript. */
  transcript?: string;
  /**
   * Length of the reply audio. Default: from the transcript's length (or the spoken
   * length with `voice: 'speech'`). 0 with no transcript means no message item.
   */
  audioSeconds?: number;
  /** `tone` (default): a voice-like buzz; `speech`: espeak-ng reading the transcript. */
  voice?: 'tone' | 'speech';
  /** Function calls made after the spoken part, then `response.done`. */
  toolCalls?: ToolCallSpec[];
  /** A handoff to the agent with this name: the SDK's `transfer_to_<name>` function call. */
  handoff?: string;
  /** The reply to the client's `response.create` that follows the tool outputs. */
  afterTools?: AssistantReply;
  /** "Thinking" time before `response.created`. */
  delayMs?: number;
  /**
   * Time from `response.created` to the first output item. The API reference has a response
   * begin in_progress and stream its items as the model produces them, so some time passes;
   * how much is the caller's choice. Default 0: every event of the reply in one burst.
   */
  firstItemDelayMs?: number;
  usage?: { inputTokens: number; outputTokens: number };
  /** The reply goes wrong partway (see ReplyFailure). */
  failure?: ReplyFailure;
  /** What this reply's `rate_limits.updated` events say is left (default: plenty). */
  rateLimits?: RateLimitsLeft;
};

/** The error inside a failed reply: `error` event or `response.status_details.error`. */
export type ReplyError = { type: string; code: string; message: string };

/**
 * A reply that goes wrong after `afterDeltas` transcript deltas (default 2; the audio has
 * started by then). A reply with nothing to say fails right after `response.created`.
 * - `error`: an `error` server event (default type `server_error`); then, unless
 *   `thenDone: false`, the audio stops and `response.done` ends it `failed` with the same error.
 * - `failed`: the audio stops; `response.done` with `status: "failed"` and
 *   `status_details: { type: "failed", error }`.
 * - `drop`: the connection is cut there (WebSocket terminated; WebRTC peer connection and
 *   data channel closed), no goodbye: the record ends `cancelled` / `connection_closed`.
 */
export type ReplyFailure =
  | { kind: 'error'; afterDeltas?: number; error?: Partial<ReplyError>; thenDone?: boolean }
  | { kind: 'failed'; afterDeltas?: number; error?: Partial<ReplyError> }
  | { kind: 'drop'; afterDeltas?: number };

/** Overrides for `rate_limits.updated` (both of the reply's: after response.created and response.done). */
export type RateLimitsLeft = { requestsRemaining?: number; tokensRemaining?: number; resetSeconds?: number };

/** One user turn: what the fake "hears" (its transcription) and how the assistant answers. */
export type ScriptedTurn = { transcript: string; reply?: AssistantReply };

export type Falsy = false | 0 | '' | null | undefined;

export type Timed<T> = { at: number } & T;

export type MintRecord = {
  at: number;
  /** The `ek_…` value handed out. */
  key: string;
  /** Unix seconds. */
  expiresAt: number;
  /** The request body as sent. */
  request: unknown;
  /** The session echoed back (and used as the starting config of calls made with the key). */
  session: RealtimeSessionConfig;
};

/** A connection attempt refused for its key (the long-lived key, an unknown or expired one). */
export type RefusedConnection = {
  at: number;
  transport: TransportKind;
  /** Redacted like OpenAI does: `sk-...abcd`. */
  key: string | undefined;
  reason: 'missing' | 'not_ephemeral' | 'unknown' | 'expired';
};

export type UserTurnRecord = {
  at: number;
  itemId: string;
  /** `vad`: detected in the audio; `commit`: input_audio_buffer.commit; `text`: a typed message. */
  source: 'vad' | 'commit' | 'text';
  transcript: string;
  /** Audio in the committed buffer (0 for text). */
  audioMs: number;
  /** False when the script had run out (the default reply answered). */
  scripted: boolean;
};

export type ResponseRecord = {
  id: string;
  at: number;
  endedAt?: number;
  status: 'in_progress' | 'completed' | 'cancelled' | 'failed';
  /** Set when a scripted `failure` happened (a `drop` also ends the record `cancelled`). */
  failure?: ReplyFailure['kind'];
  /** `turn_detected` (barge-in), `client_cancelled` (response.cancel) or `connection_closed`. */
  cancelReason?: 'turn_detected' | 'client_cancelled' | 'connection_closed';
  trigger: 'vad' | 'response.create' | 'say';
  /** What was spoken before the end (all of it unless cancelled). */
  transcript: string;
  /** Set when the client truncated the reply's message: the transcript cut to what was heard. */
  heardTranscript?: string;
  toolCalls: { name: string; callId: string; arguments: string }[];
  /** False when no script entry was left and the default reply played. */
  scripted: boolean;
};

export type ToolOutputRecord = { at: number; callId: string; name?: string; output: string; itemId: string };

export type AudioInStats = {
  /** Audio chunks received (20 ms RTP frames, or input_audio_buffer.append events). */
  frames: number;
  ms: number;
  lastRms: number;
  maxRms: number;
  /** Chunks louder than the VAD threshold. */
  voicedFrames: number;
};

export type CallState = {
  /** `rtc_…` (WebRTC) or `ws_…` (WebSocket). */
  id: string;
  transport: TransportKind;
  /** The ephemeral key the call was opened with. */
  key: string;
  /** Epoch ms: request arrived, answer sent, channel open, first session.updated, closed. */
  startedAt: number;
  answeredAt?: number;
  openedAt?: number;
  sessionUpdatedAt?: number;
  closedAt?: number;
  closeReason?: 'client' | 'dropped' | 'shutdown';
  open: boolean;
  session: RealtimeSessionConfig;
  /** Every `session` object the client sent in session.update, in order. */
  sessionUpdates: Timed<{ session: unknown }>[];
  /** Client events (audio payloads replaced by their size). */
  received: Timed<{ event: ServerEvent }>[];
  /** Server events (audio payloads replaced by their size). */
  sent: Timed<{ event: ServerEvent }>[];
  userTurns: UserTurnRecord[];
  responses: ResponseRecord[];
  toolOutputs: ToolOutputRecord[];
  audioIn: AudioInStats;
  /** 20 ms reply frames sent (WebRTC: silence included) and the ones that carried speech. */
  audioOut: { frames: number; speechFrames: number };
  userSpeaking: boolean;
  /** True while reply audio is going out. */
  sendingAudio: boolean;
};

export type FakeRealtimeOptions = {
  /** Energy VAD; the session's `silence_duration_ms` overrides `silenceMs` when set. */
  vad?: Partial<VadSettings>;
  /** Played when a response is due and the script has nothing for it. */
  defaultReply?: AssistantReply;
  /** Keys besides minted ones accepted on the WebSocket (e.g. a server-side sk- key). Default none. */
  webSocketApiKeys?: string[];
  /**
   * Send the input audio transcript before the reply starts (the fake's old order). Default
   * false: as the real server does, it arrives when ready, after the reply's `response.created`.
   */
  transcriptBeforeResponse?: boolean;
};

export type FakeRealtime = {
  /** Every client secret minted, oldest first. */
  readonly mints: MintRecord[];
  readonly refused: RefusedConnection[];
  /** Every call, oldest first (closed ones included). */
  readonly calls: CallState[];
  /** The newest call. */
  readonly lastCall: CallState | undefined;
  /** Replaces the queue of user turns; each detected / committed / typed user turn takes the next. */
  setScript(turns: ScriptedTurn[]): void;
  /** Scripted turns not yet used. */
  readonly scriptRemaining: number;
  /** The next mint answers with this error instead (once). */
  failNextMint(status: number, message?: string, retryAfterSeconds?: number): void;
  /** The next POST /v1/realtime/calls (or WebSocket upgrade) answers with this error (once). */
  failNextCall(status: number, message?: string): void;
  /** Makes every minted key expire now (the next connect with one gets 401). */
  expireKeys(): void;
  /** Starts an assistant response now (queued behind a running one); resolves when it ends. */
  say(reply: AssistantReply): Promise<ResponseRecord>;
  say(callId: string | undefined, reply: AssistantReply): Promise<ResponseRecord>;
  /**
   * A response holding only this function call; resolves with the tool output the client
   * sends back. `reply` shapes that response (its delayMs, firstItemDelayMs).
   */
  sendFunctionCall(name: string, args: object | string, callId?: string, reply?: Pick<AssistantReply, 'firstItemDelayMs' | 'delayMs'>): Promise<ToolOutputRecord>;
  /** Cuts the call off abruptly (peer connection / socket closed, no goodbye). */
  dropCall(callId?: string): void;
  /** Polls until `predicate` returns something truthy (resolving with it); rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | Falsy, timeoutMs?: number, what?: string): Promise<T>;
  /** Sees every server event as sent, audio deltas whole (`call.sent` shortens them); returns an unsubscribe function. */
  onSend(listener: (event: ServerEvent, call: CallState) => void): () => void;
  /** Closes every call; call before the fake server's close(). */
  close(): Promise<void>;
};
