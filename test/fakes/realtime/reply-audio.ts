// The sound of an assistant reply, at 48 kHz: a voice-like tone, or espeak-ng speech.
import { speechPcm } from './audio/speech.ts';
import { voiceTone } from './audio/pcm.ts';
import { toneSeconds } from './script.ts';
import type { AssistantReply } from './types.ts';

const RATE = 48_000;

export async function replyAudio(reply: AssistantReply): Promise<Int16Array> {
  if (reply.voice !== 'speech' || !reply.transcript) return voiceTone(toneSeconds(reply), RATE);
  const { samples } = await speechPcm(reply.transcript, RATE);
  if (reply.audioSeconds === undefined) return samples;
  const fitted = new Int16Array(Math.round(reply.audioSeconds * RATE));
  fitted.set(samples.subarray(0, fitted.length));
  return fitted;
}
