// Reply audio on a real-time 20 ms clock, as a media server sends it: queued speech when
// there is some, silence otherwise, so the browser's jitter buffer never starves.
import { FRAME_SAMPLES, OPUS_RATE } from './opus.ts';

const FRAME_MS = (FRAME_SAMPLES / OPUS_RATE) * 1000;

export class FramePump {
  framesSent = 0;
  speechFramesSent = 0;
  private queue: Int16Array[] = [];
  private finishCurrent: ((playedOut: boolean) => void) | undefined;
  private readonly startedAt = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly sendFrame: (frame: Int16Array) => void) {
    this.timer = setInterval(() => this.tick(), FRAME_MS / 2);
  }

  get playing(): boolean {
    return this.queue.length > 0;
  }

  /** Queues 48 kHz PCM; resolves true once its last frame is sent, false if stopped first. */
  play(samples: Int16Array): Promise<boolean> {
    this.stop();
    for (let i = 0; i < samples.length; i += FRAME_SAMPLES) {
      const frame = new Int16Array(FRAME_SAMPLES);
      frame.set(samples.subarray(i, i + FRAME_SAMPLES));
      this.queue.push(frame);
    }
    if (this.queue.length === 0) return Promise.resolve(true);
    return new Promise((resolve) => (this.finishCurrent = resolve));
  }

  stop(): boolean {
    const wasPlaying = this.queue.length > 0;
    this.queue = [];
    this.settle(false);
    return wasPlaying;
  }

  close(): void {
    clearInterval(this.timer);
    this.stop();
  }

  private settle(playedOut: boolean): void {
    const finish = this.finishCurrent;
    this.finishCurrent = undefined;
    finish?.(playedOut);
  }

  private tick(): void {
    // Catch up on missed ticks so the stream keeps 50 frames a second under load.
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS);
    while (this.framesSent < due) {
      const frame = this.queue.shift();
      try {
        this.sendFrame(frame ?? new Int16Array(FRAME_SAMPLES));
      } catch {
        // The track closed under us; the call's own close handling cleans up.
      }
      this.framesSent++;
      if (frame) {
        this.speechFramesSent++;
        if (this.queue.length === 0) this.settle(true);
      }
    }
  }
}
