/**
 * FROK's OAuth for remote MCP servers (electron/main/services/mcp/mcp-oauth.ts) against a real
 * authorization server on loopback: the MCP TypeScript SDK's own `mcpAuthRouter` and bearer
 * middleware (test/support/mcp-oauth-server.ts). The client side is FROK's code path: the
 * @openai/agents MCPServerStreamableHttp with the provider from `createMcpOAuth`. The "browser"
 * follows the authorization URL with fetch and so lands on FROK's loopback redirect.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MCPServerStreamableHttp } from '@openai/agents';
import {
  createMcpOAuth,
  isNeedsSignInError,
  oauthClientKey,
  oauthTokensKey,
  type McpOAuthStorage,
  type StoredTokens,
} from '../../electron/main/services/mcp/mcp-oauth';
import { SignInError, startLoopbackRedirect } from '../../electron/main/services/mcp/loopback-redirect';
import { startOAuthMcpServer, type OAuthMcpServer } from '../support/mcp-oauth-server';

const memoryStorage = (): McpOAuthStorage & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return {
    map,
    get: (k) => map.get(k) ?? null,
    set: (k, v) => {
      map.set(k, v);
    },
    delete: (k) => map.delete(k),
  };
};

/** A browser that follows every redirect, as one does after the person approves. */
const followingBrowser = (opened: string[]) => async (url: string) => {
  opened.push(url);
  const res = await fetch(url);
  await res.text();
};

let as: OAuthMcpServer;
let connections: MCPServerStreamableHttp[] = [];

beforeEach(async () => {
  as = await startOAuthMcpServer();
});
afterEach(async () => {
  await Promise.all(connections.map((c) => c.close().catch(() => {})));
  connections = [];
  await as.close();
});

const connect = async (oauth: ReturnType<typeof createMcpOAuth>, opts?: { interactive?: boolean }) => {
  const server = new MCPServerStreamableHttp({
    url: as.url,
    name: 'oauth-test',
    authProvider: oauth.authProviderFor('notes', as.url, null, opts),
  });
  connections.push(server);
  await server.connect();
  return server;
};

const echo = async (server: MCPServerStreamableHttp, text: string) => {
  const content = await server.callTool('echo', { text });
  return JSON.stringify(content);
};

