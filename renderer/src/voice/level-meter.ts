/** The microphone level for the meter: an AnalyserNode on FROK's own mic stream. */
import { meterLevel } from './pcm';

export interface LevelMeter {
  stop(): void;
}

export function startLevelMeter(stream: MediaStream, onLevel: (level: number) => void, everyMs = 100): LevelMeter {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  // A timer rather than animation frames: the level is also reported while the window is hidden.
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    onLevel(meterLevel(samples));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      source.disconnect();
      void context.close().catch(() => undefined);
      onLevel(0);
    },
  };
}
