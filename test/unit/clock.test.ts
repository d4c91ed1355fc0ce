import { RunContext } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../electron/main/errors';
import {
  createCurrentTimeTool,
  currentTimeForTool,
  describeDateTime,
  resolveTimeZone,
} from '../../electron/main/tools/clock';

const THURSDAY_MORNING_UTC = Date.parse('2026-11-26T08:41:30Z');
const SUMMER_EVENING_UTC = Date.parse('2026-07-04T22:05:00Z');

describe('describeDateTime', () => {
  it.each([
    ['Europe/Oslo', THURSDAY_MORNING_UTC, 'Thursday, 26 November 2026, 09:41 (Europe/Oslo, UTC+01:00)'],
    ['Europe/Oslo', SUMMER_EVENING_UTC, 'Sunday, 5 July 2026, 00:05 (Europe/Oslo, UTC+02:00)'],
    ['America/New_York', THURSDAY_MORNING_UTC, 'Thursday, 26 November 2026, 03:41 (America/New_York, UTC-05:00)'],
    ['Asia/Kolkata', THURSDAY_MORNING_UTC, 'Thursday, 26 November 2026, 14:11 (Asia/Kolkata, UTC+05:30)'],
    ['UTC', SUMMER_EVENING_UTC, 'Saturday, 4 July 2026, 22:05 (UTC, UTC+00:00)'],
  ])('in %s', (timeZone, instant, expected) => {
    expect(describeDateTime(new Date(instant), resolveTimeZone(timeZone))).toBe(expected);
  });
});

describe('resolveTimeZone', () => {
  it('fixes the letter case of a name typed or spoken in lower case', () => {
    expect(resolveTimeZone('europe/oslo')).toBe('Europe/Oslo');
  });

  it("falls back to the system's zone when none is named", () => {
    const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(resolveTimeZone(null)).toBe(system);
    expect(resolveTimeZone('  ')).toBe(system);
  });

  it('refuses an unknown zone with a message that says what to use instead', () => {
    expect(() => resolveTimeZone('Mars/Olympus_Mons')).toThrow(
      new UserFacingError(
        'invalid_time_zone',
        "'Mars/Olympus_Mons' is not a time zone I know; use an IANA name such as 'Europe/Oslo' or 'America/New_York'.",
      ),
    );
  });
});

describe('get_current_time tool', () => {
  const options = { now: () => THURSDAY_MORNING_UTC, timeZone: 'Europe/Oslo' };

  it("answers in the person's zone when the model passes null", async () => {
    const clockTool = createCurrentTimeTool(options);
    expect(clockTool.name).toBe('get_current_time');
    expect(clockTool.parameters).toMatchObject({ required: ['timeZone'], additionalProperties: false });
    const output = await clockTool.invoke(new RunContext(), JSON.stringify({ timeZone: null }));
    expect(output).toBe('Thursday, 26 November 2026, 09:41 (Europe/Oslo, UTC+01:00)');
  });

  it('answers for another zone when asked', async () => {
    const output = await createCurrentTimeTool(options).invoke(
      new RunContext(),
      JSON.stringify({ timeZone: 'Asia/Tokyo' }),
    );
    expect(output).toBe('Thursday, 26 November 2026, 17:41 (Asia/Tokyo, UTC+09:00)');
  });

  it('tells the model when the zone it named does not exist', async () => {
    const output = await createCurrentTimeTool(options).invoke(new RunContext(), JSON.stringify({ timeZone: 'Nowhere/Town' }));
    expect(output).toBe("'Nowhere/Town' is not a time zone I know; use an IANA name such as 'Europe/Oslo' or 'America/New_York'.");
  });

  it('follows the clock it is given rather than a snapshot', async () => {
    let now = THURSDAY_MORNING_UTC;
    const clockTool = createCurrentTimeTool({ now: () => now, timeZone: 'UTC' });
    now += 60 * 60_000;
    expect(await clockTool.invoke(new RunContext(), JSON.stringify({ timeZone: null }))).toBe(
      'Thursday, 26 November 2026, 09:41 (UTC, UTC+00:00)',
    );
  });

  it('refuses a misconfigured zone when it is created, not on the first question', () => {
    expect(() => createCurrentTimeTool({ timeZone: 'Europe/Atlantis' })).toThrow(UserFacingError);
  });

  it('runs from plain arguments for the voice tool runner, with the zone optional', () => {
    expect(currentTimeForTool({}, options)).toBe('Thursday, 26 November 2026, 09:41 (Europe/Oslo, UTC+01:00)');
    expect(currentTimeForTool({ timeZone: 'America/New_York' }, options)).toBe(
      'Thursday, 26 November 2026, 03:41 (America/New_York, UTC-05:00)',
    );
    expect(currentTimeForTool({ timeZone: 5 }, options)).toBe(
      'The time tool takes an optional "timeZone": an IANA name such as "Asia/Tokyo", or null.',
    );
  });
});
