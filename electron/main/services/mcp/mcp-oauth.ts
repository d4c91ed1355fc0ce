/**
 * OAuth for the person's remote MCP servers (issue #10 part 2), on the MCP SDK's own flow
 * (`auth()` from @modelcontextprotocol/client: RFC 9728 protected-resource discovery,
 * authorization-server metadata, dynamic client registration, authorization code + PKCE,
 * refresh). FROK supplies the storage, the system browser and a loopback redirect.
 *
 * Wiring (the server manager):
 *
 * ```ts
 * const oauth = createMcpOAuth({
 *   storage,        // { get(key), set(key, value), delete(key) }: strings, backed by the keychain
 *   openExternal,   // (url) => shell.openExternal(url)
 * });
 * new MCPServerStreamableHttp({ url, authProvider: oauth.authProviderFor(id, url, target.oauthClientId) });
 * // MCPServerSSE takes the same authProvider.
 * await oauth.signIn(id, url, target.oauthClientId);   // "Sign in" / "Sign in again"
 * await oauth.forget(id);                               // server removed or signed out
 * await oauth.isSignedIn(id);                           // for secretsSet.signedIn
 * ```
 *
 * - `authProviderFor(serverId, serverUrl, clientId, { interactive })` returns the SDK's
 *   minimal `AuthProvider` (`token()`, `onUnauthorized()`). Before each request it hands
 *   out the stored access token, refreshing it first when it expires within a minute. On a
 *   401 it refreshes; when there are no tokens at all and `interactive` is true (the
 *   default) it runs the whole browser sign-in and the transport retries the request, so the
 *   first connection to a new server signs in by itself. Pass `interactive: false` for
 *   connections the person did not ask for (start at launch): they fail with
 *   `McpNeedsSignInError` instead of opening a browser.
 * - When a refresh fails (or the tokens are gone after having been used) the tokens are
 *   deleted and `McpNeedsSignInError` is thrown ("Sign in again"). `isNeedsSignInError(err)`
 *   also recognises it when wrapped (`cause`) and a sign-in that timed out, was cancelled or
 *   was refused: map those to state `needs-sign-in`.
 * - `signIn()` always goes through the browser (no refresh), resolves once tokens are stored.
 * - Storage keys: `mcp:<serverId>:oauth-tokens` (the token response plus `expires_at`, ms
 *   since the epoch) and `mcp:<serverId>:oauth-client` (`{ source: 'registered' | 'entered',
 *   info }`: a dynamically registered client, or the stamped entered client id).
 *
 * The provider is deliberately handed to the transports as a plain `AuthProvider`, not as
 * an `OAuthClientProvider`: the SDK's transports treat an `OAuthClientProvider`'s browser
 * step as "give up with UnauthorizedError and let the app call finishAuth()", which FROK's
 * connections (built inside @openai/agents) cannot do. The cost: the transport's 403
 * `insufficient_scope` step-up needs an `OAuthClientProvider`, so a step-up challenge
 * surfaces as an error (the conformance baseline records it).
 */
