// How the window folds a run's activity events into what the Conversation and Activity
// screens show: spans and their nesting, approvals, the streamed answer, the outcome.
import { describe, expect, it } from 'vitest';
import type { ActivityEvent, AskResult } from '@shared/agents';
import {
  activityReducer,
  anyRunActive,
  EMPTY_ACTIVITY,
  flattenSpans,
  MAX_RUNS,
  pendingApprovals,
  runById,
  runsNewestFirst,
  specialistProgress,
  type ActivityState,
} from '../../renderer/src/activity/activity-model';
import { describeToolCall, formatCost, formatDuration, formatTokens } from '../../renderer/src/activity/format';

type Draft = ActivityEvent extends infer E ? (E extends ActivityEvent ? Omit<E, 'runId'> : never) : never;

const fold = (events: ActivityEvent[], state: ActivityState = EMPTY_ACTIVITY) => events.reduce(activityReducer, state);
const on = (runId: string, ...drafts: Draft[]) => drafts.map((d) => ({ ...d, runId }) as ActivityEvent);

const result = (runId: string, over: Partial<AskResult> = {}): AskResult => ({
  runId,
  conversationId: 'c1',
  response: 'Warm light, and 12.',
  pattern: 'manager',
  specialistsAvailable: ['memory', 'general'],
  specialistsUsed: ['memory', 'general'],
  durationMs: 400,
  usage: { inputTokens: 390, outputTokens: 68, totalTokens: 458 },
  costUsd: 0.0011675,
  answeredBy: 'FROK manager',
  ...over,
});

/** A manager run as main reports it: two specialists side by side, one calling a tool. */
const managerRun = on(
  'r1',
  { type: 'run_started', at: 1000, query: 'Light tonight? And 15% of 80?', pattern: 'manager', source: 'conversation', conversationId: 'c1' },
  { type: 'agent_started', at: 1010, spanId: 'agent-1', agent: 'FROK manager', specialist: null, parentSpanId: null },
  { type: 'specialist_started', at: 1050, spanId: 'specialist-2', specialist: 'memory', input: 'Lighting preference?' },
  { type: 'specialist_started', at: 1052, spanId: 'specialist-3', specialist: 'general', input: '15% of 80' },
  { type: 'tool_started', at: 1100, spanId: 'tool-4', parentSpanId: 'specialist-3', tool: 'calculate', input: '{"expression":"15% of 80"}' },
  { type: 'tool_ended', at: 1120, spanId: 'tool-4', tool: 'calculate', durationMs: 20, ok: true, summary: '12' },
  { type: 'specialist_ended', at: 1250, spanId: 'specialist-2', specialist: 'memory', durationMs: 200, ok: true, summary: 'Warm light.', usage: { inputTokens: 50, outputTokens: 10, totalTokens: 60 } },
);
const managerEnd = on(
  'r1',
  { type: 'specialist_ended', at: 1300, spanId: 'specialist-3', specialist: 'general', durationMs: 248, ok: false, summary: 'Model error', usage: null },
  { type: 'text_delta', at: 1310, delta: 'Warm light, ' },
  { type: 'text_delta', at: 1320, delta: 'and 12.' },
  { type: 'agent_ended', at: 1390, spanId: 'agent-1', agent: 'FROK manager', durationMs: 380 },
  { type: 'run_finished', at: 1400, result: result('r1') },
);

