// Minimal RIFF/WAVE reading and writing, 16-bit PCM only (what espeak-ng and sox produce).
import { readFile, writeFile } from 'node:fs/promises';

export type Pcm = { sampleRate: number; samples: Int16Array };

/** Reads a 16-bit PCM WAV; returns the first channel. */
export async function readWav(path: string): Promise<Pcm> {
  return parseWav(await readFile(path), path);
}

export function parseWav(buf: Buffer, name = 'WAV'): Pcm {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${name} is not a WAV file`);
  }
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number } | undefined;
  let data: Buffer | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    // espeak-ng writes to a pipe first, so its sizes can overstate the real length.
    const size = Math.min(buf.readUInt32LE(offset + 4), buf.length - offset - 8);
    if (id === 'fmt ') {
      format = {
        channels: buf.readUInt16LE(offset + 10),
        sampleRate: buf.readUInt32LE(offset + 12),
        bits: buf.readUInt16LE(offset + 22),
      };
    } else if (id === 'data') {
      data = buf.subarray(offset + 8, offset + 8 + size);
    }
    offset += 8 + size + (size & 1);
  }
  if (!format || !data) throw new Error(`${name} has no fmt or data chunk`);
  if (format.bits !== 16) throw new Error(`${name} is ${format.bits}-bit; only 16-bit PCM is supported`);
  const frameCount = Math.floor(data.length / 2 / format.channels);
  const samples = new Int16Array(frameCount);
  for (let i = 0; i < frameCount; i++) samples[i] = data.readInt16LE(i * 2 * format.channels);
  return { sampleRate: format.sampleRate, samples };
}

/** Mono 16-bit PCM WAV bytes. */
export function encodeWav({ sampleRate, samples }: Pcm): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

export async function writeWav(path: string, pcm: Pcm): Promise<void> {
  await writeFile(path, encodeWav(pcm));
}
