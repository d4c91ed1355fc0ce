// PCM16 arithmetic: energy, rate conversion between WebRTC's 48 kHz and the API's 24 kHz,
// base64 framing for the WebSocket protocol, and a synthetic "voice" tone.

/** Root mean square of 16-bit samples (0 … 32767). */
export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

export const durationMs = (samples: Int16Array | number, sampleRate: number): number =>
  ((typeof samples === 'number' ? samples : samples.length) / sampleRate) * 1000;

/** Linear-interpolation resampling; good enough for speech energy and test tones. */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const out = new Int16Array(Math.floor((samples.length * to) / from));
  const step = from / to;
  for (let i = 0; i < out.length; i++) {
    const pos = i * step;
    const left = Math.floor(pos);
    const frac = pos - left;
    const a = samples[left] ?? 0;
    const b = samples[left + 1] ?? a;
    out[i] = Math.round(a + (b - a) * frac);
  }
  return out;
}

/** Little-endian PCM16 bytes (the API's `audio/pcm`) → samples. */
export function pcmFromBytes(bytes: Buffer): Int16Array {
  const out = new Int16Array(Math.floor(bytes.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2);
  return out;
}

export function pcmToBytes(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i]!, i * 2);
  return out;
}

/**
 * A voice-like tone: a 180 Hz buzz with harmonics, amplitude-modulated at ~4 syllables a
 * second, so it has speech-like energy for meters and VADs without needing a synthesiser.
 */
export function voiceTone(seconds: number, sampleRate = 48_000, amplitude = 9000): Int16Array {
  const out = new Int16Array(Math.max(0, Math.round(seconds * sampleRate)));
  const fade = Math.min(out.length / 2, sampleRate * 0.02);
  for (let i = 0; i < out.length; i++) {
    const t = i / sampleRate;
    const syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
    const buzz =
      Math.sin(2 * Math.PI * 180 * t) + 0.5 * Math.sin(2 * Math.PI * 360 * t) + 0.25 * Math.sin(2 * Math.PI * 540 * t);
    const edge = Math.min(1, i / fade, (out.length - 1 - i) / fade);
    out[i] = Math.round((amplitude / 1.75) * buzz * syllable * edge);
  }
  return out;
}

export function silence(seconds: number, sampleRate: number): Int16Array {
  return new Int16Array(Math.round(seconds * sampleRate));
}

export function concatPcm(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
