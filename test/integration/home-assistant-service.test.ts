// HomeAssistantService over the SDK's real MCP client against the fake Home Assistant:
// connection tests, tools, direct calls for the voice agent, reconnects, approvals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HomeAssistantService } from '../../electron/main/services/home/home-assistant.ts';
import { createMemoryLogger } from '../../electron/main/logger.ts';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server.ts';

let ha: FakeHomeAssistant;
let config: { url: string | null; token: string | null };
let service: HomeAssistantService;
const log = createMemoryLogger();

function makeService(timeoutMs = 2_000): HomeAssistantService {
  return new HomeAssistantService({ getConfig: async () => ({ ...config }), log, timeoutMs });
}

beforeEach(async () => {
  ha = await startFakeHomeAssistant();
  config = { url: ha.url, token: ha.token };
  service = makeService();
});

afterEach(async () => {
  await service.close();
  await ha.close();
});

describe('testConnection', () => {
  it('connects and counts the exposed devices', async () => {
    const result = await service.testConnection();
    expect(result).toEqual({ ok: true, entityCount: ha.devices.size, message: `Connected to Home Assistant at ${ha.url}: 7 devices exposed to Assist.` });
    expect(ha.methods).toEqual(expect.arrayContaining(['initialize', 'tools/list', 'tools/call']));
  });

  it('says the token was refused', async () => {
    config.token = 'wrong-token';
    expect(await service.testConnection()).toEqual({
      ok: false,
      code: 'unauthorized',
      message: expect.stringContaining('Home Assistant refused the token — create a new long-lived access token'),
    });
  });

  it('says HA is not answering when it is down', async () => {
    ha.setDown(true);
    const result = await service.testConnection();
    expect(result).toEqual({ ok: false, code: 'unreachable', message: expect.stringContaining(`Home Assistant at ${ha.url} is not answering (HTTP 503)`) });
  });

  it('says nothing is listening when the port is closed', async () => {
    await ha.close();
    const result = await service.testConnection();
    expect(result).toMatchObject({ ok: false, code: 'unreachable', message: expect.stringMatching(/is not answering \(connection refused/) });
    ha = await startFakeHomeAssistant(); // for afterEach
  });

  it('gives up on a silent HA within its timeout instead of hanging', async () => {
    service = makeService(300);
    ha.setDelay(5_000);
    // The words say it was the timeout that ended it; how promptly: bench/timeouts.bench.ts.
    const result = await service.testConnection();
    expect(result).toMatchObject({ ok: false, code: 'unreachable', message: expect.stringContaining('no answer within 0.3 s') });
  });

  it('says when HA has no MCP server integration', async () => {
    ha.setMcpEnabled(false);
    expect(await service.testConnection()).toMatchObject({ ok: false, code: 'no_mcp', message: expect.stringContaining('Model Context Protocol Server') });
  });

  it('says what to do when not configured', async () => {
    config = { url: null, token: null };
    expect(await service.isConfigured()).toBe(false);
    expect(await service.testConnection()).toEqual({
      ok: false,
      code: 'not_configured',
      message: 'Home Assistant is not set up. Add its URL and a long-lived access token in Settings → Home Assistant.',
    });
    config = { url: 'not a url', token: 't' };
    expect(await service.isConfigured()).toBe(false);
    expect(await service.testConnection()).toMatchObject({ ok: false, code: 'not_configured' });
  });

  it('tests other settings without touching the saved ones', async () => {
    config = { url: null, token: null };
    expect(await service.testConnection({ url: `${ha.url}/api/mcp`, token: ha.token })).toMatchObject({ ok: true, entityCount: 7 });
    expect(await service.testConnection({ url: ha.url, token: 'typo' })).toMatchObject({ ok: false, code: 'unauthorized' });
    await expect(service.callTool('GetLiveContext', {})).rejects.toMatchObject({ code: 'home_not_configured' });
  });
});

describe('tools and calls', () => {
  it('does not connect until something is asked', async () => {
    expect(await service.isConfigured()).toBe(true);
    expect(ha.methods).toEqual([]);
  });

  it('lists HA’s tools as SDK function tools', async () => {
    const tools = await service.getTools();
    expect(tools.map((t) => t.name)).toEqual(['HassTurnOn', 'HassTurnOff', 'HassSetPosition', 'HassStopMoving', 'HassCancelAllTimers', 'HassLightSet', 'HassClimateSetTemperature', 'GetDateTime', 'GetLiveContext']);
    const turnOn = tools[0]!;
    expect(turnOn).toMatchObject({ type: 'function', strict: false, description: expect.stringContaining("For locks, this performs a 'lock' action") });
    expect(turnOn.parameters).toMatchObject({ type: 'object', properties: { name: { type: 'string' }, domain: { type: 'array' } } });
  });

  it('turns a light on for the voice agent and returns HA’s reply', async () => {
    const reply = await service.callTool('HassTurnOn', { name: 'Living Room Lamp' });
    expect(JSON.parse(reply)).toEqual({
      speech: {},
      response_type: 'action_done',
      data: { targets: [], success: [{ name: 'Living Room Lamp', type: 'entity', id: 'light.living_room_lamp' }], failed: [] },
    });
    expect(ha.devices.get('light.living_room_lamp')).toMatchObject({ state: 'on', brightness: 100 });

    await service.callTool('HassLightSet', { name: 'Living Room Lamp', brightness: 30, color: 'orange' });
    expect(ha.devices.get('light.living_room_lamp')).toMatchObject({ state: 'on', brightness: 30, color: 'orange' });
    await service.callTool('HassClimateSetTemperature', { temperature: 22.5 });
    expect(ha.devices.get('climate.hallway_thermostat')).toMatchObject({ targetTemperature: 22.5 });
  });

  it('passes HA’s error text on for an unknown device', async () => {
    // A name nobody knows could be a door, so only a call limited to fans goes straight to HA.
    const reply = await service.callTool('HassTurnOn', { name: 'Attic Fan', domain: ['fan'] });
    expect(reply).toMatch(/^Error calling tool: <MatchFailedError result=.*no_match_reason=<MatchFailedReason\.DOMAIN: 4>.*name='Attic Fan'/);
    expect(ha.calls.at(-1)).toMatchObject({ tool: 'HassTurnOn', isError: true });
  });

  it('refuses to unlock without approval, and unlocks with it', async () => {
    await expect(service.callTool('HassTurnOff', { name: 'Front Door' })).rejects.toMatchObject({
      code: 'home_approval_required',
      message: expect.stringContaining('Unlock Front Door (Hallway)?'),
    });
    expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
    expect(ha.calls.filter((c) => c.tool === 'HassTurnOff')).toEqual([]);

    await service.callTool('HassTurnOff', { name: 'Front Door' }, { approved: true });
    expect(ha.devices.get('lock.front_door')?.state).toBe('unlocked');
    // Locking again is not sensitive.
    await service.callTool('HassTurnOn', { name: 'Front Door' });
    expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
  });

  it('judges by the device list it read from HA', async () => {
    // Before any list, "Bedroom Blinds" could be a door; after, its device class says it is not.
    expect(service.isSensitive('HassTurnOn', { name: 'Bedroom Blinds' })).toBe(true);
    expect(service.isSensitive('HassTurnOff', { area: 'Hallway' })).toBe(true);
    expect(await service.requiresApproval('HassTurnOff', { area: 'Kitchen' })).toBe(false);
    expect(service.isSensitive('HassTurnOff', { area: 'Hallway' })).toBe(true);
    expect(service.approvalPrompt('HassTurnOff', { area: 'Hallway' })).toBe('Unlock Front Door (Hallway) and disarm Home Alarm (Hallway)?');
    expect(await service.requiresApproval('HassTurnOn', { name: 'Garage Door' })).toBe(true);
    expect(await service.requiresApproval('HassTurnOn', { name: 'Bedroom Blinds' })).toBe(false);
    expect(service.approvalPrompt('HassLightSet', { name: 'Front Door' })).toBeNull();
  });

  it('a filtered GetLiveContext (only the lights) never makes "unlock every lock" look harmless', async () => {
    // Before and after a full read: the filtered reply adds to what is known, never replaces it.
    for (const fullReadFirst of [false, true]) {
      if (fullReadFirst) await service.callTool('GetLiveContext', {});
      const lights = await service.callTool('GetLiveContext', { domain: ['light'] });
      expect(lights).not.toContain('Front Door');
      await expect(service.callTool('HassTurnOff', { name: 'all', domain: ['lock'] })).rejects.toMatchObject({ code: 'home_approval_required' });
      expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
    }
  });

  it('turns a down HA into a clear error, and recovers when it is back', async () => {
    await service.callTool('GetLiveContext', {});
    ha.setDown(true);
    await expect(service.callTool('HassTurnOn', { name: 'Kitchen Ceiling' })).rejects.toMatchObject({
      code: 'home_unavailable',
      message: expect.stringContaining('is not answering (HTTP 503)'),
    });
    ha.setDown(false);
    await service.callTool('HassTurnOff', { name: 'Kitchen Ceiling' });
    expect(ha.devices.get('light.kitchen_ceiling')?.state).toBe('off');
  });

  it('reconnects when the URL or token changes', async () => {
    const other = await startFakeHomeAssistant({ token: 'other-token' });
    try {
      await service.callTool('HassTurnOn', { name: 'Living Room Lamp' });
      config = { url: `${other.url}/`, token: 'other-token' };
      await service.callTool('HassTurnOn', { name: 'Living Room Lamp' });
      expect(other.devices.get('light.living_room_lamp')?.state).toBe('on');
      expect(other.methods).toContain('initialize');
      expect(ha.calls.filter((c) => c.tool === 'HassTurnOn')).toHaveLength(1);

      config = { url: other.url, token: 'revoked' };
      await expect(service.callTool('GetLiveContext', {})).rejects.toMatchObject({ code: 'home_unauthorized' });
    } finally {
      await other.close();
    }
  });

  it('shares one connection between concurrent callers', async () => {
    await Promise.all([service.callTool('GetLiveContext', {}), service.callTool('GetLiveContext', {}), service.getTools()]);
    expect(ha.methods.filter((m) => m === 'initialize')).toHaveLength(1);
  });
});
