/**
 * Home Assistant for the home specialist (its MCP tools as SDK function tools) and the
 * voice agent (`callTool` for control_home). It connects lazily, follows the URL and
 * token in Settings (reconnecting when they change), and gates every action that would
 * unlock, open or disarm behind the person's approval — `needsApproval` for agent runs,
 * an `approved` flag for direct calls — using the rules in sensitive-actions.ts against
 * the device list HA reports through GetLiveContext.
 */
import { mcpToFunctionTool, type MCPServer } from '@openai/agents';
import { UserFacingError } from '../../errors.ts';
import { tr } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import { requireEndpoint, resolveEndpoint, sameEndpoint, type HomeAssistantConfigInput, type HomeAssistantEndpoint } from './home-config.ts';
import { HomeAssistantConnection, type MCPTool, type ToolCallText } from './home-connection.ts';
import { HOME_ERROR_CODES, homeApprovalRequired, homeUnavailable } from './home-errors.ts';
import { parseLiveContextReply, type KnownDevice } from './live-context.ts';
import { judgeHomeAction, judgedByDevices, namesUnknownDevice } from './sensitive-actions.ts';
import { findHomeTool, resolveHomeTool, type ResolvedHomeTool } from './tool-intents.ts';

export type HomeAssistantServiceOptions = {
  getConfig: () => Promise<HomeAssistantConfigInput>;
  fetch?: typeof fetch;
  log: Logger;
  /** Per request; connecting may take a few requests. Default 10 s. */
  timeoutMs?: number;
};

export type HomeConnectionTest =
  | { ok: true; entityCount: number; message: string }
  | { ok: false; code: 'not_configured' | 'unauthorized' | 'unreachable' | 'no_mcp'; message: string };

/** An HA tool as the SDK runs it: a FunctionTool whose output is HA's reply text. */
export type HomeTool = ReturnType<typeof mcpToFunctionTool>;

export const DEFAULT_HOME_TIMEOUT_MS = 10_000;
/** How long a device list is trusted for approval decisions before it is read again. */
const DEVICE_LIST_TTL_MS = 15_000;
const LIVE_CONTEXT_TOOL = 'GetLiveContext';

/** What the model reads when the person declines an action (pass to `state.reject`). */
export const HOME_ACTION_DECLINED_MESSAGE =
  'The person declined this Home Assistant action, so nothing was changed. Tell them it was not done; do not retry unless they ask again.';

const TEST_CODES: Record<string, Extract<HomeConnectionTest, { ok: false }>['code']> = {
  [HOME_ERROR_CODES.notConfigured]: 'not_configured',
  [HOME_ERROR_CODES.unauthorized]: 'unauthorized',
  [HOME_ERROR_CODES.unavailable]: 'unreachable',
  [HOME_ERROR_CODES.noMcp]: 'no_mcp',
};

