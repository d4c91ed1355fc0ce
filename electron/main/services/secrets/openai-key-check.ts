/**
 * Checks an API key by listing models (`GET {baseUrl}/models`): the cheapest call that needs
 * a valid key, and one every OpenAI-compatible server implements.
 */
import { z } from 'zod';
import { OPENAI_API_BASE_URL } from '@shared/domain';

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
    return { outcome: 'unreachable', message: `“${o.baseUrl}” is not a web address. Enter a base URL such as https://api.openai.com/v1.` };
  }
  const isOpenAI = base === OPENAI_API_BASE_URL;
  const who = isOpenAI ? 'OpenAI' : `The server at ${host}`;

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
    const check = isOpenAI ? 'Check your internet connection, then try again.' : 'Check that the server is running and the base URL you entered.';
    return { outcome: 'unreachable', message: `Couldn't reach ${host} (${describeNetworkError(err, timeoutMs)}). ${check}` };
  }

  const { status } = response;
  if (status === 401 || status === 403) {
    return {
      outcome: 'rejected',
      message: isOpenAI
        ? 'OpenAI rejected this API key. Check that you copied all of it, or create a new key at platform.openai.com/api-keys.'
        : `${who} rejected this API key (HTTP ${status}). Check the key your server expects, or leave it empty if it needs none.`,
    };
  }
  if (status === 429 && isNoCreditBody(body)) {
    // Listing models costs nothing, so a key on an account without credit passes; say so now, not at the first question.
    return {
      outcome: 'valid',
      message: isOpenAI
        ? "OpenAI accepted the key, but the account has no credit: add some on OpenAI's Billing page (platform.openai.com/settings/organization/billing). API use is paid separately from a ChatGPT subscription."
        : `${who} accepted the key, but says the account has no credit or quota left. Check the account's billing.`,
    };
  }
  if (status === 429) {
    return {
      outcome: 'valid',
      message: `${who} accepted the key but is limiting requests right now (too many requests, or no credit left). If this persists, check your plan and usage.`,
    };
  }
  if (status >= 500) {
    return { outcome: 'unreachable', message: `${who} answered with server error ${status}; try again later.` };
  }
  if (status < 200 || status >= 300) {
    return { outcome: 'unreachable', message: `${who} answered HTTP ${status} at ${url}. Check the base URL (it usually ends in /v1).` };
  }
  if (!ModelsListSchema.safeParse(parseJson(body)).success) {
    return {
      outcome: 'unreachable',
      message: `${host} answered, but not like an OpenAI API. Check the base URL (it usually ends in /v1).`,
    };
  }
  return { outcome: 'valid', message: `${who} accepted the key.` };
}

function isNoCreditBody(text: string): boolean {
  const error = (parseJson(text) as { error?: { code?: unknown; type?: unknown } } | undefined)?.error;
  return error?.code === 'insufficient_quota' || error?.type === 'insufficient_quota';
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
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 100) / 10} seconds`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused: nothing is listening there';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the name could not be looked up';
    case 'ECONNRESET':
      return 'the connection was cut off';
    default:
      if (typeof cause?.code === 'string') return cause.code;
      if (typeof cause?.message === 'string') return cause.message;
      return err instanceof Error ? err.message : String(err);
  }
}
