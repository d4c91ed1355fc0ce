/**
 * The person's own MCP servers (Settings → Tools, issue #10): one live connection per
 * enabled server, started at first use (or with FROK, for `startAtLaunch`), reused, and
 * closed when the server is switched off, removed, or FROK quits.
 *
 * For the agents layer:
 *   enabledServers(): McpServerConfig[]            the servers switched on (each is a specialist `mcp:<id>`)
 *   toolsFor(id): Promise<McpToolDetail[]>         its enabled tools, each with the raw JSON schema of its arguments
 *   needsApproval(id, toolName): boolean           whether a call waits for the person (policy + annotations)
 *   callTool(id, toolName, args, { signal, timeoutMs }): Promise<{ text, isError }>
 *       runs one call within the server's time limit (config.callTimeoutSeconds unless timeoutMs);
 *       a timeout comes back as `isError` text; an abort by `signal` rejects with the signal's reason;
 *       a server that cannot be reached rejects with a UserFacingError saying what to do.
 *
 * A local command never runs before the person approved its exact command line
 * (`needs-command-approval`); it gets a clean environment, never FROK's own secrets. A server
 * that crashes is restarted at its next use, after a growing pause (1 s, 2 s, 4 s … 30 s).
 * Every change of a server's view is sent as `mcp:changed`.
 */
import type { AuthProvider, OAuthClientProvider } from '@modelcontextprotocol/client';
import { MCPServerSSE, MCPServerStreamableHttp, type CallToolResult, type MCPServer } from '@openai/agents';
import {
  McpServerConfigSchema,
  type McpImportCandidate,
  type McpSecretValues,
  type McpServerConfig,
  type McpServerState,
  type McpServerView,
  type McpToolInfo,
} from '@shared/mcp';
import type { EventBus } from '../../events';
import { describeZodError, UserFacingError } from '../../errors';
import { tr } from '../../i18n';
import type { Logger } from '../../logger';
import type { SecretStore } from '../secrets/secret-store';
import { commandLineOf, describeStartFailure, precheckCommand, serverEnvironment, workingDirOf } from './mcp-command';
import { McpConfigStore } from './mcp-config-store';
import { parseImport } from './mcp-import';
import { McpSecrets } from './mcp-secrets';
import { LocalCommandServer } from './mcp-stdio-server';
import { resultText, toolDetail, toolInfo, toolNeedsApproval, type McpToolDetail, type RawMcpTool } from './mcp-tools';

export type { McpToolDetail } from './mcp-tools';

export interface McpCallOptions {
  signal?: AbortSignal;
  /** Overrides the server's callTimeoutSeconds. */
  timeoutMs?: number;
}

export interface McpServerManagerDeps {
  dataDir: string;
  /** The (redaction-tracked) secret store: values read here are known to the log redactor. */
  secretStore: SecretStore;
  events: EventBus;
  log: Logger;
  /**
   * The OAuth provider for a remote server (mcp-oauth.ts), passed to the transport as
   * `authProvider`. `interactive` is false for starts the person did not ask for (at launch):
   * those must not open a browser.
   */
  authProviderFor?: (serverId: string, serverUrl: string, clientId: string | null, opts: { interactive: boolean }) => AuthProvider | OAuthClientProvider | undefined;
  /** Runs a remote server's sign-in (browser, loopback redirect); resolves once tokens are stored. */
  signIn?: (serverId: string, serverUrl: string, clientId: string | null) => Promise<void>;
  /** The pause before restart number `failures` (1, 2, …) after a crash or failed start. */
  backoffMs?: (failures: number) => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** How long a server may take to start and list its tools. */
  connectTimeoutMs?: number;
}

const STDERR_LINES = 20;
/** A connection that stayed up this long counts as healthy: its next crash starts the pauses again from 1 s. */
const STABLE_AFTER_MS = 60_000;
const defaultBackoff = (failures: number) => Math.min(1000 * 2 ** Math.max(0, failures - 1), 30_000);

type SdkLogger = NonNullable<ConstructorParameters<typeof MCPServerStreamableHttp>[0]['logger']>;

