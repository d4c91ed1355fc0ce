// Public shapes of the fake OpenAI server: what tests script and what they inspect.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SentItem } from './http.ts';

export type { SentItem } from './http.ts';

export type RecordedRequest = {
  /** 1-based arrival order. */
  id: number;
  method: string;
  /** Path without the query string, e.g. `/v1/responses`. */
  path: string;
  query: string;
  /** Header names are lower-case. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text (e.g. SDP), or undefined when empty. */
  body: unknown;
  /** Epoch milliseconds (fractional) when the request arrived / its response finished. */
  startedAt: number;
  endedAt?: number;
  status?: number;
  /** Set for model calls so tests can filter them. */
  api?: ModelApi;
};

export type ModelApi = 'responses' | 'chat';

export type ToolSpec = { name: string; description: string; parameters: unknown };

export type ToolOutput = { callId: string; name?: string; output: string };

/** One model call, normalised across the Responses and Chat Completions APIs. */
export type ModelRequest = {
  api: ModelApi;
  model: string;
  /** The system prompt: `instructions` (Responses) or the system/developer messages (Chat). */
  instructions: string;
  /** Responses `input` items (a string input becomes one user message) or Chat `messages`. */
  input: unknown[];
  tools: ToolSpec[];
  /** The function_call_output / role:'tool' items present in the input, oldest first. */
  toolOutputs: ToolOutput[];
  lastUserText: string;
  stream: boolean;
  /** The request body as sent. */
  raw: Record<string, unknown>;
  /** The recorded entry for this call (timestamps fill in as it runs). */
  recorded: RecordedRequest;
};

export type ModelToolCall = { name: string; arguments: object | string; callId?: string };

export type ModelError = {
  status: number;
  message?: string;
  type?: string;
  code?: string;
  retryAfterSeconds?: number;
};

export type ModelReply = {
  text?: string;
  /** Several entries make parallel function calls in one response. */
  toolCalls?: ModelToolCall[];
  usage?: { inputTokens: number; outputTokens: number };
  /** Wait before answering (on top of `fake.latencyMs`). */
  delayMs?: number;
  error?: ModelError;
  /** A broken SSE stream: cut off mid-way, or bytes that are not events. */
  malformed?: 'truncate' | 'garbage';
  /** Pause between streamed text deltas. */
  chunkDelayMs?: number;
  /** The reply fails after it started, as the real Responses API can (see StreamFailure). */
  failMidStream?: StreamFailure;
};

/**
 * How a Responses reply ends early, after `afterDeltas` deltas (text or arguments; default 2).
 * - `failed`: `response.failed` with `response.error` (`server_error`, `rate_limit_exceeded`, …);
 * - `incomplete`: the open items close as `incomplete`, then `response.incomplete` with `incomplete_details.reason`;
 * - `error`: an SSE `error` event (ResponseErrorEvent), then the stream ends;
 * - `cut`: the connection drops with no terminal event.
 * A non-streamed call answers `failed` / `incomplete` as a JSON Response with that status,
 * `error` as an HTTP 500 error body, and `cut` by closing the socket.
 */
export type StreamFailure =
  | { kind: 'failed'; code?: string; message?: string; afterDeltas?: number }
  | { kind: 'incomplete'; reason: 'max_output_tokens' | 'content_filter'; afterDeltas?: number }
  | { kind: 'error'; code?: string | null; message?: string; afterDeltas?: number }
  /**
   * `until`: the drop waits for it (e.g. "the client has shown some text"). A socket that
   * errors throws away what the client had not read yet, so without it the deltas may never
   * be seen; the real network delivers them first and drops later.
   */
  | { kind: 'cut'; afterDeltas?: number; until?: () => Promise<unknown> };

export type ModelScript = (request: ModelRequest) => ModelReply | Promise<ModelReply>;

/** Extra routes (e.g. realtime) registered by other fakes on the same server. */
export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  recorded: RecordedRequest;
};
export type RouteHandler = (ctx: RouteContext) => void | Promise<void>;
/** Takes over an HTTP upgrade (e.g. the realtime WebSocket); no auth or logging is applied. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export type FakeOpenAIOptions = {
  /** Keys accepted as `Authorization: Bearer <key>`. Default `['sk-test-valid-key-1234']`. */
  validKeys?: string[];
  /** `false` lets any (or no) key through. Default true. */
  requireAuth?: boolean;
  /** Ids listed by GET /v1/models. */
  models?: string[];
  /** Initial model script; default answers every call with a short text. */
  script?: ModelScript;
  /** Added before every model reply. Default 0. */
  latencyMs?: number;
  /** `false` starts the account without credit (see FakeOpenAI.setCredit). Default true. */
  credit?: boolean;
};

export type FakeOpenAI = {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:PORT/v1`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  /** Every request in arrival order (live array). */
  requests: RecordedRequest[];
  /** The normalised model calls in arrival order (live array). */
  modelRequests: ModelRequest[];
  /** Everything written back, in order: JSON bodies and each SSE event (live array; cleared by reset()). */
  sent: SentItem[];
  /** Called with each item as it is written; returns an unsubscribe function. */
  onSend(listener: (item: SentItem) => void): () => void;
  /** Added before every model reply; writable. */
  latencyMs: number;
  /** Most requests that were in flight at once since start / reset(). */
  readonly maxConcurrentRequests: number;
  /** Most model calls (responses + chat) in flight at once since start / reset(). */
  readonly maxConcurrentModelRequests: number;
  readonly inFlight: number;
  setValidKeys(keys: string[]): void;
  setRequireAuth(required: boolean): void;
  setModels(ids: string[]): void;
  setScript(script: ModelScript): void;
  /**
   * `false`: the account has no credit. Listing models still works (it costs nothing, so a
   * key check passes), but every model call and speech request gets OpenAI's 429
   * `insufficient_quota` (NO_CREDIT_ERROR), whatever the script says.
   */
  setCredit(hasCredit: boolean): void;
  /** Add or replace a route; `path` is exact (no query). Auth and CORS still apply. */
  route(method: string, path: string, handler: RouteHandler, options?: { requireAuth?: boolean }): void;
  /** Handle WebSocket upgrades on an exact path (no query); other upgrades get 404. */
  upgrade(path: string, handler: UpgradeHandler): void;
  /** Forget recorded requests and concurrency peaks. */
  reset(): void;
  close(): Promise<void>;
};
