// The fake OpenAI Realtime API, added to the fake OpenAI server:
//   POST /v1/realtime/client_secrets   mint `ek_` keys (needs the real key)
//   POST /v1/realtime/calls            WebRTC (node-datachannel), ephemeral keys only
//   GET  /v1/realtime (upgrade)        WebSocket, ephemeral keys (or `webSocketApiKeys`)
// Both transports share one conversation engine: energy VAD on the received audio,
// scripted user turns and assistant replies, barge-in, tool calls, and the real errors.
import type { FakeOpenAI } from '../openai/types.ts';
import { EphemeralKeys } from './client-secrets.ts';
import { sleep } from './clock.ts';
import { Conversation } from './conversation.ts';
import { ScriptQueue } from './script.ts';
import type { ServerEvent } from './transport.ts';
import type { AssistantReply, CallState, Falsy, FakeRealtime, FakeRealtimeOptions, ResponseRecord, ScriptedTurn } from './types.ts';
import { registerWebRtcCalls, type CallHost } from './webrtc-call.ts';
import { registerWebSocketCalls } from './websocket-call.ts';

export type * from './types.ts';
export { writeSpeechWav, speechPcm } from './audio/speech.ts';
export { readWav, writeWav } from './audio/wav.ts';
export { voiceTone, silence, concatPcm, resample, pcmToBytes, rms } from './audio/pcm.ts';

const DEFAULT_REPLY: AssistantReply = { transcript: 'Okay.', audioSeconds: 0.5 };

type LiveCall = { state: CallState; conversation: Conversation; drop: () => void };

export function attachFakeRealtime(fake: FakeOpenAI, options: FakeRealtimeOptions = {}): FakeRealtime {
  const keys = new EphemeralKeys();
  const script = new ScriptQueue();
  const calls: CallState[] = [];
  const live = new Map<string, LiveCall>();
  let callFailure: { status: number; message?: string } | undefined;
  const sendListeners = new Set<(event: ServerEvent, call: CallState) => void>();
  const onSend = (event: ServerEvent, call: CallState): void => {
    for (const listener of sendListeners) listener(event, call);
  };

  const host: CallHost = {
    keys,
    takeCallFailure() {
      const failure = callFailure;
      callFailure = undefined;
      return failure;
    },
    newConversation: (state, transport) =>
      new Conversation({
        state,
        transport,
        script,
        vad: options.vad ?? {},
        defaultReply: options.defaultReply ?? DEFAULT_REPLY,
        onSend,
        transcriptBeforeResponse: options.transcriptBeforeResponse ?? false,
        drop: () => {
          const call = live.get(state.id);
          if (!call) return;
          live.delete(state.id);
          call.drop();
        },
      }),
    addCall(state, conversation, drop) {
      calls.push(state);
      live.set(state.id, { state, conversation, drop });
    },
  };
  keys.register(fake);
  registerWebRtcCalls(fake, host);
  registerWebSocketCalls(fake, host, options.webSocketApiKeys ?? []);

  /** The named call, or the newest open one. */
  function liveCall(callId?: string): LiveCall {
    const call = callId ? live.get(callId) : [...live.values()].reverse().find((c) => c.state.open);
    if (!call) throw new Error(callId ? `no realtime call ${callId}` : 'no open realtime call');
    return call;
  }

  const realtime: FakeRealtime = {
    mints: keys.mints,
    refused: keys.refused,
    calls,
    get lastCall() {
      return calls.at(-1);
    },
    setScript: (turns: ScriptedTurn[]) => script.set(turns),
    get scriptRemaining() {
      return script.remaining;
    },
    failNextMint(status, message, retryAfterSeconds) {
      keys.failNext({ status, ...(message ? { message } : {}), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
    },
    failNextCall(status, message) {
      callFailure = { status, ...(message ? { message } : {}) };
    },
    expireKeys: () => keys.expireAll(),
    say(first: string | undefined | AssistantReply, second?: AssistantReply): Promise<ResponseRecord> {
      const [callId, reply] = typeof first === 'object' ? [undefined, first] : [first, second!];
      return liveCall(callId).conversation.respond('say', reply);
    },
    sendFunctionCall: (name, args, callId, reply) => liveCall(callId).conversation.functionCall(name, args, reply),
    dropCall(callId) {
      const call = liveCall(callId);
      live.delete(call.state.id);
      call.drop();
    },
    async waitFor<T>(predicate: () => T | Falsy, timeoutMs = 5000, what = 'condition'): Promise<T> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value) return value;
        if (performance.now() > deadline) throw new Error(`fake realtime: timed out after ${timeoutMs} ms waiting for ${what}\n${describe(calls)}`);
        await sleep(10);
      }
    },
    onSend(listener) {
      sendListeners.add(listener);
      return () => sendListeners.delete(listener);
    },
    async close() {
      for (const call of live.values()) call.drop();
      live.clear();
      // Let libdatachannel finish closing before the caller tears the server down.
      await sleep(20);
    },
  };
  return realtime;
}

/** A short account of each call, for timeout messages. */
function describe(calls: CallState[]): string {
  if (calls.length === 0) return 'no calls were made';
  return calls
    .map(
      (c) =>
        `${c.id} (${c.transport}, ${c.open ? 'open' : 'closed'}): audio in ${Math.round(c.audioIn.ms)} ms (max RMS ${Math.round(c.audioIn.maxRms)}), ` +
        `received [${c.received.map((e) => e.event.type).slice(-12).join(', ')}], sent [${c.sent.map((e) => e.event.type).slice(-12).join(', ')}]`,
    )
    .join('\n');
}
