// FROK's voice session (controller + session link + the real RealtimeSession over its
// WebSocket transport, in Node) against the fake Realtime API, when a reply goes wrong
// after it started: an `error` event, `response.done` failed, the connection cut
// mid-answer, and the rate limit nearly used up. What the person would notice: the partial
// answer kept and marked cut off, one plain sentence, listening again, and after a
// reconnect the model being told the conversation so far with no tool run twice. Also the
// screen's hold around a tool call, which rests on the link telling the controller of the
// model's function call item (the SDK's transport events, as they come from the fake).
// The Web Audio parts (capture, playback) are stand-ins; everything else is the real code.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RealtimeStartResponse } from '@shared/realtime';
import { VoiceSessionController, type CallFn } from '../../renderer/src/voice/controller';
import { DROPPED_MID_ANSWER, REPLY_FAILED } from '../../renderer/src/voice/session-errors';
import { createVoiceLink, type WebSocketAudio } from '../../renderer/src/voice/session-link';
import type { TranscriptTurn } from '../../renderer/src/voice/types';
import type { PcmPlayer } from '../../renderer/src/voice/websocket-audio';
import { DEFAULT_VALID_KEY, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server';
import { attachFakeRealtime, type FakeRealtime, type ScriptedTurn } from '../fakes/realtime';

const MODEL = 'gpt-realtime';
const ANSWER = 'The weather in Paris is sunny and warm today, with a light breeze from the west.';

let fake: FakeOpenAI;
let realtime: FakeRealtime;
let openai: OpenAI;
let controller: VoiceSessionController;
let toolCalls: { name: string; callId: string; heldMs: number }[];
let clock = 0;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  realtime = attachFakeRealtime(fake);
  openai = new OpenAI({ apiKey: DEFAULT_VALID_KEY, baseURL: fake.url, maxRetries: 0 });
});
afterEach(async () => {
  await controller?.end();
});
afterAll(async () => {
  await realtime.close();
  await fake.close();
});

/**
 * Push-to-talk capture: opening it sends half a second of (quiet) microphone frames, just
 * after the press has cleared the input buffer (and before the release commits it).
 */
const audio: WebSocketAudio = {
  startCapture: async (_stream, open, onFrame) => {
    const burst = () =>
      setTimeout(() => {
        for (let i = 0; i < 13; i++) onFrame(new ArrayBuffer(960 * 2));
      }, 0);
    if (open) burst();
    return {
      setOpen: (next) => {
        if (next) burst();
      },
      stop: () => undefined,
    };
  },
  /** Plays nothing; "drains" shortly after the last chunk, as the real player does. */
  createPlayer: async (_device, events) => {
    let playing = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const player: PcmPlayer = {
      sinkApplied: true,
      get playing() {
        return playing;
      },
      play() {
        clearTimeout(timer);
        if (!playing) {
          playing = true;
          events.onStart();
        }
        timer = setTimeout(() => {
          playing = false;
          events.onDrained();
        }, 150);
      },
      clear() {
        clearTimeout(timer);
        playing = false;
      },
      close() {
        player.clear();
      },
    };
    return player;
  },
};

