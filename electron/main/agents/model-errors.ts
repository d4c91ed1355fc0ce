/**
 * Explains a failed run in words a person can act on. The SDK and the openai client
 * wrap errors differently (APIError with status and headers, connection errors,
 * parse errors from a broken stream, the SDK's own MaxTurnsExceeded), so this walks
 * the cause chain and looks at what is there rather than at class identity.
 */
import { MaxTurnsExceededError } from '@openai/agents';
import { UserFacingError } from '../ipc/errors';

interface ProviderContext {
  /** "OpenAI" or the host of an OpenAI-compatible server. */
  providerName: string;
  model: string;
}

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function statusOf(err: unknown): number | null {
  for (const e of causes(err)) {
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return null;
}

function retryAfterSeconds(err: unknown): number | null {
  for (const e of causes(err)) {
    const headers = (e as { headers?: unknown }).headers;
    let value: string | null | undefined;
    if (headers instanceof Headers) value = headers.get('retry-after');
    else if (headers && typeof headers === 'object') value = (headers as Record<string, string>)['retry-after'];
    const seconds = value ? Number(value) : NaN;
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  }
  return null;
}

function messageOf(err: unknown): string {
  return causes(err)
    .map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)))
    .join(' ← ');
}

export function explainRunError(err: unknown, ctx: ProviderContext): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const { providerName, model } = ctx;
  if (err instanceof MaxTurnsExceededError) {
    return new UserFacingError('max_turns', 'The specialists went back and forth too many times without finishing. Try a simpler or more specific request, or raise "Max turns" in Settings.');
  }
  const status = statusOf(err);
  if (status === 401 || status === 403) {
    return new UserFacingError('model_unauthorized', `${providerName} rejected the API key. Open Settings → Account to check or replace it.`);
  }
  if (status === 404) {
    return new UserFacingError('model_not_found', `${providerName} does not offer the model "${model}" to this key. Choose another model in Settings → Account.`);
  }
  if (status === 429) {
    const wait = retryAfterSeconds(err);
    return new UserFacingError(
      'model_rate_limited',
      `${providerName} is limiting requests right now${wait !== null ? ` — try again in ${wait} second${wait === 1 ? '' : 's'}` : ' — try again in a minute'}. If it keeps happening, check your plan's limits and billing.`,
    );
  }
  if (status !== null && status >= 500) {
    return new UserFacingError('model_unavailable', `${providerName} had a server error (${status}). Your question is kept — try again in a moment.`);
  }
  if (status === 400) {
    return new UserFacingError('model_bad_request', `${providerName} refused the request: ${messageOf(err).slice(0, 300)}`);
  }
  const text = messageOf(err);
  if (/timed? ?out|timeout/i.test(text)) {
    return new UserFacingError('model_timeout', `${providerName} took too long to answer. Your question is kept — try again, or check your connection.`);
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|fetch failed|Connection error|network/i.test(text)) {
    return new UserFacingError('model_unreachable', `Couldn't reach ${providerName}. Check your internet connection${providerName === 'OpenAI' ? '' : ' and that the server is running'}, then try again.`);
  }
  if (/JSON|parse|terminated|stream|Unexpected end/i.test(text)) {
    return new UserFacingError('model_bad_response', `${providerName}'s answer broke off or arrived garbled. Try again; if it keeps happening, the service may be having trouble.`);
  }
  return new UserFacingError('model_error', `The assistant failed: ${text.slice(0, 300)}`);
}
