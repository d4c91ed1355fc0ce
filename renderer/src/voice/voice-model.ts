/**
 * The voice state machine and live transcript as a pure reducer. Raw Realtime events are
 * first read into a small vocabulary of signals (`signalFromEvent`); the controller adds
 * its own (tools, Stop, push-to-talk, connection changes). The reducer says which state
 * the session is in and when the assistant must be interrupted; the controller does it.
 */
import {
  appendText,
  ensureTurn,
  markInterrupted,
  openAssistantTurn,
  setFinalText,
  turnKey,
} from './transcript';
import type { RateLimit } from './session-errors';
import type { TranscriptTurn, VoiceState } from './types';

export type VoiceSignal =
  | { kind: 'connected' }
  | { kind: 'connection-lost' }
  | { kind: 'user-speech-start'; itemId: string | null }
  | { kind: 'user-speech-stop'; itemId: string | null }
  | { kind: 'user-committed'; itemId: string | null }
  | { kind: 'user-transcript-delta'; itemId: string; delta: string }
  | { kind: 'user-transcript'; itemId: string; text: string }
  | { kind: 'response-created' }
  | { kind: 'assistant-item'; itemId: string }
  | { kind: 'assistant-delta'; itemId: string; delta: string }
  | { kind: 'assistant-transcript'; itemId: string; text: string }
  /** Assistant audio began playing (WebRTC output buffer started; WebSocket first chunk). */
  | { kind: 'audio-started' }
  /** Assistant audio played to the end. */
  | { kind: 'audio-stopped' }
  /** Assistant audio was cut off (interrupted) before its end. */
  | { kind: 'audio-cleared' }
  | { kind: 'response-done'; cancelled: boolean; hasFunctionCalls: boolean }
  /**
   * OpenAI stopped the reply partway: a `server_error` event, or `response.done` with
   * status `failed`. What was said stays, cut off like a barge-in; the session listens again.
   */
  | { kind: 'response-failed' }
  | { kind: 'rate-limits'; limits: RateLimit[] }
  | { kind: 'tool-start'; name: string }
  | { kind: 'tool-end'; name: string }
  | { kind: 'stop-pressed' }
  | { kind: 'talk-press' }
  | { kind: 'talk-release' }
  /** Released too soon to hold any words: nothing is sent. */
  | { kind: 'talk-cancel' }
  | { kind: 'settle' };

export interface VoiceModel {
  state: VoiceState;
  turns: TranscriptTurn[];
  /** Increases with every (re)connection, so item ids of different connections never mix. */
  connection: number;
  agent: string | null;
  /** Assistant audio is playing. */
  assistantAudio: boolean;
  toolsRunning: number;
  tool: string | null;
  talking: boolean;
  /** The assistant turn of the latest response, so a failure can mark it cut off even once final. */
  replyTurn: string | null;
}

export type VoiceEffect = 'interrupt';

export const INITIAL_MODEL: VoiceModel = {
  state: 'connecting',
  turns: [],
  connection: 0,
  agent: null,
  assistantAudio: false,
  toolsRunning: 0,
  tool: null,
  talking: false,
  replyTurn: null,
};

