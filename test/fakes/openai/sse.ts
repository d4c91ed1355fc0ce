// Server-sent events as OpenAI writes them (`event:` + `data:` lines, blank-line separated).
import type { ServerResponse } from 'node:http';
import { CORS_HEADERS, recordSend, sleep } from './http.ts';

export type SseStream = {
  /** One event; `event` adds the `event:` line the Responses API sends. */
  send(data: unknown, event?: string): void;
  /** Bytes as-is, for deliberately broken streams. */
  sendRaw(text: string): void;
  /** Wait, unless the client has gone. */
  pause(ms: number): Promise<void>;
  readonly clientGone: boolean;
  end(): void;
  /** Cut the connection mid-stream, as a dropped network would. */
  abort(): void;
};

export function openSse(res: ServerResponse): SseStream {
  let clientGone = false;
  res.on('close', () => {
    clientGone = true;
  });
  res.writeHead(200, {
    ...CORS_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  // Headers out now, so clients see the stream open before the first delta.
  res.flushHeaders();
  const write = (text: string): void => {
    if (!clientGone) res.write(text);
  };
  return {
    send(data, event) {
      if (!clientGone) recordSend(res, { kind: 'sse', status: 200, ...(event ? { event } : {}), value: data });
      write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    },
    sendRaw: write,
    pause: (ms) => (clientGone ? Promise.resolve() : sleep(ms)),
    get clientGone() {
      return clientGone;
    },
    end() {
      if (!clientGone) res.end();
    },
    abort() {
      res.socket?.destroy();
    },
  };
}

const OBFUSCATION_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The random padding OpenAI adds to streamed deltas (`obfuscation`) so payload sizes do not
 * give the text away: delta plus padding come to a steady length.
 */
export function obfuscation(delta: string): string {
  const length = Math.max(2, 16 - (delta.length % 16));
  let out = '';
  for (let i = 0; i < length; i++) out += OBFUSCATION_CHARS[Math.floor(Math.random() * OBFUSCATION_CHARS.length)];
  return out;
}

/** Split text into word-sized deltas that join back to the exact text. */
export function textDeltas(text: string): string[] {
  const parts = text.match(/\S+\s*|\s+/g);
  return parts && parts.length > 0 ? parts : [text];
}
