/**
 * The realtime session registry in main, against the fake Realtime API: who may start a
 * session, what the client secret carries, which window may run tools, and what ends a
 * session. The renderer side (WebRTC, the real SDK in Chromium) is covered end to end in
 * test/e2e/voice*.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../shared/agents';
import { attachFakeRealtime, type FakeRealtime } from '../fakes/realtime';
import { scriptByRoute, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server';
import { startFakeWeatherServer } from '../fakes/weather-server';
import { startFakeHomeAssistant, type FakeHomeAssistant } from '../fakes/home-assistant/server';
import { startTestServices, type TestServices } from '../support/node-services';
import { SHIPPED_PRICES } from '../../shared/prices';

const windowA = { id: 'window-1', kind: 'main' as const };
const windowB = { id: 'window-2', kind: 'main' as const };
const windowC = { id: 'window-3', kind: 'main' as const };
const windowD = { id: 'window-4', kind: 'main' as const };

let fake: FakeOpenAI;
let realtime: FakeRealtime;
let weather: Awaited<ReturnType<typeof startFakeWeatherServer>>;
let ha: FakeHomeAssistant;
let env: TestServices;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  realtime = attachFakeRealtime(fake);
  weather = await startFakeWeatherServer();
});
afterAll(async () => {
  await weather.close();
  await fake.close();
});
beforeEach(async () => {
  ha = await startFakeHomeAssistant();
  env = await startTestServices({ openaiUrl: fake.url, weatherUrl: weather.url, homeAssistantToken: ha.token, settings: { homeAssistant: { url: ha.url } } });
});
afterEach(async () => {
  await env.close();
  await ha.close();
});

describe('starting a voice session', () => {
  it('mints a short-lived secret carrying the session config, and hands the renderer only that', async () => {
    env.services.settings.update({ voice: { voice: 'cedar', turnTaking: 'patient' } });
    const started = await env.services.realtime.start({}, windowA);
    expect(started.clientSecret).toMatch(/^ek_/);
    expect(started).toMatchObject({ model: 'gpt-realtime-2.1', voice: 'cedar', turnTaking: 'patient', transport: 'webrtc', callsUrl: `${fake.url}/realtime/calls`, startAgent: 'FROK' });
    expect(started.turnDetection).toEqual({ type: 'semantic_vad', eagerness: 'low', createResponse: true, interruptResponse: true });
    expect(started.agents.map((a) => a.name)).toEqual(['FROK', 'Home voice specialist', 'Research voice specialist']);
    expect(started.agents[0]!.tools.map((t) => t.name)).toEqual(['calculate', 'get_weather', 'recall_preference', 'remember_preference', 'control_home', 'ask_specialists']);
    const mint = realtime.mints.at(-1)!;
    expect(mint.request).toMatchObject({
      expires_after: { anchor: 'created_at', seconds: 600 },
      session: { type: 'realtime', model: 'gpt-realtime-2.1', audio: { input: { turn_detection: { type: 'semantic_vad', eagerness: 'low' } }, output: { voice: 'cedar' } } },
    });
    expect(JSON.stringify(started)).not.toContain('sk-test-valid-key-1234');
  });

  it('turns push-to-talk into no turn detection, and gives a conversation-only agent when tools are off', async () => {
    env.services.settings.update({ voice: { turnTaking: 'push-to-talk', enableSpecialistTools: false } });
    const started = await env.services.realtime.start({}, windowA);
    expect(started.turnDetection).toBeNull();
    expect(started.agents).toHaveLength(1);
    expect(started.agents[0]!.tools).toEqual([]);
    expect(realtime.mints.at(-1)!.request).toMatchObject({ session: { audio: { input: { turn_detection: null } } } });
  });

  it('allows one session per window and three in all, saying why', async () => {
    await env.services.realtime.start({}, windowA);
    await expect(env.services.realtime.start({}, windowA)).rejects.toMatchObject({ code: 'voice_session_exists' });
    await env.services.realtime.start({}, windowB);
    await env.services.realtime.start({}, windowC);
    await expect(env.services.realtime.start({}, windowD)).rejects.toMatchObject({ code: 'voice_too_many_sessions', message: expect.stringMatching(/3 voice sessions/) });
  });

  it('refuses a sixth start within a minute, and a reconnect is not counted as a new start', async () => {
    for (let i = 0; i < 5; i++) {
      const s = await env.services.realtime.start({}, windowA);
      env.services.realtime.end(s.sessionId, windowA);
    }
    await expect(env.services.realtime.start({}, windowA)).rejects.toMatchObject({ code: 'voice_start_rate_limited', message: expect.stringMatching(/5 voice sessions started in the last minute/) });
  });

  it('replaces a dropped session with a fresh secret when reconnecting', async () => {
    const first = await env.services.realtime.start({}, windowA);
    const second = await env.services.realtime.start({ replacesSessionId: first.sessionId }, windowA);
    expect(second.clientSecret).not.toBe(first.clientSecret);
    expect(env.services.realtime.list(windowA).map((s) => s.sessionId)).toEqual([second.sessionId]);
  });

  it('explains a refused mint, a rate-limited one, and voice without OpenAI', async () => {
    realtime.failNextMint(401, 'Incorrect API key');
    await expect(env.services.realtime.start({}, windowA)).rejects.toMatchObject({ code: 'voice_unauthorized', message: expect.stringMatching(/Settings → Account/) });
    realtime.failNextMint(429, 'Too many', 12);
    await expect(env.services.realtime.start({}, windowA)).rejects.toMatchObject({ code: 'voice_rate_limited', message: expect.stringMatching(/12 seconds/) });
    env.services.settings.update({ provider: { kind: 'openai-compatible', baseUrl: fake.url } });
    await expect(env.services.realtime.start({}, windowA)).rejects.toMatchObject({ code: 'voice_needs_openai' });
  });

  it('explains an unreachable OpenAI', async () => {
    env.services.settings.update({ provider: { kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1' } });
    // The key goes only where it was checked: as if it had been checked there before the server went away.
    env.services.secrets.confirmOrigin('openaiApiKey', 'http://127.0.0.1:9/v1');
    await expect(env.services.realtime.start({}, windowA)).rejects.toMatchObject({ code: 'voice_unreachable' });
  });
});

describe('a client secret kept ready', () => {
  it('is minted ahead and used by the next start, once', async () => {
    const before = realtime.mints.length + 1;
    await env.services.realtime.prepare(windowA);
    await expect.poll(() => realtime.mints.length).toBe(before);
    const started = await env.services.realtime.start({}, windowA);
    expect(realtime.mints).toHaveLength(before);
    expect(started.clientSecret).toBe(realtime.mints.at(-1)!.key);
    env.services.realtime.end(started.sessionId, windowA);
    await env.services.realtime.start({}, windowA);
    expect(realtime.mints).toHaveLength(before + 1);
  });

  it('is not used after the voice settings change, and not minted when no start could follow', async () => {
    const minted = realtime.mints.length + 1;
    await env.services.realtime.prepare(windowA);
    await expect.poll(() => realtime.mints.length).toBe(minted);
    const prepared = realtime.mints.at(-1)!.key;
    env.services.settings.update({ voice: { voice: 'ash' } });
    const started = await env.services.realtime.start({}, windowA);
    expect(started.clientSecret).not.toBe(prepared);
    expect(realtime.mints.at(-1)!.request).toMatchObject({ session: { audio: { output: { voice: 'ash' } } } });
    const count = realtime.mints.length;
    await env.services.realtime.prepare(windowA); // this window already has its one session
    expect(realtime.mints).toHaveLength(count);
  });
});

describe('voice tools run in main', () => {
  it('runs the fast tools for the session’s own window only', async () => {
    const { sessionId } = await env.services.realtime.start({}, windowA);
    const calc = await env.services.realtime.toolCall({ sessionId, callId: 'c1', name: 'calculate', args: '{"expression":"15% of 80"}' }, windowA);
    expect(calc.output).toBe('15% of 80 = 12');
    const w = await env.services.realtime.toolCall({ sessionId, callId: 'c2', name: 'get_weather', args: '{"location":"Paris","units":null}' }, windowA);
    expect(w.output).toMatch(/^In Paris it's/);
    await expect(env.services.realtime.toolCall({ sessionId, callId: 'c3', name: 'calculate', args: '{"expression":"1+1"}' }, windowB)).rejects.toMatchObject({ code: 'session_ended' });
  });

  it('answers bad arguments and unknown tools with text the agent can say', async () => {
    const { sessionId } = await env.services.realtime.start({}, windowA);
    expect((await env.services.realtime.toolCall({ sessionId, callId: 'c1', name: 'calculate', args: 'not json' }, windowA)).output).toMatch(/arguments it cannot use/);
    expect((await env.services.realtime.toolCall({ sessionId, callId: 'c2', name: 'rm_rf', args: '{}' }, windowA)).output).toBe('There is no tool called "rm_rf".');
  });

  it('recalls a preference the memory holds', async () => {
    env.services.memory.remember({ fact: 'I prefer warm lighting in the evening', source: 'user' });
    const { sessionId } = await env.services.realtime.start({}, windowA);
    const out = await env.services.realtime.toolCall({ sessionId, callId: 'c1', name: 'recall_preference', args: '{"topic":"evening lighting"}' }, windowA);
    expect(out.output).toBe('You told me: you prefer warm lighting in the evening.');
  });

  it('controls the home, asking first for the front door', async () => {
    const { sessionId } = await env.services.realtime.start({}, windowA);
    const lamp = '{"action":"turn_on","name":"Living Room Lamp","area":null,"value":null}';
    expect(await env.services.realtime.checkApproval({ sessionId, name: 'control_home', args: lamp }, windowA)).toEqual({ needsApproval: false, reason: null });
    await env.services.realtime.toolCall({ sessionId, callId: 'c1', name: 'control_home', args: lamp }, windowA);
    expect(ha.devices.get('light.living_room_lamp')?.state).toBe('on');

    const unlock = '{"action":"turn_off","name":"Front Door","area":null,"value":null}';
    expect(await env.services.realtime.checkApproval({ sessionId, name: 'control_home', args: unlock }, windowA)).toMatchObject({ needsApproval: true, reason: expect.stringMatching(/Front Door/) });
    const refused = await env.services.realtime.toolCall({ sessionId, callId: 'c2', name: 'control_home', args: unlock }, windowA);
    expect(ha.devices.get('lock.front_door')?.state).toBe('locked');
    expect(refused.output).toMatch(/approv/i);
    await env.services.realtime.toolCall({ sessionId, callId: 'c3', name: 'control_home', args: unlock, approved: true }, windowA);
    expect(ha.devices.get('lock.front_door')?.state).toBe('unlocked');
  });

  it('says in plain words when Home Assistant goes down mid-session, and the session carries on', async () => {
    const { sessionId } = await env.services.realtime.start({}, windowA);
    const lamp = '{"action":"turn_on","name":"Living Room Lamp","area":null,"value":null}';
    await env.services.realtime.toolCall({ sessionId, callId: 'c1', name: 'control_home', args: lamp }, windowA);
    expect(ha.devices.get('light.living_room_lamp')?.state).toBe('on');

    // Home Assistant stops answering between two spoken requests.
    ha.setDown(true);
    const kitchen = '{"action":"turn_off","name":"Kitchen Ceiling","area":null,"value":null}';
    const down = await env.services.realtime.toolCall({ sessionId, callId: 'c2', name: 'control_home', args: kitchen }, windowA);
    // An answer the voice model can say as it is: what failed, where, and what to do.
    expect(down.output).toMatch(/^Home Assistant at http:\/\/127\.0\.0\.1:\d+ is not answering \(HTTP 503\)\. Check that it is running and reachable from this computer, then try again\.$/);
    expect(down.output).not.toMatch(/Error|stack|undefined|\bat \S+\.ts/);
    // The house's own record: nothing reached the kitchen light.
    expect(ha.devices.get('light.kitchen_ceiling')?.state).toBe('on');
    expect(ha.changes.filter((c) => c.entityId === 'light.kitchen_ceiling')).toEqual([]);
    expect(ha.calls.filter((c) => c.args['name'] === 'Kitchen Ceiling')).toEqual([]);

    // The session is still there and still serves the conversation: other tools answer…
    expect(env.services.realtime.list(windowA)).toEqual([expect.objectContaining({ sessionId })]);
    expect((await env.services.realtime.toolCall({ sessionId, callId: 'c3', name: 'calculate', args: '{"expression":"6 * 7"}' }, windowA)).output).toMatch(/42/);
    // …and once Home Assistant is back, the same request works in the same session.
    ha.setDown(false);
    await env.services.realtime.toolCall({ sessionId, callId: 'c4', name: 'control_home', args: kitchen }, windowA);
    expect(ha.devices.get('light.kitchen_ceiling')?.state).toBe('off');
    expect(env.services.realtime.list(windowA)).toEqual([expect.objectContaining({ sessionId })]);
  });

  it('asks the specialist team, whose work shows in the activity like a typed ask', async () => {
    const activity: ActivityEvent[] = [];
    env.services.events.subscribe((e) => e.name === 'agent:activity' && activity.push(e.payload as ActivityEvent));
    fake.setScript(
      scriptByRoute([
        { when: { offersTool: 'memory_specialist', hasToolOutputs: false }, reply: { toolCalls: [{ name: 'memory_specialist', arguments: { input: 'a' } }, { name: 'general_specialist', arguments: { input: 'b' } }] } },
        { when: { instructionsStartWith: 'You are the ' }, reply: { text: 'part' } },
        { when: { hasToolOutputs: true }, reply: { text: 'The team says: part and part.' } },
      ]),
    );
    const { sessionId } = await env.services.realtime.start({}, windowA);
    const out = await env.services.realtime.toolCall({ sessionId, callId: 'c1', name: 'ask_specialists', args: '{"request":"Plan my evening"}' }, windowA);
    expect(out.output).toBe('The team says: part and part.');
    expect(activity[0]).toMatchObject({ type: 'run_started', source: 'voice', pattern: 'manager' });
    expect(activity.filter((e) => e.type === 'specialist_started').map((e) => (e as { specialist: string }).specialist)).toEqual(['memory', 'general']);
  });
});

describe('ending sessions', () => {
  it('lets only the owner end a session, and tells that window to disconnect', async () => {
    const told: unknown[] = [];
    env.services.events.subscribe((e) => e.name === 'realtime:ended' && told.push(e));
    const { sessionId } = await env.services.realtime.start({}, windowA);
    expect(() => env.services.realtime.end(sessionId, windowB)).toThrow(/already ended/);
    env.services.realtime.end(sessionId, windowA);
    expect(told).toEqual([{ name: 'realtime:ended', payload: { sessionId, reason: 'Ended from the Sessions list.' }, target: windowA.id }]);
    expect(env.services.realtime.list(windowA)).toEqual([]);
    // A tool result for a session that ended is refused cleanly.
    await expect(env.services.realtime.toolCall({ sessionId, callId: 'late', name: 'calculate', args: '{"expression":"1"}' }, windowA)).rejects.toMatchObject({ code: 'session_ended' });
  });

  it('ends a window’s sessions when it closes or reloads', async () => {
    await env.services.realtime.start({}, windowA);
    env.services.callerGone(windowA.id, 'The window was reloaded.');
    expect(env.services.realtime.list(windowA)).toEqual([]);
  });

  it('keeps usage and cost reported by the window', async () => {
    const { sessionId } = await env.services.realtime.start({}, windowA);
    env.services.realtime.report({ sessionId, state: 'connected', usage: { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 }, currentAgent: 'Home voice specialist' }, windowA);
    const [info] = env.services.realtime.list(windowA);
    // gpt-realtime-2.1's shipped price (shared/prices.ts), per million tokens.
    const price = SHIPPED_PRICES['gpt-realtime-2.1']!;
    expect(info).toMatchObject({ state: 'connected', currentAgent: 'Home voice specialist', costUsd: (1000 * price.inputPerMillionUsd + 500 * price.outputPerMillionUsd) / 1e6 });
  });
});
