/**
 * Explains a failed run in words a person can act on. The SDK and the openai client
 * wrap errors differently (APIError with status and headers, connection errors,
 * parse errors from a broken stream, the SDK's own MaxTurnsExceeded), so this walks
 * the cause chain and looks at what is there rather than at class identity.
 */
import { MaxTurnsExceededError } from '@openai/agents';
import { isNoCreditReply, UserFacingError } from '../errors';
import { tr } from '../i18n';
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
    if (isNoCreditReply(parsed)) headers.set('x-should-retry', 'false');
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
    return new UserFacingError('max_turns', tr('errors:model.maxTurns'));
  }
  // Whether text had already streamed: each message has a "partway" wording of its own.
  const partway = ctx.failure?.partial === true;
  const ending = ctx.failure?.ending ?? null;
  if (ending) return explainEnding(ending, providerName, partway);
  const code = codeOf(err);
  if (isNoCredit(err)) return noCredit(providerName);
  const status = statusOf(err);
  // An `error` event in the middle of a stream carries a code but no HTTP status.
  if (status === null && code === 'rate_limit_exceeded') return rateLimitedMidAnswer(providerName, partway);
  if (status === null && code === 'server_error') return serverErrorMidAnswer(providerName, partway);
  if (status === 401 || status === 403) {
    return new UserFacingError('model_unauthorized', tr('errors:model.unauthorized', { provider: providerName }));
  }
  if (status === 404) {
    return new UserFacingError('model_not_found', tr('errors:model.notFound', { provider: providerName, model }));
  }
  if (status === 429) {
    const wait = retryAfterSeconds(err);
    return new UserFacingError(
      'model_rate_limited',
      wait !== null ? tr('errors:model.rateLimitedWait', { provider: providerName, count: wait }) : tr('errors:model.rateLimited', { provider: providerName }),
    );
  }
  if (status !== null && status >= 500) {
    return new UserFacingError('model_unavailable', tr('errors:model.unavailable', { provider: providerName, status }));
  }
  if (status === 400) {
    return new UserFacingError('model_bad_request', tr('errors:model.badRequest', { provider: providerName, detail: messageOf(err).slice(0, 300) }));
  }
  const text = messageOf(err);
  if (partway && /terminated|ECONNRESET|other side closed|socket|aborted/i.test(text)) {
    return new UserFacingError('model_cut_off', tr('errors:model.cutOff', { provider: providerName }));
  }
  if (/timed? ?out|timeout/i.test(text)) {
    return new UserFacingError('model_timeout', tr('errors:model.timeout', { provider: providerName }));
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|fetch failed|Connection error|network/i.test(text)) {
    // The window links this code to Settings → Provider, where the base URL is.
    return new UserFacingError(
      'model_unreachable',
      providerName === 'OpenAI' ? tr('errors:model.unreachableOpenAI') : tr('errors:model.unreachable', { provider: providerName }),
    );
  }
  if (/JSON|parse|terminated|stream|Unexpected end/i.test(text)) {
    return new UserFacingError('model_bad_response', tr('errors:model.badResponse', { provider: providerName }));
  }
  return new UserFacingError('model_error', tr('errors:model.failed', { detail: text.slice(0, 300) }));
}

function rateLimitedMidAnswer(providerName: string, partway: boolean): UserFacingError {
  return new UserFacingError(
    'model_rate_limited',
    tr(partway ? 'errors:model.rateLimitedPartway' : 'errors:model.rateLimitedMidAnswer', { provider: providerName }),
  );
}

function serverErrorMidAnswer(providerName: string, partway: boolean): UserFacingError {
  return new UserFacingError('model_failed', tr(partway ? 'errors:model.serverErrorPartway' : 'errors:model.serverErrorMidAnswer', { provider: providerName }));
}

/** The account has no credit. The window adds a link to the billing page beside this code (renderer/src/components/ErrorHelp.tsx). */
function noCredit(providerName: string): UserFacingError {
  return new UserFacingError('model_no_credit', providerName === 'OpenAI' ? tr('errors:model.noCreditOpenAI') : tr('errors:model.noCredit', { provider: providerName }));
}

/** A reply that ended in `response.failed` or `response.incomplete`: say why, in the person's words. */
function explainEnding(ending: StreamEnding, providerName: string, partway: boolean): UserFacingError {
  if (ending.kind === 'failed') {
    if (ending.code === 'insufficient_quota') return noCredit(providerName);
    if (ending.code === 'rate_limit_exceeded') return rateLimitedMidAnswer(providerName, partway);
    if (ending.code === 'server_error' || ending.code === null) return serverErrorMidAnswer(providerName, partway);
    return new UserFacingError('model_failed', tr(partway ? 'errors:model.stoppedWithReasonPartway' : 'errors:model.stoppedWithReason', { provider: providerName, detail: (ending.message ?? ending.code).slice(0, 200) }));
  }
  if (ending.reason === 'max_output_tokens') {
    return new UserFacingError('model_answer_too_long', tr('errors:model.tooLong'));
  }
  if (ending.reason === 'content_filter') {
    return new UserFacingError('model_content_filter', tr('errors:model.contentFilter', { provider: providerName }));
  }
  return new UserFacingError('model_failed', tr(partway ? 'errors:model.stoppedEarlyPartway' : 'errors:model.stoppedEarly', { provider: providerName }));
}
