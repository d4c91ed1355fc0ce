// A real Agent with the home tools, a real Runner against the fake OpenAI server and the
// fake Home Assistant: sensitive actions stop for approval, approve / reject do what they
// say, and HA failing mid-run reaches the model as text instead of crashing the run.
import { Agent, OpenAIProvider, Runner, setTracingDisabled } from '@openai/agents';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOME_ACTION_DECLINED_MESSAGE, HomeAssistantService } from '../../electron/main/services/home/home-assistant.ts';
import { createMemoryLogger } from '../../electron/main/logger.ts';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server.ts';
import { DEFAULT_VALID_KEY, scriptByRoute, startFakeOpenAI, type FakeOpenAI, type ModelRequest } from '../fakes/openai/server.ts';

setTracingDisabled(true);

let openai: FakeOpenAI;
let ha: FakeHomeAssistant;
let service: HomeAssistantService;
let runner: Runner;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  runner = new Runner({ modelProvider: new OpenAIProvider({ apiKey: DEFAULT_VALID_KEY, baseURL: openai.url, useResponses: true }) });
});
afterAll(async () => {
  await openai.close();
});
beforeEach(async () => {
  openai.reset();
  ha = await startFakeHomeAssistant();
  service = new HomeAssistantService({ getConfig: async () => ({ url: ha.url, token: ha.token }), log: createMemoryLogger(), timeoutMs: 2_000 });
});
afterEach(async () => {
  await service.close();
  await ha.close();
});

async function homeAgent(): Promise<Agent> {
  return new Agent({
    name: 'Home',
    instructions: 'You are the Home specialist. Use the Home Assistant tools.',
    model: 'gpt-5.6-luna',
    tools: await service.getTools(),
  });
}

const lastOutputOf = (request: ModelRequest, tool: string): string => request.toolOutputs.filter((o) => o.name === tool).at(-1)?.output ?? '';

/** The model calls `tool(args)` once, then repeats the tool's output back as its answer. */
function callThenReport(tool: string, args: object) {
  return scriptByRoute([
    { name: 'call', when: { offersTool: tool, hasToolOutputs: false }, reply: { toolCalls: [{ name: tool, arguments: args }] } },
    { name: 'report', when: { hasToolOutputFrom: tool }, reply: (req) => ({ text: `Result: ${lastOutputOf(req, tool)}` }) },
  ]);
}

describe('unlocking the front door', () => {
  beforeEach(() => {
    openai.setScript(callThenReport('HassTurnOff', { name: 'Front Door' }));
  });

  it('stops for approval, and unlocks once approved', async () => {
    const agent = await homeAgent();
    const first = await runner.run(agent, 'Unlock the front door');

    expect(first.interruptions).toHaveLength(1);
    const approval = first.interruptions[0]!;
    expect(approval.type).toBe('tool_approval_item');
    expect(approval.name).toBe('HassTurnOff');
    expect(JSON.parse(approval.arguments ?? '{}')).toEqual({ name: 'Front Door' });
    expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
    expect(ha.calls.map((c) => c.tool)).not.toContain('HassTurnOff');

    first.state.approve(approval);
    const second = await runner.run(agent, first.state);

    expect(second.interruptions).toEqual([]);
    expect(ha.devices.get('lock.front_door')?.state).toBe('unlocked');
    expect(ha.calls.filter((c) => c.tool === 'HassTurnOff')).toEqual([{ tool: 'HassTurnOff', args: { name: 'Front Door' }, isError: false }]);
    expect(second.finalOutput).toContain('"success": [{"name": "Front Door", "type": "entity", "id": "lock.front_door"}]');
  });

  it('leaves the door locked when declined, and tells the model so', async () => {
    const agent = await homeAgent();
    const first = await runner.run(agent, 'Unlock the front door');
    expect(first.interruptions).toHaveLength(1);

    first.state.reject(first.interruptions[0]!, { message: HOME_ACTION_DECLINED_MESSAGE });
    const second = await runner.run(agent, first.state);

    expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
    expect(ha.calls.map((c) => c.tool)).not.toContain('HassTurnOff');
    const report = openai.modelRequests.at(-1)!;
    expect(lastOutputOf(report, 'HassTurnOff')).toBe(HOME_ACTION_DECLINED_MESSAGE);
    expect(second.finalOutput).toBe(`Result: ${HOME_ACTION_DECLINED_MESSAGE}`);
  });

  it('declines with the SDK’s own words when no message is given', async () => {
    const agent = await homeAgent();
    const first = await runner.run(agent, 'Unlock the front door');
    first.state.reject(first.interruptions[0]!);
    const second = await runner.run(agent, first.state);
    expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
    expect(second.finalOutput).toMatch(/not approved/i);
  });
});

describe('actions that need no approval', () => {
  it('turns a light on straight away', async () => {
    openai.setScript(callThenReport('HassTurnOn', { name: 'Living Room Lamp' }));
    const result = await runner.run(await homeAgent(), 'Living room lamp on please');
    expect(result.interruptions).toEqual([]);
    expect(ha.devices.get('light.living_room_lamp')?.state).toBe('on');
    expect(result.finalOutput).toContain('"id": "light.living_room_lamp"');
  });

  it('asks before opening the garage but not the blinds', async () => {
    openai.setScript(
      scriptByRoute([
        {
          name: 'call',
          when: { hasToolOutputs: false },
          reply: { toolCalls: [{ name: 'HassTurnOn', arguments: { name: 'Bedroom Blinds' } }, { name: 'HassTurnOn', arguments: { name: 'Garage Door' } }] },
        },
        { name: 'report', when: { hasToolOutputs: true }, reply: { text: 'Done.' } },
      ]),
    );
    const agent = await homeAgent();
    const first = await runner.run(agent, 'Open the blinds and the garage');
    expect(first.interruptions.map((i) => i.arguments)).toEqual([JSON.stringify({ name: 'Garage Door' })]);

    first.state.approve(first.interruptions[0]!);
    const second = await runner.run(agent, first.state);
    expect(second.finalOutput).toBe('Done.');
    expect(ha.devices.get('cover.bedroom_blinds')?.state).toBe('open');
    expect(ha.devices.get('cover.garage_door')?.state).toBe('open');
  });
});

describe('Home Assistant failing mid-run', () => {
  it('gives the model the error as text and the run still finishes', async () => {
    // With HA down no device list can be read, so only a call limited to lights is known harmless.
    openai.setScript(callThenReport('HassTurnOn', { name: 'Kitchen Ceiling', domain: ['light'] }));
    const agent = await homeAgent();
    ha.setDown(true);

    const result = await runner.run(agent, 'Kitchen light on');

    expect(result.finalOutput).toMatch(/^Result: Home Assistant did not run this: Home Assistant at http:\/\/127\.0\.0\.1:\d+ is not answering \(HTTP 503\)/);
    expect(ha.calls).toEqual([]);
  });

  it('passes HA’s own error for an unknown device to the model', async () => {
    openai.setScript(callThenReport('HassTurnOn', { name: 'Attic Fan', domain: ['fan'] }));
    const result = await runner.run(await homeAgent(), 'Attic fan on');
    expect(result.finalOutput).toMatch(/^Result: Error calling tool: <MatchFailedError result=/);
  });
});
