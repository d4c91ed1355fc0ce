/** Reading the errors a RealtimeSession emits, which come in several wrappings, and what to tell the person. */

/** Server errors that are expected races, not problems (a cancel after the server already stopped). */
const HARMLESS_ERROR_CODES = new Set(['response_cancel_not_active']);

/** The message, code and type inside whatever the SDK emitted as an error. */
export function describeSessionError(value: unknown): { code: string | null; message: string; type: string | null } {
  let current: unknown = value;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const record = current as { code?: unknown; message?: unknown; error?: unknown; type?: unknown };
    if (typeof record.message === 'string' && record.message) {
      return {
        code: typeof record.code === 'string' ? record.code : null,
        message: record.message,
        type: typeof record.type === 'string' && record.type !== 'error' ? record.type : null,
      };
    }
    current = record.error;
  }
  if (typeof current === 'string' && current) return { code: null, message: current, type: null };
  return { code: null, message: 'an unknown error', type: null };
}

export function isHarmlessSessionError(problem: { code: string | null }): boolean {
  return problem.code !== null && HARMLESS_ERROR_CODES.has(problem.code);
}

/** An OpenAI-side failure (`server_error`): it ends the reply under way, shown as REPLY_FAILED rather than as a raw problem. */
export function isServerError(problem: { type: string | null }): boolean {
  return problem.type === 'server_error';
}

/** OpenAI stopped a reply partway (an `error` event during it, or `response.done` failed). */
export const REPLY_FAILED = 'OpenAI had a problem and stopped that answer partway. Ask again.';
/** The same, before any of the answer came. */
export const REPLY_FAILED_EARLY = "OpenAI had a problem and couldn't answer that. Ask again.";
/** The connection dropped while FROK was answering, and came back. */
export const DROPPED_MID_ANSWER = 'The connection to OpenAI dropped partway through that answer. FROK reconnected — ask again to hear the rest.';

export type RateLimit = { name: string; limit: number; remaining: number; resetSeconds: number };

/** At most this share of a limit left counts as nearly used up (and for requests, at most 1 left). */
const NEARLY_USED_SHARE = 0.02;

const nearlyUsed = (limit: RateLimit): boolean =>
  limit.name === 'requests' ? limit.remaining <= Math.max(1, limit.limit * NEARLY_USED_SHARE) : limit.remaining <= limit.limit * NEARLY_USED_SHARE;

/** A sentence when a rate limit is nearly used up; null when there is room. */
export function rateLimitNotice(limits: readonly RateLimit[]): string | null {
  const tight = limits.filter(nearlyUsed);
  if (tight.length === 0) return null;
  const seconds = Math.max(1, Math.ceil(Math.max(...tight.map((l) => l.resetSeconds))));
  return `OpenAI's rate limit for this key is nearly used up — answers may pause for ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

export const isRateLimitNotice = (notice: string | null): boolean => notice?.startsWith("OpenAI's rate limit for this key") ?? false;
