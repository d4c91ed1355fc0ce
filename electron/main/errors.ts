/**
 * Errors meant for the person, and the wording of what went wrong. Every folder of
 * electron/main throws them and this file imports none of those folders, so each
 * imports it downwards.
 */

/**
 * An error meant for the person: its code reaches the renderer as `error.code` and its
 * message is shown as written, so it must say what happened and what to do.
 * Any other exception is reported as `internal`.
 */
export class UserFacingError extends Error {
  // A plain field, not a constructor parameter property: the benchmark scripts run this
  // file with Node's type stripping, which only accepts erasable syntax.
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UserFacingError';
    this.code = code;
  }
}

/** The most of anything the caller sent that an error message repeats. */
export const MAX_ECHO_CHARS = 200;

/** Cuts text that may come from the caller to MAX_ECHO_CHARS, marking the cut with an ellipsis. */
export function capEcho(text: string, max = MAX_ECHO_CHARS): string {
  if (text.length <= max) return text;
  // Counted in code points, so an emoji is not cut in half; only the head is looked at.
  const chars = Array.from(text.slice(0, max * 2 + 2));
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * Formats a zod error as one readable line: "provider.baseUrl: must start with http://…".
 * Paths (record keys) and messages (unrecognized keys) can repeat what the caller sent,
 * so each is capped at MAX_ECHO_CHARS.
 */
export function describeZodError(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${capEcho(i.path.map(String).join('.'))}: ${capEcho(i.message)}` : capEcho(i.message)))
    .join('; ');
}

/**
 * OpenAI's "no credit" reply body: HTTP 429 like a rate limit, told apart by
 * `insufficient_quota` in `error.code` — or only in `error.type`, as it is sometimes sent.
 */
export function isNoCreditReply(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; type?: unknown } } | null | undefined)?.error;
  return error?.code === 'insufficient_quota' || error?.type === 'insufficient_quota';
}
