/**
 * Checks an API key by listing models (`GET {baseUrl}/models`): the cheapest call that needs
 * a valid key, and one every OpenAI-compatible server implements.
 */
import { z } from 'zod';
import { OPENAI_API_BASE_URL } from '@shared/domain';
import { isNoCreditReply } from '../../errors';
import { mainLanguage, tr } from '../../i18n';

export type KeyCheckResult = { outcome: 'valid' | 'rejected' | 'unreachable'; message: string };

const ModelsListSchema = z.object({ data: z.array(z.unknown()) });

export async function checkOpenAIKey(o: {
  baseUrl: string;
  key: string;
  fetch: typeof fetch;
  timeoutMs?: number;
}): Promise<KeyCheckResult> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const base = o.baseUrl.replace(/\/+$/, '');
  const url = `${base}/models`;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return { outcome: 'unreachable', message: tr('errors:keyCheck.notAnAddress', { url: o.baseUrl }) };
  }
  const isOpenAI = base === OPENAI_API_BASE_URL;
  const who = isOpenAI ? 'OpenAI' : tr('errors:keyCheck.serverAt', { host });

  let response: Response;
  let body: string;
  try {
    response = await o.fetch(url, {
      headers: o.key ? { Authorization: `Bearer ${o.key}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The timeout covers the body too: a server that sends headers and then stalls is just as stuck.
    body = await response.text();
  } catch (err) {
    // OpenAI's base URL is fixed (not on screen); a self-hosted server's is the one just typed.
    const detail = describeNetworkError(err, timeoutMs);
    return { outcome: 'unreachable', message: tr(isOpenAI ? 'errors:keyCheck.unreachableOpenAI' : 'errors:keyCheck.unreachable', { host, detail }) };
  }

  const { status } = response;
  if (status === 401 || status === 403) {
    return {
      outcome: 'rejected',
      message: isOpenAI
        ? tr('errors:keyCheck.rejectedOpenAI')
        : tr('errors:keyCheck.rejected', { who, status }),
    };
  }
  if (status === 429 && isNoCreditReply(parseJson(body))) {
    // Listing models costs nothing, so a key on an account without credit passes; say so now, not at the first question.
    return {
      outcome: 'valid',
      message: isOpenAI
        ? tr('errors:keyCheck.noCreditOpenAI')
        : tr('errors:keyCheck.noCredit', { who }),
    };
  }
  if (status === 429) {
    return {
      outcome: 'valid',
      message: tr('errors:keyCheck.limited', { who }),
    };
  }
  if (status >= 500) {
    return { outcome: 'unreachable', message: tr('errors:keyCheck.serverError', { who, status }) };
  }
  if (status < 200 || status >= 300) {
    return { outcome: 'unreachable', message: tr('errors:keyCheck.httpStatus', { who, status, url }) };
  }
  if (!ModelsListSchema.safeParse(parseJson(body)).success) {
    return {
      outcome: 'unreachable',
      message: tr('errors:keyCheck.notOpenAI', { host }),
    };
  }
  return { outcome: 'valid', message: tr('errors:keyCheck.valid', { who }) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** undici reports "fetch failed" and hides the reason in `cause`; dig it out in words. */
function describeNetworkError(err: unknown, timeoutMs: number): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return tr('errors:network.noAnswerWithinSeconds', { seconds: (Math.round(timeoutMs / 100) / 10).toLocaleString(mainLanguage()) });
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return tr('errors:network.refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return tr('errors:network.notFound');
    case 'ECONNRESET':
      return tr('errors:network.reset');
    default:
      if (typeof cause?.code === 'string') return cause.code;
      if (typeof cause?.message === 'string') return cause.message;
      return err instanceof Error ? err.message : String(err);
  }
}