type RuntimeState = Extract<McpServerState, 'idle' | 'starting' | 'connected' | 'failed' | 'needs-sign-in'>;

interface Connection {
  server: MCPServer;
  pid(): number | null;
  connectedAt: number;
}

/** What FROK knows about a server beyond its config; reset when the config changes. */
interface Runtime {
  state: RuntimeState;
  message: string | null;
  stderr: string[];
  tools: RawMcpTool[];
  conn: Connection | null;
  starting: Promise<Connection> | null;
  failures: number;
  failedAt: number;
  /** Secret values this server was started with, scrubbed from anything shown or returned. */
  scrub: string[];
}

const freshRuntime = (): Runtime => ({ state: 'idle', message: null, stderr: [], tools: [], conn: null, starting: null, failures: 0, failedAt: 0, scrub: [] });

export class McpServerManager {
  private readonly store: McpConfigStore;
  private readonly secrets: McpSecrets;
  private readonly runtimes = new Map<string, Runtime>();
  private readonly backoffMs: (failures: number) => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly connectTimeoutMs: number;
  private disposed = false;

  constructor(private readonly deps: McpServerManagerDeps) {
    this.store = new McpConfigStore(deps.dataDir);
    this.secrets = new McpSecrets(deps.secretStore);
    this.backoffMs = deps.backoffMs ?? defaultBackoff;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = deps.now ?? Date.now;
    this.connectTimeoutMs = deps.connectTimeoutMs ?? 30_000;
  }

  /** Start-up notices (a damaged servers file that was moved aside). */
  get notices() {
    return this.store.notices;
  }

  // ── For the agents layer ────────────────────────────────────────────────────────────

  enabledServers(): McpServerConfig[] {
    return this.store.servers().filter((s) => s.enabled);
  }

  async toolsFor(id: string): Promise<McpToolDetail[]> {
    const config = this.config(id);
    const tools = await this.listRaw(id);
    return tools.map((t) => toolDetail(t, config)).filter((t) => t.enabled);
  }

  needsApproval(id: string, toolName: string): boolean {
    const config = this.store.get(id);
    if (!config) return true;
    return toolNeedsApproval(config, toolName, this.runtime(id).tools.find((t) => t.name === toolName));
  }

  async callTool(id: string, toolName: string, args: Record<string, unknown> | null, options: McpCallOptions = {}): Promise<{ text: string; isError: boolean }> {
    const config = this.config(id);
    if (config.disabledTools.includes(toolName)) {
      throw new UserFacingError('mcp_tool_off', tr('errors:mcp.toolOff', { tool: toolName, server: config.name }));
    }
    options.signal?.throwIfAborted();
    const conn = await this.ensureConnected(id, { skipBackoff: false });
    const limitMs = options.timeoutMs ?? config.callTimeoutSeconds * 1000;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(new Error('timeout')), limitMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
    const timedOut = () => ({
      text: `The tool ${toolName} did not finish within ${formatSeconds(limitMs)}, so FROK stopped waiting for it.`,
      isError: true,
    });
    try {
      const result = await callResult(conn.server, toolName, args, signal);
      return { text: this.scrubbed(this.runtime(id), resultText(result)), isError: result.isError === true };
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (timer.signal.aborted || errorCode(err) === 'REQUEST_TIMEOUT') return timedOut();
      if (this.runtime(id).conn !== conn || isConnectionError(err)) {
        const message = await this.connectionLost(id, conn, err);
        throw new UserFacingError('mcp_server_failed', message);
      }
      // The server answered with an error (bad arguments, unknown tool): the model can read it and try again.
      return { text: this.scrubbed(this.runtime(id), errorText(err)), isError: true };
    } finally {
      clearTimeout(handle);
    }
  }

  // ── Settings → Tools (the mcp:* channels) ───────────────────────────────────────────

  async list(): Promise<{ servers: McpServerView[] }> {
    return { servers: await Promise.all(this.store.servers().map((s) => this.viewOf(s))) };
  }

