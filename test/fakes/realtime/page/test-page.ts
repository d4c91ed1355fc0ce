// The WebRTC test page, built at test time: the real SDK bundled by Vite (library mode,
// IIFE) into a temp folder and served from its own origin, so the SDK's POST to the fake
// is cross-origin as in the app (CORS preflight included).
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>FROK realtime test page</title><link rel="icon" href="data:,"></head>
<body><audio id="remote" autoplay></audio><script src="page.js"></script></body></html>`;

export type TestPage = { url: string; close(): Promise<void> };

/** Bundles sdk-page.ts and serves it on 127.0.0.1; returns the page URL. */
export async function startTestPage(): Promise<TestPage> {
  const dir = await mkdtemp(join(tmpdir(), 'frok-realtime-page-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: false,
      target: 'chrome120',
      lib: { entry: join(import.meta.dirname, 'sdk-page.ts'), formats: ['iife'], name: 'FrokRealtimeTestPage', fileName: () => 'page.js' },
    },
  });
  const script = await readFile(join(dir, 'page.js'));
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML);
    } else if (path === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
