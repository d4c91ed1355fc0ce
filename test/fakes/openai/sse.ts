// Server-sent events as OpenAI writes them (`event:` + `data:` lines, blank-line separated).
import type { ServerResponse } from 'node:http';
import { CORS_HEADERS, sleep } from './http.ts';

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

/** Split text into word-sized deltas that join back to the exact text. */
export function textDeltas(text: string): string[] {
  const parts = text.match(/\S+\s*|\s+/g);
  return parts && parts.length > 0 ? parts : [text];
}
