/**
 * Binds the IPC dispatcher and the event bus to WebSocket connections: the harness's
 * stand-in for bind-ipc-main.ts. Each connection is one Caller, like one app window.
 * A connection says which window it stands for with `?window=main|quick-ask|hud` on the
 * upgrade URL (the shim sends its page's kind, as main knows each window's kind); without
 * it the connection is kind 'harness': a window that is neither, so not the main one.
 *
 * Wire format (JSON text frames):
 *   page → main  { id, channel, payload }      main → page  { id, result }
 *                                              main → page  { event, payload }
 * Every frame in both directions is kept in `traffic`, so a test can assert what the
 * renderer was (and was not) told — e.g. that the API key never travels to it.
 */
import type { RawData, WebSocket } from 'ws';
import type { Dispatch } from '../../electron/main/ipc/dispatcher';
import type { Caller } from '../../electron/main/caller';
import { mayReceive, type EventBus } from '../../electron/main/events';
import type { Logger } from '../../electron/main/logger';
import { IPC_ERROR_CODES, type IpcResult } from '../../shared/ipc/result';

/** What the binding talks to; swapped as a whole when the harness restarts the services. */
export interface IpcBackend {
  dispatch: Dispatch;
  events: Pick<EventBus, 'subscribe'>;
  /** Like a window closing: what the connection owned (voice sessions) ends with it. */
  callerGone?: (callerId: string, reason: string) => void;
}

export interface TrafficEntry {
  /** 'in' = from a connection to main; 'out' = from main to a connection. */
  direction: 'in' | 'out';
  connection: string;
  /** The frame exactly as it crossed the socket. */
  raw: string;
  /** The parsed frame, or undefined when it was not valid JSON. */
  message: unknown;
  at: number;
}

export interface WsBinding {
  /** Takes over a freshly upgraded socket; `requestUrl` (the upgrade's path and query) may name its window kind. */
  accept(socket: WebSocket, requestUrl?: string): Caller;
  /** Points every open and future connection at new services (an app restart). */
  setBackend(backend: IpcBackend): void;
  readonly traffic: TrafficEntry[];
  /** Ids of the connections that are open now. */
  openConnections(): string[];
  /** Closes every connection (code 1001, "going away"), as quitting the app closes its windows. */
  closeAll(reason?: string): void;
}

/** Frames larger than this are refused by `ws` itself (see harness-server.ts). */
export const MAX_FRAME_BYTES = 1024 * 1024;

type RequestId = string | number;

export function createWsBinding(initial: IpcBackend, log: Logger): WsBinding {
  let backend = initial;
  let counter = 0;
  const traffic: TrafficEntry[] = [];
  const connections = new Map<string, { socket: WebSocket; caller: Caller; unsubscribe: () => void }>();

  function send(socket: WebSocket, caller: Caller, message: unknown): void {
    if (socket.readyState !== socket.OPEN) return;
    const raw = JSON.stringify(message);
    traffic.push({ direction: 'out', connection: caller.id, raw, message: JSON.parse(raw), at: performance.timeOrigin + performance.now() });
    socket.send(raw);
  }

  function subscribe(socket: WebSocket, caller: Caller): () => void {
    return backend.events.subscribe((event) => {
      // A targeted event belongs to one window; a run's activity to its owner and the main window.
      if (!mayReceive(event, caller)) return;
      send(socket, caller, { event: event.name, payload: event.payload });
    });
  }

  async function handleFrame(socket: WebSocket, caller: Caller, data: RawData, isBinary: boolean): Promise<void> {
    const raw = isBinary ? '' : rawText(data);
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(raw);
    } catch {
      message = undefined;
    }
    traffic.push({ direction: 'in', connection: caller.id, raw, message, at: performance.timeOrigin + performance.now() });

    const request = parseRequest(message, isBinary);
    if ('problem' in request) {
      log.warn('harness: malformed IPC frame', { connection: caller.id, problem: request.problem });
      send(socket, caller, { id: request.id, result: invalid(request.problem) });
      return;
    }
    const dispatch = backend.dispatch;
    let result: IpcResult<unknown>;
    try {
      result = await dispatch(request.channel, request.payload, caller);
    } catch (err) {
      // The dispatcher promises never to throw; if it does, the page still gets an answer.
      log.error('harness: dispatch threw', err);
      result = { ok: false, error: { code: IPC_ERROR_CODES.internal, message: 'The harness dispatcher failed.' } };
    }
    send(socket, caller, { id: request.id, result });
  }

  return {
    traffic,
    accept(socket, requestUrl) {
      const caller: Caller = { id: `harness-${++counter}`, kind: windowKindOf(requestUrl) };
      const entry = { socket, caller, unsubscribe: subscribe(socket, caller) };
      connections.set(caller.id, entry);
      socket.on('message', (data, isBinary) => {
        handleFrame(socket, caller, data, isBinary).catch((err: unknown) => log.error('harness: frame handling failed', err));
      });
      socket.on('close', () => {
        entry.unsubscribe();
        connections.delete(caller.id);
        backend.callerGone?.(caller.id, 'The window was closed or reloaded.');
      });
      socket.on('error', (err) => log.warn('harness: socket error', { connection: caller.id, error: String(err) }));
      return caller;
    },
    setBackend(next) {
      backend = next;
      for (const entry of connections.values()) {
        entry.unsubscribe();
        entry.unsubscribe = subscribe(entry.socket, entry.caller);
      }
    },
    openConnections: () => [...connections.keys()],
    closeAll(reason = 'FROK is restarting') {
      for (const { socket } of connections.values()) socket.close(1001, reason);
    },
  };
}

const WINDOW_KINDS: readonly Caller['kind'][] = ['main', 'quick-ask', 'hud'];

/** The window kind a connection declared (`?window=main`), or 'harness' when it named none we know. */
export function windowKindOf(requestUrl: string | undefined): Caller['kind'] {
  if (!requestUrl) return 'harness';
  try {
    const declared = new URL(requestUrl, 'http://harness.invalid').searchParams.get('window');
    return WINDOW_KINDS.find((k) => k === declared) ?? 'harness';
  } catch {
    return 'harness';
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function invalid(message: string): IpcResult<never> {
  return { ok: false, error: { code: IPC_ERROR_CODES.invalidRequest, message } };
}

function isRequestId(value: unknown): value is RequestId {
  return (typeof value === 'string' && value.length > 0 && value.length <= 100) || (typeof value === 'number' && Number.isFinite(value));
}

/** Checks the envelope only; the channel and payload are the dispatcher's to judge. */
function parseRequest(
  message: unknown,
  isBinary: boolean,
): { id: RequestId; channel: unknown; payload: unknown } | { id: RequestId | null; problem: string } {
  if (isBinary) return { id: null, problem: 'Binary frames are not accepted; send JSON text.' };
  if (message === undefined) return { id: null, problem: 'The frame is not valid JSON.' };
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    return { id: null, problem: 'A request must be a JSON object { id, channel, payload }.' };
  }
  const { id, channel, payload } = message as Record<string, unknown>;
  if (!isRequestId(id)) return { id: null, problem: 'A request needs an "id" (a non-empty string or a number).' };
  if (typeof channel !== 'string') return { id, problem: 'A request needs a "channel" string.' };
  return { id, channel, payload };
}
