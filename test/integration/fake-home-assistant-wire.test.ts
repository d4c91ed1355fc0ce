// The fake Home Assistant's transport and replies as HA serves them (homeassistant/components/
// mcp_server/http.py and server.py): stateless POST /api/mcp with JSON replies, no session
// header, GET refused, batches and clients that do not accept JSON refused with 400, prompts
// advertised besides tools, and the tool results and errors in HA's own words.
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

  it('refuses GET with 405, a JSON-RPC batch and a client that will not take JSON with 400', async () => {
    expect((await fetch(`${ha.url}/api/mcp`, { headers: { authorization: `Bearer ${ha.token}` } })).status).toBe(405);
    const batch = await post([initialize]);
    expect([batch.status, await batch.text()]).toEqual([400, 'Request must be a JSON-RPC message']);
    const sse = await post(initialize, 'text/event-stream');
    expect([sse.status, await sse.text()]).toEqual([400, 'Client must accept application/json']);
  });

  it('lists prefixed tool names and writes results with Python json.dumps spacing', async () => {
    const list = (await (await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' })).json()) as { result: { tools: { name: string }[] } };
    expect(list.result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['intent__HassTurnOn', 'homeassistant__GetLiveContext', 'llm__GetDateTime', 'light__HassLightSet', 'climate__HassClimateSetTemperature']));
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
    const extra = (await (await post({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'homeassistant__GetLiveContext', arguments: { room: 'x' } } })).json()) as {
      result: { content: { text: string }[]; isError: boolean };
    };
    expect(extra.result).toMatchObject({ isError: true, content: [{ text: "Error calling tool: extra keys not allowed @ data['room']" }] });
    const bare = (await (await post({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'HassTurnOn', arguments: { name: 'Kitchen Ceiling' } } })).json()) as {
      result: { content: { text: string }[]; isError: boolean };
    };
    expect(bare.result).toMatchObject({ isError: true, content: [{ text: 'Error calling tool: Tool "HassTurnOn" not found' }] });
  });

  const callText = async (name: string, args: Record<string, unknown>) =>
    ((await (await post({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name, arguments: args } })).json()) as { result: { content: { text: string }[]; isError: boolean } }).result;

  it('lists the schemas HA builds from the intent slots: full device-class enums, light-only domain', async () => {
    const list = (await (await post({ jsonrpc: '2.0', id: 7, method: 'tools/list' })).json()) as { result: { tools: { name: string; inputSchema: { properties: Record<string, unknown> } }[] } };
    const byName = new Map(list.result.tools.map((t) => [t.name, t.inputSchema]));
    expect(list.result.tools.map((t) => t.name)).not.toContain('intent__HassToggle');
    const onOff = (byName.get('intent__HassTurnOn')!.properties['device_class'] as { items: { enum: string[] } }).items.enum;
    expect(onOff).toEqual(expect.arrayContaining(['outlet', 'switch', 'identify', 'garage', 'tv', 'water', 'gas']));
    expect(byName.get('light__HassLightSet')!.properties).toMatchObject({ domain: { items: { enum: ['light'] } }, temperature: { type: 'integer', minimum: 0 } });
    expect(byName.get('homeassistant__GetLiveContext')!.properties).toMatchObject({ domain: { anyOf: [{ type: 'string' }, { type: 'array' }] } });
  });

  it('reports match failures as str(MatchFailedError) and area targets before entities', async () => {
    const miss = await callText('intent__HassTurnOn', { name: 'Attic Fan', domain: ['light'] });
    expect(miss).toMatchObject({ isError: true });
    expect(miss.content[0]!.text).toBe(
      "Error calling tool: <MatchFailedError result=MatchTargetsResult(is_match=False, no_match_reason=<MatchFailedReason.NAME: 1>, states=[], no_match_name=None, areas=[], floors=[]), " +
        "constraints=MatchTargetsConstraints(name='Attic Fan', area_name=None, floor_name=None, domains={'light'}, device_classes=None, features=None, states=None, assistant='conversation', allow_duplicate_names=False, single_target=False), " +
        'preferences=MatchTargetsPreferences(area_id=None, floor_id=None)>',
    );
    const kitchen = await callText('intent__HassTurnOff', { area: 'Kitchen', domain: ['light'] });
    expect(kitchen.content[0]!.text).toBe(
      '{"speech": {}, "response_type": "action_done", "data": {"targets": [], "success": [{"name": "Kitchen", "type": "area", "id": "kitchen"}, {"name": "Kitchen Ceiling", "type": "entity", "id": "light.kitchen_ceiling"}], "failed": []}}',
    );
    expect((await callText('intent__HassTurnOn', { name: 'all' })).content[0]!.text).toBe('Error calling tool: Service handler cannot target all devices');
    expect((await callText('intent__HassTurnOn', { name: 'Home Alarm' })).content[0]!.text).toBe("Error calling tool: Failed to call turn_on for: ['alarm_control_panel.home_alarm']");
  });

  it('filters GetLiveContext by name, area and domain, answering misses as success: false', async () => {
    const locks = await callText('homeassistant__GetLiveContext', { domain: 'lock' });
    expect(locks).toMatchObject({ isError: false });
    expect(JSON.parse(locks.content[0]!.text)).toEqual({
      success: true,
      result: 'Live Context: An overview of the areas and the devices in this smart home:\n- names: Front Door\n  domain: lock\n  state: locked\n  areas: Hallway, Entry\n',
    });
    expect(JSON.parse((await callText('homeassistant__GetLiveContext', { area: 'Nowhere' })).content[0]!.text)).toEqual({ success: false, error: "Area 'Nowhere' does not exist" });
    const covers = JSON.parse((await callText('homeassistant__GetLiveContext', { name: 'garage door' })).content[0]!.text) as { result: string };
    expect(covers.result).toContain("  attributes:\n    current_position: '0'\n    device_class: garage\n");
  });

  it('answers GetDateTime with date, time, timezone and weekday', async () => {
    const reply = JSON.parse((await callText('llm__GetDateTime', {})).content[0]!.text) as { success: boolean; result: Record<string, string> };
    expect(reply.success).toBe(true);
    expect(Object.keys(reply.result)).toEqual(['date', 'time', 'timezone', 'weekday']);
    expect(reply.result['date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
