// Spoken test audio from espeak-ng, shaped by sox (rate, mono 16-bit, silence padding).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readWav, type Pcm } from './wav.ts';

const run = promisify(execFile);

export type SpeechOptions = {
  /** Output rate; 48 kHz matches Chromium's fake microphone and Opus. */
  sampleRate?: number;
  /** Silence before / after the words, in seconds. */
  leadSeconds?: number;
  trailSeconds?: number;
  /** espeak-ng words per minute (default 175). */
  wordsPerMinute?: number;
};

/** Writes `text` spoken by espeak-ng to `path` as a mono 16-bit WAV and returns its samples. */
export async function writeSpeechWav(path: string, text: string, options: SpeechOptions = {}): Promise<Pcm> {
  const work = await mkdtemp(join(tmpdir(), 'frok-speech-'));
  try {
    const raw = join(work, 'raw.wav');
    await run('espeak-ng', ['-s', String(options.wordsPerMinute ?? 175), '-w', raw, text]);
    await run('sox', [
      raw,
      '-r', String(options.sampleRate ?? 48_000),
      '-b', '16', '-c', '1', '-e', 'signed-integer',
      path,
      'pad', String(options.leadSeconds ?? 0), String(options.trailSeconds ?? 0),
    ]);
    return await readWav(path);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const cache = new Map<string, Promise<Pcm>>();

/** `text` spoken at `sampleRate`, without padding; cached because replies repeat. */
export function speechPcm(text: string, sampleRate = 48_000): Promise<Pcm> {
  const key = `${sampleRate}:${text}`;
  let pcm = cache.get(key);
  if (!pcm) {
    pcm = (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'frok-speech-'));
      try {
        return await writeSpeechWav(join(dir, 'speech.wav'), text, { sampleRate });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    })();
    pcm.catch(() => cache.delete(key));
    cache.set(key, pcm);
  }
  return pcm;
}