  async view(id: string): Promise<McpServerView> {
    return this.viewOf(this.config(id));
  }

  /** Adds or replaces a server; its secret values go to the keychain, never to the servers file. */
  async save(server: McpServerConfig, secretValues?: McpSecretValues): Promise<McpServerView> {
    const parsed = McpServerConfigSchema.safeParse(server);
    if (!parsed.success) throw new UserFacingError('invalid_request', tr('errors:mcp.notSaved', { reason: describeZodError(parsed.error) }));
    const config = parsed.data;
    const before = this.store.get(config.id);
    // A change of name, approvals, tool switches or time limit keeps the running server and its tools.
    const reconnect = !before || secretValues !== undefined || before.enabled !== config.enabled || JSON.stringify(before.target) !== JSON.stringify(config.target);
    if (reconnect) await this.closeConnection(config.id);
    await this.secrets.write(config, secretValues);
    this.store.put(config);
    if (before) await this.secrets.prune(before, config);
    if (reconnect || !this.runtimes.has(config.id)) this.runtimes.set(config.id, freshRuntime());
    this.deps.log.info('mcp server saved', { server: config.id, transport: config.target.transport, enabled: config.enabled });
    const view = await this.emitChanged(config.id);
    if (config.enabled && config.startAtLaunch) void this.startInBackground(config.id);
    return view;
  }

  /** Removes a server, its approval and its secrets (including a sign-in). */
  async remove(id: string): Promise<void> {
    const config = this.config(id);
    await this.closeConnection(id);
    await this.secrets.prune(config, null);
    this.store.remove(id);
    this.runtimes.delete(id);
    this.deps.log.info('mcp server removed', { server: id });
  }

  /**
   * Connects (now, without waiting out a pause after a failure) and lists the tools. A local
   * command whose line is not approved is not started: the view asks for the approval.
   */
  async test(id: string): Promise<McpServerView> {
    const config = this.config(id);
    if (!config.enabled) throw new UserFacingError('mcp_server_off', tr('errors:mcp.offTest', { server: config.name }));
    if (this.needsCommandApproval(config)) return this.emitChanged(id);
    try {
      await this.listRaw(id, { skipBackoff: true });
    } catch (err) {
      if (!(err instanceof UserFacingError)) throw err;
      // The view carries the failure and what to do.
    }
    return this.view(id);
  }

  /** Records that the person approved exactly this command line (as shown in the view) for this server. */
  async approveCommand(id: string, commandLine: string): Promise<McpServerView> {
    const config = this.config(id);
    if (config.target.transport !== 'stdio') throw new UserFacingError('invalid_request', tr('errors:mcp.notLocal', { server: config.name }));
    const current = commandLineOf(config.target, this.deps.dataDir);
    if (commandLine !== current) {
      throw new UserFacingError('mcp_command_changed', tr('errors:mcp.commandChanged', { server: config.name }));
    }
    this.store.approveCommand(id, current);
    this.deps.log.info('mcp command approved', { server: id });
    const rt = this.runtime(id);
    if (rt.state === 'failed') Object.assign(rt, { state: 'idle', message: null, failures: 0 });
    return this.emitChanged(id);
  }

  async signIn(id: string): Promise<McpServerView> {
    const config = this.config(id);
    if (config.target.transport === 'stdio') throw new UserFacingError('invalid_request', tr('errors:mcp.localNoSignIn', { server: config.name }));
    if (!this.deps.signIn) throw new UserFacingError('mcp_sign_in_unavailable', tr('errors:mcp.signInUnavailable'));
    await this.deps.signIn(id, config.target.url, config.target.oauthClientId);
    await this.closeConnection(id);
    Object.assign(this.runtime(id), { state: 'idle', message: null, failures: 0 });
    return config.enabled ? this.test(id) : this.emitChanged(id);
  }

  importPreview(json: string): { candidates: McpImportCandidate[]; problems: string[] } {
    const parsed = parseImport(json, new Set(this.store.servers().map((s) => s.id)));
    return { candidates: parsed.candidates.map((c) => c.candidate), problems: parsed.problems };
  }

