/**
 * The home specialist inside the team: Home Assistant over MCP (the fake speaks HA's MCP
 * server protocol), approvals for sensitive actions reaching the person through the
 * activity events — also when the home specialist runs as the manager's tool — and the
 * team still working when Home Assistant is down.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../shared/agents';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server';
import { scriptByRoute, startFakeOpenAI, type FakeOpenAI, type ModelRequest } from '../fakes/openai/server';
import { startTestServices, type TestServices } from '../support/node-services';

const caller = { id: 'window-1', kind: 'main' as const };
let fake: FakeOpenAI;
let ha: FakeHomeAssistant;
let env: TestServices;
let activity: ActivityEvent[];

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  ha = await startFakeHomeAssistant();
  env = await startTestServices({ openaiUrl: fake.url, homeAssistantToken: ha.token, settings: { homeAssistant: { url: ha.url } } });
  activity = [];
  env.services.events.subscribe((e) => {
    if (e.name !== 'agent:activity') return;
    const event = e.payload as ActivityEvent;
    activity.push(event);
    // The person answers the prompt as it appears, like the window does.
    if (event.type === 'approval_requested') decide?.(event);
  });
  decide = null;
});
afterEach(async () => {
  await env.close();
  await ha.close();
});

let decide: ((event: Extract<ActivityEvent, { type: 'approval_requested' }>) => void) | null = null;
const lastOutput = (r: ModelRequest, tool: string) => r.toolOutputs.filter((o) => o.name === tool).at(-1)?.output ?? '';
const frontDoor = () => ha.devices.get('lock.front_door')?.state;

/** Manager → home specialist (as a tool) → HassTurnOff on the Front Door → report. */
function unlockScript() {
  return scriptByRoute([
    { when: { offersTool: 'home_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'home_specialist', arguments: { input: 'Unlock the front door' } }] } },
    { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'HassTurnOff', arguments: { name: 'Front Door' } }] } },
    { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputFrom: 'HassTurnOff' }, reply: (r) => ({ text: `Home: ${lastOutput(r, 'HassTurnOff')}` }) },
    { when: { hasToolOutputFrom: 'home_specialist' }, reply: (r) => ({ text: `Manager: ${lastOutput(r, 'home_specialist')}` }) },
  ]);
}

