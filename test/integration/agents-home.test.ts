/**
 * The home specialist inside the team: Home Assistant over MCP (the fake speaks HA's MCP
 * server protocol), approvals for sensitive actions reaching the person through the
 * activity events — also when the home specialist runs as the manager's tool — and the
 * team still working when Home Assistant is down.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { scriptByRoute } from '../fakes/openai/server';
import { lastOutput, unlockFrontDoorScript, useAgentsWorld, type ActivityOf } from '../support/agents-world';

const caller = { id: 'window-1', kind: 'main' as const };

const world = useAgentsWorld({ homeAssistant: true });
/** The person answers the prompt as it appears, like the window does. */
let decide: ((event: ActivityOf<'approval_requested'>) => void) | null = null;
beforeEach(() => {
  decide = null;
  world.onActivity((event) => event.type === 'approval_requested' && decide?.(event));
});
const frontDoor = () => world.ha.devices.get('lock.front_door')?.state;

describe('home specialist with Home Assistant', () => {
  it('asks home and memory in one turn: both run at once and the answer has both', async () => {
    world.fake.setScript(
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
    const result = await world.env.services.agents.ask({ query: 'Turn on the living room lamp and remember I like it at 40%', pattern: 'manager' }, caller);
    expect(result.specialistsUsed).toEqual(['home', 'memory']);
    expect(result.response).toBe('The Living Room Lamp is on. Saved your lamp preference.');
    expect(world.ha.devices.get('light.living_room_lamp')?.state).toBe('on');
    expect(world.env.services.memory.recall({ query: 'lamp' })[0]?.fact).toBe('Likes the living room lamp at 40%');
    expect(world.fake.maxConcurrentModelRequests).toBeGreaterThanOrEqual(2);
    const started = world.activity.filter((e) => e.type === 'specialist_started');
    const firstEnd = world.activity.findIndex((e) => e.type === 'specialist_ended');
    expect(started.every((s) => world.activity.indexOf(s) < firstEnd)).toBe(true);
    expect(world.activity.filter((e) => e.type === 'tool_started').map((e) => (e as { tool: string }).tool).sort()).toEqual(['HassTurnOn', 'remember']);
  });

  it('unlocks the front door only after the person approves (home specialist run as the manager’s tool)', async () => {
    world.fake.setScript(unlockFrontDoorScript());
    decide = (event) => void world.env.services.agents.decideApproval(event.runId, event.approvalId, true, caller);
    const result = await world.env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager' }, caller);
    expect(frontDoor()).toBe('unlocked');
    expect(world.activity.find((e) => e.type === 'approval_requested')).toMatchObject({ tool: 'HassTurnOff', input: expect.stringContaining('Front Door'), agent: 'Home specialist' });
    expect(world.activity.find((e) => e.type === 'approval_resolved')).toMatchObject({ approved: true });
    expect(result.response).toMatch(/^Manager: Home: /);
  });

  it('leaves the door locked when the person says no, and the model is told', async () => {
    world.fake.setScript(unlockFrontDoorScript());
    decide = (event) => void world.env.services.agents.decideApproval(event.runId, event.approvalId, false, caller);
    const result = await world.env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager' }, caller);
    expect(frontDoor()).toBe('locked');
    expect(world.ha.calls.filter((c) => c.tool === 'HassTurnOff')).toHaveLength(0);
    expect(result.response).toMatch(/declined/);
  });

  it('asks for approval after a handoff to the home specialist too', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'transfer_to_home_specialist', instructionsStartWith: 'You are FROK' }, reply: { toolCalls: [{ name: 'transfer_to_home_specialist', arguments: {} }] } },
        { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputFrom: 'HassTurnOff' }, reply: (r) => ({ text: lastOutput(r, 'HassTurnOff') }) },
        { when: { instructionsStartWith: 'You are the Home specialist' }, reply: { toolCalls: [{ name: 'HassTurnOff', arguments: { name: 'Front Door' } }] } },
      ]),
    );
    decide = (event) => void world.env.services.agents.decideApproval(event.runId, event.approvalId, true, caller);
    const result = await world.env.services.agents.ask({ query: 'Unlock the front door', pattern: 'handoffs' }, caller);
    expect(result.answeredBy).toBe('Home specialist');
    expect(frontDoor()).toBe('unlocked');
  });

  it('keeps the team working when Home Assistant is down, and says why home is unavailable', async () => {
    world.ha.setDown(true);
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'general_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'general_specialist', arguments: { input: 'what is 2+2' } }] } },
        { when: { instructionsStartWith: 'You are the General specialist' }, reply: { text: '4' } },
        { when: { hasToolOutputs: true }, reply: { text: 'It is 4.' } },
      ]),
    );
    const result = await world.env.services.agents.ask({ query: 'What is 2+2?', pattern: 'manager' }, caller);
    expect(result.response).toBe('It is 4.');
    expect(result.specialistsAvailable).not.toContain('home');
    const manager = world.fake.modelRequests[0]!;
    expect(manager.tools.find((t) => t.name === 'home_specialist')?.description).toMatch(/Currently unavailable: Home Assistant/);
    const config = await world.env.services.agents.config();
    expect(config.specialists.find((s) => s.id === 'home')).toMatchObject({ available: false, unavailableReason: expect.stringMatching(/Home Assistant/) });
  });
});

describe('memory across a restart', () => {
  it('recalls through the memory specialist what was remembered before the app restarted', async () => {
    world.fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'memory_specialist', hasToolOutputs: false }, reply: (r) => ({ toolCalls: [{ name: 'memory_specialist', arguments: { input: r.lastUserText } }] }) },
        { when: { instructionsStartWith: 'You are the Memory specialist', hasToolOutputs: false, userText: 'Remember' }, reply: { toolCalls: [{ name: 'remember', arguments: { fact: 'Favourite colour is teal', tags: null } }] } },
        { when: { instructionsStartWith: 'You are the Memory specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'recall', arguments: { query: 'favourite colour', limit: null } }] } },
        { when: { instructionsStartWith: 'You are the Memory specialist' }, reply: (r) => ({ text: r.toolOutputs.at(-1)!.output }) },
        { when: { hasToolOutputFrom: 'memory_specialist' }, reply: (r) => ({ text: lastOutput(r, 'memory_specialist') }) },
      ]),
    );
    await world.env.services.agents.ask({ query: 'Remember that my favourite colour is teal', pattern: 'manager' }, caller);
    await world.env.restart();
    const result = await world.env.services.agents.ask({ query: 'What is my favourite colour?', pattern: 'manager' }, caller);
    expect(result.response).toContain('Favourite colour is teal');
  });
});

describe('activity around an approval', () => {
  it('shows the home specialist once, paused while the person decides, then finished', async () => {
    world.fake.setScript(unlockFrontDoorScript());
    decide = (event) => void world.env.services.agents.decideApproval(event.runId, event.approvalId, true, caller);
    await world.env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager' }, caller);
    const started = world.activity.filter((e) => e.type === 'specialist_started');
    const ended = world.activity.filter((e) => e.type === 'specialist_ended');
    expect(started).toHaveLength(1);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ specialist: 'home', ok: true, summary: expect.stringMatching(/^Home: /) });
    // It ended after the person approved, not when the run stopped to ask.
    expect(world.activity.indexOf(ended[0]!)).toBeGreaterThan(world.activity.findIndex((e) => e.type === 'approval_resolved'));
  });
});
