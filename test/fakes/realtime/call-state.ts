// A fresh CallState record; the live audio-out fields read straight from the transport.
import type { RealtimeSessionConfig } from './session-config.ts';
import type { TransportKind } from './transport.ts';
import type { CallState } from './types.ts';

export type LiveAudioOut = { sendingAudio(): boolean; frames(): number; speechFrames(): number };

export function createCallState(
  init: { id: string; transport: TransportKind; key: string; startedAt: number; session: RealtimeSessionConfig },
  live: LiveAudioOut,
): CallState {
  const state = {
    ...init,
    open: false,
    sessionUpdates: [],
    received: [],
    sent: [],
    userTurns: [],
    responses: [],
    toolOutputs: [],
    audioIn: { frames: 0, ms: 0, lastRms: 0, maxRms: 0, voicedFrames: 0 },
    userSpeaking: false,
  } as Omit<CallState, 'audioOut' | 'sendingAudio'>;
  return Object.defineProperties(state, {
    sendingAudio: { enumerable: true, get: live.sendingAudio },
    audioOut: { enumerable: true, get: () => ({ frames: live.frames(), speechFrames: live.speechFrames() }) },
  }) as CallState;
}
