/**
 * Explains a failed run in words a person can act on. The SDK and the openai client
 * wrap errors differently (APIError with status and headers, connection errors,
 * parse errors from a broken stream, the SDK's own MaxTurnsExceeded), so this walks
 * the cause chain and looks at what is there rather than at class identity.
 */
import { MaxTurnsExceededError } from '@openai/agents';
import { UserFacingError } from '../errors';
import type { ModelFailure, StreamEnding } from './model-failures';

interface ProviderContext {
  /** "OpenAI" or the host of an OpenAI-compatible server. */
  providerName: string;
  model: string;
  /** What the failing model call showed: its terminal event, and whether text had streamed. */
  failure?: ModelFailure | null;
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

/** OpenAI's error `code` (`insufficient_quota`, `rate_limit_exceeded`, …), wherever the wrapping put it. */
function codeOf(err: unknown): string | null {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code ?? (e as { error?: { code?: unknown } }).error?.code;
    if (typeof code === 'string' && code) return code;
  }
  return null;
}

/** The error's `type` (OpenAI has answered no credit with `type: "insufficient_quota"` and `code: null`). */
function typeOf(err: unknown): string | null {
  for (const e of causes(err)) {
    const type = (e as { type?: unknown }).type ?? (e as { error?: { type?: unknown } }).error?.type;
    if (typeof type === 'string' && type) return type;
  }
  return null;
}

/** No credit on the account: OpenAI answers 429 like a rate limit, but waiting does not help. */
export function isNoCredit(err: unknown): boolean {
  return codeOf(err) === 'insufficient_quota' || typeOf(err) === 'insufficient_quota';
}

/**
 * The openai client retries every 429 (it cannot tell no credit from a rate limit), so a
 * key without credit would wait through its retries only to fail the same way. This fetch
 * marks a no-credit 429 `x-should-retry: false`, which the client obeys.
 */
export function withoutNoCreditRetries(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 429) return response;
    const body = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = null;
    }
    const headers = new Headers(response.headers);
    if (isNoCredit(parsed)) headers.set('x-should-retry', 'false');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
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
  const partway = ctx.failure?.partial ? ' partway through the answer' : '';
  const ending = ctx.failure?.ending ?? null;
  if (ending) return explainEnding(ending, providerName, partway);
  const code = codeOf(err);
  if (isNoCredit(err)) {
    // The window adds a link to the billing page beside this code (renderer/src/components/ErrorHelp.tsx).
    return new UserFacingError(
      'model_no_credit',
      providerName === 'OpenAI'
        ? 'Your OpenAI account has no credit left, so OpenAI refused the request. Add credit on OpenAI\'s Billing page, then try again. (API use is paid separately from a ChatGPT subscription.)'
        : `${providerName} says this account has no credit or quota left. Check the account's billing, then try again.`,
    );
  }
  const status = statusOf(err);
  // An `error` event in the middle of a stream carries a code but no HTTP status.
  if (status === null && code === 'rate_limit_exceeded') return rateLimitedMidAnswer(providerName, partway);
  if (status === null && code === 'server_error') return serverErrorMidAnswer(providerName, partway);
  if (status === 401 || status === 403) {
    return new UserFacingError('model_unauthorized', `${providerName} rejected the API key. Open Settings → Account to check or replace it.`);
  }
  if (status === 404) {
    return new UserFacingError('model_not_found', `${providerName} does not offer the model "${model}" to this key. Choose another model in Settings → Provider.`);
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
  if (partway && /terminated|ECONNRESET|other side closed|socket|aborted/i.test(text)) {
    return new UserFacingError('model_cut_off', `The connection to ${providerName} dropped partway through the answer. Check your connection, then try again.`);
  }
  if (/timed? ?out|timeout/i.test(text)) {
    return new UserFacingError('model_timeout', `${providerName} took too long to answer. Your question is kept — try again, or check your connection.`);
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|fetch failed|Connection error|network/i.test(text)) {
    // The window links this code to Settings → Provider, where the base URL is.
    return new UserFacingError(
      'model_unreachable',
      providerName === 'OpenAI'
        ? "Couldn't reach OpenAI. Check your internet connection, and the base URL in Settings → Provider, then try again."
        : `Couldn't reach ${providerName}. Check that the server is running and the base URL in Settings → Provider, then try again.`,
    );
  }
  if (/JSON|parse|terminated|stream|Unexpected end/i.test(text)) {
    return new UserFacingError('model_bad_response', `${providerName}'s answer broke off or arrived garbled. Try again; if it keeps happening, the service may be having trouble.`);
  }
  return new UserFacingError('model_error', `The assistant failed: ${text.slice(0, 300)}`);
}

function rateLimitedMidAnswer(providerName: string, partway: string): UserFacingError {
  return new UserFacingError(
    'model_rate_limited',
    `${providerName}'s rate limit stopped the answer${partway}. Try again in a minute; if it keeps happening, check your plan's limits and billing.`,
  );
}

function serverErrorMidAnswer(providerName: string, partway: string): UserFacingError {
  return new UserFacingError('model_failed', `${providerName} had a server error${partway} and stopped. Try again in a moment.`);
}

/** A reply that ended in `response.failed` or `response.incomplete`: say why, in the person's words. */
function explainEnding(ending: StreamEnding, providerName: string, partway: string): UserFacingError {
  if (ending.kind === 'failed') {
    if (ending.code === 'insufficient_quota') return explainRunError({ code: ending.code }, { providerName, model: '' });
    if (ending.code === 'rate_limit_exceeded') return rateLimitedMidAnswer(providerName, partway);
    if (ending.code === 'server_error' || ending.code === null) return serverErrorMidAnswer(providerName, partway);
    return new UserFacingError('model_failed', `${providerName} stopped the answer${partway}: ${(ending.message ?? ending.code).slice(0, 200)}. Try again, or ask in a different way.`);
  }
  if (ending.reason === 'max_output_tokens') {
    return new UserFacingError('model_answer_too_long', 'The answer reached its length limit and stopped. Ask for a shorter answer, or split the question into parts.');
  }
  if (ending.reason === 'content_filter') {
    return new UserFacingError('model_content_filter', `${providerName}'s content filter stopped this answer. Try asking in a different way.`);
  }
  return new UserFacingError('model_failed', `${providerName} stopped the answer${partway} before it was finished. Try again.`);
}
