/**
 * A short sample of a voice, so the person can choose one in Settings without starting a
 * session: OpenAI's speech endpoint reads one sentence in that voice. Runs in main (the
 * key stays here); the window gets the audio bytes only.
 */
import type { Voice } from '@shared/domain';
import { UserFacingError } from '../errors';
import { tr } from '../i18n';

const SAMPLE = "Hi, I'm FROK. This is how I sound when we talk.";
const MAX_SAMPLE_BYTES = 2 * 1024 * 1024;

export async function fetchVoicePreview(o: {
  voice: Voice;
  baseUrl: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}): Promise<{ mimeType: string; audioBase64: string }> {
  let response: Response;
  try {
    response = await o.fetch(`${o.baseUrl.replace(/\/+$/, '')}/audio/speech`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${o.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini-tts', voice: o.voice, input: SAMPLE, response_format: 'wav' }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
  } catch {
    throw new UserFacingError('voice_preview_unreachable', tr('errors:voice.previewUnreachable'));
  }
  if (response.status === 401 || response.status === 403) {
    throw new UserFacingError('voice_unauthorized', tr('errors:voice.previewUnauthorized'));
  }
  if (response.status === 400 || response.status === 404) {
    // The speech service and the realtime one do not always offer the same voices.
    throw new UserFacingError('voice_preview_unavailable', tr('errors:voice.previewUnavailable', { voice: o.voice }));
  }
  if (!response.ok) throw new UserFacingError('voice_preview_failed', tr('errors:voice.previewFailed', { status: response.status }));
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_SAMPLE_BYTES) {
    throw new UserFacingError('voice_preview_failed', tr('errors:voice.previewUnplayable'));
  }
  return { mimeType: response.headers.get('content-type')?.split(';')[0]?.trim() || 'audio/wav', audioBase64: Buffer.from(bytes).toString('base64') };
}
