// The fake Home Assistant's transport as HA serves it (homeassistant/components/mcp_server/http.py):
// stateless POST /api/mcp with JSON replies, no session header, GET refused, batches refused,
// a client that accepts only JSON answered, prompts advertised besides tools.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server.ts';

let ha: FakeHomeAssistant;
beforeAll(async () => {
  ha = await startFakeHomeAssistant({ naming: 'prefixed' });
});
afterAll(() => ha.close());

const post = (body: unknown, accept = 'application/json') =>
  fetch(`${ha.url}/api/mcp`, { method: 'POST', headers: { authorization: `Bearer ${ha.token}`, 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

describe('fake Home Assistant on the wire', () => {
  it('answers a JSON-only client with JSON and no session, advertising tools and prompts', async () => {
    const res = await post(initialize);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('mcp-session-id')).toBeNull();
    const reply = (await res.json()) as { result: { capabilities: Record<string, unknown> } };
    expect(Object.keys(reply.result.capabilities)).toEqual(expect.arrayContaining(['tools', 'prompts']));
  });

  it('refuses GET with 405 and a JSON-RPC batch with 400', async () => {
    expect((await fetch(`${ha.url}/api/mcp`, { headers: { authorization: `Bearer ${ha.token}` } })).status).toBe(405);
    expect((await post([initialize])).status).toBe(400);
  });

  it('lists prefixed tool names and writes results with Python json.dumps spacing', async () => {
    const list = (await (await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' })).json()) as { result: { tools: { name: string }[] } };
    expect(list.result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['intent__HassTurnOn', 'homeassistant__GetLiveContext', 'llm__GetDateTime']));
    const call = (await (await post({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'intent__HassTurnOn', arguments: { name: 'Kitchen Ceiling', extra: 1 } } })).json()) as {
      result: { content: { text: string }[]; isError: boolean };
    };
    expect(call.result.isError).toBe(false);
    expect(call.result.content[0]!.text).toMatch(/^\{"speech": \{\}, "response_type": "action_done", "data": \{"targets": \[\], "success": \[\{"name": "Kitchen Ceiling"/);
  });

  it('answers arguments that break the schema with the MCP library\'s own words', async () => {
    const reply = (await (await post({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'intent__HassTurnOff', arguments: { domain: 'lock' } } })).json()) as {
      result: { content: { text: string }[]; isError: boolean };
    };
    expect(reply.result).toMatchObject({ isError: true, content: [{ text: "Input validation error: 'lock' is not of type 'array'" }] });
  });

  it('refuses unknown keys for GetLiveContext and bare names on a prefixing HA', async () => {
    const extra = (await (await post({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'homeassistant__GetLiveContext', arguments: { area: 'x' } } })).json()) as {
      result: { content: { text: string }[]; isError: boolean };
    };
    expect(extra.result).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/^Input validation error: /) }] });
    const bare = (await (await post({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'HassTurnOn', arguments: { name: 'Kitchen Ceiling' } } })).json()) as {
      result: { content: { text: string }[]; isError: boolean };
    };
    expect(bare.result).toMatchObject({ isError: true, content: [{ text: 'Error calling tool: Tool HassTurnOn not found' }] });
  });
});
