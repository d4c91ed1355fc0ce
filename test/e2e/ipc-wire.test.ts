/**
 * The harness's own transport, without a browser: what it serves, and how its IPC socket
 * copes with a confused or hostile client. The end-to-end tests trust these properties.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEventBus, type EventBus } from '../../electron/main/events';
import type { Dispatch } from '../../electron/main/ipc/dispatcher';
import { createMemoryLogger } from '../../electron/main/logger';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { IPC_PATH, startHarnessServer, type HarnessServer } from '../harness/harness-server';
import { connectIpcClient } from '../harness/ipc-client';
import { createWsBinding, type WsBinding } from '../harness/ws-binding';

/** Echoes who called what, so a test can see the caller each connection was given. */
const echo: Dispatch = async (channel, payload, caller) => ({ ok: true, data: { channel, payload, caller } });

let root: string;
let outside: string;
let events: EventBus;
let binding: WsBinding;
let server: HarnessServer;

beforeEach(async () => {
  const base = await mkdtemp(join(tmpdir(), 'frok-wire-'));
  root = join(base, 'renderer');
  outside = base;
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>FROK</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(outside, 'secret.txt'), 'sk-outside-the-root');
  events = createEventBus();
  binding = createWsBinding({ dispatch: echo, events }, createMemoryLogger());
  server = await startHarnessServer({ rootDir: root, binding });
});

afterEach(async () => {
  await server.close();
  await rm(outside, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves the renderer with the content types a browser needs to run it', async () => {
    const html = await fetch(`${server.origin}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<title>FROK</title>');
    expect((await fetch(`${server.origin}/assets/app.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${server.origin}/assets/app.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${server.origin}/assets/missing.js`)).status).toBe(404);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c..%5csecret.txt', '/%00index.html'])(
    'never serves a file outside the renderer folder: %s',
    async (path) => {
      // fetch() would normalise the path itself; a raw request sends it as written.
      const { status, body } = await rawGet(server.origin, path);
      expect(status).toBe(404);
      expect(body).not.toContain('sk-outside-the-root');
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(`${server.origin}/index.html`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('IPC socket', () => {
  it('answers every malformed frame with invalid_request and keeps the connection working', async () => {
    const client = await connectIpcClient(server.ipcUrl);
    for (const frame of ['not json', '[1,2]', 'null', '{"channel":"app:info"}', '{"id":7}', '{"id":{},"channel":"x"}']) {
      client.sendRaw(frame);
    }
    client.sendRaw(Buffer.from('{"id":8,"channel":"app:info"}'));
    await waitFor(() => client.frames.length === 7);
    for (const frame of client.frames) {
      expect(frame).toMatchObject({ result: { ok: false, error: { code: 'invalid_request' } } });
    }
    // The id is echoed when it could be read, so the caller's promise still settles.
    expect(client.frames[4]).toMatchObject({ id: 7 });
    const after = await client.invoke('app:info');
    expect(after).toMatchObject({ ok: true, data: { channel: 'app:info' } });
    await client.close();
  });

  it('gives each connection its own harness caller and keeps targeted events to their target', async () => {
    const a = await connectIpcClient(server.ipcUrl);
    const b = await connectIpcClient(server.ipcUrl);
    const idOf = async (c: typeof a) => ((await c.invoke('app:info')) as { data: { caller: { id: string; kind: string } } }).data.caller;
    const [callerA, callerB] = [await idOf(a), await idOf(b)];
    expect(callerA.kind).toBe('harness');
    expect(callerA.id).toMatch(/^harness-\d+$/);
    expect(callerB.id).not.toBe(callerA.id);

    events.emit('settings:changed', DEFAULT_SETTINGS, callerB.id);
    events.emit('settings:changed', { ...DEFAULT_SETTINGS, onboarded: true });
    await waitFor(() => b.events.length === 2 && a.events.length === 1);
    expect(a.events.map((e) => (e.payload as { onboarded: boolean }).onboarded)).toEqual([true]);
    expect(b.events.map((e) => (e.payload as { onboarded: boolean }).onboarded)).toEqual([false, true]);
    await Promise.all([a.close(), b.close()]);
  });

  it('lets a connection declare which window it is; anything else is a plain harness caller', async () => {
    const kindOf = async (c: Awaited<ReturnType<typeof connectIpcClient>>) =>
      ((await c.invoke('app:info')) as { data: { caller: { kind: string } } }).data.caller.kind;
    const main = await connectIpcClient(server.ipcUrl, { window: 'main' });
    const qa = await connectIpcClient(server.ipcUrl, { window: 'quick-ask' });
    const bogus = await connectIpcClient(`${server.ipcUrl}?window=root`);
    expect([await kindOf(main), await kindOf(qa), await kindOf(bogus)]).toEqual(['main', 'quick-ask', 'harness']);

    // A run's activity goes to its owner and the main window, nobody else.
    const qaId = ((await qa.invoke('app:info')) as { data: { caller: { id: string } } }).data.caller.id;
    const started = { type: 'run_started', runId: 'run-1', at: 1, query: 'q', pattern: 'hybrid', source: 'quick-ask', conversationId: 'c-1' } as const;
    events.emit('agent:activity', started, { owner: qaId });
    await waitFor(() => main.events.length === 1 && qa.events.length === 1);
    // Events reach each connection in order: once a later broadcast has arrived, the owned one cannot still be on its way.
    events.emit('agent:activity', { ...started, runId: 'run-2', conversationId: 'c-2' });
    await waitFor(() => bogus.events.length > 0);
    expect(bogus.events.filter((e) => (e.payload as { runId?: string }).runId !== 'run-2')).toEqual([]);
    await Promise.all([main.close(), qa.close(), bogus.close()]);
  });

  it('records every frame in both directions', async () => {
    const client = await connectIpcClient(server.ipcUrl);
    await client.invoke('settings:get', { probe: 'recorded' });
    const inbound = binding.traffic.filter((t) => t.direction === 'in');
    const outbound = binding.traffic.filter((t) => t.direction === 'out');
    expect(inbound.map((t) => t.raw).join()).toContain('recorded');
    expect(outbound.map((t) => t.raw).join()).toContain('recorded');
    await client.close();
  });

  it('refuses a page from another origin and any other upgrade path', async () => {
    await expect(openSocket(server.ipcUrl, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openSocket(server.ipcUrl.replace(IPC_PATH, '/other'))).rejects.toThrow(/404/);
    await expect(openSocket(server.ipcUrl, { origin: server.origin })).resolves.toBeUndefined();
  });
});

async function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  return new Promise((done, fail) => {
    const req = request(`${origin}/`, { path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function openSocket(url: string, options: { origin?: string } = {}): Promise<void> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(url, options);
    socket.once('open', () => {
      socket.close();
      done();
    });
    socket.once('error', fail);
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}