describe('a run', () => {
  it('is running with its question, pattern and live spans until it finishes', () => {
    const state = fold(managerRun);
    const run = runById(state, 'r1')!;
    expect(run).toMatchObject({ query: 'Light tonight? And 15% of 80?', pattern: 'manager', source: 'conversation', status: 'running', startedAt: 1000 });
    expect(anyRunActive(state)).toBe(true);
    expect(specialistProgress(run)).toEqual([
      { specialist: 'memory', running: false, ok: true },
      { specialist: 'general', running: true, ok: true },
    ]);
  });

  it('nests a specialist’s tool calls under it and lists spans in start order', () => {
    const run = runById(fold([...managerRun, ...managerEnd]), 'r1')!;
    const rows = flattenSpans(run.spans).map(({ span, depth }) => [span.kind, span.name, depth, span.durationMs]);
    expect(rows).toEqual([
      ['agent', 'FROK manager', 0, 380],
      ['specialist', 'memory', 0, 200],
      ['specialist', 'general', 0, 248],
      ['tool', 'calculate', 1, 20],
    ]);
  });

  it('ends with the streamed text, the result, and failed spans marked', () => {
    const state = fold([...managerRun, ...managerEnd]);
    const run = runById(state, 'r1')!;
    expect(run).toMatchObject({ status: 'finished', text: 'Warm light, and 12.', durationMs: 400, endedAt: 1400, result: { costUsd: 0.0011675 } });
    expect(run.spans.find((s) => s.spanId === 'specialist-3')).toMatchObject({ ok: false, summary: 'Model error' });
    expect(specialistProgress(run)).toEqual([
      { specialist: 'memory', running: false, ok: true },
      { specialist: 'general', running: false, ok: false },
    ]);
    expect(anyRunActive(state)).toBe(false);
  });

  it('copes with ends whose start it never saw (window opened mid-run)', () => {
    const state = fold(
      on(
        'late',
        { type: 'tool_ended', at: 5000, spanId: 'tool-9', tool: 'recall', durationMs: 300, ok: true, summary: 'ok' },
        { type: 'specialist_ended', at: 5200, spanId: 'specialist-8', specialist: 'memory', durationMs: 900, ok: true, summary: 'done', usage: null },
        { type: 'run_finished', at: 5300, result: result('late', { durationMs: 1500 }) },
      ),
    );
    const run = runById(state, 'late')!;
    expect(run).toMatchObject({ status: 'finished', query: '', pattern: 'manager', startedAt: 3800, durationMs: 1500 });
    expect(flattenSpans(run.spans).map(({ span }) => [span.name, span.startedAt, span.endedAt])).toEqual([
      ['memory', 4300, 5200],
      ['recall', 4700, 5000],
    ]);
  });

  it('puts a tool whose parent is unknown at the top level', () => {
    const run = runById(fold(on('r', { type: 'tool_started', at: 1, spanId: 't', parentSpanId: 'missing', tool: 'calculate', input: '' })), 'r')!;
    expect(run.spans.map((s) => s.spanId)).toEqual(['t']);
  });

  it('records handoffs and failures', () => {
    const run = runById(
      fold(
        on(
          'h',
          { type: 'run_started', at: 0, query: 'haiku', pattern: 'handoffs', source: 'voice', conversationId: 'c' },
          { type: 'handoff', at: 50, from: 'FROK orchestrator', to: 'General specialist', specialist: 'general' },
          { type: 'run_failed', at: 90, error: { code: 'model_unavailable', message: 'OpenAI had a server error (500). Try again.' }, durationMs: 90 },
        ),
      ),
      'h',
    )!;
    expect(run.handoffs).toEqual([{ at: 50, from: 'FROK orchestrator', to: 'General specialist', specialist: 'general' }]);
    expect(run).toMatchObject({ status: 'failed', error: { code: 'model_unavailable' } });
    expect(specialistProgress(run)).toEqual([{ specialist: 'general', running: false, ok: true }]);
  });

  it('marks a cancelled run', () => {
    const run = runById(fold(on('x', { type: 'run_started', at: 0, query: 'q', pattern: 'hybrid', source: 'conversation', conversationId: 'c' }, { type: 'run_cancelled', at: 40, durationMs: 40 })), 'x')!;
    expect(run).toMatchObject({ status: 'cancelled', durationMs: 40 });
  });
});