  /** Adds the chosen candidates of the same JSON; their secret values go to the keychain. */
  async importApply(json: string, ids: string[]): Promise<{ servers: McpServerView[] }> {
    const parsed = parseImport(json, new Set(this.store.servers().map((s) => s.id)));
    const chosen = ids.map((id) => {
      const found = parsed.candidates.find((c) => c.candidate.config.id === id);
      if (!found) throw new UserFacingError('invalid_request', tr('errors:mcp.importMissing', { id }));
      return found;
    });
    for (const { candidate, secrets } of chosen) await this.save(candidate.config, secrets);
    return this.list();
  }

  /** Starts the servers marked `startAtLaunch` (those switched on, and approved if local); failures show in their views. */
  startAtLaunch(): void {
    for (const s of this.store.servers()) if (s.enabled && s.startAtLaunch) void this.startInBackground(s.id);
  }

  /** The process id of a local server's running command (diagnostics and tests). */
  pidOf(id: string): number | null {
    return this.runtimes.get(id)?.conn?.pid() ?? null;
  }

  /** Closes every connection; each local command has exited when this resolves. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.runtimes.keys()].map((id) => this.closeConnection(id)));
  }

  // ── Connections ─────────────────────────────────────────────────────────────────────

  private async listRaw(id: string, o: { skipBackoff?: boolean; interactive?: boolean } = {}): Promise<RawMcpTool[]> {
    const conn = await this.ensureConnected(id, { skipBackoff: o.skipBackoff ?? false, interactive: o.interactive ?? true });
    let tools: RawMcpTool[];
    try {
      tools = (await conn.server.listTools()) as RawMcpTool[];
    } catch (err) {
      throw new UserFacingError('mcp_server_failed', await this.connectionLost(id, conn, err));
    }
    const rt = this.runtime(id);
    const changed = JSON.stringify(rt.tools) !== JSON.stringify(tools);
    rt.tools = tools;
    if (changed) void this.emitChanged(id);
    return tools;
  }

  private async ensureConnected(id: string, o: { skipBackoff: boolean; interactive?: boolean }): Promise<Connection> {
    if (this.disposed) throw new UserFacingError('mcp_server_failed', tr('errors:mcp.quitting'));
    const config = this.config(id);
    if (!config.enabled) throw new UserFacingError('mcp_server_off', tr('errors:mcp.offUse', { server: config.name }));
    if (this.needsCommandApproval(config)) {
      void this.emitChanged(id);
      throw new UserFacingError('mcp_command_not_approved', tr('errors:mcp.notApproved', { server: config.name }));
    }
    const rt = this.runtime(id);
    if (rt.conn) return rt.conn;
    if (rt.starting) return rt.starting;
    const starting = (async () => {
      if (!o.skipBackoff && rt.failures > 0) {
        const wait = this.backoffMs(rt.failures) - (this.now() - rt.failedAt);
        if (wait > 0) await this.sleep(wait);
      }
      return this.start(config, rt, o.interactive ?? true);
    })();
    rt.starting = starting;
    try {
      return await starting;
    } finally {
      if (rt.starting === starting) rt.starting = null;
    }
  }

  private async start(config: McpServerConfig, rt: Runtime, interactive: boolean): Promise<Connection> {
    const { id } = config;
    Object.assign(rt, { state: 'starting', message: null });
    if (config.target.transport === 'stdio') rt.stderr = [];
    void this.emitChanged(id);
    let server: MCPServer | null = null;
    let local: LocalCommandServer | null = null;
    try {
      const secrets = await this.secrets.resolve(config);
      rt.scrub = secrets.values.filter((v) => v.length >= 4);
      if (config.target.transport === 'stdio') {
        const problem = precheckCommand(config.target, this.deps.dataDir);
        if (problem) throw new StartProblem(problem);
        local = new LocalCommandServer({
          name: `mcp:${id}`,
          command: config.target.command,
          args: config.target.args,
          cwd: workingDirOf(config.target, this.deps.dataDir),
          env: serverEnvironment(config.target, secrets.env),
          onStderrLine: (line) => this.stderrLine(id, rt, line),
          onUnexpectedExit: () => void this.unexpectedExit(id, rt, conn),
          onToolsChanged: () => void this.toolsChanged(id, rt, conn),
          connectTimeoutMs: this.connectTimeoutMs,
          callTimeoutMs: config.callTimeoutSeconds * 1000 + 5000,
        });
        server = local;
      } else {
        const headers: Record<string, string> = { ...config.target.headers, ...secrets.headers };
        if (secrets.bearerToken) headers.Authorization = `Bearer ${secrets.bearerToken}`;
        const authProvider = secrets.bearerToken ? undefined : this.deps.authProviderFor?.(id, config.target.url, config.target.oauthClientId, { interactive });
        const options = {
          url: config.target.url,
          name: `mcp:${id}`,
          cacheToolsList: false,
          clientSessionTimeoutSeconds: Math.ceil(this.connectTimeoutMs / 1000),
          // FROK's own limit (by signal) comes first; this only keeps the SDK's default of 60 s from cutting a longer one short.
          timeout: config.callTimeoutSeconds * 1000 + 5000,
          requestInit: { headers },
          logger: this.sdkLogger(),
          ...(authProvider ? { authProvider } : {}),
        };
        server = config.target.transport === 'http' ? new MCPServerStreamableHttp(options) : new MCPServerSSE(options);
      }
      const conn: Connection = { server, pid: () => local?.pid ?? null, connectedAt: this.now() };
      await server.connect();
      if (this.disposed || this.runtimes.get(id) !== rt) {
        await server.close().catch(() => undefined);
        throw new UserFacingError('mcp_server_failed', tr('errors:mcp.changedWhileStarting', { server: config.name }));
      }
      rt.conn = conn;
      // Listed once at start so Settings shows the tools and needsApproval() knows their annotations.
      rt.tools = (await server.listTools()) as RawMcpTool[];
      Object.assign(rt, { state: 'connected', message: null });
      conn.connectedAt = this.now();
      this.deps.log.info('mcp server connected', { server: id, tools: rt.tools.length, pid: conn.pid() });
      void this.emitChanged(id);
      return conn;
    } catch (err) {
      rt.conn = null;
      if (server) await server.close().catch(() => undefined);
      if (err instanceof UserFacingError && this.runtimes.get(id) !== rt) throw err;
      const unauthorized = config.target.transport !== 'stdio' && isUnauthorized(err);
      const message = this.scrubbed(rt, unauthorized ? signInMessage(config) : startFailureMessage(config, err, rt.stderr.at(-1) ?? null));
      Object.assign(rt, { state: unauthorized ? 'needs-sign-in' : 'failed', message, failures: rt.failures + 1, failedAt: this.now() });
      this.deps.log.warn('mcp server did not start', { server: id, message });
      void this.emitChanged(id);
      throw new UserFacingError(unauthorized ? 'mcp_needs_sign_in' : 'mcp_server_failed', message, { cause: err });
    }
  }

  /** The SDK's own log lines, into FROK's log (their details are left out: FROK logs each failure itself). */
  private sdkLogger(): SdkLogger {
    const { log } = this.deps;
    return {
      namespace: 'frok:mcp',
      debug: () => undefined,
      warn: (message: string) => log.warn(`mcp sdk: ${message}`),
      error: (message: string) => log.warn(`mcp sdk: ${message}`),
      dontLogModelData: true,
      dontLogToolData: true,
    };
  }

