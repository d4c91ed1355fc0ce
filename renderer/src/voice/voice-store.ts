/**
 * The window's one voice controller. It lives outside React so a session keeps running
 * while the person looks at another screen (the Activity panel during ask_specialists).
 */
import { useSyncExternalStore } from 'react';
import { call, errorMessage } from '../ipc';
import { VoiceSessionController } from './controller';
import { startLevelMeter } from './level-meter';
import { openMicrophone, stopStream } from './microphone';
import { scheduled, type Subscribe } from './screen-schedule';
import { LIVE_STATES, type VoiceSnapshot, type VoiceState } from './types';

let controller: VoiceSessionController | null = null;

/** The system FROK runs on, for the microphone help; asked once, and only when that help is needed. */
let platform: Promise<string | null> | null = null;
const appPlatform = (): Promise<string | null> =>
  (platform ??= call('app:info').then(
    (info) => info.platform,
    () => {
      platform = null;
      return null;
    },
  ));

/** The SDK's module, loaded once (again after a failed load). */
let linkModule: Promise<typeof import('./session-link')> | null = null;
const loadLink = (): Promise<typeof import('./session-link')> =>
  (linkModule ??= import('./session-link').catch((error: unknown) => {
    linkModule = null;
    throw error;
  }));

export function voiceController(): VoiceSessionController {
  if (controller) return controller;
  // Loaded when a voice surface first shows (the Voice screen, the HUD), not at the first
  // Start, where the person would wait for it.
  void loadLink().catch(() => undefined);
  const created = new VoiceSessionController({
    call,
    describeError: errorMessage,
    openMicrophone: (deviceId) => openMicrophone(deviceId, navigator.mediaDevices, appPlatform),
    stopMicrophone: stopStream,
    // The Agents SDK is most of the window's code: not loaded before voice is used.
    createLink: async (options) => (await loadLink()).createVoiceLink(options),
    startLevelMeter,
  });
  // Main ends sessions too (the Sessions list on the Voice screen, the 60-minute limit); this window must let go.
  window.frok?.on('realtime:ended', ({ sessionId, reason }) => created.endedByMain(sessionId, reason));
  controller = created;
  return created;
}

/**
 * What shows in a task of its own: the session opening ("Listening" after Start), dropping,
 * ending. Changes inside a running session (listening, thinking, speaking) wait for the
 * frame, where they are painted anyway: a render in between would sit in front of the
 * realtime events right behind them (a tool call follows `response.created` at once).
 */
function phaseOf(state: VoiceState): string {
  return state === 'connecting' || state === 'reconnecting' || !LIVE_STATES.has(state) ? state : 'connected';
}

let voiceSubscribe: Subscribe | null = null;
let levelSubscribe: Subscribe | null = null;

export function useVoice(): VoiceSnapshot {
  const c = voiceController();
  voiceSubscribe ??= scheduled(c.subscribe, {
    byPerson: () => !c.changeCanWait,
    phase: () => phaseOf(c.snapshot.state),
    holdMs: () => c.screenMayWaitMs,
  });
  return useSyncExternalStore(voiceSubscribe, () => c.snapshot);
}

/** The microphone level alone, so only the meter renders when it moves. */
export function useVoiceLevel(): number {
  const c = voiceController();
  levelSubscribe ??= scheduled(c.subscribeLevel, { holdMs: () => c.screenMayWaitMs });
  return useSyncExternalStore(levelSubscribe, () => c.level);
}
