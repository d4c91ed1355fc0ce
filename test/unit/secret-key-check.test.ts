import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOpenAIKey } from '../../electron/main/services/secrets/openai-key-check';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r).closeAllConnections())));
});

/** A real HTTP server on 127.0.0.1 that records what it was asked. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: { url: string | undefined; authorization: string | undefined }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen };
}

const answer = (status: number, body: string, type = 'application/json') => (_: IncomingMessage, res: ServerResponse) =>
  res.writeHead(status, { 'content-type': type }).end(body);

const check = (baseUrl: string, key = 'sk-test-abcdefghijklmnop', timeoutMs?: number) =>
  checkOpenAIKey({ baseUrl, key, fetch, timeoutMs });

describe('checkOpenAIKey against a real local server', () => {
  it('accepts a key when the server lists models, sending it as a bearer token to /models', async () => {
    const { baseUrl, seen } = await serve(answer(200, JSON.stringify({ object: 'list', data: [{ id: 'gpt-5.6-luna' }] })));
    const result = await check(`${baseUrl}/`);
    expect(result.outcome).toBe('valid');
    expect(seen).toEqual([{ url: '/v1/models', authorization: 'Bearer sk-test-abcdefghijklmnop' }]);
  });

  it('sends no Authorization header when there is no key (local servers)', async () => {
    const { baseUrl, seen } = await serve(answer(200, JSON.stringify({ data: [] })));
    expect((await check(baseUrl, '')).outcome).toBe('valid');
    expect(seen[0]!.authorization).toBeUndefined();
  });

  it('reports a 401 as a rejected key, with what to do', async () => {
    const { baseUrl } = await serve(answer(401, JSON.stringify({ error: { message: 'Incorrect API key provided' } })));
    const result = await check(baseUrl);
    expect(result.outcome).toBe('rejected');
    expect(result.message).toContain('rejected this API key');
    expect(result.message).not.toContain('sk-test');
  });

  it('counts a 429 as a working key that is being limited', async () => {
    const { baseUrl } = await serve(answer(429, JSON.stringify({ error: { message: 'Rate limit reached' } })));
    const result = await check(baseUrl);
    expect(result.outcome).toBe('valid');
    expect(result.message).toMatch(/limiting requests/);
  });

  it('reports a 500 as a server error to retry later', async () => {
    const { baseUrl } = await serve(answer(500, 'oops', 'text/plain'));
    const result = await check(baseUrl);
    expect(result.outcome).toBe('unreachable');
    expect(result.message).toContain('server error 500');
    expect(result.message).toContain('try again later');
  });

  it('says a 2xx that is not a models list is not an OpenAI API', async () => {
    const { baseUrl } = await serve(answer(200, '<html>Welcome to nginx!</html>', 'text/html'));
    const result = await check(baseUrl);
    expect(result.outcome).toBe('unreachable');
    expect(result.message).toContain('not like an OpenAI API');
  });

  it('suggests checking the base URL on a 404', async () => {
    const { baseUrl } = await serve(answer(404, '{"error":"not found"}'));
    const result = await check(baseUrl.replace(/\/v1$/, ''));
    expect(result.outcome).toBe('unreachable');
    expect(result.message).toContain('/v1');
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const { baseUrl } = await serve(() => {});
    // The server never answers, so only the timeout can end this, and the words say so.
    const result = await check(baseUrl, 'sk-x', 300);
    expect(result.outcome).toBe('unreachable');
    expect(result.message).toMatch(/Couldn't reach 127\.0\.0\.1:\d+ \(no answer within 0\.3 seconds\)/);
  });

  it('gives up on a server that sends headers and then stalls the body', async () => {
    const { baseUrl } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
    });
    const result = await check(baseUrl, 'sk-x', 300);
    expect(result.outcome).toBe('unreachable');
    expect(result.message).toContain('no answer within');
  });

  it('reports a closed port as unreachable, with what to check', async () => {
    const { baseUrl } = await serve(answer(200, '{}'));
    await new Promise((r) => servers.pop()!.close(r));
    const result = await check(baseUrl);
    expect(result.outcome).toBe('unreachable');
    expect(result.message).toContain('connection refused');
    // A self-hosted server: the base URL the person typed is on screen to check.
    expect(result.message).toContain('Check that the server is running and the base URL you entered.');
  });

  it('a key on an account with no credit (429 insufficient_quota) is accepted, and the person is told before the first question', async () => {
    const noCredit = JSON.stringify({ error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } });
    const { baseUrl } = await serve(answer(429, noCredit));
    const result = await check(baseUrl);
    expect(result.outcome).toBe('valid');
    expect(result.message).toMatch(/^The server at 127\.0\.0\.1:\d+ accepted the key, but says the account has no credit or quota left\. Check the account's billing\.$/);
  });
});
