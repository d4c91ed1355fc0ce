import { describe, expect, it, vi } from 'vitest';
import { UserFacingError } from '../../electron/main/errors';
import {
  PageFetcher,
  type HttpGet,
  type LookupHost,
  type PageFetcherOptions,
} from '../../electron/main/tools/fetch-page';
import { createGuardedLookup } from '../../electron/main/tools/fetch-page/guarded-lookup';
import { AddressRefusedError } from '../../electron/main/tools/fetch-page/fetch-page-errors';

const PUBLIC_IP = '93.184.216.34';

function html(body: string, headers: Record<string, string> = {}, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
}

function redirect(location: string, status = 302): Response {
  return new Response(null, { status, headers: { location } });
}

/** A fetch that answers from a table of URLs and records what it was asked. */
function scriptedFetch(pages: Record<string, () => Response>) {
  const get = vi.fn<HttpGet>(async (url) => {
    const page = pages[url];
    if (!page) throw new Error(`unexpected request for ${url}`);
    return page();
  });
  return get;
}

const publicLookup = vi.fn<LookupHost>(async () => [{ address: PUBLIC_IP, family: 4 }]);

function fetcher(options: PageFetcherOptions): PageFetcher {
  return new PageFetcher({ lookup: publicLookup, ...options });
}

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

