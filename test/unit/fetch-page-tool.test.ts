import { RunContext } from '@openai/agents';
import { describe, expect, it, vi } from 'vitest';
import { createFetchPageTool, formatPage, PageFetcher, type HttpGet } from '../../electron/main/tools/fetch-page';

const lookup = async () => [{ address: '93.184.216.34', family: 4 as const }];

function toolWith(get: HttpGet) {
  return createFetchPageTool(new PageFetcher({ fetch: get, lookup }));
}

describe('the fetch_page tool', () => {
  it('declares a strict schema OpenAI accepts: a plain string url, no "format"', () => {
    const tool = toolWith(vi.fn());
    expect(tool.name).toBe('fetch_page');
    expect(tool.strict).toBe(true);
    expect(tool.parameters).toMatchObject({
      type: 'object',
      properties: { url: { type: 'string' } },
      required: ['url'],
      additionalProperties: false,
    });
    expect(JSON.stringify(tool.parameters)).not.toContain('format');
  });

  it('returns the page as text the model can read', async () => {
    const get = vi.fn<HttpGet>(
      async () =>
        new Response('<title>Example</title><main><h1>Hello</h1><p>World</p></main>', {
          headers: { 'content-type': 'text/html' },
        }),
    );
    const output = await toolWith(get).invoke(new RunContext(), JSON.stringify({ url: 'https://example.com/' }));
    expect(output).toBe('URL: https://example.com/\nTitle: Example\n\n# Hello\n\nWorld');
  });

  it('returns the reason, not a generic error, when a page cannot be fetched', async () => {
    const get = vi.fn<HttpGet>();
    const tool = toolWith(get);
    expect(await tool.invoke(new RunContext(), JSON.stringify({ url: 'file:///etc/passwd' }))).toBe(
      'Could not fetch the page. Only web pages (http:// or https:// addresses) can be fetched; "file:///etc/passwd" is a file: address.',
    );
    expect(await tool.invoke(new RunContext(), JSON.stringify({ url: 'http://169.254.169.254/' }))).toContain(
      'is a link-local address, so it was not fetched',
    );
    expect(get).not.toHaveBeenCalled();
  });

  it('passes the run’s abort signal on to the fetch', async () => {
    const seen: AbortSignal[] = [];
    const get = vi.fn<HttpGet>(async (_url, init) => {
      seen.push(init.signal);
      return new Response('ok', { headers: { 'content-type': 'text/plain' } });
    });
    const controller = new AbortController();
    await toolWith(get).invoke(new RunContext(), JSON.stringify({ url: 'https://example.com/' }), { signal: controller.signal });
    controller.abort();
    expect(seen[0]!.aborted).toBe(true);
  });

  it('says when a page was cut short or had no text', () => {
    expect(formatPage({ url: 'https://a.example/', title: null, text: 'abc…', truncated: true, contentType: 'text/html' })).toBe(
      'URL: https://a.example/\nNote: the page is longer than this; only its beginning is shown.\n\nabc…',
    );
    expect(formatPage({ url: 'https://a.example/', title: 'T', text: '', truncated: false, contentType: 'text/html' })).toBe(
      'URL: https://a.example/\nTitle: T\n\n(The page has no readable text.)',
    );
  });
});
