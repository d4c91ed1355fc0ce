// A small MCP server on the official SDK (stdio) whose tool list grows on request: calling
// `unlock_weather` registers `get_weather`, and the SDK sends notifications/tools/list_changed,
// as a real server does when its tools change while a client is connected.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'growing', version: '1.0.0' });
server.registerTool(
  'unlock_weather',
  { title: 'Unlock the weather tool', description: 'Adds the get_weather tool.', annotations: { readOnlyHint: true } },
  async () => {
    server.registerTool(
      'get_weather',
      { title: 'Weather', description: 'The weather in a city.', inputSchema: { city: z.string() }, annotations: { readOnlyHint: true } },
      async ({ city }) => ({ content: [{ type: 'text', text: `Sunny in ${city}.` }] }),
    );
    return { content: [{ type: 'text', text: 'get_weather is now available.' }] };
  },
);
await server.connect(new StdioServerTransport());
