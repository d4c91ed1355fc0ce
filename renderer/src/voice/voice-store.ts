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

type Subscribe = (listener: () => void) => () => void;

/**
 * React hears of a change when the page has nothing more pressing to do. A realtime event is
 * handled in the data channel's task, where the SDK may be carrying a tool call to main: a
 * render there (or right after, when main's answer arrives) makes the call wait. So:
 *  - at once when the person did it (`byPerson`: a pressed button shows its effect);
 *  - in a task of its own, right after, when `stateOf` changed (the session's "Listening");
 *  - otherwise (transcript text, the tool in use, the level) before the next paint, all of
 *    a frame's changes in one render. Nothing is painted later than it would have been.
 */
function scheduled(subscribe: Subscribe, byPerson: () => boolean = () => false, stateOf: () => unknown = () => null): Subscribe {
  return (listener) => {
    let told = stateOf();
    let subscribed = true;
    let task = false;
    let frame = 0;
    const channel = new MessageChannel();
    const deliver = () => {
      task = false;
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      if (!subscribed) return;
      told = stateOf();
      listener();
    };
    channel.port1.onmessage = deliver;
    const unsubscribe = subscribe(() => {
      // React reads the latest snapshot either way; a delivery queued before this one then changes nothing.
      if (byPerson()) return deliver();
      if (task) return;
      if (stateOf() !== told) {
        task = true;
        channel.port2.postMessage(null);
        return;
      }
      if (!frame) frame = requestAnimationFrame(deliver);
    });
    return () => {
      subscribed = false;
      if (frame) cancelAnimationFrame(frame);
      unsubscribe();
      channel.port1.close();
    };
  };
}

let voiceSubscribe: Subscribe | null = null;
let levelSubscribe: Subscribe | null = null;

export function useVoice(): VoiceSnapshot {
  const c = voiceController();
  voiceSubscribe ??= scheduled(
    c.subscribe,
    () => !c.changeCanWait,
    () => c.snapshot.state,
  );
  return useSyncExternalStore(voiceSubscribe, () => c.snapshot);
}

/** The microphone level alone, so only the meter renders when it moves. */
export function useVoiceLevel(): number {
  const c = voiceController();
  levelSubscribe ??= scheduled(c.subscribeLevel);
  return useSyncExternalStore(levelSubscribe, () => c.level);
}
