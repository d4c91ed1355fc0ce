/**
 * The window's one voice controller. It lives outside React so a session keeps running
 * while the person looks at another screen (the Activity panel during ask_specialists).
 */
import { useSyncExternalStore } from 'react';
import { call, errorMessage } from '../ipc';
import { VoiceSessionController } from './controller';
import { startLevelMeter } from './level-meter';
import { openMicrophone, stopStream } from './microphone';
import type { VoiceSnapshot } from './types';

let controller: VoiceSessionController | null = null;

export function voiceController(): VoiceSessionController {
  if (controller) return controller;
  const created = new VoiceSessionController({
    call,
    describeError: errorMessage,
    openMicrophone,
    stopMicrophone: stopStream,
    // The Agents SDK is most of the window's code: load it when voice is first used.
    createLink: async (options) => (await import('./session-link')).createVoiceLink(options),
    startLevelMeter,
  });
  // Main ends sessions too (Sessions list, the 60-minute limit); this window must let go.
  window.frok?.on('realtime:ended', ({ sessionId, reason }) => created.endedByMain(sessionId, reason));
  controller = created;
  return created;
}

export function useVoice(): VoiceSnapshot {
  const c = voiceController();
  return useSyncExternalStore(c.subscribe, () => c.snapshot);
}