describe('home specialist with Home Assistant', () => {
  it('asks home and memory in one turn: both run at once and the answer has both', async () => {
    fake.setScript(
      scriptByRoute([
        {
          when: { offersTool: 'home_specialist', hasToolOutputs: false },
          reply: { toolCalls: [{ name: 'home_specialist', arguments: { input: 'Turn on the living room lamp' } }, { name: 'memory_specialist', arguments: { input: 'Remember: I like the lamp at 40%' } }] },
        },
        { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'HassTurnOn', arguments: { name: 'Living Room Lamp' } }], delayMs: 200 } },
        { when: { instructionsStartWith: 'You are the Home specialist' }, reply: { text: 'The Living Room Lamp is on.' } },
        { when: { instructionsStartWith: 'You are the Memory specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'remember', arguments: { fact: 'Likes the living room lamp at 40%', tags: ['lighting'] } }], delayMs: 200 } },
        { when: { instructionsStartWith: 'You are the Memory specialist' }, reply: { text: 'Saved your lamp preference.' } },
        { when: { hasToolOutputFrom: ['home_specialist', 'memory_specialist'] }, reply: (r) => ({ text: r.toolOutputs.map((o) => o.output).join(' ') }) },
      ]),
    );
    const result = await env.services.agents.ask({ query: 'Turn on the living room lamp and remember I like it at 40%', pattern: 'manager' }, caller);
    expect(result.specialistsUsed).toEqual(['home', 'memory']);
    expect(result.response).toBe('The Living Room Lamp is on. Saved your lamp preference.');
    expect(ha.devices.get('light.living_room_lamp')?.state).toBe('on');
    expect(env.services.memory.recall({ query: 'lamp' })[0]?.fact).toBe('Likes the living room lamp at 40%');
    expect(fake.maxConcurrentModelRequests).toBeGreaterThanOrEqual(2);
    const started = activity.filter((e) => e.type === 'specialist_started');
    const firstEnd = activity.findIndex((e) => e.type === 'specialist_ended');
    expect(started.every((s) => activity.indexOf(s) < firstEnd)).toBe(true);
    expect(activity.filter((e) => e.type === 'tool_started').map((e) => (e as { tool: string }).tool).sort()).toEqual(['HassTurnOn', 'remember']);
  });

  it('unlocks the front door only after the person approves (home specialist run as the manager’s tool)', async () => {
    fake.setScript(unlockScript());
    decide = (event) => void env.services.agents.decideApproval(event.runId, event.approvalId, true, caller);
    const result = await env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager' }, caller);
    expect(frontDoor()).toBe('unlocked');
    expect(activity.find((e) => e.type === 'approval_requested')).toMatchObject({ tool: 'HassTurnOff', input: expect.stringContaining('Front Door'), agent: 'Home specialist' });
    expect(activity.find((e) => e.type === 'approval_resolved')).toMatchObject({ approved: true });
    expect(result.response).toMatch(/^Manager: Home: /);
  });

  it('leaves the door locked when the person says no, and the model is told', async () => {
    fake.setScript(unlockScript());
    decide = (event) => void env.services.agents.decideApproval(event.runId, event.approvalId, false, caller);
    const result = await env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager' }, caller);
    expect(frontDoor()).toBe('locked');
    expect(ha.calls.filter((c) => c.tool === 'HassTurnOff')).toHaveLength(0);
    expect(result.response).toMatch(/declined/);
  });

  it('asks for approval after a handoff to the home specialist too', async () => {
    fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'transfer_to_home_specialist', instructionsStartWith: 'You are FROK' }, reply: { toolCalls: [{ name: 'transfer_to_home_specialist', arguments: {} }] } },
        { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputFrom: 'HassTurnOff' }, reply: (r) => ({ text: lastOutput(r, 'HassTurnOff') }) },
        { when: { instructionsStartWith: 'You are the Home specialist' }, reply: { toolCalls: [{ name: 'HassTurnOff', arguments: { name: 'Front Door' } }] } },
      ]),
    );
    decide = (event) => void env.services.agents.decideApproval(event.runId, event.approvalId, true, caller);
    const result = await env.services.agents.ask({ query: 'Unlock the front door', pattern: 'handoffs' }, caller);
    expect(result.answeredBy).toBe('Home specialist');
    expect(frontDoor()).toBe('unlocked');
  });

  it('keeps the team working when Home Assistant is down, and says why home is unavailable', async () => {
    ha.setDown(true);
    fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'general_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'general_specialist', arguments: { input: 'what is 2+2' } }] } },
        { when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: '4' } },
        { when: { hasToolOutputs: true }, reply: { text: 'It is 4.' } },
      ]),
    );
    const result = await env.services.agents.ask({ query: 'What is 2+2?', pattern: 'manager' }, caller);
    expect(result.response).toBe('It is 4.');
    expect(result.specialistsAvailable).not.toContain('home');
    const manager = fake.modelRequests[0]!;
    expect(manager.tools.find((t) => t.name === 'home_specialist')?.description).toMatch(/Currently unavailable: Home Assistant/);
    const config = await env.services.agents.config();
    expect(config.specialists.find((s) => s.id === 'home')).toMatchObject({ available: false, unavailableReason: expect.stringMatching(/Home Assistant/) });
  });
});

describe('memory across a restart', () => {
  it('recalls through the memory specialist what was remembered before the app restarted', async () => {
    fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'memory_specialist', hasToolOutputs: false }, reply: (r) => ({ toolCalls: [{ name: 'memory_specialist', arguments: { input: r.lastUserText } }] }) },
        { when: { instructionsStartWith: 'You are the Memory specialist', hasToolOutputs: false, userText: 'Remember' }, reply: { toolCalls: [{ name: 'remember', arguments: { fact: 'Favourite colour is teal', tags: null } }] } },
        { when: { instructionsStartWith: 'You are the Memory specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'recall', arguments: { query: 'favourite colour', limit: null } }] } },
        { when: { instructionsStartWith: 'You are the Memory specialist' }, reply: (r) => ({ text: r.toolOutputs.at(-1)!.output }) },
        { when: { hasToolOutputFrom: 'memory_specialist' }, reply: (r) => ({ text: lastOutput(r, 'memory_specialist') }) },
      ]),
    );
    await env.services.agents.ask({ query: 'Remember that my favourite colour is teal', pattern: 'manager' }, caller);
    await env.restart();
    const result = await env.services.agents.ask({ query: 'What is my favourite colour?', pattern: 'manager' }, caller);
    expect(result.response).toContain('Favourite colour is teal');
  });
});

describe('activity around an approval', () => {
  it('shows the home specialist once, paused while the person decides, then finished', async () => {
    fake.setScript(unlockScript());
    decide = (event) => void env.services.agents.decideApproval(event.runId, event.approvalId, true, caller);
    await env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager' }, caller);
    const started = activity.filter((e) => e.type === 'specialist_started');
    const ended = activity.filter((e) => e.type === 'specialist_ended');
    expect(started).toHaveLength(1);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ specialist: 'home', ok: true, summary: expect.stringMatching(/^Home: /) });
    // It ended after the person approved, not when the run stopped to ask.
    expect(activity.indexOf(ended[0]!)).toBeGreaterThan(activity.findIndex((e) => e.type === 'approval_resolved'));
  });
});