  private stderrLine(id: string, rt: Runtime, raw: string): void {
    const line = this.scrubbed(rt, raw).slice(0, 2000);
    this.deps.log.info('mcp server stderr', { server: id, line });
    rt.stderr.push(line);
    if (rt.stderr.length > STDERR_LINES) rt.stderr.splice(0, rt.stderr.length - STDERR_LINES);
  }

  /**
   * The server said its tool list changed (`notifications/tools/list_changed`): listed again, and
   * the new view sent, so Settings → Tools shows the new tools without the person asking.
   */
  private async toolsChanged(id: string, rt: Runtime, conn: Connection | undefined): Promise<void> {
    if (!conn || this.runtimes.get(id) !== rt || rt.conn !== conn) return;
    let tools: RawMcpTool[];
    try {
      tools = (await conn.server.listTools()) as RawMcpTool[];
    } catch (err) {
      // Left for the next use to find out (and recover from) if the connection is gone.
      this.deps.log.warn('mcp server tools not listed again', { server: id, error: this.scrubbed(rt, errorText(err)) });
      return;
    }
    if (this.runtimes.get(id) !== rt || rt.conn !== conn) return;
    const changed = JSON.stringify(rt.tools) !== JSON.stringify(tools);
    rt.tools = tools;
    this.deps.log.info('mcp server tools changed', { server: id, tools: tools.length });
    if (changed && this.store.get(id)) await this.emitChanged(id);
  }

