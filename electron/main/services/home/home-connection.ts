/**
 * One live MCP connection to one Home Assistant (URL + token), on the SDK's
 * MCPServerStreamableHttp. It watches its own HTTP traffic so a failure can be told apart
 * (refused token, no MCP integration, HA down), and bounds every step in time: each
 * request by the MCP client's timeout and an abort on the fetch, each operation by a
 * deadline on top, so a silent HA can never hang a run.
 */
import { getLogger, MCPServerStreamableHttp, type CallToolResultContent, type MCPServer } from '@openai/agents';
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type { HomeAssistantEndpoint } from './home-config.ts';
import { classifyHomeFailure, type WireObservation } from './home-errors.ts';

export type ConnectionOptions = { fetch: typeof fetch; timeoutMs: number; log: Logger };

type SdkLogger = ReturnType<typeof getLogger>;
/** The SDK does not export its MCP tool type; this is what `listTools` gives. */
export type MCPTool = Awaited<ReturnType<MCPServer['listTools']>>[number];

/** HA's tools return text; anything else is named so nothing is silently dropped. */
const ToolContent = z.array(z.looseObject({ type: z.string(), text: z.string().optional() }));

export type ToolCallText = { text: string; isError: boolean };

export function contentToText(content: CallToolResultContent): ToolCallText {
  const parts = ToolContent.safeParse(content);
  if (!parts.success) return { text: 'Home Assistant sent a reply in an unknown shape.', isError: true };
  const text = parts.data.map((part) => (part.type === 'text' && part.text !== undefined ? part.text : `[${part.type} content]`)).join('\n');
  return { text, isError: content.isError === true };
}

function deadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

export class HomeAssistantConnection {
  private readonly server: MCPServerStreamableHttp;
  /** Everything the HTTP layer saw, numbered so an operation can read just its own part. */
  private readonly wire: { seq: number; status?: number; error?: unknown }[] = [];
  private seq = 0;
  private closed = false;

  private constructor(
    readonly endpoint: HomeAssistantEndpoint,
    private readonly o: ConnectionOptions,
  ) {
    this.server = new MCPServerStreamableHttp({
      url: endpoint.mcpUrl,
      name: 'home-assistant',
      requestInit: { headers: { Authorization: `Bearer ${endpoint.token}` } },
      fetch: this.watchedFetch,
      timeout: o.timeoutMs,
      clientSessionTimeoutSeconds: o.timeoutMs / 1000,
      cacheToolsList: true,
      logger: this.sdkLogger(),
    });
  }

  /** Connects, or throws the UserFacingError that says why not. */
  static async open(endpoint: HomeAssistantEndpoint, o: ConnectionOptions): Promise<HomeAssistantConnection> {
    const connection = new HomeAssistantConnection(endpoint, o);
    try {
      // Connecting is a few sequential requests (era probe, initialize, initialized).
      await connection.guard(() => connection.server.connect(), o.timeoutMs * 3);
      return connection;
    } catch (err) {
      await connection.close();
      throw err;
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  listTools(): Promise<MCPTool[]> {
    return this.guard(() => this.server.listTools(), this.o.timeoutMs * 2);
  }

  async callTool(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<ToolCallText> {
    const content = await this.guard(() => this.server.callTool(name, args, null, signal ? { signal } : undefined), this.o.timeoutMs * 2);
    return contentToText(content);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await deadline(this.server.close(), this.o.timeoutMs).catch((err: unknown) => {
      this.o.log.warn('Closing the Home Assistant MCP connection failed', { error: String(err) });
    });
  }

  /** Runs one MCP operation within `ms`, turning any failure into a person's error. */
  private async guard<T>(operation: () => Promise<T>, ms: number): Promise<T> {
    const from = this.seq;
    try {
      return await deadline(operation(), ms);
    } catch (err) {
      const mine = this.wire.filter((w) => w.seq > from);
      const seen: WireObservation = {
        statuses: mine.flatMap((w) => (w.status === undefined ? [] : [w.status])),
        networkErrors: mine.flatMap((w) => (w.error === undefined ? [] : [w.error])),
      };
      const failure = classifyHomeFailure(err, seen, this.endpoint.baseUrl, this.o.timeoutMs);
      this.o.log.warn('Home Assistant MCP request failed', { url: this.endpoint.mcpUrl, code: failure.code, cause: String(err) });
      throw failure;
    } finally {
      // Keep the record short: only in-flight operations can still read it.
      if (this.wire.length > 200) this.wire.splice(0, this.wire.length - 50);
    }
  }

  private readonly watchedFetch: typeof fetch = async (input, init) => {
    const seq = ++this.seq;
    const method = (init?.method ?? 'GET').toUpperCase();
    // The GET is a long-lived event stream on servers that offer one; only bound requests.
    const signal =
      method === 'GET' ? init?.signal : AbortSignal.any([AbortSignal.timeout(this.o.timeoutMs), ...(init?.signal ? [init.signal] : [])]);
    try {
      const response = await this.o.fetch(input, { ...init, signal });
      this.wire.push({ seq, status: response.status });
      return response;
    } catch (error) {
      this.wire.push({ seq, error });
      throw error;
    }
  };

  private sdkLogger(): SdkLogger {
    // The SDK logs connect failures itself; route them to ours, without the debug noise.
    const log = this.o.log;
    return {
      namespace: 'frok:home-assistant',
      debug: () => {},
      warn: (message: string, ...args: unknown[]) => log.warn(`[mcp] ${message}`, args.length ? args.map(String) : undefined),
      error: (message: string, ...args: unknown[]) => log.warn(`[mcp] ${message}`, args.length ? args.map(String) : undefined),
      dontLogModelData: true,
      dontLogToolData: true,
    };
  }
}
