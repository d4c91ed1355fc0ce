// The Activity screen after a restart: runs main kept, replayed like the live stream and
// merged with this window's; the filter by specialist; and the day and month totals with
// numbers and money in the person's locale.
import { describe, expect, it } from 'vitest';
import type { ActivityEvent, AskResult } from '@shared/agents';
import type { StoredRun, UsageTotalsResponse } from '@shared/history';
import { activityReducer, EMPTY_ACTIVITY, forgetEndedRuns, type ActivityState } from '../../renderer/src/activity/activity-model';
import { filterBySpecialist, mergeRuns, replayStoredRun, replayStoredRuns, specialistsSeen } from '../../renderer/src/activity/stored-runs';
import { currentRow, formatCount, formatMoney, formatPeriod, formatTokenCount, periodKey, totalsRows, utcOffsetMinutes } from '../../renderer/src/activity/totals-model';
import { whereDataLives } from '../../renderer/src/screens/settings/YourDataPanel';

type Draft = ActivityEvent extends infer E ? (E extends ActivityEvent ? Omit<E, 'runId'> : never) : never;
const on = (runId: string, ...drafts: Draft[]) => drafts.map((d) => ({ ...d, runId }) as ActivityEvent);
const fold = (events: ActivityEvent[], state: ActivityState = EMPTY_ACTIVITY) => events.reduce(activityReducer, state);

const result = (runId: string, over: Partial<AskResult> = {}): AskResult => ({
  runId,
  conversationId: 'c1',
  response: 'Warm light.',
  pattern: 'manager',
  specialistsAvailable: ['memory', 'general'],
  specialistsUsed: ['memory'],
  durationMs: 400,
  usage: { inputTokens: 390, outputTokens: 68, totalTokens: 458 },
  costUsd: 0.0011675,
  answeredBy: 'FROK manager',
  ...over,
});

/** A finished run as main keeps it: no text deltas, the answer in run_finished. */
function keptRun(runId: string, at: number, specialist: 'memory' | 'general' | 'home' = 'memory'): StoredRun {
  return {
    runId,
    startedAt: at,
    events: on(
      runId,
      { type: 'run_started', at, query: `Question ${runId}`, pattern: 'manager', source: 'conversation', conversationId: 'c1' },
      { type: 'agent_started', at: at + 10, spanId: 'a1', agent: 'FROK manager', specialist: null, parentSpanId: null },
      { type: 'specialist_started', at: at + 20, spanId: 's1', specialist, input: 'Lighting?' },
      { type: 'tool_started', at: at + 30, spanId: 't1', parentSpanId: 's1', tool: 'memory_search', input: '{}' },
      { type: 'tool_ended', at: at + 40, spanId: 't1', tool: 'memory_search', durationMs: 10, ok: true, summary: '1 found' },
      { type: 'specialist_ended', at: at + 100, spanId: 's1', specialist, durationMs: 80, ok: true, summary: 'Warm.', usage: { inputTokens: 50, outputTokens: 10, totalTokens: 60 } },
      { type: 'agent_ended', at: at + 390, spanId: 'a1', agent: 'FROK manager', durationMs: 380 },
      { type: 'run_finished', at: at + 400, result: result(runId) },
    ),
  };
}

describe('a kept run', () => {
  it('replays into the same run the live stream builds, with its timeline and answer', () => {
    const stored = keptRun('r1', 1000);
    const replayed = replayStoredRun(stored)!;
    expect(replayed).toEqual(fold(stored.events).runs[0]);
    expect(replayed).toMatchObject({ runId: 'r1', query: 'Question r1', status: 'finished', text: 'Warm light.', startedAt: 1000, durationMs: 400 });
    expect(replayed.spans.map((s) => s.kind)).toEqual(['agent', 'specialist']);
    expect(replayed.spans[1]!.children.map((c) => c.name)).toEqual(['memory_search']);
  });

  it('with no events is left out', () => {
    expect(replayStoredRun({ runId: 'empty', startedAt: 1, events: [] })).toBeNull();
    expect(replayStoredRuns([{ runId: 'empty', startedAt: 1, events: [] }, keptRun('r1', 5)]).map((r) => r.runId)).toEqual(['r1']);
  });
});

describe('kept and live runs together', () => {
  it('lists each run once, newest first; the live one wins for the same run', () => {
    const stored = replayStoredRuns([keptRun('old', 1000), keptRun('both', 5000)]);
    // Live: the same run 'both' (with the streamed text) and a newer one still running.
    const live = fold([
      ...on('both', { type: 'run_started', at: 5000, query: 'Question both', pattern: 'manager', source: 'voice', conversationId: 'c3' }, { type: 'text_delta', at: 5100, delta: 'Live text' }),
      ...on('new', { type: 'run_started', at: 9000, query: 'Still going', pattern: 'manager', source: 'conversation', conversationId: 'c2' }),
    ]);
    const merged = mergeRuns(stored, live);
    expect(merged.map((r) => r.runId)).toEqual(['new', 'both', 'old']);
    expect(merged[1]).toMatchObject({ source: 'voice', text: 'Live text', status: 'running' });
    expect(merged[0]!.status).toBe('running');
  });

  it('keeps the kept copy when this window never saw the run start', () => {
    const stored = replayStoredRuns([keptRun('r1', 1000)]);
    const live = fold(on('r1', { type: 'run_finished', at: 1400, result: result('r1') }));
    expect(mergeRuns(stored, live)[0]!.query).toBe('Question r1');
  });

  it('filters by a specialist that took part, listing every specialist seen', () => {
    const runs = mergeRuns(replayStoredRuns([keptRun('m', 1000, 'memory'), keptRun('h', 2000, 'home'), keptRun('g', 3000, 'general')]), EMPTY_ACTIVITY);
    expect(specialistsSeen(runs)).toEqual(['general', 'home', 'memory']);
    expect(filterBySpecialist(runs, 'home').map((r) => r.runId)).toEqual(['h']);
    expect(filterBySpecialist(runs, null)).toHaveLength(3);
  });

  it('forgets ended runs after Delete all, keeping the ones still going', () => {
    const state = fold([...keptRun('done', 1000).events, ...on('going', { type: 'run_started', at: 2000, query: 'q', pattern: 'manager', source: 'conversation', conversationId: 'c9' })]);
    expect(forgetEndedRuns(state).runs.map((r) => r.runId)).toEqual(['going']);
    const quiet = fold(on('going', { type: 'run_started', at: 2000, query: 'q', pattern: 'manager', source: 'conversation', conversationId: 'c9' }));
    expect(forgetEndedRuns(quiet)).toBe(quiet);
  });
});