async function startResponse(n: number): Promise<RealtimeStartResponse> {
  const secret = await openai.realtime.clientSecrets.create({
    expires_after: { anchor: 'created_at', seconds: 600 },
    session: { type: 'realtime', model: MODEL },
  });
  return {
    sessionId: `rt_${n}`,
    clientSecret: secret.value,
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    transport: 'websocket',
    callsUrl: `${fake.origin}/v1/realtime/calls`,
    websocketUrl: `${fake.origin.replace('http', 'ws')}/v1/realtime?model=${MODEL}`,
    model: MODEL,
    voice: 'marin',
    turnTaking: 'push-to-talk',
    turnDetection: null,
    agents: [
      {
        name: 'FROK',
        instructions: 'You are FROK.',
        handoffDescription: 'main',
        tools: [
          {
            name: 'turn_on_light',
            description: 'Turns on a light.',
            parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
            mayNeedApproval: false,
          },
        ],
        handoffs: [],
      },
    ],
    startAgent: 'FROK',
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

async function begin(script: ScriptedTurn[]): Promise<void> {
  realtime.setScript(script);
  toolCalls = [];
  let starts = 0;
  const call = (async (channel: string, payload: { name: string; callId: string }) => {
    if (channel === 'realtime:start') return startResponse(++starts);
    if (channel === 'realtime:report') return { ok: true };
    if (channel === 'realtime:checkApproval') return { needsApproval: false, reason: null };
    if (channel === 'realtime:toolCall') {
      toolCalls.push({ name: payload.name, callId: payload.callId, heldMs: controller.screenMayWaitMs });
      return { output: 'The kitchen light is on.' };
    }
    throw new Error(`unexpected ${channel}`);
  }) as CallFn;
  controller = new VoiceSessionController({
    call,
    describeError: (e) => (e instanceof Error ? e.message : 'Something went wrong inside FROK.'),
    openMicrophone: async () => ({ id: 'mic' }) as unknown as MediaStream,
    stopMicrophone: () => undefined,
    // The model's function call item reaches the controller through the link; 10 ms (of
    // the controller's clock) pass before the SDK runs the call.
    createLink: (options) =>
      createVoiceLink({
        ...options,
        audio,
        handlers: {
          ...options.handlers,
          toolCallComing: () => {
            options.handlers.toolCallComing();
            clock += 10;
          },
        },
      }),
    now: () => clock,
    reconnectDelaysMs: [0, 0, 0],
    talkTailMs: 0,
  });
  await controller.begin({ inputDeviceId: null, outputDeviceId: null, traceExport: false });
  expect(controller.snapshot.state).toBe('listening');
}

/** Holds the talk key for a second of (fake) time and lets go; the scripted turn answers. */
function talk(): void {
  controller.talkPress();
  clock += 1000;
  controller.talkRelease();
}

const turns = (): Pick<TranscriptTurn, 'role' | 'text' | 'interrupted'>[] =>
  controller.snapshot.turns.map(({ role, text, interrupted }) => ({ role, text, interrupted }));

/** Waits for the answer to a turn to be over (final or cut off) and the session listening. */
async function answered(count: number): Promise<void> {
  await vi.waitFor(
    () => {
      const assistant = controller.snapshot.turns.filter((t) => t.role === 'assistant');
      expect(assistant.length).toBe(count);
      expect(assistant.at(-1)!.final).toBe(true);
      expect(controller.snapshot.state).toBe('listening');
    },
    { timeout: 10_000, interval: 20 },
  );
}

describe('the screen and a tool call', () => {
  it('waits while the call is made and carried to main, not while the model thinks, and no longer once the output is sent', async () => {
    await begin([
      {
        transcript: 'Turn on the kitchen light.',
        reply: { firstItemDelayMs: 300, toolCalls: [{ name: 'turn_on_light', arguments: {} }], afterTools: { transcript: 'Done.' } },
      },
    ]);
    talk();
    // The reply has begun but no item has come yet: "Thinking…" is not held back.
    await realtime.waitFor(() => realtime.lastCall!.responses.at(-1)?.status === 'in_progress', 5000, 'the reply to start');
    expect(controller.screenMayWaitMs).toBe(0);
    await answered(1);
    // Held from the call's item, 10 ms before it reached main.
    expect(toolCalls).toEqual([expect.objectContaining({ name: 'turn_on_light', heldMs: 40 })]);
    expect(controller.screenMayWaitMs).toBe(0);
  });
});

describe('a reply that fails after it started', () => {
  it.each(['error', 'failed'] as const)('%s: the partial answer stays, marked cut off; one sentence says what to do; talking works again', async (kind) => {
    await begin([
      { transcript: 'What is the weather in Paris?', reply: { transcript: ANSWER, failure: { kind, afterDeltas: 3 } } },
      { transcript: 'And tomorrow?', reply: { transcript: 'Rain, I am afraid.' } },
    ]);
    talk();
    await answered(1);
    expect(controller.snapshot.notice).toBe(REPLY_FAILED);
    expect(controller.snapshot.error).toBeNull();
    expect(turns()).toEqual([
      { role: 'user', text: 'What is the weather in Paris?', interrupted: false },
      { role: 'assistant', text: 'The weather in ', interrupted: true },
    ]);

    talk();
    await answered(2);
    expect(turns().slice(2)).toEqual([
      { role: 'user', text: 'And tomorrow?', interrupted: false },
      { role: 'assistant', text: 'Rain, I am afraid.', interrupted: false },
    ]);
    // The news about the failed answer went once a new one came.
    expect(controller.snapshot.notice).toBeNull();
    expect(realtime.calls.filter((c) => c.open)).toHaveLength(1);
  });

  it('drop: reconnects, tells the new session the conversation so far, and runs no tool twice', async () => {
    await begin([
      {
        transcript: 'Turn on the kitchen light.',
        reply: { toolCalls: [{ name: 'turn_on_light', arguments: {} }], afterTools: { transcript: ANSWER, failure: { kind: 'drop', afterDeltas: 2 } } },
      },
      { transcript: 'Thanks.', reply: { transcript: 'You are welcome.' } },
    ]);
    const firstCall = realtime.calls.length;
    talk();
    await vi.waitFor(() => expect(realtime.calls.length).toBe(firstCall + 1), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(controller.snapshot).toMatchObject({ state: 'listening', notice: DROPPED_MID_ANSWER }), { timeout: 10_000, interval: 20 });
    expect(realtime.calls[firstCall - 1]).toMatchObject({ open: false, closeReason: 'dropped' });
    expect(turns()).toEqual([
      { role: 'user', text: 'Turn on the kitchen light.', interrupted: false },
      { role: 'assistant', text: 'The weather ', interrupted: true },
    ]);

    // The new session got the conversation back, as items, and a note of the tool that ran.
    const newCall = realtime.lastCall!;
    const created = await realtime.waitFor(() => {
      const items = newCall.received.filter((e) => e.event.type === 'conversation.item.create').map((e) => e.event.item as Record<string, unknown>);
      return items.length === 3 && items;
    });
    expect(created).toEqual([
      expect.objectContaining({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Turn on the kitchen light.' }] }),
      expect.objectContaining({ type: 'message', role: 'assistant', status: 'incomplete', content: [{ type: 'output_text', text: 'The weather ' }] }),
      expect.objectContaining({
        type: 'message',
        role: 'system',
        content: [{ type: 'input_text', text: expect.stringMatching(/already ran[\s\S]*turn_on_light\(\{\}\) → The kitchen light is on\./) }],
      }),
    ]);
    expect(newCall.received.filter((e) => e.event.type === 'response.create')).toHaveLength(0);

    talk();
    await vi.waitFor(() => expect(turns().at(-1)).toEqual({ role: 'assistant', text: 'You are welcome.', interrupted: false }), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(controller.snapshot.state).toBe('listening'), { timeout: 10_000, interval: 20 });
    // The earlier turns are still there, once each; the tool ran exactly once.
    expect(turns().map((t) => t.text)).toEqual(['Turn on the kitchen light.', 'The weather ', 'Thanks.', 'You are welcome.']);
    expect(toolCalls).toHaveLength(1);
    expect(newCall.toolOutputs).toHaveLength(0);
    expect(controller.snapshot.notice).toBeNull();
  });

  it('rate limits nearly used up: a sentence says answers may pause, and goes when there is room again', async () => {
    await begin([
      { transcript: 'What is the weather in Paris?', reply: { transcript: 'Sunny.', rateLimits: { requestsRemaining: 0, tokensRemaining: 3, resetSeconds: 20 } } },
      { transcript: 'And tomorrow?', reply: { transcript: 'Rain.' } },
    ]);
    talk();
    await answered(1);
    expect(controller.snapshot.notice).toBe("OpenAI's rate limit for this key is nearly used up — answers may pause for 20 seconds.");
    expect(turns().at(-1)).toEqual({ role: 'assistant', text: 'Sunny.', interrupted: false });

    talk();
    await answered(2);
    expect(controller.snapshot.notice).toBeNull();
  });
});
