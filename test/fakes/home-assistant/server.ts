// A fake Home Assistant: HA's MCP server at `/api/mcp` behind `Authorization: Bearer
// <long-lived token>`, serving the Assist API's tools over a small home whose devices
// really change state. Built on @modelcontextprotocol/sdk's low-level `Server`, which is
// what HA's Python side uses: raw JSON schemas, a fresh server for every request.
//
// Checked point by point against home-assistant/core (read through the code index; the
// whole repository was too large to mirror, so these are the stored file versions, by
// commit): mcp_server/server.py 06acbfce67817c6ae5ddcdc381009072096e6268, mcp_server/http.py
// 0175013dbdcd3bccb828a07ba62d2cd357dcf81c, helpers/llm.py 004be187e720f879eace3c615f55204519f21859,
// helpers/intent.py be1fd4e79f39db953879359963febfcf19e0d7c3, intent/__init__.py and
// intent/llm.py 02c28258973c4848b2e51b304a69076860222d15, homeassistant/llm.py
// 0b1bb0d7bc617f1761b23041aa5272126d47df7b, llm/__init__.py 00d6181123f4e447e1df1fd8925785f98c6e0c19,
// llm/llm.py 24a702a964855912460180871b5477c67115c609. HassLightSet's schema and the order of
// the on/off device_class enum follow a tools/list captured from a 2026.9.2 HA.
//
// Transport (http.py): stateless POST only (GET is 405), the client must accept
// application/json and send it (else 400), one JSON-RPC message per request (a batch is
// 400 "Request must be a JSON-RPC message"), notifications get 202, replies are JSON.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, GetPromptRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { createDevices, slugId, type DeviceMap, type HomeKind } from './devices.ts';
import { haToolName, listedOrder, runTool, TOOL_DEFINITIONS, type StateChange, type ToolNaming } from './tools.ts';

export type { StateChange, ToolNaming } from './tools.ts';

export type { DeviceMap, DeviceState, LightState, ClimateState, LockState, CoverState, AlarmState } from './devices.ts';
export { LIVE_CONTEXT_PREAMBLE } from './live-context.ts';

export const DEFAULT_HA_TOKEN = 'ha-test-token';

export type FakeHomeAssistantOptions = {
  /** The long-lived access token HA accepts. Default `ha-test-token`. */
  token?: string;
  /** `false` answers `/api/mcp` with 404, as HA does without the MCP Server integration. */
  mcpEnabled?: boolean;
  /** How tools are named: bare (before HA 2026.9, the default), prefixed by integration domain as since 2026.9 (`intent__HassTurnOn`, `light__HassLightSet`) or mixed. */
  naming?: ToolNaming;
  /** `full`: the larger home with aliases and a cover of every class. Default `small`. */
  home?: HomeKind;
};

export type RecordedToolCall = { tool: string; args: Record<string, unknown>; isError: boolean };

