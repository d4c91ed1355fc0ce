/**
 * The microphone level for the meter: an AnalyserNode on FROK's own mic stream.
 *
 * Cheap on purpose, because it runs on the page's main thread next to the voice session
 * (a tool call waits behind whatever runs there): one AudioContext for every meter of the
 * window, created once and suspended while no meter runs (no audio thread, no graph to
 * pull), a reading every `everyMs` and none while the window is hidden, and `onLevel`
 * called only when the shown percentage changes.
 */
import { meterLevel } from './pcm';

export interface LevelMeter {
  stop(): void;
}

let shared: AudioContext | null = null;
let running = 0;

function meterContext(): AudioContext {
  if (!shared || shared.state === 'closed') shared = new AudioContext({ latencyHint: 'playback' });
  return shared;
}

export function startLevelMeter(stream: MediaStream, onLevel: (level: number) => void, everyMs = 100): LevelMeter {
  const context = meterContext();
  running++;
  // Always: a suspend() of the last meter may still be under way.
  void context.resume().catch(() => undefined);
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let shown = -1;
  // A timer rather than animation frames, so the level is fresh the moment the window shows again.
  const timer = setInterval(() => {
    if (typeof document !== 'undefined' && document.hidden) return;
    analyser.getFloatTimeDomainData(samples);
    const level = meterLevel(samples);
    const percent = Math.round(level * 100);
    if (percent === shown) return;
    shown = percent;
    onLevel(level);
  }, everyMs);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      source.disconnect();
      analyser.disconnect();
      if (--running === 0) void context.suspend().catch(() => undefined);
      onLevel(0);
    },
  };
}