import { randomBytes } from 'node:crypto';
import {
  auth,
  extractWWWAuthenticateParams,
  type AuthProvider,
  type FetchLike,
  type OAuthClientInformationContext,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import { DEFAULT_SIGN_IN_TIMEOUT_MS, SignInError, startLoopbackRedirect } from './loopback-redirect';

export { SignInError } from './loopback-redirect';

type MaybePromise<T> = T | Promise<T>;

export interface McpOAuthStorage {
  get(key: string): MaybePromise<string | null | undefined>;
  set(key: string, value: string): MaybePromise<void>;
  delete(key: string): MaybePromise<unknown>;
}

export interface McpOAuthDeps {
  storage: McpOAuthStorage;
  /** Opens the authorization URL in the system browser. */
  openExternal(url: string): MaybePromise<void>;
  /** fetch for the authorization-server requests `signIn()` makes (the transports pass their own on a 401). */
  fetch?: FetchLike;
  /** How long the loopback redirect waits for the browser (default five minutes). */
  signInTimeoutMs?: number;
  /** The name FROK registers under (default "FROK"). */
  clientName?: string;
  now?: () => number;
}

export interface McpAuthProviderOptions {
  /** Open the browser when a 401 arrives and FROK holds no tokens for the server (default true). */
  interactive?: boolean;
}

export interface McpOAuth {
  authProviderFor(serverId: string, serverUrl: string, clientId: string | null, opts?: McpAuthProviderOptions): AuthProvider;
  signIn(serverId: string, serverUrl: string, clientId: string | null): Promise<void>;
  /** Deletes the server's tokens and registered client. */
  forget(serverId: string): Promise<void>;
  isSignedIn(serverId: string): Promise<boolean>;
}

export const NEEDS_SIGN_IN = 'MCP_NEEDS_SIGN_IN';

/** The stored sign-in no longer works: the person must sign in again. */
export class McpNeedsSignInError extends Error {
  readonly code = NEEDS_SIGN_IN;
  constructor(message = 'Sign in again: the server no longer accepts FROK’s sign-in.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'McpNeedsSignInError';
  }
}

/** True for `McpNeedsSignInError` and for a browser sign-in that did not complete, also when wrapped in `cause`. */
export function isNeedsSignInError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 8; depth++) {
    if (e instanceof McpNeedsSignInError || e instanceof SignInError) return true;
    if (typeof e === 'object' && (e as { code?: unknown }).code === NEEDS_SIGN_IN) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export const oauthTokensKey = (serverId: string): string => `mcp:${serverId}:oauth-tokens`;
export const oauthClientKey = (serverId: string): string => `mcp:${serverId}:oauth-client`;

/** Refresh this long before the access token runs out. */
const REFRESH_MARGIN_MS = 60_000;
/** A redirect URI for requests that never reach a browser (refresh), when none was registered. */
const PLACEHOLDER_REDIRECT = 'http://127.0.0.1/callback';

export type StoredTokens = StoredOAuthTokens & { expires_at?: number };
interface StoredClient {
  source: 'registered' | 'entered';
  info: StoredOAuthClientInformation;
}

const parse = <T>(raw: string | null | undefined): T | undefined => {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
};

const loopbackPort = (uri: string | undefined): number | undefined => {
  if (!uri) return undefined;
  try {
    const u = new URL(uri);
    return u.hostname === '127.0.0.1' && u.port ? Number(u.port) : undefined;
  } catch {
    return undefined;
  }
};

interface AuthCallOptions {
  serverUrl: string | URL;
  resourceMetadataUrl?: URL;
  scope?: string;
  fetchFn?: FetchLike;
}

/** One server's OAuth session: the SDK's `OAuthClientProvider`, storage-backed. */
class ServerOAuthProvider implements OAuthClientProvider {
  private verifier: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  /** Set while a browser sign-in runs. */
  private interactive: { redirectUrl: string; state: string } | undefined;
  /** The stored client as last read (for the synchronous `redirectUrl`). */
  private client: StoredClient | undefined;
  /** The SDK wanted the browser while FROK was only refreshing. */
  wantedBrowser = false;
  /** A refresh is under way: keep the refresh token if the answer carries none. */
  refreshing = false;

  constructor(
    readonly serverId: string,
    readonly serverUrl: string,
    readonly clientId: string | null,
    private readonly deps: McpOAuthDeps,
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  get redirectUrl(): string {
    if (this.interactive) return this.interactive.redirectUrl;
    const registered = this.client?.info as { redirect_uris?: string[] } | undefined;
    return registered?.redirect_uris?.[0] ?? PLACEHOLDER_REDIRECT;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.deps.clientName ?? 'FROK',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    };
  }

  state(): string {
    if (!this.interactive) throw new McpNeedsSignInError();
    return this.interactive.state;
  }

  async loadClient(): Promise<StoredClient | undefined> {
    const stored = parse<StoredClient>(await this.deps.storage.get(oauthClientKey(this.serverId)));
    const fits =
      stored &&
      stored.info?.client_id &&
      (this.clientId ? stored.source === 'entered' && stored.info.client_id === this.clientId : stored.source === 'registered');
    this.client = fits ? stored : undefined;
    return this.client;
  }

  async clientInformation(): Promise<StoredOAuthClientInformation | undefined> {
    const stored = await this.loadClient();
    if (stored) return stored.info;
    return this.clientId ? { client_id: this.clientId } : undefined;
  }

  async saveClientInformation(info: StoredOAuthClientInformation): Promise<void> {
    this.client = { source: this.clientId ? 'entered' : 'registered', info };
    await this.deps.storage.set(oauthClientKey(this.serverId), JSON.stringify(this.client));
  }

  async deleteClient(): Promise<void> {
    this.client = undefined;
    await this.deps.storage.delete(oauthClientKey(this.serverId));
  }

  async loadTokens(): Promise<StoredTokens | undefined> {
    const t = parse<StoredTokens>(await this.deps.storage.get(oauthTokensKey(this.serverId)));
    return t?.access_token ? t : undefined;
  }

  async tokens(_ctx?: OAuthClientInformationContext): Promise<StoredOAuthTokens | undefined> {
    return this.loadTokens();
  }

  async saveTokens(tokens: StoredOAuthTokens): Promise<void> {
    const previous = this.refreshing ? await this.loadTokens() : undefined;
    const stored: StoredTokens = { ...tokens };
    if (!stored.refresh_token && previous?.refresh_token) stored.refresh_token = previous.refresh_token;
    if (typeof tokens.expires_in === 'number') stored.expires_at = this.now() + tokens.expires_in * 1000;
    else delete stored.expires_at;
    await this.deps.storage.set(oauthTokensKey(this.serverId), JSON.stringify(stored));
  }

  async deleteTokens(): Promise<void> {
    await this.deps.storage.delete(oauthTokensKey(this.serverId));
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    if (!this.interactive) {
      // Only refreshing: never open a browser the person did not ask for.
      this.wantedBrowser = true;
      return;
    }
    await this.deps.openExternal(authorizationUrl.toString());
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (!this.verifier) throw new McpNeedsSignInError('No sign-in is under way for this server.');
    return this.verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'all' || scope === 'tokens') await this.deleteTokens();
    if (scope === 'all' || scope === 'client') await this.deleteClient();
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined;
    if (scope === 'all' || scope === 'discovery') this.discovery = undefined;
  }

  beginInteractive(redirectUrl: string, state: string): void {
    this.interactive = { redirectUrl, state };
  }

  endInteractive(): void {
    this.interactive = undefined;
    this.verifier = undefined;
  }
}

