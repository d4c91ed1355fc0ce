/**
 * The client the official MCP conformance suite (@modelcontextprotocol/conformance, client
 * mode) drives: FROK's own path to a remote MCP server — @openai/agents'
 * MCPServerStreamableHttp with the OAuth provider from electron/main/services/mcp/mcp-oauth.ts,
 * tokens kept in memory, and a "browser" that follows the authorization URL with fetch (so it
 * lands on FROK's loopback redirect, as the person's browser would after they approve).
 *
 * The suite appends the server URL as the last argument and names the scenario in
 * MCP_CONFORMANCE_SCENARIO (extra data, e.g. a pre-registered client id, in
 * MCP_CONFORMANCE_CONTEXT). Every scenario gets the same treatment: connect (initialize),
 * list the tools, call the ones the conformance servers offer, close.
 *
 *   node --experimental-transform-types --no-warnings --import ./scripts/register-ts-resolver.mjs \
 *     scripts/mcp-conformance-client.ts <server-url>
 */
import { MCPServerStreamableHttp } from '@openai/agents';
import { createMcpOAuth, type McpOAuthStorage } from '../electron/main/services/mcp/mcp-oauth';

/** Arguments for the tools the conformance servers define; other tools are listed, not called. */
const TOOL_ARGS: Record<string, Record<string, unknown>> = {
  add_numbers: { a: 5, b: 3 },
  'test-tool': {},
  test_reconnection: {},
  test_client_elicitation_defaults: {},
};

async function main(): Promise<void> {
  const url = process.argv.at(-1);
  if (!url || !/^https?:\/\//.test(url)) throw new Error('usage: mcp-conformance-client.ts <server-url>');
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
  const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as { client_id?: string };
  const log = (msg: string): void => {
    process.stderr.write(`[frok-conformance ${scenario}] ${msg}\n`);
  };

  const map = new Map<string, string>();
  const storage: McpOAuthStorage = {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => void map.set(k, v),
    delete: (k) => map.delete(k),
  };
  const oauth = createMcpOAuth({
    storage,
    openExternal: async (authorizationUrl) => {
      log(`browser: ${authorizationUrl}`);
      const res = await fetch(authorizationUrl);
      await res.text();
    },
    signInTimeoutMs: 20_000,
  });

  const server = new MCPServerStreamableHttp({
    url,
    name: 'frok-conformance',
    cacheToolsList: false,
    authProvider: oauth.authProviderFor('conformance', url, context.client_id ?? null),
  });
  await server.connect();
  try {
    const tools = await server.listTools();
    log(`tools: ${tools.map((t) => t.name).join(', ')}`);
    for (const tool of tools) {
      const args = TOOL_ARGS[tool.name];
      if (!args) continue;
      const result = await server.callTool(tool.name, args);
      log(`${tool.name}: ${JSON.stringify(result).slice(0, 200)}`);
    }
  } finally {
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`[frok-conformance] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
