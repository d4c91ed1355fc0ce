// A small stdio MCP server (official SDK) that, like `npx some-server`, leaves the real work to
// a process of its own: it starts a long-lived grandchild before it answers, and says the
// grandchild's pid on stderr ("grandchild pid 1234"). The grandchild keeps the server's stderr
// (as an npx-started server does) and never exits by itself; with STUBBORN=1 it also ignores
// SIGTERM, so only SIGKILL ends it.
import { spawn } from 'node:child_process';
import process from 'node:process';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const body = `${process.env.STUBBORN === '1' ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 60000);`;
const grandchild = spawn(process.execPath, ['-e', body], { stdio: ['ignore', 'ignore', 'inherit'] });
process.stderr.write(`grandchild pid ${grandchild.pid}\n`);

const server = new McpServer({ name: 'grandchild', version: '1.0.0' });
server.registerTool('ping', { description: 'Answers pong.', annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
await server.connect(new StdioServerTransport());