describe('approvals', () => {
  const start = on('a', { type: 'run_started', at: 0, query: 'unlock the door', pattern: 'hybrid', source: 'conversation', conversationId: 'c' });
  const ask = (approvalId: string, at: number) =>
    on('a', { type: 'approval_requested', at, approvalId, tool: 'HassTurnOff', input: '{"name":"Front Door"}', agent: 'Home specialist' })[0]!;

  it('waits for the person, one approval at a time in the order asked, then runs on', () => {
    let state = fold([...start, ask('two', 20), ask('one', 10)]);
    expect(runById(state, 'a')!.status).toBe('awaiting-approval');
    expect(pendingApprovals(state).map((p) => p.approvalId)).toEqual(['one', 'two']);
    state = fold(on('a', { type: 'approval_resolved', at: 30, approvalId: 'one', approved: true }), state);
    expect(runById(state, 'a')!.status).toBe('awaiting-approval');
    state = fold(on('a', { type: 'approval_resolved', at: 40, approvalId: 'two', approved: false }), state);
    expect(runById(state, 'a')!.status).toBe('running');
    expect(pendingApprovals(state)).toEqual([]);
  });

  it('drops approvals that can no longer be answered when the run ends', () => {
    const state = fold([...start, ask('one', 10), ...on('a', { type: 'run_cancelled', at: 50, durationMs: 50 })]);
    expect(pendingApprovals(state)).toEqual([]);
    expect(runById(state, 'a')!.status).toBe('cancelled');
  });

  it('ignores a repeated request', () => {
    expect(pendingApprovals(fold([...start, ask('one', 10), ask('one', 11)]))).toHaveLength(1);
  });
});

describe('the run list', () => {
  it(`keeps the newest ${MAX_RUNS} runs, newest first`, () => {
    const events = Array.from({ length: MAX_RUNS + 5 }, (_, n) =>
      on(`run-${n}`, { type: 'run_started', at: n, query: `q${n}`, pattern: 'manager', source: 'conversation', conversationId: 'c' })[0]!,
    );
    const state = fold(events);
    expect(state.runs).toHaveLength(MAX_RUNS);
    expect(runsNewestFirst(state)[0]!.runId).toBe(`run-${MAX_RUNS + 4}`);
    expect(runById(state, 'run-4')).toBeNull();
    expect(runById(state, 'run-5')).not.toBeNull();
  });
});

describe('formatting', () => {
  it('reads durations the way people say them', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(248.4)).toBe('248 ms');
    expect(formatDuration(2400)).toBe('2.4 s');
    expect(formatDuration(59_960)).toBe('1 min 0 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('counts tokens and dollars', () => {
    expect(formatTokens(1234, 'en-US')).toBe('1,234 tokens');
    expect(formatTokens(1, 'en-US')).toBe('1 token');
    expect(formatCost(0.0011675)).toBe('$0.0012');
    expect(formatCost(0.00001)).toBe('<$0.0001');
    expect(formatCost(0)).toBe('$0.00');
    expect(formatCost(3.456)).toBe('$3.46');
  });

  it('describes a tool call in words rather than JSON', () => {
    expect(describeToolCall('HassTurnOff', '{"name":"Front Door"}')).toBe('HassTurnOff · Front Door');
    expect(describeToolCall('HassTurnOn', '{"area":"Kitchen","domain":["light"]}')).toBe('HassTurnOn · light · in Kitchen');
    expect(describeToolCall('HassLightSet', '{"name":"Desk","brightness":40}')).toBe('HassLightSet · Desk · brightness: 40');
    expect(describeToolCall('HassTurnOff', '{"name":"Front Door","area":"Hall…')).toBe('HassTurnOff · Front Door');
    expect(describeToolCall('GetLiveContext', '{}')).toBe('GetLiveContext');
    expect(describeToolCall('fetch_page', 'https://example.com')).toBe('fetch_page · https://example.com');
  });
});
