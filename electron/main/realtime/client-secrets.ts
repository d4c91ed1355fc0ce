/**
 * Mints short-lived client secrets (`ek_…`) for one realtime session with the long-lived
 * key, which never leaves main. POST {base}/realtime/client_secrets.
 */
import { z } from 'zod';
import { isNoCreditReply, UserFacingError } from '../errors';
import { tr } from '../i18n';

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
    throw new UserFacingError('voice_unreachable', tr('errors:voice.unreachable'));
  }
  if (response.status === 401 || response.status === 403) {
    throw new UserFacingError('voice_unauthorized', tr('errors:voice.unauthorized'));
  }
  if (response.status === 429) {
    // No credit is a 429 too, but waiting does not help (electron/main/agents/model-errors.ts).
    const body: unknown = await response.json().catch(() => null);
    if (isNoCreditReply(body)) {
      throw new UserFacingError('voice_no_credit', tr('errors:voice.noCredit'));
    }
    const retry = Number(response.headers.get('retry-after'));
    const message = Number.isFinite(retry) && retry > 0 ? tr('errors:voice.rateLimitedWait', { seconds: Math.ceil(retry) }) : tr('errors:voice.rateLimited');
    throw new UserFacingError('voice_rate_limited', message);
  }
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    const message = /"message"\s*:\s*"([^"]{1,200})"/.exec(detail)?.[1];
    throw new UserFacingError(
      'voice_start_failed',
      response.status >= 500 ? tr('errors:voice.serverError', { status: response.status }) : tr('errors:voice.refused', { detail: message ?? `HTTP ${response.status}` }),
    );
  }
  const parsed = ClientSecretReplySchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new UserFacingError('voice_start_failed', tr('errors:voice.badReply'));
  return { value: parsed.data.value, expiresAt: new Date(parsed.data.expires_at * 1000) };
}
