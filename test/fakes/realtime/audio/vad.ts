// Energy voice-activity detection on decoded PCM: the fake's stand-in for the server VAD.
// It works on audio time (sample counts), not wall time, so audio sent faster than real
// time over the WebSocket is judged the same as a live microphone.
import { durationMs, rms } from './pcm.ts';

export type VadSettings = {
  /** RMS (16-bit scale) above which a chunk counts as voice. Default 300. */
  threshold: number;
  /** Voice needed before speech "starts". Default 60 ms. */
  startMs: number;
  /** Silence needed before speech "stops". Default 500 ms. */
  silenceMs: number;
};

export const DEFAULT_VAD: VadSettings = { threshold: 300, startMs: 60, silenceMs: 500 };

export type VadEvents = {
  /** `audioMs` is where the voice began, on the stream's own clock. */
  onSpeechStart(audioMs: number): void;
  onSpeechStop(audioMs: number): void;
};

export class EnergyVad {
  speaking = false;
  /** Total audio seen, in ms. */
  audioMs = 0;
  private voicedMs = 0;
  private voiceStartMs = 0;
  private silentMs = 0;

  constructor(
    private settings: VadSettings,
    private readonly events: VadEvents,
  ) {}

  configure(settings: VadSettings): void {
    this.settings = settings;
  }

  /** Feeds one chunk; returns its RMS. */
  push(samples: Int16Array, sampleRate: number): number {
    const ms = durationMs(samples, sampleRate);
    const level = rms(samples);
    const start = this.audioMs;
    this.audioMs += ms;
    if (level > this.settings.threshold) {
      this.silentMs = 0;
      if (this.voicedMs === 0) this.voiceStartMs = start;
      this.voicedMs += ms;
      if (!this.speaking && this.voicedMs >= this.settings.startMs) {
        this.speaking = true;
        this.events.onSpeechStart(this.voiceStartMs);
      }
    } else {
      this.voicedMs = 0;
      if (this.speaking) {
        this.silentMs += ms;
        if (this.silentMs >= this.settings.silenceMs) {
          const endedAt = this.audioMs - this.silentMs;
          this.speaking = false;
          this.silentMs = 0;
          this.events.onSpeechStop(endedAt);
        }
      }
    }
    return level;
  }

  /** Forget a half-heard utterance (input_audio_buffer.clear / commit). */
  reset(): void {
    this.speaking = false;
    this.voicedMs = 0;
    this.silentMs = 0;
  }
}