describe('PageFetcher: which addresses it will fetch', () => {
  it('refuses addresses that are not http(s), saying only web pages can be fetched', async () => {
    const get = scriptedFetch({});
    for (const url of ['file:///etc/passwd', 'ftp://example.com/file', 'javascript:alert(1)', 'data:text/html,<p>x', 'chrome://settings']) {
      const error = await failure(fetcher({ fetch: get }).fetchPage(url));
      expect(error.code, url).toBe('fetch_page_refused');
      expect(error.message).toContain('Only web pages (http:// or https:// addresses) can be fetched');
    }
    expect(get).not.toHaveBeenCalled();
  });

  it('says plainly when the text is not an address at all', async () => {
    const error = await failure(fetcher({ fetch: scriptedFetch({}) }).fetchPage('the bbc news site'));
    expect(error.code).toBe('fetch_page_failed');
    expect(error.message).toContain('is not a web address');
  });

  it('refuses ports of other services, as browsers do', async () => {
    const get = scriptedFetch({});
    for (const url of ['http://example.com:25/', 'https://example.com:6667/', 'http://example.com:22/']) {
      const error = await failure(fetcher({ fetch: get }).fetchPage(url));
      expect(error.code, url).toBe('fetch_page_refused');
      expect(error.message).toContain('it belongs to another kind of service');
    }
    expect(get).not.toHaveBeenCalled();
  });

  it('refuses credentials in the address', async () => {
    const error = await failure(fetcher({ fetch: scriptedFetch({}) }).fetchPage('https://user:secret@example.com/'));
    expect(error.code).toBe('fetch_page_refused');
    expect(error.message).not.toContain('secret');
  });

  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://2130706433/', 'loopback'], // decimal
    ['http://0x7f.1/', 'loopback'], // hex, short form
    ['http://0177.0.0.1/', 'loopback'], // octal
    ['http://127.1/', 'loopback'],
    ['http://127.0.0.1./', 'loopback'], // trailing dot
    ['http://0x7f.0x0.0x0.0x1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://0/', 'unspecified'],
    ['http://[::1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[::ffff:127.0.0.1]/', 'IPv4-mapped'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', 'IPv4-mapped'],
    ['http://[64:ff9b::127.0.0.1]/', 'NAT64'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd00::1]/', 'unique local'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://10.0.0.1/', 'private network'],
    ['http://192.168.1.1:8080/admin', 'private network'],
    ['http://172.20.0.1/', 'private network'],
    ['http://100.64.1.1/', 'carrier-grade NAT'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://①②⑦.0.0.1/', 'loopback'], // IDNA maps these digits to ASCII
  ])('refuses the literal address %s (%s) without connecting', async (url, kind) => {
    const get = scriptedFetch({});
    const lookup = vi.fn<LookupHost>();
    const error = await failure(new PageFetcher({ fetch: get, lookup }).fetchPage(url));
    expect(error.code).toBe('fetch_page_refused');
    expect(error.message).toContain(kind);
    expect(error.message).toContain('only reads public web pages');
    expect(get).not.toHaveBeenCalled();
    expect(lookup).not.toHaveBeenCalled();
  });

  it.each(['http://localhost/', 'http://LOCALHOST.:3000/', 'http://api.localhost/', 'http://printer.local/', 'http://db.internal/', 'http://nas.home.arpa/', 'http://intranet/', 'http://router.lan/'])(
    'refuses the local network name in %s without resolving it',
    async (url) => {
      const lookup = vi.fn<LookupHost>();
      const error = await failure(new PageFetcher({ fetch: scriptedFetch({}), lookup }).fetchPage(url));
      expect(error.code).toBe('fetch_page_refused');
      expect(lookup).not.toHaveBeenCalled();
    },
  );

  it.each([
    [[{ address: '127.0.0.1', family: 4 }], 'loopback'],
    [[{ address: '10.1.2.3', family: 4 }], 'private network'],
    [[{ address: '::1', family: 6 }], 'loopback'],
    [[{ address: '::ffff:192.168.0.1', family: 6 }], 'IPv4-mapped'],
    [[{ address: PUBLIC_IP, family: 4 }, { address: '169.254.169.254', family: 4 }], 'link-local'],
    [[{ address: '2606:4700::1', family: 6 }, { address: 'fe80::1', family: 6 }], 'link-local'],
  ] as const)('refuses a host name resolving to %j', async (addresses, kind) => {
    const get = scriptedFetch({});
    const lookup = vi.fn<LookupHost>(async () => [...addresses]);
    const error = await failure(new PageFetcher({ fetch: get, lookup }).fetchPage('https://innocent.example.com/page'));
    expect(error.code).toBe('fetch_page_refused');
    expect(error.message).toContain(`innocent.example.com (${addresses.at(-1)!.address})`);
    expect(error.message).toContain(kind);
    expect(lookup).toHaveBeenCalledWith('innocent.example.com');
    expect(get).not.toHaveBeenCalled();
  });

  it('fetches a host name whose every address is public', async () => {
    const get = scriptedFetch({ 'https://example.com/': () => html('<title>Example</title><p>Hello') });
    const lookup = vi.fn<LookupHost>(async () => [
      { address: PUBLIC_IP, family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
    const page = await new PageFetcher({ fetch: get, lookup }).fetchPage('https://example.com');
    expect(page).toEqual({ url: 'https://example.com/', title: 'Example', text: 'Hello', truncated: false, contentType: 'text/html' });
    expect(get).toHaveBeenCalledWith('https://example.com/', expect.objectContaining({ redirect: 'manual' }));
  });

  it('fetches a literal public address without resolving anything', async () => {
    const lookup = vi.fn<LookupHost>();
    const get = scriptedFetch({ 'http://8.8.8.8/': () => html('<p>dns') });
    const page = await new PageFetcher({ fetch: get, lookup }).fetchPage('http://8.8.8.8/');
    expect(page.text).toBe('dns');
    expect(lookup).not.toHaveBeenCalled();
  });

  it('says when a name does not resolve', async () => {
    const lookup: LookupHost = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nosuch.example.com'), { code: 'ENOTFOUND' });
    };
    const error = await failure(new PageFetcher({ fetch: scriptedFetch({}), lookup }).fetchPage('https://nosuch.example.com/'));
    expect(error.code).toBe('fetch_page_failed');
    expect(error.message).toBe('Could not reach nosuch.example.com: its name does not resolve to any address; check the spelling.');
  });
});

describe('PageFetcher: redirects', () => {
  it('follows redirects itself, checking every hop, and reports the final address', async () => {
    const get = scriptedFetch({
      'https://example.com/a': () => redirect('/b', 301),
      'https://example.com/b': () => redirect('https://www.example.org/c?x=1', 308),
      'https://www.example.org/c?x=1': () => html('<title>C</title><p>arrived'),
    });
    const lookup = vi.fn<LookupHost>(async () => [{ address: PUBLIC_IP, family: 4 }]);
    const page = await new PageFetcher({ fetch: get, lookup }).fetchPage('https://example.com/a');
    expect(page.url).toBe('https://www.example.org/c?x=1');
    expect(page.text).toBe('arrived');
    expect(get).toHaveBeenCalledTimes(3);
    expect(lookup.mock.calls.map(([host]) => host)).toEqual(['example.com', 'example.com', 'www.example.org']);
  });

  it('refuses a redirect to a private address and never requests it', async () => {
    const get = scriptedFetch({ 'https://example.com/': () => redirect('http://127.0.0.1:8080/admin') });
    const error = await failure(fetcher({ fetch: get }).fetchPage('https://example.com/'));
    expect(error.code).toBe('fetch_page_refused');
    expect(error.message).toContain('redirected to http://127.0.0.1:8080/admin');
    expect(error.message).toContain('loopback');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('refuses a redirect to a name that resolves to the cloud metadata address', async () => {
    const get = scriptedFetch({ 'https://example.com/': () => redirect('http://metadata.example.net/latest') });
    const lookup: LookupHost = async (host) =>
      host === 'metadata.example.net' ? [{ address: '169.254.169.254', family: 4 }] : [{ address: PUBLIC_IP, family: 4 }];
    const error = await failure(new PageFetcher({ fetch: get, lookup }).fetchPage('https://example.com/'));
    expect(error.code).toBe('fetch_page_refused');
    expect(error.message).toContain('metadata.example.net (169.254.169.254) is a link-local address');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('refuses a redirect to a non-web scheme', async () => {
    const get = scriptedFetch({ 'https://example.com/': () => redirect('file:///etc/passwd') });
    const error = await failure(fetcher({ fetch: get }).fetchPage('https://example.com/'));
    expect(error.code).toBe('fetch_page_refused');
    expect(error.message).toContain('redirected elsewhere');
    expect(error.message).toContain('a file: address');
  });

  it(`gives up after 5 redirects`, async () => {
    const get = vi.fn<HttpGet>(async (url) => redirect(`${url}x`));
    const error = await failure(fetcher({ fetch: get }).fetchPage('https://example.com/'));
    expect(error.code).toBe('fetch_page_failed');
    expect(error.message).toContain('redirected more than 5 times');
    expect(get).toHaveBeenCalledTimes(6);
  });

  it('explains a redirect without a Location', async () => {
    const get = scriptedFetch({ 'https://example.com/': () => new Response(null, { status: 302 }) });
    const error = await failure(fetcher({ fetch: get }).fetchPage('https://example.com/'));
    expect(error.message).toContain('did not say where to');
  });
});

describe('PageFetcher: what it reads', () => {
  it.each([
    ['application/pdf', 'a application/pdf file'],
    ['image/png', 'a image/png file'],
    ['application/octet-stream', 'a application/octet-stream file'],
  ])('refuses %s, naming the type', async (type, wording) => {
    let cancelled = false;
    const body = new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1024)), cancel: () => void (cancelled = true) });
    const get = scriptedFetch({ 'https://example.com/file': () => new Response(body, { headers: { 'content-type': type } }) });
    const error = await failure(fetcher({ fetch: get }).fetchPage('https://example.com/file'));
    expect(error.code).toBe('fetch_page_refused');
    expect(error.message).toContain(wording);
    expect(error.message).toContain('reads only HTML, plain text and JSON');
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });

  it('refuses a body whose type is not stated', async () => {
    const get = scriptedFetch({ 'https://example.com/': () => new Response(new Uint8Array([1, 2, 3])) });
    const error = await failure(fetcher({ fetch: get }).fetchPage('https://example.com/'));
    expect(error.message).toContain('content of an unstated type');
  });

  it('reads plain text and JSON as they are', async () => {
    const get = scriptedFetch({
      'https://example.com/a.txt': () => new Response('line one\r\nline two\r\n\r\n\r\n\r\nend\n', { headers: { 'content-type': 'text/plain' } }),
      'https://example.com/a.json': () => new Response('{"a": [1, 2]}', { headers: { 'content-type': 'application/json' } }),
    });
    const plain = await fetcher({ fetch: get }).fetchPage('https://example.com/a.txt');
    expect(plain).toMatchObject({ title: null, text: 'line one\nline two\n\nend', contentType: 'text/plain' });
    const json = await fetcher({ fetch: get }).fetchPage('https://example.com/a.json');
    expect(json).toMatchObject({ title: null, text: '{"a": [1, 2]}', contentType: 'application/json' });
  });

  it('decodes the charset named in the header, a <meta charset>, or a byte-order mark', async () => {
    const latin1 = Uint8Array.from([0x3c, 0x70, 0x3e, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]); // <p>café €
    const meta = new Uint8Array([...new TextEncoder().encode('<meta charset="windows-1252"><p>na'), 0xef, 0x76, 0x65]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('<p>Ω').flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8])]);
    const get = scriptedFetch({
      'https://example.com/latin1': () => new Response(latin1, { headers: { 'content-type': 'text/html; charset="ISO-8859-1"' } }),
      'https://example.com/meta': () => new Response(meta, { headers: { 'content-type': 'text/html' } }),
      'https://example.com/bom': () => new Response(utf16, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
      'https://example.com/bogus': () => new Response('<p>ok ✓', { headers: { 'content-type': 'text/html; charset=no-such-charset' } }),
    });
    const pages = fetcher({ fetch: get });
    expect((await pages.fetchPage('https://example.com/latin1')).text).toBe('café €');
    expect((await pages.fetchPage('https://example.com/meta')).text).toBe('naïve');
    expect((await pages.fetchPage('https://example.com/bom')).text).toBe('Ω');
    expect((await pages.fetchPage('https://example.com/bogus')).text).toBe('ok ✓');
  });

  it('explains HTTP errors in words', async () => {
    const get = scriptedFetch({
      'https://example.com/gone': () => html('<h1>Not here</h1>', {}, 404),
      'https://example.com/secret': () => new Response('no', { status: 403, statusText: 'Forbidden' }),
      'https://example.com/busy': () => new Response('later', { status: 503 }),
    });
    const pages = fetcher({ fetch: get });
    expect((await failure(pages.fetchPage('https://example.com/gone'))).message).toBe(
      'Could not read https://example.com/gone: the page does not exist (404); check the address.',
    );
    expect((await failure(pages.fetchPage('https://example.com/secret'))).message).toContain('refused access (403 Forbidden)');
    expect((await failure(pages.fetchPage('https://example.com/busy'))).message).toContain('the site had an error (503); try again later');
  });
});

