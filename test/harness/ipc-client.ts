/**
 * A second "window" for tests: a Node WebSocket client that speaks the harness's IPC wire
 * format, so a test can change things from elsewhere and watch the page react.
 */
import WebSocket from 'ws';
import type { IpcResult } from '../../shared/ipc/result';

export interface IpcClient {
  invoke(channel: string, payload?: unknown): Promise<IpcResult<unknown>>;
  /** Sends a frame exactly as given (for malformed-input tests); a Buffer goes as a binary frame. */
  sendRaw(frame: string | Buffer): void;
  /** Every event received, oldest first. */
  readonly events: { event: string; payload: unknown }[];
  /** Every frame received, parsed, oldest first. */
  readonly frames: unknown[];
  close(): Promise<void>;
}

export interface IpcClientOptions {
  /** The window this connection stands for (see ws-binding.ts); none makes it a 'harness' caller, not the main window. */
  window?: 'main' | 'quick-ask' | 'hud';
}

export async function connectIpcClient(ipcUrl: string, options: IpcClientOptions = {}): Promise<IpcClient> {
  const url = new URL(ipcUrl);
  if (options.window) url.searchParams.set('window', options.window);
  const socket = new WebSocket(url);
  await new Promise<void>((done, fail) => {
    socket.once('open', () => done());
    socket.once('error', fail);
  });
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const events: { event: string; payload: unknown }[] = [];
  const frames: unknown[] = [];
  let nextId = 1;

  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    frames.push(message);
    if (typeof message.event === 'string') events.push({ event: message.event, payload: message.payload });
    else if (typeof message.id === 'number') {
      pending.get(message.id)?.(message.result as IpcResult<unknown>);
      pending.delete(message.id);
    }
  });
  socket.on('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'transport', message: 'closed' } });
    pending.clear();
  });

  return {
    events,
    frames,
    invoke(channel, payload) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, payload }));
      });
    },
    sendRaw: (frame) => socket.send(frame),
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      socket.close();
      await closed;
    },
  };
}
