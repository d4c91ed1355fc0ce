/**
 * A run waiting for the person to approve a Home Assistant action that nobody approves:
 * the run is cancelled (agent:cancel), or the window that started it goes away. Either
 * way the door stays locked — the oracle is the fake house's own record of what changed,
 * not FROK's word — and the pending approval goes away: answering it afterwards is refused
 * as "no longer waiting".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../shared/agents';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server';
import { scriptByRoute, startFakeOpenAI, type FakeOpenAI, type ModelRequest } from '../fakes/openai/server';
import { startTestServices, type TestServices } from '../support/node-services';

type ApprovalRequested = Extract<ActivityEvent, { type: 'approval_requested' }>;

const quickAsk = { id: 'quick-ask-7', kind: 'quick-ask' as const };
let fake: FakeOpenAI;
let ha: FakeHomeAssistant;
let env: TestServices;
let activity: ActivityEvent[];
/** Resolves with the first approval prompt of the test. */
let prompted: Promise<ApprovalRequested>;

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
  let prompt!: (event: ApprovalRequested) => void;
  prompted = new Promise((resolve) => (prompt = resolve));
  env.services.events.subscribe((e) => {
    if (e.name !== 'agent:activity') return;
    const event = e.payload as ActivityEvent;
    activity.push(event);
    if (event.type === 'approval_requested') prompt(event);
  });
  fake.setScript(unlockScript());
});
afterEach(async () => {
  await env.close();
  await ha.close();
});

const lastOutput = (r: ModelRequest, tool: string) => r.toolOutputs.filter((o) => o.name === tool).at(-1)?.output ?? '';

/** Manager → home specialist (as a tool) → HassTurnOff on the Front Door (needs approval) → report. */
function unlockScript() {
  return scriptByRoute([
    { when: { offersTool: 'home_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'home_specialist', arguments: { input: 'Unlock the front door' } }] } },
    { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'HassTurnOff', arguments: { name: 'Front Door' } }] } },
    { when: { instructionsStartWith: 'You are the Home specialist', hasToolOutputFrom: 'HassTurnOff' }, reply: (r) => ({ text: `Home: ${lastOutput(r, 'HassTurnOff')}` }) },
    { when: { hasToolOutputFrom: 'home_specialist' }, reply: (r) => ({ text: `Manager: ${lastOutput(r, 'home_specialist')}` }) },
  ]);
}

/** What the house did: nothing about the front door, and no unlock sent. */
function expectDoorUntouched(): void {
  expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
  expect(ha.changes.filter((c) => c.entityId === 'lock.front_door')).toEqual([]);
  expect(ha.calls.filter((c) => c.tool === 'HassTurnOff')).toEqual([]);
}

describe('an approval nobody gives', () => {
  it('agent:cancel while the run waits: the door stays locked and the approval is gone', async () => {
    const asked = env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager', runId: 'run-door' }, quickAsk);
    const prompt = await prompted;
    expect(prompt).toMatchObject({ runId: 'run-door', tool: 'HassTurnOff', input: expect.stringContaining('Front Door') });
    expectDoorUntouched();

    expect(env.services.agents.cancel('run-door', quickAsk)).toEqual({ cancelled: true });
    await expect(asked).rejects.toMatchObject({ code: 'cancelled' });

    expectDoorUntouched();
    expect(activity.filter((e) => e.type === 'approval_resolved')).toEqual([expect.objectContaining({ approvalId: prompt.approvalId, approved: false })]);
    expect(activity.filter((e) => e.type === 'run_cancelled')).toHaveLength(1);
    // The prompt is no longer waiting: an approval arriving now is refused and does nothing.
    expect(() => env.services.agents.decideApproval('run-door', prompt.approvalId, true, quickAsk)).toThrow(
      expect.objectContaining({ code: 'approval_not_found', message: expect.stringMatching(/no longer waiting/) }),
    );
    expect(env.services.agents.cancel('run-door', quickAsk)).toEqual({ cancelled: false });
    expectDoorUntouched();
  });

  // KNOWN GAP (issue #15): services.callerGone (electron/main/services/compose.ts) ends the
  // window's voice sessions but not its agent runs, so the approval keeps waiting (until
  // the 5-minute approval timeout says no). The door does stay locked. Drop `.fails` once
  // callerGone cancels the runs the window owns.
  it.fails('the window that started it closes while the run waits: the door stays locked and the approval is gone', async () => {
    const asked = env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager', runId: 'run-door' }, quickAsk);
    const settled = asked.then(
      () => 'answered',
      (err: { code?: string }) => err.code ?? 'failed',
    );
    const prompt = await prompted;
    expectDoorUntouched();

    // What main does when a window closes (track-window.ts) or the harness's socket drops.
    env.services.callerGone(quickAsk.id, 'The window was closed.');
    // Cancelling resolves the approval at once (as "no"), in the same tick.
    expect(activity.filter((e) => e.type === 'approval_resolved')).toEqual([expect.objectContaining({ approvalId: prompt.approvalId, approved: false })]);
    expect(() => env.services.agents.decideApproval('run-door', prompt.approvalId, true, { id: 'main-1', kind: 'main' })).toThrow(
      expect.objectContaining({ code: 'approval_not_found' }),
    );
    expect(await settled).toBe('cancelled');
    expectDoorUntouched();
  });
});
