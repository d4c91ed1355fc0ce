/** Small audio arithmetic shared by the level meter and the WebSocket audio path. */

/** 16-bit PCM (little-endian, as the Realtime API sends it) to Web Audio floats. */
export function pcm16ToFloat32(data: ArrayBuffer): Float32Array<ArrayBuffer> {
  const samples = new Int16Array(data, 0, Math.floor(data.byteLength / 2));
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / (samples[i]! < 0 ? 0x8000 : 0x7fff);
  return out;
}

/**
 * A meter level 0..1 from samples: RMS in dBFS, -60 dB (room noise) to 0 dB (full scale),
 * so quiet speech still moves the bar.
 */
export function meterLevel(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}