  /** A local command exited on its own: failed, restarted (after the pause) at its next use. */
  private async unexpectedExit(id: string, rt: Runtime, conn: Connection | undefined): Promise<void> {
    if (this.runtimes.get(id) !== rt || (conn && rt.conn !== conn) || !rt.conn) return;
    await this.connectionLost(id, rt.conn, new Error('the command exited'));
  }

  /** Marks a connection that broke as failed and drops it; returns the message shown to the person. */
  private async connectionLost(id: string, conn: Connection, err: unknown): Promise<string> {
    const rt = this.runtime(id);
    const config = this.config(id);
    if (rt.conn === conn) {
      rt.conn = null;
      await conn.server.close().catch(() => undefined);
      // A connection that had been fine for a while starts the pauses again from the shortest.
      const healthy = this.now() - conn.connectedAt >= STABLE_AFTER_MS;
      const last = rt.stderr.at(-1);
      const said = last ? tr('errors:mcp.lastWords', { text: last }) : '';
      const what = config.target.transport === 'stdio' ? tr('errors:mcp.stoppedUnexpectedly', { server: config.name }) : tr('errors:mcp.lostConnection', { server: config.name, detail: errorText(err) });
      const message = this.scrubbed(rt, `${what}${said} ${tr('errors:mcp.willRestart')}`);
      Object.assign(rt, { state: 'failed', message, failures: healthy ? 1 : rt.failures + 1, failedAt: this.now() });
      this.deps.log.warn('mcp server connection lost', { server: id, message });
      void this.emitChanged(id);
    }
    return rt.message ?? tr('errors:mcp.unreachable', { server: config.name });
  }

  private async closeConnection(id: string): Promise<void> {
    const rt = this.runtimes.get(id);
    if (!rt) return;
    // A start under way is waited for, so its process is closed too.
    const pending = rt.starting;
    const conn = rt.conn;
    rt.conn = null;
    if (conn) await conn.server.close().catch((err: unknown) => this.deps.log.warn('closing an mcp server failed', { server: id, error: errorText(err) }));
    if (pending) await pending.then((c) => c.server.close(), () => undefined).catch(() => undefined);
    if (rt.state === 'connected' || rt.state === 'starting') rt.state = 'idle';
  }

  private async startInBackground(id: string): Promise<void> {
    try {
      await this.listRaw(id, { interactive: false });
    } catch (err) {
      if (!(err instanceof UserFacingError)) this.deps.log.warn('starting an mcp server failed', { server: id, error: errorText(err) });
    }
  }

  // ── Views ───────────────────────────────────────────────────────────────────────────

  private needsCommandApproval(config: McpServerConfig): boolean {
    return config.target.transport === 'stdio' && this.store.approvedCommand(config.id) !== commandLineOf(config.target, this.deps.dataDir);
  }

