/**
 * PageFetcher against a real HTTP server on 127.0.0.1: real sockets, real redirects,
 * real compression and charsets. allowPrivateAddresses lets it reach the loopback server;
 * the tests of the default policy check that the same server is never contacted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/main/errors';
import { classifyAddress, PageFetcher, type LookupHost } from '../../electron/main/tools/fetch-page';
import { defaultLookupHost } from '../../electron/main/tools/fetch-page/host-resolution';

type Route = (request: IncomingMessage, response: ServerResponse) => void;

const requests: { url: string; host: string | undefined }[] = [];
const closedEarly: string[] = [];
let server: Server;
let origin: string;
let port: number;

const LATIN1_PAGE = Buffer.from(
  '<html><head><title>Caf\xe9 cr\xe8me</title></head><body><main><p>\xdcber na\xefve fa\xe7ades \xa9 \xbd</p></main></body></html>',
  'latin1',
);

const routes: Record<string, Route> = {
  '/start': (_req, res) => res.writeHead(301, { location: '/hop1' }).end(),
  '/hop1': (_req, res) => res.writeHead(302, { location: `${origin}/hop2?from=hop1` }).end('moved'),
  '/hop2': (_req, res) => res.writeHead(307, { location: 'final' }).end(),
  '/final': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(LATIN1_PAGE),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  '/gzip': (req, res) => {
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const body = Buffer.from('<title>Packed</title><p>' + 'compressed words '.repeat(1000) + '</p>');
    if (!accepts.includes('gzip')) return void res.writeHead(406).end();
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(body));
  },
  '/endless': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    const chunk = 'all work and no play makes jack a dull boy\n'.repeat(100);
    const write = () => {
      while (res.write(chunk)) if (res.destroyed) return;
    };
    res.on('drain', write);
    res.on('close', () => closedEarly.push(req.url!));
    write();
  },
  '/slow-headers': (req, res) => {
    res.on('close', () => closedEarly.push(req.url!));
  },
  '/slow-body': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<p>first part');
    res.on('close', () => closedEarly.push(req.url!));
  },
  '/pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'),
  '/host': (req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`host=${req.headers.host}`),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ url: req.url!, host: req.headers.host });
    const route = routes[new URL(req.url!, 'http://x').pathname];
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests.length = 0;
  closedEarly.length = 0;
});

async function failure(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the fetch to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

describe.each([
  ['the default guarded transport', undefined],
  ['the global fetch', globalThis.fetch],
])('PageFetcher over real HTTP through %s', (_name, fetch) => {
  const fetcher = (options: ConstructorParameters<typeof PageFetcher>[0] = {}) =>
    new PageFetcher({ fetch, allowPrivateAddresses: true, ...options });

  it('follows a chain of relative and absolute redirects and decodes ISO-8859-1', async () => {
    const page = await fetcher().fetchPage(`${origin}/start`);
    expect(page).toEqual({
      url: `${origin}/final`,
      title: 'Café crème',
      text: 'Über naïve façades © ½',
      truncated: false,
      contentType: 'text/html',
    });
    expect(requests.map((r) => r.url)).toEqual(['/start', '/hop1', '/hop2?from=hop1', '/final']);
  });

  it('stops after 5 redirects', async () => {
    const error = await failure(fetcher().fetchPage(`${origin}/loop`));
    expect(error.code).toBe('fetch_page_failed');
    expect(requests).toHaveLength(6);
  });

  it('decompresses a gzip-encoded page', async () => {
    const page = await fetcher().fetchPage(`${origin}/gzip`);
    expect(page.title).toBe('Packed');
    expect(page.text.startsWith('compressed words compressed words')).toBe(true);
  });

  it('reads an endless body only up to maxBytes and hangs up', async () => {
    const page = await fetcher({ maxBytes: 64 * 1024, maxChars: 1_000_000 }).fetchPage(`${origin}/endless`);
    expect(page.truncated).toBe(true);
    expect(page.text.length).toBeLessThanOrEqual(64 * 1024);
    expect(page.text.length).toBeGreaterThan(60 * 1024);
    await expect.poll(() => closedEarly).toContain('/endless');
  });

  it('times out a server that never answers, and closes the connection', async () => {
    const error = await failure(fetcher({ timeoutMs: 300 }).fetchPage(`${origin}/slow-headers`));
    expect(error.code).toBe('fetch_page_timeout');
    expect(error.message).toContain(`127.0.0.1:${port} did not send the page within 0.3 seconds`);
    await expect.poll(() => closedEarly).toContain('/slow-headers');
  });

  it('times out a body that stalls halfway', async () => {
    const error = await failure(fetcher({ timeoutMs: 300 }).fetchPage(`${origin}/slow-body`));
    expect(error.code).toBe('fetch_page_timeout');
    await expect.poll(() => closedEarly).toContain('/slow-body');
  });

  it('refuses a PDF, naming the type', async () => {
    const error = await failure(fetcher().fetchPage(`${origin}/pdf`));
    expect(error.message).toContain('a application/pdf file');
  });

  it('explains a 404', async () => {
    const error = await failure(fetcher().fetchPage(`${origin}/missing`));
    expect(error.message).toContain('the page does not exist (404 Not Found)');
  });
});

describe('PageFetcher over real HTTP: the default policy', () => {
  it('refuses the loopback server without contacting it', async () => {
    const error = await failure(new PageFetcher().fetchPage(`${origin}/start`));
    expect(error.code).toBe('fetch_page_refused');
    expect(requests).toHaveLength(0);
  });

  it('resolves names with the system resolver by default, every address included', async () => {
    // localhost comes from the hosts file, so this needs no network.
    const addresses = await defaultLookupHost('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    for (const { address, family } of addresses) {
      expect([4, 6]).toContain(family);
      expect(classifyAddress(address)).toEqual({ public: false, kind: 'loopback' });
    }
  });

  it('closes the DNS-rebinding gap: a name that turns private between check and connect is refused', async () => {
    let calls = 0;
    const rebinding: LookupHost = async () => {
      calls += 1;
      return calls === 1 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    };
    const error = await failure(new PageFetcher({ lookup: rebinding }).fetchPage(`http://rebind.example.com:${port}/start`));
    expect(error.code).toBe('fetch_page_refused');
    expect(error.message).toContain('rebind.example.com (127.0.0.1) is a loopback address');
    expect(calls).toBe(2); // once before the request, once inside the connection
    expect(requests).toHaveLength(0);
  });

  it('connects to the address the injected lookup gave, keeping the host name in the request', async () => {
    const lookup: LookupHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const page = await new PageFetcher({ lookup, allowPrivateAddresses: true }).fetchPage(`http://docs.example.com:${port}/host`);
    expect(page.text).toBe(`host=docs.example.com:${port}`);
  });
});