describe('PageFetcher: limits', () => {
  it('stops reading at maxBytes, cancels the rest and says the page was truncated', async () => {
    let sent = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1000;
        controller.enqueue(new TextEncoder().encode('<p>' + 'word '.repeat(199) + '</p>'));
      },
      cancel: () => void (cancelled = true),
    });
    const get = scriptedFetch({ 'https://example.com/': () => new Response(endless, { headers: { 'content-type': 'text/html' } }) });
    const page = await fetcher({ fetch: get, maxBytes: 10_000, maxChars: 1_000_000 }).fetchPage('https://example.com/');
    expect(page.truncated).toBe(true);
    expect(sent).toBeLessThanOrEqual(12_000);
    expect(page.text.length).toBeLessThanOrEqual(10_000);
    expect(page.text.length).toBeGreaterThan(9_000);
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });

  it('does not leave half a multi-byte character where the byte cap cut', async () => {
    const bytes = new TextEncoder().encode('<p>' + 'é'.repeat(100)); // 2 bytes each
    const get = scriptedFetch({ 'https://example.com/': () => new Response(bytes, { headers: { 'content-type': 'text/html' } }) });
    const page = await fetcher({ fetch: get, maxBytes: 3 + 51 }).fetchPage('https://example.com/');
    expect(page.text).toBe('é'.repeat(25));
    expect(page.truncated).toBe(true);
  });

  it('cuts text longer than maxChars at a word, with an ellipsis', async () => {
    const words = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const get = scriptedFetch({ 'https://example.com/': () => html(`<p>${words}`) });
    const page = await fetcher({ fetch: get, maxChars: 1000 }).fetchPage('https://example.com/');
    expect(page.truncated).toBe(true);
    expect(page.text.length).toBeLessThanOrEqual(1000);
    expect(page.text).toMatch(/word\d+…$/);
    expect(words.startsWith(page.text.slice(0, -1))).toBe(true);
  });

  it('times out a server that never answers, even through a fetch that ignores the signal', async () => {
    const get = vi.fn<HttpGet>(() => new Promise<Response>(() => {}));
    // The fetch never settles, so only the timeout can end this; how promptly: bench/timeouts.bench.ts.
    const error = await failure(fetcher({ fetch: get, timeoutMs: 100 }).fetchPage('https://slow.example.com/'));
    expect(error.code).toBe('fetch_page_timeout');
    expect(error.message).toBe('slow.example.com did not send the page within 0.1 seconds. Try again later or use another source.');
  });

  it('times out a body that stalls after the headers, and cancels it', async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('<p>start')),
      cancel: () => void (cancelled = true),
    });
    const get = scriptedFetch({ 'https://example.com/': () => new Response(stalled, { headers: { 'content-type': 'text/html' } }) });
    const error = await failure(fetcher({ fetch: get, timeoutMs: 100 }).fetchPage('https://example.com/'));
    expect(error.code).toBe('fetch_page_timeout');
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });

  it('times out a DNS lookup that hangs', async () => {
    const lookup: LookupHost = () => new Promise(() => {});
    const error = await failure(new PageFetcher({ fetch: scriptedFetch({}), lookup, timeoutMs: 50 }).fetchPage('https://example.com/'));
    expect(error.code).toBe('fetch_page_timeout');
  });

  it('passes the abort signal to fetch and rejects with the caller’s reason when cancelled', async () => {
    const signals: AbortSignal[] = [];
    const get = vi.fn<HttpGet>(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          signals.push(init.signal);
          init.signal.addEventListener('abort', () => reject(init.signal.reason));
        }),
    );
    const controller = new AbortController();
    const pending = fetcher({ fetch: get }).fetchPage('https://example.com/', { signal: controller.signal });
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    const reason = new Error('run cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(signals[0]!.aborted).toBe(true);
  });

  it('reports network errors in words', async () => {
    const get = vi.fn<HttpGet>(async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    });
    const error = await failure(fetcher({ fetch: get }).fetchPage('https://example.com/'));
    expect(error.code).toBe('fetch_page_failed');
    expect(error.message).toBe('Could not reach example.com: it refused the connection.');
  });
});

