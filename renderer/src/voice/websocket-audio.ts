/**
 * The audio path of the WebSocket transport, which (unlike WebRTC) leaves audio to the
 * app: the microphone as 24 kHz PCM16 frames from an AudioWorklet, and the reply's PCM16
 * chunks scheduled back to back on an AudioContext.
 */
import { pcm16ToFloat32 } from './pcm';

export const REALTIME_SAMPLE_RATE = 24_000;
/** Served from FROK's own origin (renderer/public), which the CSP's script-src 'self' allows. */
export const CAPTURE_WORKLET_FILE = 'voice-capture-worklet.js';
/** 40 ms frames: 25 appends a second. */
const FRAME_SAMPLES = 960;
/** Chunks arriving this close together count as one stretch of speech. */
const DRAIN_GRACE_MS = 300;

export interface PcmCapture {
  /** Frames go to `onFrame` only while open (mute and push-to-talk close it). */
  setOpen(open: boolean): void;
  stop(): void;
}

/** `open` is the starting state: a muted or push-to-talk session sends nothing until opened. */
export async function startPcmCapture(stream: MediaStream, open: boolean, onFrame: (pcm16: ArrayBuffer) => void): Promise<PcmCapture> {
  const context = new AudioContext({ sampleRate: REALTIME_SAMPLE_RATE });
  try {
    await context.audioWorklet.addModule(new URL(CAPTURE_WORKLET_FILE, document.baseURI).href);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, 'frok-pcm16-capture', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
      processorOptions: { frameSamples: FRAME_SAMPLES },
    });
    // The node only runs while something pulls on it: a silent path to the speakers.
    const sink = context.createGain();
    sink.gain.value = 0;
    source.connect(node).connect(sink).connect(context.destination);
    let sending = open;
    node.port.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      if (sending) onFrame(event.data);
    };
    await context.resume();
    return {
      setOpen(next) {
        sending = next;
      },
      stop() {
        sending = false;
        node.port.onmessage = null;
        source.disconnect();
        node.disconnect();
        void context.close().catch(() => undefined);
      },
    };
  } catch (error) {
    void context.close().catch(() => undefined);
    throw error;
  }
}

export interface PcmPlayer {
  play(pcm16: ArrayBuffer): void;
  /** Stops at once and forgets everything queued (an interruption). */
  clear(): void;
  readonly playing: boolean;
  /** False when the chosen speaker could not be used (the default one plays). */
  readonly sinkApplied: boolean;
  close(): void;
}

export interface PcmPlayerEvents {
  onStart(): void;
  /** Everything queued has played. */
  onDrained(): void;
}

export async function createPcmPlayer(outputDeviceId: string | null, events: PcmPlayerEvents): Promise<PcmPlayer> {
  const context = new AudioContext({ sampleRate: REALTIME_SAMPLE_RATE, latencyHint: 'interactive' });
  const sinkApplied = await applySink(context as SinkCapable, outputDeviceId);
  await context.resume().catch(() => undefined);
  const sources = new Set<AudioBufferSourceNode>();
  let nextStart = 0;
  let playing = false;
  let drainTimer: ReturnType<typeof setTimeout> | undefined;

  const settle = () => {
    clearTimeout(drainTimer);
    drainTimer = setTimeout(() => {
      if (sources.size === 0 && playing) {
        playing = false;
        events.onDrained();
      }
    }, DRAIN_GRACE_MS);
  };

  const player: PcmPlayer = {
    sinkApplied,
    get playing() {
      return playing;
    },
    play(pcm16) {
      const samples = pcm16ToFloat32(pcm16);
      if (samples.length === 0) return;
      const buffer = context.createBuffer(1, samples.length, REALTIME_SAMPLE_RATE);
      buffer.copyToChannel(samples, 0);
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      // A little lead keeps the first chunk from starting mid-sample; later ones follow on.
      const at = Math.max(context.currentTime + 0.03, nextStart);
      source.start(at);
      nextStart = at + buffer.duration;
      sources.add(source);
      source.onended = () => {
        sources.delete(source);
        if (sources.size === 0) settle();
      };
      clearTimeout(drainTimer);
      if (!playing) {
        playing = true;
        events.onStart();
      }
    },
    clear() {
      clearTimeout(drainTimer);
      for (const source of sources) {
        source.onended = null;
        try {
          source.stop();
        } catch {
          // Already stopped.
        }
      }
      sources.clear();
      nextStart = 0;
      playing = false;
    },
    close() {
      player.clear();
      void context.close().catch(() => undefined);
    },
  };
  return player;
}

type SinkCapable = { setSinkId?: (id: string) => Promise<void> };

/** Routes output to the chosen speaker; false when it could not (the default one plays). */
export async function applySink(target: SinkCapable, outputDeviceId: string | null): Promise<boolean> {
  if (!outputDeviceId || typeof target.setSinkId !== 'function') return true;
  try {
    await target.setSinkId(outputDeviceId);
    return true;
  } catch {
    return false;
  }
}
