/** A short, soft test tone as a WAV file, for "Play test sound" on the chosen speaker. */

/** 16-bit mono PCM WAV of a sine tone with a gentle fade in and out (no clicks). */
export function toneWav({ frequencyHz = 660, durationMs = 600, sampleRate = 24_000, volume = 0.25 } = {}): ArrayBuffer {
  const count = Math.round((sampleRate * durationMs) / 1000);
  const buffer = new ArrayBuffer(44 + count * 2);
  const view = new DataView(buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + count * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, count * 2, true);
  const fade = Math.min(count / 2, Math.round(sampleRate * 0.03));
  for (let i = 0; i < count; i++) {
    const envelope = Math.min(1, i / fade, (count - 1 - i) / fade);
    const sample = Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate) * volume * envelope;
    view.setInt16(44 + i * 2, Math.round(sample * 0x7fff), true);
  }
  return buffer;
}