type RawEvent = { type: string; [key: string]: unknown };

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Reads one raw Realtime server event; null for events that change nothing on screen. */
export function signalFromEvent(event: RawEvent): VoiceSignal | null {
  switch (event.type) {
    case 'input_audio_buffer.speech_started':
      return { kind: 'user-speech-start', itemId: str(event['item_id']) };
    case 'input_audio_buffer.speech_stopped':
      return { kind: 'user-speech-stop', itemId: str(event['item_id']) };
    case 'input_audio_buffer.committed':
      return { kind: 'user-committed', itemId: str(event['item_id']) };
    case 'conversation.item.input_audio_transcription.delta': {
      const itemId = str(event['item_id']);
      return itemId ? { kind: 'user-transcript-delta', itemId, delta: String(event['delta'] ?? '') } : null;
    }
    case 'conversation.item.input_audio_transcription.completed': {
      const itemId = str(event['item_id']);
      return itemId ? { kind: 'user-transcript', itemId, text: String(event['transcript'] ?? '') } : null;
    }
    case 'response.created':
      return { kind: 'response-created' };
    case 'response.output_item.added': {
      const item = event['item'] as { id?: unknown; type?: unknown; role?: unknown } | undefined;
      const itemId = str(item?.id);
      return itemId && item?.type === 'message' && item.role === 'assistant' ? { kind: 'assistant-item', itemId } : null;
    }
    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta': {
      const itemId = str(event['item_id']);
      return itemId ? { kind: 'assistant-delta', itemId, delta: String(event['delta'] ?? '') } : null;
    }
    case 'response.output_audio_transcript.done':
    case 'response.output_text.done': {
      const itemId = str(event['item_id']);
      const text = event['transcript'] ?? event['text'];
      return itemId && typeof text === 'string' ? { kind: 'assistant-transcript', itemId, text } : null;
    }
    case 'output_audio_buffer.started':
      return { kind: 'audio-started' };
    case 'output_audio_buffer.stopped':
      return { kind: 'audio-stopped' };
    case 'output_audio_buffer.cleared':
      return { kind: 'audio-cleared' };
    case 'error': {
      const error = event['error'] as { type?: unknown } | undefined;
      return error?.type === 'server_error' ? { kind: 'response-failed' } : null;
    }
    case 'rate_limits.updated': {
      const limits = Array.isArray(event['rate_limits']) ? (event['rate_limits'] as Record<string, unknown>[]) : [];
      return {
        kind: 'rate-limits',
        limits: limits.map((l) => ({
          name: String(l['name'] ?? ''),
          limit: Number(l['limit'] ?? 0),
          remaining: Number(l['remaining'] ?? 0),
          resetSeconds: Number(l['reset_seconds'] ?? 0),
        })),
      };
    }
    case 'response.done': {
      const response = event['response'] as { status?: unknown; output?: unknown } | undefined;
      if (response?.status === 'failed') return { kind: 'response-failed' };
      const output = Array.isArray(response?.output) ? (response.output as { type?: unknown }[]) : [];
      return {
        kind: 'response-done',
        cancelled: response?.status === 'cancelled',
        hasFunctionCalls: output.some((o) => o?.type === 'function_call'),
      };
    }
    default:
      return null;
  }
}

/** States in which the session is up and the reducer may move between conversation states. */
const CONVERSING: ReadonlySet<VoiceState> = new Set(['listening', 'user-speaking', 'thinking', 'assistant-speaking', 'interrupted']);

function cutAssistant(model: VoiceModel): VoiceModel {
  const open = openAssistantTurn(model.turns);
  return { ...model, assistantAudio: false, turns: open ? markInterrupted(model.turns, open.key) : model.turns };
}

/** Where the conversation rests when nobody is speaking. */
function idleState(model: VoiceModel): VoiceState {
  return model.toolsRunning > 0 ? 'thinking' : 'listening';
}

