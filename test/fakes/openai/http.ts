// Small HTTP helpers shared by every route of the fake OpenAI server.
import type { IncomingMessage, ServerResponse } from 'node:http';

// The SDKs send these; a browser page needs them allowed for preflight to pass.
export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, X-OpenAI-Agents-SDK, OpenAI-Beta',
  'access-control-expose-headers': 'Location',
  'access-control-max-age': '600',
};

/** What the fake wrote back: a JSON body, or one SSE event (parsed; `[DONE]` stays a string). */
export type SentItem = {
  /** The request it answers (RecordedRequest.id). */
  requestId: number;
  method: string;
  path: string;
  kind: 'json' | 'sse';
  /** HTTP status (JSON bodies; 200 for SSE). */
  status: number;
  /** The SSE `event:` line, when one was written. */
  event?: string;
  value: unknown;
};
export type SendRecorder = (item: Omit<SentItem, 'requestId' | 'method' | 'path'>) => void;

// The server ties each response to its request's recorder, so every writer records without plumbing.
const recorders = new WeakMap<ServerResponse, SendRecorder>();
export function recordSends(res: ServerResponse, recorder: SendRecorder): void {
  recorders.set(res, recorder);
}
export function recordSend(res: ServerResponse, item: Omit<SentItem, 'requestId' | 'method' | 'path'>): void {
  recorders.get(res)?.(item);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parsed JSON when the body is JSON, else the raw text (e.g. SDP), else undefined. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('json') || /^[\s]*[{[]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  recordSend(res, { kind: 'json', status, value: body });
  res.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload).toString(),
    ...headers,
  });
  res.end(payload);
}

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
