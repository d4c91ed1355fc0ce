/**
 * A local MCP server (a command FROK starts and talks to over stdin/stdout) as an Agents
 * SDK `MCPServer`. The SDK's own MCPServerStdio lets the child's stderr through to FROK's
 * terminal and does not say when the child exits; FROK needs both (stderr goes to its log and
 * to Settings → Tools when the command fails, and an exit is a crash to recover from), so
 * this drives the MCP client's StdioClientTransport directly with stderr piped.
 */
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { Readable } from 'node:stream';
import type { CallToolResult, CallToolResultContent, MCPCallToolOptions, MCPServer } from '@openai/agents';
import { descendantsOf, endTree } from './process-tree';

type MCPTool = Awaited<ReturnType<MCPServer['listTools']>>[number];

export interface LocalCommandOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** The whole environment of the child (nothing of FROK's own is added). */
  env: Record<string, string>;
  /** Each stderr line of the child, as it comes. */
  onStderrLine(line: string): void;
  /** The child went away without close() being called. */
  onUnexpectedExit(): void;
  /** The server said its tools changed (`notifications/tools/list_changed`): list them again. */
  onToolsChanged?(): void;
  connectTimeoutMs: number;
  /** Per-request limit for a tool call (the caller also limits it by signal). */
  callTimeoutMs: number;
}

export class LocalCommandServer implements MCPServer {
  // Listed fresh every time, so a `notifications/tools/list_changed` is seen at the next listing (and onToolsChanged says when).
  cacheToolsList = false;
  private client: Client | null = null;
  private transport: StdioClientTransport | null = null;
  private closing = false;

  constructor(private readonly o: LocalCommandOptions) {}

  get name(): string {
    return this.o.name;
  }

  /** The child's process id while it runs. */
  get pid(): number | null {
    return this.transport?.pid ?? null;
  }

  async connect(): Promise<void> {
    const transport = new StdioClientTransport({ command: this.o.command, args: this.o.args, cwd: this.o.cwd, env: this.o.env, stderr: 'pipe' });
    // The PassThrough exists before start(), so not even the first line is lost.
    if (transport.stderr) createInterface({ input: transport.stderr as Readable }).on('line', (line) => this.o.onStderrLine(line));
    // `legacy`: the plain initialize handshake. `auto` would first probe with a second, short-lived copy of the command.
    const client = new Client(
      { name: 'FROK', version: '1.0.0' },
      {
        versionNegotiation: { mode: 'legacy' },
        // Only heeded from a server that declares `tools.listChanged`. The caller lists them itself (pages, time limit).
        listChanged: { tools: { autoRefresh: false, debounceMs: 100, onChanged: () => this.o.onToolsChanged?.() } },
      },
    );
    client.onclose = () => {
      if (this.client === client && !this.closing) {
        this.client = null;
        this.o.onUnexpectedExit();
      }
    };
    this.transport = transport;
    this.client = client;
    try {
      await client.connect(transport, { timeout: this.o.connectTimeoutMs });
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  async listTools(): Promise<MCPTool[]> {
    const client = this.connected();
    const tools: MCPTool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 64; page++) {
      const result = await client.listTools(cursor ? { cursor } : undefined, { timeout: this.o.connectTimeoutMs });
      tools.push(...(result.tools as unknown as MCPTool[]));
      if (!result.nextCursor || result.nextCursor === cursor) break;
      cursor = result.nextCursor;
    }
    return tools;
  }

  async callTool(toolName: string, args: Record<string, unknown> | null, meta?: Record<string, unknown> | null, options?: MCPCallToolOptions): Promise<CallToolResultContent> {
    const result = await this.callToolResult(toolName, args, meta, options);
    return Object.assign(result.content, { isError: result.isError, structuredContent: result.structuredContent });
  }

  async callToolResult(toolName: string, args: Record<string, unknown> | null, meta?: Record<string, unknown> | null, options?: MCPCallToolOptions): Promise<CallToolResult> {
    const client = this.connected();
    const result = await client.callTool(
      { name: toolName, arguments: args ?? {}, ...(meta ? { _meta: meta } : {}) },
      { timeout: this.o.callTimeoutMs, ...(options?.signal ? { signal: options.signal } : {}) },
    );
    return result as unknown as CallToolResult;
  }

  async invalidateToolsCache(): Promise<void> {
    // Nothing is cached.
  }

  /**
   * Ends the child and every process under it (an `npx` command's real server is a grandchild,
   * which the transport alone would leave running): stdin closed, then SIGTERM, then SIGKILL;
   * resolves once they have exited.
   */
  async close(): Promise<void> {
    this.closing = true;
    const { client, transport } = this;
    this.client = null;
    this.transport = null;
    try {
      const pid = transport?.pid ?? null;
      // Listed before anything is closed: once the child exits, its children can no longer be found from it.
      const descendants = pid ? await descendantsOf(pid) : [];
      await Promise.all([transport?.close(), pid ? endTree(pid, descendants) : undefined]);
      await client?.close();
    } finally {
      this.closing = false;
    }
  }

  private connected(): Client {
    if (!this.client) throw new Error('The server is not connected.');
    return this.client;
  }
}
