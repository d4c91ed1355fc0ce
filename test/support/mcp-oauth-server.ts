/**
 * A real OAuth-protected MCP server on loopback, built from the MCP TypeScript SDK's own
 * server side (@modelcontextprotocol/sdk 1.x): `mcpAuthRouter` (authorization-server
 * metadata, dynamic client registration, /authorize, /token with PKCE checks, protected
 * resource metadata), `requireBearerAuth` in front of a Streamable HTTP `McpServer`, and the
 * SDK's demo in-memory provider, extended only with the refresh-token grant it lacks (and
 * knobs a test turns: expire the access tokens, revoke the refresh tokens).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import { InvalidGrantError, InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthorizationParams, OAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

interface Grant {
  clientId: string;
  scopes: string[];
  resource?: URL;
}

/**
 * The SDK's demo provider (clients, /authorize, codes and their PKCE challenges) with FROK's
 * test knobs around the tokens: they are issued here, with refresh tokens.
 */
class RefreshingDemoProvider implements OAuthServerProvider {
  private readonly demo = new DemoInMemoryAuthProvider();
  readonly clientsStore = this.demo.clientsStore;
  private readonly access = new Map<string, Grant & { expiresAt: number }>();
  private readonly refreshTokens = new Map<string, Grant>();
  refreshCount = 0;

  authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    // The SDK's /authorize handler has already matched redirect_uri as RFC 8252 §7.3 says (any
    // loopback port); the demo provider compares exactly, so it is told the port-relaxed match.
    const redirectUris = client.redirect_uris.includes(params.redirectUri) ? client.redirect_uris : [...client.redirect_uris, params.redirectUri];
    return this.demo.authorize({ ...client, redirect_uris: redirectUris }, params, res);
  }

  challengeForAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<string> {
    return this.demo.challengeForAuthorizationCode(client, code);
  }

  private issue(grant: Grant): OAuthTokens {
    const access = randomUUID();
    this.access.set(access, { ...grant, expiresAt: Date.now() + 3_600_000 });
    const refresh = randomUUID();
    this.refreshTokens.set(refresh, grant);
    return { access_token: access, token_type: 'bearer', expires_in: 3600, scope: grant.scopes.join(' '), refresh_token: refresh };
  }

  async exchangeAuthorizationCode(client: OAuthClientInformationFull, code: string, verifier?: string): Promise<OAuthTokens> {
    const demoTokens = await this.demo.exchangeAuthorizationCode(client, code, verifier);
    const info = await this.demo.verifyAccessToken(demoTokens.access_token);
    return this.issue({ clientId: client.client_id, scopes: info.scopes, resource: info.resource });
  }

  async exchangeRefreshToken(client: OAuthClientInformationFull, refreshToken: string): Promise<OAuthTokens> {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== client.client_id) throw new InvalidGrantError('refresh token is not valid');
    this.refreshTokens.delete(refreshToken);
    this.refreshCount += 1;
    return this.issue(grant);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const t = this.access.get(token);
    if (!t || t.expiresAt < Date.now()) throw new InvalidTokenError('Invalid or expired token');
    return { token, clientId: t.clientId, scopes: t.scopes, expiresAt: Math.floor(t.expiresAt / 1000), resource: t.resource };
  }

  expireAccessTokens(): void {
    for (const t of this.access.values()) t.expiresAt = Date.now() - 1000;
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }
}

export interface OAuthMcpServer {
  /** The MCP endpoint, `http://127.0.0.1:<port>/mcp`. */
  url: string;
  provider: RefreshingDemoProvider;
  /** Requests seen, as `METHOD path` (for asserting the flow's steps). */
  requests: string[];
  close(): Promise<void>;
}

export async function startOAuthMcpServer(): Promise<OAuthMcpServer> {
  const provider = new RefreshingDemoProvider();
  const requests: string[] = [];
  const app = express();
  app.use((req, _res, next) => {
    requests.push(`${req.method} ${req.path}`);
    next();
  });
  const holder: { inner?: Router } = {};
  app.use((req, res, next) => (holder.inner ? holder.inner(req, res, next) : next()));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const base = new URL(`http://127.0.0.1:${port}/`);
  const mcpUrl = new URL('/mcp', base);

  const router = express.Router();
  router.use(mcpAuthRouter({ provider, issuerUrl: base, resourceServerUrl: mcpUrl, scopesSupported: ['mcp:tools'] }));
  const bearer = requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) });
  router.post('/mcp', express.json(), bearer, async (req, res) => {
    const mcp = new McpServer({ name: 'oauth-test-server', version: '1.0.0' });
    mcp.registerTool('echo', { description: 'Echoes text', inputSchema: { text: z.string() } }, async ({ text }) => ({
      content: [{ type: 'text', text: `echo: ${text}` }],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  router.get('/mcp', bearer, (_req, res) => {
    res.status(405).set('allow', 'POST').end();
  });
  router.delete('/mcp', bearer, (_req, res) => {
    res.status(405).set('allow', 'POST').end();
  });
  holder.inner = router;

  return {
    url: mcpUrl.href,
    provider,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
