/**
 * A run waiting for the person to approve a Home Assistant action that nobody approves:
 * the run is cancelled (agent:cancel), or the window that started it goes away. Either
 * way the door stays locked — the oracle is the fake house's own record of what changed,
 * not FROK's word — and the pending approval goes away: answering it afterwards is refused
 * as "no longer waiting".
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { unlockFrontDoorScript, useAgentsWorld, type ActivityOf } from '../support/agents-world';

type ApprovalRequested = ActivityOf<'approval_requested'>;

const quickAsk = { id: 'quick-ask-7', kind: 'quick-ask' as const };
const world = useAgentsWorld({ homeAssistant: true });
/** Resolves with the first approval prompt of the test. */
let prompted: Promise<ApprovalRequested>;

beforeEach(() => {
  let prompt!: (event: ApprovalRequested) => void;
  prompted = new Promise((resolve) => (prompt = resolve));
  world.onActivity((event) => event.type === 'approval_requested' && prompt(event));
  world.fake.setScript(unlockFrontDoorScript());
});

/** What the house did: nothing about the front door, and no unlock sent. */
function expectDoorUntouched(): void {
  expect(world.ha.devices.get('lock.front_door')?.state).toBe('locked');
  expect(world.ha.changes.filter((c) => c.entityId === 'lock.front_door')).toEqual([]);
  expect(world.ha.calls.filter((c) => c.tool === 'HassTurnOff')).toEqual([]);
}

describe('an approval nobody gives', () => {
  it('agent:cancel while the run waits: the door stays locked and the approval is gone', async () => {
    const asked = world.env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager', runId: 'run-door' }, quickAsk);
    const prompt = await prompted;
    expect(prompt).toMatchObject({ runId: 'run-door', tool: 'HassTurnOff', input: expect.stringContaining('Front Door') });
    expectDoorUntouched();

    expect(world.env.services.agents.cancel('run-door', quickAsk)).toEqual({ cancelled: true });
    await expect(asked).rejects.toMatchObject({ code: 'cancelled' });

    expectDoorUntouched();
    expect(world.activity.filter((e) => e.type === 'approval_resolved')).toEqual([expect.objectContaining({ approvalId: prompt.approvalId, approved: false })]);
    expect(world.activity.filter((e) => e.type === 'run_cancelled')).toHaveLength(1);
    // The prompt is no longer waiting: an approval arriving now is refused and does nothing.
    expect(() => world.env.services.agents.decideApproval('run-door', prompt.approvalId, true, quickAsk)).toThrow(
      expect.objectContaining({ code: 'approval_not_found', message: expect.stringMatching(/no longer waiting/) }),
    );
    expect(world.env.services.agents.cancel('run-door', quickAsk)).toEqual({ cancelled: false });
    expectDoorUntouched();
  });

  it('the window that started it closes while the run waits: the door stays locked and the approval is gone', async () => {
    const asked = world.env.services.agents.ask({ query: 'Unlock the front door', pattern: 'manager', runId: 'run-door' }, quickAsk);
    const settled = asked.then(
      () => 'answered',
      (err: { code?: string }) => err.code ?? 'failed',
    );
    const prompt = await prompted;
    expectDoorUntouched();

    // What main does when a window closes (track-window.ts) or the harness's socket drops.
    world.env.services.callerGone(quickAsk.id, 'The window was closed.');
    // At once, nobody can approve it any more (not even the main window, which shows quick-ask approvals).
    expect(() => world.env.services.agents.decideApproval('run-door', prompt.approvalId, true, { id: 'main-1', kind: 'main' })).toThrow(
      expect.objectContaining({ code: 'approval_not_found' }),
    );
    expect(await settled).toBe('cancelled');
    expect(world.activity.filter((e) => e.type === 'approval_resolved')).toEqual([expect.objectContaining({ approvalId: prompt.approvalId, approved: false })]);
    expectDoorUntouched();
  });
});
