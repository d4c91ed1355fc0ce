/** Reading the errors a RealtimeSession emits, which come in several wrappings. */

/** Server errors that are expected races, not problems (a cancel after the server already stopped). */
const HARMLESS_ERROR_CODES = new Set(['response_cancel_not_active']);

/** The message and code inside whatever the SDK emitted as an error. */
export function describeSessionError(value: unknown): { code: string | null; message: string } {
  let current: unknown = value;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const record = current as { code?: unknown; message?: unknown; error?: unknown };
    if (typeof record.message === 'string' && record.message) {
      return { code: typeof record.code === 'string' ? record.code : null, message: record.message };
    }
    current = record.error;
  }
  if (typeof current === 'string' && current) return { code: null, message: current };
  return { code: null, message: 'an unknown error' };
}

export function isHarmlessSessionError(problem: { code: string | null }): boolean {
  return problem.code !== null && HARMLESS_ERROR_CODES.has(problem.code);
}
