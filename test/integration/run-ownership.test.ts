/**
 * Runs belong to their windows (issue #8, item 7), over the harness's WebSocket binding
 * with the real handlers and services and a fake OpenAI: a second connection cannot
 * cancel, answer or watch another's run, the main window can, and the run goes on for
 * its owner. The fake Home Assistant gives the run a real approval to wait on.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/main/ipc/dispatcher';
import { createHandlers } from '../../electron/main/ipc/handlers';
import type { ActivityEvent, AskResult } from '../../shared/agents';
import type { IpcResult } from '../../shared/ipc/result';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server';
import { scriptByRoute, startFakeOpenAI, type FakeOpenAI, type ModelRequest } from '../fakes/openai/server';
import { startHarnessServer, type HarnessServer } from '../harness/harness-server';
import { connectIpcClient, type IpcClient } from '../harness/ipc-client';
import { createWsBinding } from '../harness/ws-binding';
import { startTestServices, type TestServices } from '../support/node-services';

const NOT_YOURS = { ok: false, error: { code: 'not_your_run', message: 'This request belongs to another FROK window.' } };

let fake: FakeOpenAI;
let ha: FakeHomeAssistant;
let env: TestServices;
let root: string;
let server: HarnessServer;
let clients: IpcClient[];

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
  root = await mkdtemp(join(tmpdir(), 'frok-owner-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>FROK</title>');
  const binding = createWsBinding({ dispatch: createDispatcher(createHandlers(env.services), env.log), events: env.services.events }, env.log);
  server = await startHarnessServer({ rootDir: root, binding });
  clients = [];
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
  await env.close();
  await ha.close();
  await rm(root, { recursive: true, force: true });
});

async function connect(options?: Parameters<typeof connectIpcClient>[1]): Promise<IpcClient> {
  const client = await connectIpcClient(server.ipcUrl, options);
  clients.push(client);
  return client;
}

function activityOf(client: IpcClient, runId?: string): ActivityEvent[] {
  return client.events
    .filter((e) => e.event === 'agent:activity')
    .map((e) => e.payload as ActivityEvent)
    .filter((e) => runId === undefined || e.runId === runId);
}

const waitFor = (condition: () => boolean): Promise<void> =>
  vi.waitFor(
    () => {
      if (!condition()) throw new Error('not yet');
    },
    { timeout: 10_000, interval: 20 },
  );

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

describe('runs belong to their windows', () => {
  it('another connection cannot cancel or answer a run, nor see its activity; the run goes on for its owner', async () => {
    const owner = await connect();
    const other = await connect();
    fake.setScript(() => ({ text: 'Done for the owner.', delayMs: 800 }));

    const asked = owner.invoke('agent:ask', { query: 'A private question', pattern: 'manager', runId: 'run-owned' });
    await waitFor(() => activityOf(owner, 'run-owned').some((e) => e.type === 'run_started'));

    expect(await other.invoke('agent:cancel', { runId: 'run-owned' })).toEqual(NOT_YOURS);
    expect(await other.invoke('agent:approve', { runId: 'run-owned', approvalId: 'call-anything', approve: true })).toEqual(NOT_YOURS);

    const result = (await asked) as IpcResult<AskResult>;
    expect(result).toMatchObject({ ok: true, data: { runId: 'run-owned', response: 'Done for the owner.' } });
    expect(activityOf(owner, 'run-owned').map((e) => e.type)).toEqual(expect.arrayContaining(['run_started', 'text_delta', 'run_finished']));
    // Nothing of the run, the question least of all, reached the other connection.
    expect(activityOf(other)).toEqual([]);
    expect(JSON.stringify(other.frames)).not.toContain('A private question');
    // Once the run is over, a cancel is the ordinary "nothing to cancel".
    expect(await other.invoke('agent:cancel', { runId: 'run-owned' })).toEqual({ ok: true, data: { cancelled: false } });
  });

  it('the other connection cannot approve a waiting action; the owner can, and the main window sees the prompt', async () => {
    const owner = await connect({ window: 'quick-ask' });
    const other = await connect({ window: 'hud' });
    const main = await connect({ window: 'main' });
    fake.setScript(unlockScript());

    const asked = owner.invoke('agent:ask', { query: 'Unlock the front door', pattern: 'manager', runId: 'run-door' });
    await waitFor(() => activityOf(owner, 'run-door').some((e) => e.type === 'approval_requested'));
    const prompt = activityOf(owner, 'run-door').find((e) => e.type === 'approval_requested') as Extract<ActivityEvent, { type: 'approval_requested' }>;
    // The main window shows approvals for quick-ask and HUD runs, so it is told too.
    await waitFor(() => activityOf(main, 'run-door').some((e) => e.type === 'approval_requested'));

    expect(await other.invoke('agent:approve', { runId: 'run-door', approvalId: prompt.approvalId, approve: true })).toEqual(NOT_YOURS);
    expect(await other.invoke('agent:cancel', { runId: 'run-door' })).toEqual(NOT_YOURS);
    expect(ha.devices.get('lock.front_door')?.state).toBe('locked');

    expect(await owner.invoke('agent:approve', { runId: 'run-door', approvalId: prompt.approvalId, approve: true })).toEqual({ ok: true, data: { ok: true } });
    const result = (await asked) as IpcResult<AskResult>;
    expect(result).toMatchObject({ ok: true, data: { runId: 'run-door', response: expect.stringMatching(/^Manager: Home: /) } });
    expect(ha.devices.get('lock.front_door')?.state).toBe('unlocked');
    expect(activityOf(owner, 'run-door').find((e) => e.type === 'approval_resolved')).toMatchObject({ approved: true });
    await waitFor(() => activityOf(main, 'run-door').some((e) => e.type === 'run_finished'));
    expect(activityOf(other)).toEqual([]);
  });

  it('another connection can neither read a conversation nor continue it; its own window and the main window can', async () => {
    const owner = await connect({ window: 'quick-ask' });
    const other = await connect({ window: 'hud' });
    const main = await connect({ window: 'main' });
    fake.setScript(() => ({ text: 'Noted.' }));
    const first = (await owner.invoke('agent:ask', { query: 'My secret is 4711', pattern: 'manager' })) as IpcResult<AskResult>;
    if (!first.ok) throw new Error('the first ask failed');
    const { conversationId } = first.data;
    const notYours = { ok: false, error: { code: 'not_your_run', message: 'This conversation belongs to another FROK window.' } };

    expect(await other.invoke('agent:conversation', { conversationId })).toEqual(notYours);
    const requestsBefore = fake.modelRequests.length;
    expect(await other.invoke('agent:ask', { query: 'What was the secret?', pattern: 'manager', conversationId })).toEqual(notYours);
    expect(fake.modelRequests.length).toBe(requestsBefore); // Nothing of it went to the model for the other window.

    expect(await owner.invoke('agent:conversation', { conversationId })).toMatchObject({ ok: true, data: { turns: [{ text: 'My secret is 4711' }, { text: 'Noted.' }] } });
    expect(await main.invoke('agent:conversation', { conversationId })).toMatchObject({ ok: true });
    expect(JSON.stringify(other.frames)).not.toContain('4711');
  });

  it('the main window may answer and cancel a run another window started', async () => {
    const owner = await connect({ window: 'quick-ask' });
    const main = await connect({ window: 'main' });
    fake.setScript(unlockScript());

    const asked = owner.invoke('agent:ask', { query: 'Unlock the front door', pattern: 'manager', runId: 'run-from-qa' });
    await waitFor(() => activityOf(main, 'run-from-qa').some((e) => e.type === 'approval_requested'));
    const prompt = activityOf(main, 'run-from-qa').find((e) => e.type === 'approval_requested') as Extract<ActivityEvent, { type: 'approval_requested' }>;
    expect(await main.invoke('agent:approve', { runId: 'run-from-qa', approvalId: prompt.approvalId, approve: false })).toEqual({ ok: true, data: { ok: true } });
    expect(await asked).toMatchObject({ ok: true });
    expect(ha.devices.get('lock.front_door')?.state).toBe('locked');

    fake.setScript(() => ({ text: 'Too late.', delayMs: 2_000 }));
    const slow = owner.invoke('agent:ask', { query: 'Slow question', pattern: 'manager', runId: 'run-slow' });
    await waitFor(() => activityOf(main, 'run-slow').some((e) => e.type === 'run_started'));
    expect(await main.invoke('agent:cancel', { runId: 'run-slow' })).toEqual({ ok: true, data: { cancelled: true } });
    expect(await slow).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});