describe('MCP OAuth against the SDK authorization server', () => {
  it('first connection: 401, discovery, registration, browser, tokens stored, tool call works', async () => {
    const storage = memoryStorage();
    const opened: string[] = [];
    const oauth = createMcpOAuth({ storage, openExternal: followingBrowser(opened) });

    const server = await connect(oauth);
    expect(opened).toHaveLength(1);
    const authUrl = new URL(opened[0]!);
    expect(authUrl.pathname).toBe('/authorize');
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(authUrl.searchParams.get('state')).toBeTruthy();
    expect(authUrl.searchParams.get('resource')).toBe(as.url);

    // The SDK's flow went through the discovery documents and registration.
    expect(as.requests).toContain('GET /.well-known/oauth-protected-resource/mcp');
    expect(as.requests).toContain('GET /.well-known/oauth-authorization-server');
    expect(as.requests).toContain('POST /register');
    expect(as.requests).toContain('POST /token');

    const tokens = JSON.parse(storage.map.get(oauthTokensKey('notes'))!) as StoredTokens;
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.expires_at).toBeGreaterThan(Date.now() + 3_000_000);
    const client = JSON.parse(storage.map.get(oauthClientKey('notes'))!) as { source: string; info: { client_id: string } };
    expect(client.source).toBe('registered');
    expect(await oauth.isSignedIn('notes')).toBe(true);

    const tools = await server.listTools();
    expect(tools.map((t) => t.name)).toEqual(['echo']);
    expect(await echo(server, 'hi')).toContain('echo: hi');

    // A second connection reuses the stored tokens: no browser.
    const again = await connect(createMcpOAuth({ storage, openExternal: followingBrowser(opened) }));
    expect(await echo(again, 'again')).toContain('echo: again');
    expect(opened).toHaveLength(1);
  });

  it('refreshes tokens that are about to expire, and after the server rejects them', async () => {
    const storage = memoryStorage();
    const opened: string[] = [];
    const oauth = createMcpOAuth({ storage, openExternal: followingBrowser(opened) });
    await oauth.signIn('notes', as.url, null);
    expect(opened).toHaveLength(1);
    const first = JSON.parse(storage.map.get(oauthTokensKey('notes'))!) as StoredTokens;

    // Before expiry: FROK refreshes on its own, before sending the request.
    storage.map.set(oauthTokensKey('notes'), JSON.stringify({ ...first, expires_at: Date.now() + 5_000 }));
    const server = await connect(oauth);
    expect(as.provider.refreshCount).toBe(1);
    const second = JSON.parse(storage.map.get(oauthTokensKey('notes'))!) as StoredTokens;
    expect(second.access_token).not.toBe(first.access_token);
    expect(await echo(server, 'fresh')).toContain('echo: fresh');

    // The server expires the token early: the 401 makes FROK refresh and retry.
    as.provider.expireAccessTokens();
    expect(await echo(server, 'after 401')).toContain('echo: after 401');
    expect(as.provider.refreshCount).toBe(2);
    expect(opened).toHaveLength(1);
  });

  it('when the refresh fails: tokens cleared, needs sign-in, no browser; signing in again works', async () => {
    const storage = memoryStorage();
    const opened: string[] = [];
    const oauth = createMcpOAuth({ storage, openExternal: followingBrowser(opened) });
    await oauth.signIn('notes', as.url, null);
    const server = await connect(oauth);

    as.provider.expireAccessTokens();
    as.provider.revokeRefreshTokens();
    const err = await echo(server, 'x').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(isNeedsSignInError(err)).toBe(true);
    expect(storage.map.has(oauthTokensKey('notes'))).toBe(false);
    expect(await oauth.isSignedIn('notes')).toBe(false);
    expect(opened).toHaveLength(1);

    // A connection the person did not ask for does not open the browser either.
    const background = new MCPServerStreamableHttp({
      url: as.url,
      name: 'oauth-test',
      authProvider: oauth.authProviderFor('notes', as.url, null, { interactive: false }),
    });
    connections.push(background);
    const bgErr = await background.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isNeedsSignInError(bgErr)).toBe(true);
    expect(opened).toHaveLength(1);

    await oauth.signIn('notes', as.url, null);
    expect(opened).toHaveLength(2);
    const fresh = await connect(oauth);
    expect(await echo(fresh, 'back')).toContain('echo: back');
  });

  it('refuses an answer whose state does not match', async () => {
    const storage = memoryStorage();
    let refusedStatus = 0;
    const tamperingBrowser = async (url: string) => {
      const res = await fetch(url, { redirect: 'manual' });
      const location = new URL(res.headers.get('location')!);
      location.searchParams.set('state', 'forged');
      const landed = await fetch(location);
      refusedStatus = landed.status;
      await landed.text();
    };
    const oauth = createMcpOAuth({ storage, openExternal: tamperingBrowser });
    const err = await oauth.signIn('notes', as.url, null).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SignInError);
    expect((err as SignInError).reason).toBe('state-mismatch');
    expect(isNeedsSignInError(err)).toBe(true);
    expect(refusedStatus).toBe(400);
    expect(storage.map.has(oauthTokensKey('notes'))).toBe(false);
  });

  it('uses a client id the person entered instead of registering', async () => {
    const registered = await as.provider.clientsStore.registerClient!({
      client_id: 'entered-client',
      redirect_uris: ['http://127.0.0.1/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    });
    expect(registered.client_id).toBe('entered-client');
    const storage = memoryStorage();
    const opened: string[] = [];
    const oauth = createMcpOAuth({ storage, openExternal: followingBrowser(opened) });
    await oauth.signIn('notes', as.url, 'entered-client');
    expect(new URL(opened[0]!).searchParams.get('client_id')).toBe('entered-client');
    expect(as.requests).not.toContain('POST /register');
    expect(await oauth.isSignedIn('notes')).toBe(true);
  });
});

describe('loopback redirect', () => {
  it('answers the page, hands over the code, and stops listening', async () => {
    const loop = await startLoopbackRedirect({ expectedState: 's1' });
    const res = await fetch(`${loop.redirectUrl}?code=abc&state=s1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You can close this window');
    await expect(loop.result).resolves.toEqual({ code: 'abc', iss: undefined });
    // The listener closes once the answer is out: wait for that, however slow the machine.
    await vi.waitFor(() => expect(fetch(loop.redirectUrl)).rejects.toThrow());
  });

  it('refuses a state mismatch and times out', async () => {
    const loop = await startLoopbackRedirect({ expectedState: 'right' });
    const res = await fetch(`${loop.redirectUrl}?code=abc&state=wrong`);
    expect(res.status).toBe(400);
    await expect(loop.result).rejects.toMatchObject({ reason: 'state-mismatch' });

    const slow = await startLoopbackRedirect({ expectedState: 'x', timeoutMs: 50 });
    await expect(slow.result).rejects.toMatchObject({ reason: 'timeout' });
  });
});
