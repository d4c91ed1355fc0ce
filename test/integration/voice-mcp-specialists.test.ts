/**
 * Voice reaches the person's own MCP servers: the voice agent's `ask_specialists` tool goes
 * over IPC exactly as the renderer sends it (renderer/src/voice/controller.ts:
 * `realtime:start`, then `realtime:toolCall` with the model's JSON arguments), through FROK's
 * dispatcher and handlers, to the specialist team — the real Agents SDK against the fake
 * OpenAI, the real MCP server manager, and MCP servers run as stdio commands
 * (@modelcontextprotocol/server-everything; test/support/mcp-growing-server.mjs).
 *
 * The oracles are the servers' own doing: the text server-everything's echo makes of a
 * fresh nonce, and the tool growing-server adds only once its unlock_weather really ran.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatcher';
import { createHandlers } from '../../electron/main/ipc/handlers';
import { createMemoryLogger } from '../../electron/main/logger';
import { attachFakeRealtime } from '../fakes/realtime';
import { useAgentsWorld } from '../support/agents-world';
import { addServer, delegateTo, localServer } from '../support/mcp-team';

const voiceWindow = { id: 'window-1', kind: 'main' as const };
const EVERYTHING = resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const GROWING = resolve('test/support/mcp-growing-server.mjs');

const world = useAgentsWorld();
// Runs after the world's own beforeAll: the fake OpenAI also mints the voice sessions' secrets.
beforeAll(() => {
  attachFakeRealtime(world.fake);
});


type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function invoke<T>(dispatch: Dispatch, channel: string, payload: unknown): Promise<T> {
  const reply = (await dispatch(channel as never, payload, voiceWindow)) as Reply<T>;
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.data;
}

/** What the renderer's voice controller does when the voice model calls ask_specialists. */
async function askByVoice(request: string): Promise<string> {
  const dispatch = createDispatcher(createHandlers(world.env.services), createMemoryLogger());
  const { sessionId } = await invoke<{ sessionId: string }>(dispatch, 'realtime:start', {});
  const { output } = await invoke<{ output: string }>(dispatch, 'realtime:toolCall', {
    sessionId,
    callId: `call_${randomUUID()}`,
    name: 'ask_specialists',
    args: JSON.stringify({ request }),
  });
  return output;
}

describe('voice asks the specialist team, and the team includes the person’s MCP servers', () => {
  it('ask_specialists over IPC reaches an MCP server’s specialist, which calls its tool; the answer carries what the server said and Activity shows the run as voice', async () => {
    await addServer(world, localServer('everything', 'Everything', EVERYTHING, ['stdio']));
    const nonce = `voice-${randomUUID()}`;
    world.fake.setScript(delegateTo('mcp_everything', 'Everything', 'echo', { message: nonce }));

    const output = await askByVoice(`Echo ${nonce} with my tools`);

    // server-everything's own echo wording around a value only this test knows.
    expect(output).toContain(`Echo: ${nonce}`);
    // The manager was offered the server as a specialist, and the specialist its tool.
    const manager = world.fake.modelRequests.find((r) => r.tools.some((t) => t.name === 'mcp_everything'))!;
    expect(JSON.stringify(manager.input)).toContain(nonce);
    const specialist = world.fake.modelRequests.find((r) => r.instructions.startsWith('You are the "Everything" specialist'))!;
    expect(specialist.tools.map((t) => t.name)).toContain('echo');

    const started = world.ofType('run_started');
    expect(started).toEqual([expect.objectContaining({ source: 'voice', pattern: 'manager' })]);
    const runId = started[0]!.runId;
    expect(world.ofType('specialist_started')).toEqual([expect.objectContaining({ runId, specialist: 'mcp:everything', input: 'Use echo' })]);
    expect(world.ofType('tool_ended')).toEqual([expect.objectContaining({ runId, tool: 'echo', ok: true })]);
    expect(world.ofType('specialist_ended')).toEqual([expect.objectContaining({ runId, specialist: 'mcp:everything', ok: true })]);
    expect(world.ofType('run_finished')).toEqual([expect.objectContaining({ runId })]);
  });

  it('the tool really runs in the server: after a voice ask to unlock_weather, the server itself offers get_weather', async () => {
    await addServer(world, localServer('growing', 'Growing', GROWING));
    // Before: the server has no get_weather.
    const before = await world.env.services.mcp.callTool('growing', 'get_weather', { city: 'Oslo' }).then(
      (r) => r.text,
      (err: unknown) => `error: ${err instanceof Error ? err.message : String(err)}`,
    );
    expect(before).not.toContain('Sunny in Oslo.');

    world.fake.setScript(delegateTo('mcp_growing', 'Growing', 'unlock_weather', {}));
    const output = await askByVoice('Unlock the weather');
    expect(output).toContain('get_weather is now available.');
    expect(world.ofType('tool_ended')).toEqual([expect.objectContaining({ tool: 'unlock_weather', ok: true })]);

    // After: the server registered the tool because its unlock_weather ran.
    expect((await world.env.services.mcp.callTool('growing', 'get_weather', { city: 'Oslo' })).text).toBe('Sunny in Oslo.');
  });
});