const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class HomeAssistantService {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private connection: HomeAssistantConnection | null = null;
  private connecting: { endpoint: HomeAssistantEndpoint; promise: Promise<HomeAssistantConnection> } | null = null;
  private devices: { list: KnownDevice[]; readAt: number } | null = null;
  /** HA's tools with their resolved intents, from the last tools/list. */
  private tools: ResolvedHomeTool[] | null = null;
  /** Bumped by close(), so a connect that finishes afterwards is dropped, not kept. */
  private generation = 0;

  constructor(private readonly o: HomeAssistantServiceOptions) {
    this.fetch = o.fetch ?? globalThis.fetch;
    this.timeoutMs = o.timeoutMs ?? DEFAULT_HOME_TIMEOUT_MS;
  }

  async isConfigured(): Promise<boolean> {
    try {
      return resolveEndpoint(await this.o.getConfig()) !== null;
    } catch {
      return false; // A malformed URL is not a usable configuration.
    }
  }

  /** Connects (to `override` if given, without disturbing the live connection) and counts exposed entities. */
  async testConnection(override?: { url: string; token: string }): Promise<HomeConnectionTest> {
    let temporary: HomeAssistantConnection | null = null;
    try {
      const endpoint = requireEndpoint(override ?? (await this.o.getConfig()));
      const connection = override ? (temporary = await this.open(endpoint)) : await this.current();
      const tools = (await connection.listTools()).map(resolveHomeTool);
      if (!override) this.tools = tools;
      const liveContext = findHomeTool(tools, LIVE_CONTEXT_TOOL);
      if (!liveContext) {
        return { ok: true, entityCount: 0, message: tr('errors:home.noLiveContext', { baseUrl: endpoint.baseUrl, tool: LIVE_CONTEXT_TOOL }) };
      }
      const reply = await connection.callTool(liveContext.name, {});
      const context = parseLiveContextReply(reply.text);
      if (!context.ok) {
        return { ok: true, entityCount: 0, message: tr('errors:home.noDevices', { baseUrl: endpoint.baseUrl }) };
      }
      if (!override) this.devices = { list: context.devices, readAt: Date.now() };
      const n = context.devices.length;
      return { ok: true, entityCount: n, message: tr('errors:home.connected', { baseUrl: endpoint.baseUrl, count: n }) };
    } catch (err) {
      if (err instanceof UserFacingError && TEST_CODES[err.code]) return { ok: false, code: TEST_CODES[err.code]!, message: err.message };
      this.o.log.error('Home Assistant connection test failed unexpectedly', { error: describeError(err) });
      return { ok: false, code: 'unreachable', message: tr('errors:home.unreachable', { detail: describeError(err) }) };
    } finally {
      await temporary?.close();
    }
  }

  /**
   * The home specialist's tools: HA's MCP tools as SDK function tools, each asking for
   * approval when a call would unlock, open or disarm. They call through this service,
   * so they keep working across reconnects and report failures to the model as text.
   */
  async getTools(): Promise<HomeTool[]> {
    const mcpTools = await (await this.current()).listTools();
    this.tools = mcpTools.map(resolveHomeTool);
    return mcpTools.map((mcpTool) => this.toFunctionTool(mcpTool));
  }

  /**
   * Runs one HA tool for the voice agent and returns its text (HA's JSON reply, or its
   * error text). A sensitive action throws `home_approval_required` unless `approved`.
   */
  async callTool(nameOrIntent: string, args: Record<string, unknown>, options: { approved?: boolean } = {}): Promise<string> {
    const tool = await this.resolve(nameOrIntent);
    if (!options.approved && (await this.requiresApproval(tool.name, args))) throw homeApprovalRequired(this.approvalPrompt(tool.name, args) ?? 'Change a lock, door or alarm?');
    return (await this.invoke(tool.name, args)).text;
  }

  /** From the tool list and device list already read; see sensitive-actions.ts for the rules. */
  isSensitive(nameOrIntent: string, args: unknown): boolean {
    return judgeHomeAction(this.known(nameOrIntent), args, this.devices?.list ?? null).sensitive;
  }

  /** The question for the person, e.g. "Unlock Front Door (Hallway)?"; null when none is needed. */
  approvalPrompt(nameOrIntent: string, args: unknown): string | null {
    const verdict = judgeHomeAction(this.known(nameOrIntent), args, this.devices?.list ?? null);
    return verdict.sensitive ? verdict.prompt : null;
  }

  /** Like isSensitive, after making sure the tool and device lists are fresh enough to judge by. */
  async requiresApproval(nameOrIntent: string, args: unknown): Promise<boolean> {
    const tool = await this.resolve(nameOrIntent);
    if (judgedByDevices(tool)) {
      const known = this.devices;
      const stale = !known || Date.now() - known.readAt >= DEVICE_LIST_TTL_MS;
      if (stale || namesUnknownDevice(args, known.list)) await this.refreshDevices();
    }
    return this.isSensitive(tool.name, args);
  }

  /** Whether this is one of HA's tools as last listed (so its approvals are ours to describe). */
  hasTool(name: string): boolean {
    return this.tools?.some((t) => t.name === name) ?? false;
  }

  /** A tool from the last list read; a name not in it is judged as an unknown targeting tool. */
  private known(nameOrIntent: string): ResolvedHomeTool {
    return findHomeTool(this.tools ?? [], nameOrIntent) ?? resolveHomeTool({ name: nameOrIntent, inputSchema: undefined as never }); // No schema: judged as able to target.
  }

  /** Reads HA's tool list when none is known yet, so intents map to the names HA gave. */
  private async resolve(nameOrIntent: string): Promise<ResolvedHomeTool> {
    if (!this.tools || !findHomeTool(this.tools, nameOrIntent)) {
      this.tools = (await (await this.current()).listTools()).map(resolveHomeTool);
    }
    return this.known(nameOrIntent);
  }

  async close(): Promise<void> {
    this.generation += 1;
    const pending = this.connecting;
    this.connecting = null;
    const connection = this.connection;
    this.connection = null;
    this.devices = null;
    this.tools = null;
    await connection?.close();
    await pending?.promise.then((c) => c.close()).catch(() => {});
  }

  private toFunctionTool(mcpTool: MCPTool): HomeTool {
    // HA's schemas have optional slots and no `required`, which strict mode cannot express.
    const converted = mcpToFunctionTool(mcpTool, this.serverFacade, false);
    return {
      ...converted,
      needsApproval: async (_runContext, input) => {
        try {
          return await this.requiresApproval(mcpTool.name, input);
        } catch (err) {
          this.o.log.warn('Could not decide whether a home action needs approval; asking to be safe', { tool: mcpTool.name, error: describeError(err) });
          return true;
        }
      },
    };
  }

  /**
   * The MCPServer the converted tools call. It resolves the live connection on every
   * call instead of holding one, and turns failures into text the model can relay.
   */
  private readonly serverFacade: MCPServer = {
    name: 'home-assistant',
    cacheToolsList: true,
    errorFunction: ({ error }) =>
      `Home Assistant did not run this: ${error instanceof UserFacingError ? error.message : describeError(error)}`,
    connect: async () => {
      await this.current();
    },
    close: () => this.close(),
    listTools: async () => (await this.current()).listTools(),
    callTool: async (toolName, args, _meta, options) => {
      const connection = await this.current();
      // Reusing the connection's own call keeps the timeouts and error sorting in one place.
      const result = await this.callOn(connection, toolName, args ?? {}, options?.signal);
      return Object.assign([{ type: 'text', text: result.text }], { isError: result.isError });
    },
    invalidateToolsCache: async () => {},
  };

  private async invoke(name: string, args: Record<string, unknown>): Promise<ToolCallText> {
    return this.callOn(await this.current(), name, args);
  }

  private async callOn(connection: HomeAssistantConnection, name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<ToolCallText> {
    try {
      const result = await connection.callTool(name, args, signal);
      if (this.known(name).intent === LIVE_CONTEXT_TOOL && !result.isError) this.rememberDevices(result.text, args);
      return result;
    } catch (err) {
      // A failed exchange may have left the session unusable: start clean next time.
      if (this.connection === connection) {
        this.connection = null;
        await connection.close();
      }
      throw err;
    }
  }

  /**
   * Since HA's GetLiveContext takes name, area and domain filters, a reply may list only
   * part of the home: taken as the whole, a list of lights would make "unlock every lock"
   * look harmless. An unfiltered reply replaces the list; a filtered one only adds to it.
   */
  private rememberDevices(text: string, args: Record<string, unknown>): void {
    const context = parseLiveContextReply(text);
    if (!context.ok) return;
    const filtered = Object.values(args).some((v) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0));
    if (!filtered) {
      this.devices = { list: context.devices, readAt: Date.now() };
      return;
    }
    if (!this.devices) return; // Part of the home is no device list to judge by; the next full read gives one.
    const key = (d: KnownDevice) => JSON.stringify([d.domain, d.names[0], d.areas]);
    const merged = new Map(this.devices.list.map((d) => [key(d), d]));
    for (const device of context.devices) merged.set(key(device), device);
    this.devices = { list: [...merged.values()], readAt: this.devices.readAt };
  }

  private async refreshDevices(): Promise<void> {
    try {
      await this.invoke((await this.resolve(LIVE_CONTEXT_TOOL)).name, {});
    } catch (err) {
      // Judged without a fresh list the rules lean towards asking, which is the safe side.
      this.o.log.warn('Could not read the Home Assistant device list for an approval decision', { error: describeError(err) });
    }
  }

  /** The connection for the configured HA, opened or replaced when Settings changed. */
  private async current(): Promise<HomeAssistantConnection> {
    const endpoint = requireEndpoint(await this.o.getConfig());
    if (this.connection && !this.connection.isClosed && sameEndpoint(this.connection.endpoint, endpoint)) return this.connection;
    if (this.connecting && sameEndpoint(this.connecting.endpoint, endpoint)) return this.connecting.promise;

    // No await between the checks above and publishing the attempt: concurrent callers join it.
    const previous = this.connection;
    this.connection = null;
    if (previous && !sameEndpoint(previous.endpoint, endpoint)) {
      this.devices = null; // Another home, another device and tool list.
      this.tools = null;
    }
    const generation = this.generation;
    const promise = (async () => {
      await previous?.close();
      return this.open(endpoint);
    })();
    const attempt = { endpoint, promise };
    this.connecting = attempt;
    try {
      const connection = await promise;
      if (this.connecting !== attempt) {
        await connection.close();
        if (generation !== this.generation) throw homeUnavailable(endpoint.baseUrl, 'the connection was closed while it was being opened');
        return this.current(); // Settings changed while connecting: follow them.
      }
      this.connection = connection;
      return connection;
    } finally {
      if (this.connecting === attempt) this.connecting = null;
    }
  }

  private open(endpoint: HomeAssistantEndpoint): Promise<HomeAssistantConnection> {
    return HomeAssistantConnection.open(endpoint, { fetch: this.fetch, timeoutMs: this.timeoutMs, log: this.o.log });
  }
}