const totals: UsageTotalsResponse = {
  days: [
    {
      period: '2025-03-01',
      inputTokens: 100,
      outputTokens: 20,
      costUsd: 0.5,
      runs: 1,
      bySpecialist: [{ specialist: 'frok', inputTokens: 100, outputTokens: 20, costUsd: 0.5, runs: 1 }],
    },
    {
      period: '2025-03-02',
      inputTokens: 1500,
      outputTokens: 500,
      costUsd: null,
      runs: 3,
      bySpecialist: [
        { specialist: 'memory', inputTokens: 1000, outputTokens: 200, costUsd: null, runs: 2 },
        { specialist: 'frok', inputTokens: 500, outputTokens: 300, costUsd: null, runs: 3 },
      ],
    },
  ],
  months: [{ period: '2025-03', inputTokens: 1600, outputTokens: 520, costUsd: 0.5, runs: 4, bySpecialist: [] }],
};

describe('totals', () => {
  it('are rows newest first, in all with each specialist, or for one specialist only', () => {
    const all = totalsRows(totals, 'day', null);
    expect(all.map((r) => [r.period, r.tokens, r.runs, r.costUsd])).toEqual([
      ['2025-03-02', 2000, 3, null],
      ['2025-03-01', 120, 1, 0.5],
    ]);
    expect(all[0]!.specialists.map((s) => [s.specialist, s.tokens])).toEqual([
      ['memory', 1200],
      ['frok', 800],
    ]);
    expect(totalsRows(totals, 'day', 'memory').map((r) => [r.period, r.tokens, r.runs, r.specialists])).toEqual([['2025-03-02', 1200, 2, []]]);
    expect(totalsRows(totals, 'month', null).map((r) => [r.period, r.tokens])).toEqual([['2025-03', 2120]]);
    expect(totalsRows(null, 'day', null)).toEqual([]);
  });

  it("find today's and this month's row in the person's time zone", () => {
    // 23:30 UTC on 1 March is already 2 March in Berlin (UTC+1).
    const at = Date.UTC(2025, 2, 1, 23, 30);
    expect(periodKey(at, 0, 'day')).toBe('2025-03-01');
    expect(periodKey(at, 60, 'day')).toBe('2025-03-02');
    expect(periodKey(at, -300, 'month')).toBe('2025-03');
    expect(currentRow(totalsRows(totals, 'day', null), at, 60, 'day')!.tokens).toBe(2000);
    expect(currentRow(totalsRows(totals, 'day', null), Date.UTC(2025, 5, 1), 0, 'day')).toBeNull();
    expect(Number.isInteger(utcOffsetMinutes())).toBe(true);
    expect(Object.is(utcOffsetMinutes({ getTimezoneOffset: () => 0 } as Date), 0)).toBe(true);
    expect(utcOffsetMinutes({ getTimezoneOffset: () => -60 } as Date)).toBe(60);
  });

  it('format numbers, money and periods with Intl in the given locale', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(formatCount(1234567, 'de-DE')).toBe('1.234.567');
    expect(formatTokenCount(1, 'en-US')).toBe('1 token');
    expect(formatTokenCount(2000, 'en-US')).toBe('2,000 tokens');
    expect(formatMoney(12.5, 'en-US')).toBe('$12.50');
    expect(formatMoney(0.0011675, 'en-US')).toBe('$0.0012');
    expect(formatMoney(0.5, 'en-US')).toBe('$0.50');
    expect(formatMoney(0, 'en-US')).toBe('$0.00');
    expect(formatMoney(0.00001, 'en-US')).toBe('<$0.0001');
    expect(formatMoney(null, 'en-US')).toBe('price unknown');
    expect(formatMoney(1234.5, 'de-DE')).toMatch(/^1\.234,50\s\$$/);
    expect(formatPeriod('2025-03-02', 'en-GB')).toBe('Sun, 2 Mar 2025');
    expect(formatPeriod('2025-03', 'en-US')).toBe('March 2025');
  });
});

describe('where the data lives', () => {
  it('names the file and the keychain, or says nothing is written', () => {
    expect(whereDataLives({ state: 'open', file: '/home/ada/.config/FROK/frok-data.db', movedAside: null, keyStorage: 'keychain' })).toBe(
      'Your conversations, memories and runs are kept in one file, /home/ada/.config/FROK/frok-data.db, encrypted with a key kept in the system keychain.',
    );
    expect(whereDataLives({ state: 'open', file: '/d/frok-data.db', movedAside: null, keyStorage: 'plaintext-file' })).toMatch(/key in a file your user account can read/);
    expect(whereDataLives({ state: 'memory-only', message: 'x' })).toMatch(/last only until FROK quits/);
    expect(whereDataLives(null)).toMatch(/system keychain/);
  });
});
