/**
 * The `get_current_time` tool: today's date and the time on the clock, in the person's
 * time zone or one they name — e.g. "Thursday, 26 November 2026, 09:41 (Europe/Oslo,
 * UTC+01:00)". Models do not know the date; this is how they find out.
 */
import { tool } from '@openai/agents';
import { z } from 'zod';
import { UserFacingError } from '../errors';

export const INVALID_TIME_ZONE = 'invalid_time_zone';

export interface CurrentTimeToolOptions {
  /** Default: the system clock. */
  now?: () => Date | number;
  /** The person's IANA time zone. Default: the system's, read on every call. */
  timeZone?: string;
}

// No maxLength: OpenAI's strict tool schemas reject it; resolveTimeZone checks the name.
export const currentTimeParameters = z.object({
  timeZone: z
    .string()
    .nullable()
    .describe('An IANA time zone such as "Asia/Tokyo" for the time elsewhere; null for the person\'s own.'),
});

/** A valid IANA name for `name` (any letter case), or the system's zone when blank. */
export function resolveTimeZone(name?: string | null): string {
  const wanted = name?.trim();
  if (!wanted) return Intl.DateTimeFormat().resolvedOptions().timeZone;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-GB', { timeZone: wanted }).resolvedOptions().timeZone;
  } catch {
    throw new UserFacingError(
      INVALID_TIME_ZONE,
      `'${wanted}' is not a time zone I know; use an IANA name such as 'Europe/Oslo' or 'America/New_York'.`,
    );
  }
  // ICU answers some current names with their old aliases (Asia/Kolkata → Asia/Calcutta);
  // keep the name that was asked for unless only its letter case differs.
  return resolved.toLowerCase() === wanted.toLowerCase() ? resolved : wanted;
}

/** "Thursday, 26 November 2026, 09:41 (Europe/Oslo, UTC+01:00)" */
export function describeDateTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  // longOffset says "GMT+01:00", and just "GMT" at zero; people say UTC.
  const offset = part('timeZoneName').replace(/^GMT/, 'UTC') || 'UTC';
  const utcOffset = offset === 'UTC' ? 'UTC+00:00' : offset;
  const day = `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')}`;
  return `${day}, ${part('hour')}:${part('minute')} (${timeZone}, ${utcOffset})`;
}

/** Runs the tool on plain arguments (timeZone may be left out); used by the voice tool runner too. */
export function currentTimeForTool(args: unknown, options: CurrentTimeToolOptions = {}): string {
  const parsed = currentTimeParameters.extend({ timeZone: z.string().max(100).nullish() }).safeParse(args ?? {});
  if (!parsed.success) return 'The time tool takes an optional "timeZone": an IANA name such as "Asia/Tokyo", or null.';
  return currentTime(parsed.data.timeZone ?? null, options);
}

export function createCurrentTimeTool(options: CurrentTimeToolOptions = {}) {
  // A misconfigured zone should fail at start-up, not on the first question.
  if (options.timeZone !== undefined) resolveTimeZone(options.timeZone);
  return tool({
    name: 'get_current_time',
    description:
      "The current date, weekday and time in the person's time zone, or in another IANA time zone. " +
      'Use it whenever the answer depends on today or now.',
    parameters: currentTimeParameters,
    execute: ({ timeZone }) => currentTime(timeZone, options),
  });
}

function currentTime(requested: string | null, options: CurrentTimeToolOptions): string {
  try {
    const timeZone = resolveTimeZone(requested?.trim() ? requested : options.timeZone);
    return describeDateTime(new Date(options.now?.() ?? Date.now()), timeZone);
  } catch (error) {
    if (error instanceof UserFacingError && error.code === INVALID_TIME_ZONE) return error.message;
    throw error;
  }
}