interface Session {
  provider: ServerOAuthProvider;
  /** The refresh or sign-in under way, shared by concurrent requests. */
  inflight: Promise<void> | undefined;
}

export function createMcpOAuth(deps: McpOAuthDeps): McpOAuth {
  const sessions = new Map<string, Session>();
  const now = (): number => deps.now?.() ?? Date.now();

  const sessionFor = (serverId: string, serverUrl: string, clientId: string | null): Session => {
    const existing = sessions.get(serverId);
    if (existing && existing.provider.serverUrl === serverUrl && existing.provider.clientId === clientId) return existing;
    const session: Session = { provider: new ServerOAuthProvider(serverId, serverUrl, clientId, deps), inflight: undefined };
    sessions.set(serverId, session);
    return session;
  };

  /** One refresh or sign-in at a time per server; concurrent callers share it. */
  const exclusive = (session: Session, run: () => Promise<void>): Promise<void> => {
    if (session.inflight) return session.inflight;
    const p = run().finally(() => {
      if (session.inflight === p) session.inflight = undefined;
    });
    session.inflight = p;
    return p;
  };

  const needsSignIn = async (p: ServerOAuthProvider, cause?: unknown): Promise<never> => {
    await p.deleteTokens();
    throw new McpNeedsSignInError(undefined, cause === undefined ? undefined : { cause });
  };

  /** The SDK's refresh-token grant; never opens a browser. */
  const refresh = async (p: ServerOAuthProvider, opts: AuthCallOptions): Promise<void> => {
    const tokens = await p.loadTokens();
    if (!tokens?.refresh_token) return needsSignIn(p);
    if (!(await p.clientInformation())) return needsSignIn(p);
    p.wantedBrowser = false;
    p.refreshing = true;
    let result: Awaited<ReturnType<typeof auth>>;
    try {
      result = await auth(p, opts);
    } catch (err) {
      // Network trouble is not a verdict on the sign-in: keep the tokens, report the failure.
      if (err instanceof TypeError) throw err;
      return needsSignIn(p, err);
    } finally {
      p.refreshing = false;
    }
    if (result !== 'AUTHORIZED' || p.wantedBrowser) return needsSignIn(p);
  };

  /** The browser sign-in: loopback redirect, authorization request, code exchange. */
  const browserSignIn = async (p: ServerOAuthProvider, opts: AuthCallOptions): Promise<void> => {
    const registered = await p.loadClient();
    const registeredUri = (registered?.info as { redirect_uris?: string[] } | undefined)?.redirect_uris?.[0];
    const state = randomBytes(32).toString('base64url');
    const loopback = await startLoopbackRedirect({
      expectedState: state,
      preferredPort: loopbackPort(registeredUri),
      timeoutMs: deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
    });
    try {
      // A client FROK registered for another redirect URI registers again.
      if (registered?.source === 'registered' && registeredUri !== loopback.redirectUrl) await p.deleteClient();
      p.beginInteractive(loopback.redirectUrl, state);
      const first = await auth(p, { ...opts, forceReauthorization: true });
      if (first === 'AUTHORIZED') return;
      const { code, iss } = await loopback.result;
      const second = await auth(p, { ...opts, authorizationCode: code, iss });
      if (second !== 'AUTHORIZED') throw new SignInError('The server did not accept the sign-in.', 'bad-callback');
    } finally {
      loopback.close();
      p.endInteractive();
    }
  };

  return {
    authProviderFor(serverId, serverUrl, clientId, opts = {}) {
      const session = sessionFor(serverId, serverUrl, clientId);
      const p = session.provider;
      const interactive = opts.interactive ?? true;
      return {
        async token() {
          if (session.inflight) await session.inflight.catch(() => {});
          const t = await p.loadTokens();
          if (!t) return undefined;
          if (t.refresh_token && typeof t.expires_at === 'number' && t.expires_at - now() < REFRESH_MARGIN_MS) {
            await exclusive(session, () => refresh(p, { serverUrl, fetchFn: deps.fetch }));
            return (await p.loadTokens())?.access_token;
          }
          return t.access_token;
        },
        async onUnauthorized(ctx) {
          const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(ctx.response);
          const call: AuthCallOptions = { serverUrl: ctx.serverUrl, resourceMetadataUrl, scope, fetchFn: ctx.fetchFn };
          if (session.inflight) {
            // Another request is already refreshing or signing in: wait for it, then retry.
            await session.inflight;
            return;
          }
          await exclusive(session, async () => {
            if (await p.loadTokens()) return refresh(p, call);
            if (!interactive) throw new McpNeedsSignInError('Sign in to use this server.');
            return browserSignIn(p, call);
          });
        },
      };
    },

    async signIn(serverId, serverUrl, clientId) {
      const session = sessionFor(serverId, serverUrl, clientId);
      if (session.inflight) await session.inflight.catch(() => {});
      await exclusive(session, () => browserSignIn(session.provider, { serverUrl, fetchFn: deps.fetch }));
    },

    async forget(serverId) {
      sessions.delete(serverId);
      await deps.storage.delete(oauthTokensKey(serverId));
      await deps.storage.delete(oauthClientKey(serverId));
    },

    async isSignedIn(serverId) {
      const t = parse<StoredTokens>(await deps.storage.get(oauthTokensKey(serverId)));
      return Boolean(t?.access_token);
    },
  };
}