export function reduceVoice(model: VoiceModel, signal: VoiceSignal): { model: VoiceModel; effects: VoiceEffect[] } {
  const effects: VoiceEffect[] = [];
  const key = (itemId: string) => turnKey(model.connection, itemId);
  const userTurn = (m: VoiceModel, itemId: string | null): VoiceModel =>
    itemId ? { ...m, turns: ensureTurn(m.turns, { key: key(itemId), itemId, role: 'user', agent: null }) } : m;
  const assistantTurn = (m: VoiceModel, itemId: string): VoiceModel => ({
    ...m,
    turns: ensureTurn(m.turns, { key: key(itemId), itemId, role: 'assistant', agent: m.agent }),
  });
  const conversing = CONVERSING.has(model.state);
  const withState = (m: VoiceModel, state: VoiceState): VoiceModel => (conversing ? { ...m, state } : m);

  let next = model;
  switch (signal.kind) {
    case 'connected':
      next = { ...model, state: 'listening', connection: model.connection + 1, assistantAudio: false, toolsRunning: 0, tool: null, talking: false };
      break;
    case 'connection-lost':
      next = { ...cutAssistant(model), state: 'reconnecting', toolsRunning: 0, tool: null, talking: false };
      break;
    case 'user-speech-start': {
      // Talking over FROK: stop its voice at once and keep what it had said so far.
      if (model.assistantAudio) {
        effects.push('interrupt');
        next = cutAssistant(model);
      }
      next = withState(userTurn(next, signal.itemId), 'user-speaking');
      break;
    }
    case 'user-speech-stop':
    case 'user-committed':
      next = userTurn(model, signal.itemId);
      if (model.state === 'user-speaking' || model.state === 'listening' || model.state === 'interrupted') next = withState(next, 'thinking');
      break;
    case 'user-transcript-delta':
      next = userTurn(model, signal.itemId);
      next = { ...next, turns: appendText(next.turns, key(signal.itemId), signal.delta) };
      break;
    case 'user-transcript':
      next = userTurn(model, signal.itemId);
      next = { ...next, turns: setFinalText(next.turns, key(signal.itemId), signal.text) };
      break;
    case 'response-created':
      next = { ...model, replyTurn: null };
      if (model.state === 'listening' || model.state === 'interrupted') next = withState(next, 'thinking');
      break;
    case 'assistant-item':
      next = { ...assistantTurn(model, signal.itemId), replyTurn: key(signal.itemId) };
      break;
    case 'assistant-delta':
      next = assistantTurn(model, signal.itemId);
      next = { ...next, turns: appendText(next.turns, key(signal.itemId), signal.delta) };
      break;
    case 'assistant-transcript':
      next = assistantTurn(model, signal.itemId);
      next = { ...next, turns: setFinalText(next.turns, key(signal.itemId), signal.text) };
      break;
    case 'audio-started':
      next = { ...model, assistantAudio: true };
      if (!model.talking) next = withState(next, 'assistant-speaking');
      break;
    case 'audio-stopped':
      next = { ...model, assistantAudio: false };
      if (model.state === 'assistant-speaking') next = withState(next, idleState(next));
      break;
    case 'audio-cleared':
      if (model.assistantAudio) {
        next = cutAssistant(model);
        if (model.state === 'assistant-speaking') next = withState(next, 'interrupted');
      }
      break;
    case 'response-done': {
      if (signal.cancelled) {
        const open = openAssistantTurn(model.turns);
        if (open) next = { ...model, turns: markInterrupted(model.turns, open.key) };
      }
      // A response that called tools is followed by another once they answer.
      if (!signal.hasFunctionCalls && model.state === 'thinking' && !model.assistantAudio && model.toolsRunning === 0) {
        next = withState(next, 'listening');
      }
      break;
    }
    case 'response-failed':
      // Nothing more of this reply is coming: keep what was said, marked cut off.
      next = cutAssistant(model);
      if (model.replyTurn) next = { ...next, turns: markInterrupted(next.turns, model.replyTurn) };
      if (model.state !== 'user-speaking' && !model.talking) next = withState(next, idleState(next));
      break;
    case 'rate-limits':
      break;
    case 'tool-start':
      next = { ...model, toolsRunning: model.toolsRunning + 1, tool: signal.name };
      if (model.state !== 'assistant-speaking' && !model.talking) next = withState(next, 'thinking');
      break;
    case 'tool-end': {
      const toolsRunning = Math.max(0, model.toolsRunning - 1);
      next = { ...model, toolsRunning, tool: toolsRunning === 0 ? null : model.tool };
      break;
    }
    case 'stop-pressed':
      if (model.assistantAudio || model.state === 'assistant-speaking' || model.state === 'thinking') {
        effects.push('interrupt');
        next = withState(cutAssistant(model), 'interrupted');
      }
      break;
    case 'talk-press':
      if (model.assistantAudio) {
        effects.push('interrupt');
        next = cutAssistant(model);
      }
      next = withState({ ...next, talking: true }, 'user-speaking');
      break;
    case 'talk-release':
      next = withState({ ...model, talking: false }, 'thinking');
      break;
    case 'talk-cancel':
      next = withState({ ...model, talking: false }, idleState(model));
      break;
    case 'settle':
      // The "Interrupted" label has been seen long enough.
      if (model.state === 'interrupted') next = { ...model, state: idleState(model) };
      break;
  }
  return { model: next, effects };
}