  private async viewOf(config: McpServerConfig): Promise<McpServerView> {
    const rt = this.runtime(config.id);
    const state: McpServerState = !config.enabled ? 'off' : this.needsCommandApproval(config) ? 'needs-command-approval' : rt.state;
    const tools: McpToolInfo[] = rt.tools.map((t) => toolInfo(t, config));
    return {
      config,
      state,
      message: state === 'failed' || state === 'needs-sign-in' ? rt.message : null,
      stderrTail: [...rt.stderr],
      tools,
      commandLine: config.target.transport === 'stdio' ? commandLineOf(config.target, this.deps.dataDir) : null,
      secretsSet: await this.secrets.summary(config),
    };
  }

  private async emitChanged(id: string): Promise<McpServerView> {
    const config = this.config(id);
    const view = await this.viewOf(config);
    try {
      this.deps.events.emit('mcp:changed', view);
    } catch (err) {
      this.deps.log.error('mcp:changed not sent', errorText(err));
    }
    return view;
  }

  private config(id: string): McpServerConfig {
    const config = this.store.get(id);
    if (!config) throw new UserFacingError('mcp_not_found', tr('errors:mcp.notFound', { id }));
    return config;
  }

  private runtime(id: string): Runtime {
    let rt = this.runtimes.get(id);
    if (!rt) this.runtimes.set(id, (rt = freshRuntime()));
    return rt;
  }

  private scrubbed(rt: Runtime, text: string): string {
    let out = text;
    for (const value of rt.scrub) out = out.split(value).join('•••');
    return out;
  }
}

class StartProblem extends Error {}

async function callResult(server: MCPServer, toolName: string, args: Record<string, unknown> | null, signal: AbortSignal): Promise<CallToolResult> {
  if (server.callToolResult) return server.callToolResult(toolName, args, null, { signal });
  const content = await server.callTool(toolName, args, null, { signal });
  return { content, isError: content.isError, structuredContent: content.structuredContent };
}

function startFailureMessage(config: McpServerConfig, err: unknown, lastStderr: string | null): string {
  if (err instanceof StartProblem || err instanceof UserFacingError) return err.message;
  if (config.target.transport === 'stdio') return describeStartFailure(config.target, err, lastStderr);
  const url = config.target.url;
  const text = errorText(err);
  const status = httpStatus(err);
  if (/ECONNREFUSED|fetch failed|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket/i.test(`${text} ${causeText(err)}`)) {
    return tr('errors:mcp.nothingAnswered', { url });
  }
  if (status === 404 || status === 405) return tr('errors:mcp.noServerThere', { url, status });
  if (status === 403) return tr('errors:mcp.forbidden', { url });
  return tr('errors:mcp.unreachableAt', { server: config.name, url, detail: text });
}

function signInMessage(config: McpServerConfig): string {
  return tr('errors:mcp.signIn', { server: config.name });
}

function isUnauthorized(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    // UnauthorizedError: the SDK's; McpNeedsSignInError / SignInError / MCP_NEEDS_SIGN_IN: mcp-oauth.ts's.
    if (['UnauthorizedError', 'McpNeedsSignInError', 'SignInError'].includes((e as Error).name) || httpStatus(e) === 401) return true;
    if (errorCode(e) === 'MCP_NEEDS_SIGN_IN') return true;
    if (/\b401\b|unauthori[sz]ed/i.test(errorText(e))) return true;
  }
  return false;
}

function httpStatus(err: unknown): number | null {
  const e = err as { status?: unknown; code?: unknown; data?: { status?: unknown } } | null;
  for (const v of [e?.status, e?.data?.status, e?.code]) if (typeof v === 'number' && v >= 100 && v < 600) return v;
  return null;
}

function isConnectionError(err: unknown): boolean {
  const code = errorCode(err);
  if (code === 'NOT_CONNECTED' || code === 'CONNECTION_CLOSED' || code === 'SEND_FAILED') return true;
  return /not connected|connection closed|ECONNREFUSED|ECONNRESET|fetch failed|socket hang up|EPIPE/i.test(`${errorText(err)} ${causeText(err)}`);
}

function errorCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function causeText(err: unknown): string {
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause ? errorText(cause) : '';
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return s === 1 ? '1 second' : `${s} seconds`;
}