export type FakeHomeAssistant = {
  /** HA's base URL, `http://127.0.0.1:PORT` (the MCP endpoint is `${url}/api/mcp`). */
  url: string;
  token: string;
  /** Live device state by entity id, e.g. `devices.get('lock.front_door')?.state`. */
  devices: DeviceMap;
  /** Every tools/call in arrival order (live array). */
  calls: RecordedToolCall[];
  /** Every state change the home made, in order (live array): the oracle for safety tests. */
  changes: StateChange[];
  /** Puts every device back as it started and empties `calls` and `changes`. */
  resetHome(): void;
  /** The tool names as listed, by intent, e.g. `HassTurnOff` → `intent__HassTurnOff`. */
  toolNames: Readonly<Record<string, string>>;
  /** HTTP requests to `/api/mcp` that passed auth, by JSON-RPC method (live). */
  methods: string[];
  /** `true`: every request gets 503, as HA does while starting or behind a stopped proxy. */
  setDown(down: boolean): void;
  setToken(token: string): void;
  setMcpEnabled(enabled: boolean): void;
  /** Hold every reply this long, to exercise the client's timeouts. */
  setDelay(ms: number): void;
  close(): Promise<void>;
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

// aiohttp's plain-text error bodies, which is what HA sends for these statuses.
function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

function methodsOf(body: unknown): string[] {
  const messages = Array.isArray(body) ? body : [body];
  return messages.flatMap((m) => (m && typeof m === 'object' && 'method' in m && typeof m.method === 'string' ? [m.method] : []));
}

const ASSIST_PROMPT = 'Default prompt for Home Assistant Assist API';

function createMcpServer(devices: DeviceMap, calls: RecordedToolCall[], changes: StateChange[], toolNames: Record<string, string>, naming: ToolNaming): Server {
  const server = new Server({ name: 'home-assistant', version: '1.26.0' }, { capabilities: { tools: {}, prompts: {}, resources: {} } });
  const intentByName = new Map(Object.entries(toolNames).map(([intent, name]) => [name, intent]));
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listedOrder(naming).map((t) => ({ ...t, name: toolNames[t.name]! })) }));
  // server.py: one prompt, named after the API.
  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: [{ name: 'Assist', description: ASSIST_PROMPT }] }));
  server.setRequestHandler(GetPromptRequestSchema, (request) => {
    if (request.params.name !== 'Assist') throw new Error(`Unknown prompt: ${request.params.name}`);
    const text = 'When controlling Home Assistant always call the intent tools. When controlling a device, prefer passing just name and domain. When controlling an area, prefer passing just area name and domain.';
    return { description: ASSIST_PROMPT, messages: [{ role: 'assistant' as const, content: { type: 'text' as const, text } }] };
  });
  // server.py list_resources: every entity registry entry.
  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: [...devices.values()].map((d) => ({ uri: `homeassistant://entities/${d.entityId}`, name: d.name, description: `${d.entityId} is in area ${slugId(d.area)}.` })),
  }));
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    const args = request.params.arguments ?? {};
    // Only the names HA listed can be called; a bare name on a prefixing HA is not found.
    const reply = runTool(devices, intentByName.get(request.params.name) ?? `unknown:${request.params.name}`, args, changes);
    calls.push({ tool: request.params.name, args, isError: reply.isError });
    return { content: [{ type: 'text' as const, text: reply.text }], isError: reply.isError };
  });
  return server;
}

export async function startFakeHomeAssistant(options: FakeHomeAssistantOptions = {}): Promise<FakeHomeAssistant> {
  let token = options.token ?? DEFAULT_HA_TOKEN;
  let down = false;
  let mcpEnabled = options.mcpEnabled ?? true;
  let delayMs = 0;
  const homeKind = options.home ?? 'small';
  const devices = createDevices(homeKind);
  const calls: RecordedToolCall[] = [];
  const changes: StateChange[] = [];
  const toolNames = Object.fromEntries(TOOL_DEFINITIONS.map((t, i) => [t.name, haToolName(t.name, options.naming ?? 'bare', i)]));
  const methods: string[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (down) return sendText(res, 503, '503: Service Unavailable');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.headers.authorization !== `Bearer ${token}`) return sendText(res, 401, '401: Unauthorized');

    if (path === '/api/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ message: 'API running.' }));
    }
    if (path !== '/api/mcp') return sendText(res, 404, '404: Not Found');
    if (!mcpEnabled) return sendText(res, 404, 'Model Context Protocol server is not configured');
    // HA's view implements POST only: no standalone SSE stream, no session to delete.
    if (req.method !== 'POST') return sendText(res, 405, '405: Method Not Allowed', { allow: 'POST' });

    // http.py _async_handle_streamable_message: JSON in, JSON out, one message at a time.
    const accept = req.headers.accept ?? '';
    if (!accept.includes('application/json')) return sendText(res, 400, 'Client must accept application/json');
    if ((req.headers['content-type'] ?? '').split(';')[0]!.trim() !== 'application/json') return sendText(res, 400, 'Content-Type must be application/json');
    const body = await readJson(req);
    if (!body || typeof body !== 'object' || Array.isArray(body) || (body as { jsonrpc?: unknown }).jsonrpc !== '2.0') return sendText(res, 400, 'Request must be a JSON-RPC message');
    // The SDK's transport wants both types listed; HA answers JSON to a client that takes only JSON.
    req.headers.accept = 'application/json, text/event-stream';
    methods.push(...methodsOf(body));
    const server = createMcpServer(devices, calls, changes, toolNames, options.naming ?? 'bare');
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, `500: Internal Server Error (${String(err)})`);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get token() {
      return token;
    },
    devices,
    calls,
    changes,
    toolNames,
    resetHome() {
      devices.clear();
      for (const [id, device] of createDevices(homeKind)) devices.set(id, device);
      calls.length = 0;
      changes.length = 0;
    },
    methods,
    setDown(next) {
      down = next;
    },
    setToken(next) {
      token = next;
    },
    setMcpEnabled(enabled) {
      mcpEnabled = enabled;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.closeAllConnections();
        http.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