describe('createGuardedLookup (the check inside the connection)', () => {
  const call = (lookup: LookupHost, options: { all?: boolean; family?: number }) =>
    new Promise<{ error: unknown; address: unknown; family: unknown }>((resolve) => {
      createGuardedLookup(lookup, false)('site.example', options, (error, address, family) => resolve({ error, address, family }));
    });

  it('hands the socket only the checked public addresses', async () => {
    const lookup: LookupHost = async () => [
      { address: '2606:4700::1', family: 6 },
      { address: PUBLIC_IP, family: 4 },
    ];
    expect((await call(lookup, { all: true })).address).toEqual([
      { address: '2606:4700::1', family: 6 },
      { address: PUBLIC_IP, family: 4 },
    ]);
    expect(await call(lookup, { family: 4 })).toEqual({ error: null, address: PUBLIC_IP, family: 4 });
  });

  it('fails the connection when any address is not public', async () => {
    const lookup: LookupHost = async () => [{ address: PUBLIC_IP, family: 4 }, { address: '127.0.0.1', family: 4 }];
    const { error } = await call(lookup, { all: true });
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error).toMatchObject({ host: 'site.example', address: '127.0.0.1', kind: 'loopback' });
  });

  it('rejects a malformed lookup answer as "no address"', async () => {
    const lookup = (async () => [{ address: '', family: 5 }]) as unknown as LookupHost;
    expect((await call(lookup, { all: true })).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
