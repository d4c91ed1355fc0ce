/**
 * One HTTP server on 127.0.0.1 that serves the built renderer and upgrades /frok-ipc to
 * the IPC WebSocket. Page and socket share one origin because the renderer's CSP allows
 * `connect-src 'self'` only — the harness must not need a looser policy than the app.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/shell/security';
import { MAX_FRAME_BYTES, type WsBinding } from './ws-binding';

export const IPC_PATH = '/frok-ipc';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface HarnessServer {
  /** http://127.0.0.1:PORT — the page's origin. */
  origin: string;
  /** ws://127.0.0.1:PORT/frok-ipc */
  ipcUrl: string;
  close(): Promise<void>;
}

/**
 * Requests under `prefix` (HTTP and WebSocket upgrades) go to `target` unchanged, so the
 * page reaches a fake API on its own origin: the app's real CSP applies, no CORS involved.
 */
export interface ProxyRoute {
  /** e.g. `/v1/` */
  prefix: string;
  /** e.g. `http://127.0.0.1:PORT` (no path). */
  target: string;
}

export async function startHarnessServer(options: { rootDir: string; binding: WsBinding; proxy?: ProxyRoute }): Promise<HarnessServer> {
  const root = resolve(options.rootDir);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const sockets = new Set<Socket>();
  let origin = '';

  const proxy = options.proxy;
  const proxied = (url: string | undefined): boolean => proxy !== undefined && (url ?? '').startsWith(proxy.prefix);

  const server = createServer((req, res) => {
    if (proxied(req.url)) {
      forwardHttp(req, res, new URL(proxy!.target));
      return;
    }
    serveStatic(root, req, res).catch(() => {
      if (!res.headersSent) respond(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    if (proxied(req.url)) {
      forwardUpgrade(req, socket, head, new URL(proxy!.target), sockets);
      return;
    }
    const path = (req.url ?? '').split('?')[0];
    // Like the sender-frame check in main: a browser page from another origin may not call in.
    // Node clients (tests) send no Origin header.
    const callerOrigin = req.headers.origin;
    if (path !== IPC_PATH || (callerOrigin !== undefined && callerOrigin !== origin)) {
      socket.end(`HTTP/1.1 ${path !== IPC_PATH ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => options.binding.accept(ws, req.url));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    ipcUrl: `ws://127.0.0.1:${port}${IPC_PATH}`,
    async close() {
      options.binding.closeAll('the harness is stopping');
      for (const client of wss.clients) client.terminate();
      wss.close();
      const closed = new Promise<void>((done) => server.close(() => done()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function forwardHttp(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const upstream = httpRequest(
    // No keep-alive pool: nothing lingers when the fake server closes.
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent: false },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) respond(res, 502, 'The proxied server did not answer');
    else res.destroy();
  });
  req.pipe(upstream);
}

/** A WebSocket upgrade passed through byte for byte (subprotocols and all). */
function forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: URL, sockets: Set<Socket>): void {
  const upstream = netConnect(Number(target.port), target.hostname, () => {
    const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : req.rawHeaders[i + 1]}`);
    }
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) upstream.write(head);
    socket.pipe(upstream).pipe(socket);
  });
  sockets.add(upstream);
  upstream.on('close', () => {
    sockets.delete(upstream);
    socket.destroy();
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
  socket.on('close', () => upstream.destroy());
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    respond(res, 405, 'Method not allowed');
    return;
  }
  const file = resolveInside(root, req.url ?? '/');
  if (!file) {
    respond(res, 404, 'Not found');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    // Chromium asks every http origin for a favicon; Electron's file:// page never does.
    if (req.url === '/favicon.ico') res.writeHead(204).end();
    else respond(res, 404, 'Not found');
    return;
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    // As main's session does for the app's pages (electron/main/shell/security.ts).
    ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
    'Content-Length': info.size,
    'X-Content-Type-Options': 'nosniff',
    // A restart reloads the page; it must get the files as they are now.
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

/** Maps a request URL to a file under root, or null when it would leave root. Exported for tests. */
export function resolveInside(root: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://harness.invalid').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = resolve(join(root, pathname));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

function respond(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
