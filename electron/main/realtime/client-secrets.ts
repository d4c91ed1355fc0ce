/**
 * Mints short-lived client secrets (`ek_…`) for one realtime session with the long-lived
 * key, which never leaves main. POST {base}/realtime/client_secrets.
 */
import { z } from 'zod';
import { UserFacingError } from '../errors';

const ClientSecretReplySchema = z.object({
  value: z.string().startsWith('ek_'),
  expires_at: z.number(),
});

export interface MintOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  /** Seconds; the API accepts 10..7200, FROK asks for at most 600. */
  expiresInSeconds: number;
  session: Record<string, unknown>;
  timeoutMs?: number;
}

export async function mintClientSecret(o: MintOptions): Promise<{ value: string; expiresAt: Date }> {
  let response: Response;
  try {
    response = await o.fetch(`${o.baseUrl.replace(/\/+$/, '')}/realtime/client_secrets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${o.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ expires_after: { anchor: 'created_at', seconds: o.expiresInSeconds }, session: o.session }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
  } catch {
    throw new UserFacingError('voice_unreachable', "Couldn't reach OpenAI to start a voice session. Check your internet connection and try again.");
  }
  if (response.status === 401 || response.status === 403) {
    throw new UserFacingError('voice_unauthorized', 'OpenAI rejected the API key, so voice cannot start. Open Settings → Account to check or replace it.');
  }
  if (response.status === 429) {
    // No credit is a 429 too, but waiting does not help (electron/main/agents/model-errors.ts).
    const body = await response.clone().text().catch(() => '');
    if (/"insufficient_quota"/.test(body)) {
      throw new UserFacingError('voice_no_credit', "Your OpenAI account has no credit left, so voice can't start. Add credit on OpenAI's Billing page, then try again. (API use is paid separately from a ChatGPT subscription.)");
    }
    const retry = Number(response.headers.get('retry-after'));
    const wait = Number.isFinite(retry) && retry > 0 ? ` Try again in ${Math.ceil(retry)} seconds.` : ' Try again in a minute.';
    throw new UserFacingError('voice_rate_limited', `OpenAI is limiting voice sessions right now.${wait}`);
  }
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    const message = /"message"\s*:\s*"([^"]{1,200})"/.exec(detail)?.[1];
    throw new UserFacingError(
      'voice_start_failed',
      response.status >= 500 ? `OpenAI had a server error (${response.status}) starting voice. Try again in a moment.` : `OpenAI refused to start a voice session: ${message ?? `HTTP ${response.status}`}`,
    );
  }
  const parsed = ClientSecretReplySchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new UserFacingError('voice_start_failed', 'OpenAI answered the voice request in a form FROK does not understand. Try again later.');
  return { value: parsed.data.value, expiresAt: new Date(parsed.data.expires_at * 1000) };
}
