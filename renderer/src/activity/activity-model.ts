/**
 * The activity of the specialist team, folded from `agent:activity` events into one
 * record per run: what was asked, which spans (agents, specialists, tools) ran when and
 * how they ended, handoffs, approvals waiting for the person, the streamed answer and the
 * outcome. Pure, so the Conversation screen, the Activity screen and the approval prompt
 * all read the same state, and tests can feed it recorded event sequences.
 */
import type { ActivityEvent, AskResult, AskSource, Usage } from '@shared/agents';
import type { AgentPattern, SpecialistId } from '@shared/domain';

/** How many runs the window remembers; older ones drop off the Activity screen. */
export const MAX_RUNS = 50;

export type RunStatus = 'running' | 'awaiting-approval' | 'finished' | 'failed' | 'cancelled';
export type SpanKind = 'specialist' | 'agent' | 'tool';

export interface ActivitySpan {
  spanId: string;
  kind: SpanKind;
  /** Agent name, tool name, or the specialist's id for specialist spans. */
  name: string;
  specialist: SpecialistId | null;
  parentSpanId: string | null;
  /** What it was asked (specialists, tools); empty when unknown. */
  input: string;
  /** Wall-clock ms (main's clock). An end without a start is placed by its duration. */
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  /** null while running, and for agent spans (which report an outcome only when the run failed under them). */
  ok: boolean | null;
  summary: string | null;
  usage: Usage | null;
  children: ActivitySpan[];
}

export interface ActivityHandoff {
  at: number;
  from: string;
  to: string;
  specialist: SpecialistId | null;
}

export interface ActivityApproval {
  approvalId: string;
  tool: string;
  input: string;
  agent: string;
  /** What approving would do, in plain words ("Unlock Front Door (Hallway)?"), when main could tell. */
  description: string | null;
  requestedAt: number;
  /** null while the person has not decided. */
  approved: boolean | null;
}

export interface RunActivity {
  runId: string;
  /** Empty (and pattern/source null) when the run's start was never seen. */
  query: string;
  pattern: AgentPattern | null;
  source: AskSource | null;
  conversationId: string | null;
  status: RunStatus;
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  /** Roots of the span tree, in start order; tool spans sit under their parent. */
  spans: ActivitySpan[];
  handoffs: ActivityHandoff[];
  approvals: ActivityApproval[];
  /** The answer as streamed so far. */
  text: string;
  result: AskResult | null;
  error: { code: string; message: string } | null;
}

export interface ActivityState {
  /** Oldest first; at most MAX_RUNS. */
  runs: RunActivity[];
}

export const EMPTY_ACTIVITY: ActivityState = { runs: [] };

const ENDED: ReadonlySet<RunStatus> = new Set(['finished', 'failed', 'cancelled']);

export function isRunActive(run: RunActivity): boolean {
  return !ENDED.has(run.status);
}

export function newRun(runId: string, at: number): RunActivity {
  return {
    runId,
    query: '',
    pattern: null,
    source: null,
    conversationId: null,
    status: 'running',
    startedAt: at,
    endedAt: null,
    durationMs: null,
    spans: [],
    handoffs: [],
    approvals: [],
    text: '',
    result: null,
    error: null,
  };
}

export function activityReducer(state: ActivityState, event: ActivityEvent): ActivityState {
  const index = state.runs.findIndex((r) => r.runId === event.runId);
  const current = index >= 0 ? state.runs[index]! : newRun(event.runId, event.at);
  const next = applyEvent(current, event);
  if (next === current) return state;
  if (index >= 0) {
    const runs = state.runs.slice();
    runs[index] = next;
    return { runs };
  }
  return { runs: [...state.runs, next].slice(-MAX_RUNS) };
}

function applyEvent(run: RunActivity, event: ActivityEvent): RunActivity {
  switch (event.type) {
    case 'run_started':
      return {
        ...run,
        query: event.query,
        pattern: event.pattern,
        source: event.source,
        conversationId: event.conversationId,
        startedAt: Math.min(run.startedAt, event.at),
      };
    case 'agent_started':
      return addSpan(run, {
        ...blankSpan(event.spanId, 'agent', event.agent, event.at),
        specialist: event.specialist,
        parentSpanId: event.parentSpanId,
      });
    case 'specialist_started':
      return addSpan(run, { ...blankSpan(event.spanId, 'specialist', event.specialist, event.at), specialist: event.specialist, input: event.input });
    case 'tool_started':
      return addSpan(run, { ...blankSpan(event.spanId, 'tool', event.tool, event.at), parentSpanId: event.parentSpanId, input: event.input });
    case 'agent_ended':
      // An agent reports an outcome only when the run failed while it was speaking.
      return endSpan(run, event, blankSpan(event.spanId, 'agent', event.agent, event.at - event.durationMs), event.error ? { ok: false, summary: event.error } : {});
    case 'specialist_ended':
      return endSpan(run, event, { ...blankSpan(event.spanId, 'specialist', event.specialist, event.at - event.durationMs), specialist: event.specialist }, {
        ok: event.ok,
        summary: event.summary,
        usage: event.usage,
      });
    case 'tool_ended':
      return endSpan(run, event, blankSpan(event.spanId, 'tool', event.tool, event.at - event.durationMs), { ok: event.ok, summary: event.summary });
    case 'handoff':
      return { ...run, handoffs: [...run.handoffs, { at: event.at, from: event.from, to: event.to, specialist: event.specialist }] };
    case 'approval_requested': {
      if (!isRunActive(run) || run.approvals.some((a) => a.approvalId === event.approvalId)) return run;
      const approval = { approvalId: event.approvalId, tool: event.tool, input: event.input, agent: event.agent, description: event.description ?? null, requestedAt: event.at, approved: null };
      return { ...run, status: 'awaiting-approval', approvals: [...run.approvals, approval] };
    }
    case 'approval_resolved': {
      const approvals = run.approvals.map((a) => (a.approvalId === event.approvalId ? { ...a, approved: event.approved } : a));
      const waiting = approvals.some((a) => a.approved === null);
      return { ...run, approvals, status: isRunActive(run) ? (waiting ? 'awaiting-approval' : 'running') : run.status };
    }
    case 'text_delta':
      return { ...run, text: run.text + event.delta };
    case 'run_finished':
      return finish(run, 'finished', event.at, event.result.durationMs, {
        result: event.result,
        text: event.result.response,
        pattern: run.pattern ?? event.result.pattern,
        conversationId: run.conversationId ?? event.result.conversationId,
      });
    case 'run_failed':
      return finish(run, 'failed', event.at, event.durationMs, { error: event.error });
    case 'run_cancelled':
      return finish(run, 'cancelled', event.at, event.durationMs, {});
  }
}

function blankSpan(spanId: string, kind: SpanKind, name: string, startedAt: number): ActivitySpan {
  return {
    spanId,
    kind,
    name,
    specialist: null,
    parentSpanId: null,
    input: '',
    startedAt,
    endedAt: null,
    durationMs: null,
    ok: null,
    summary: null,
    usage: null,
    children: [],
  };
}

/** A run that ended closes nothing by itself: main closes open spans before the end event. */
function finish(run: RunActivity, status: RunStatus, at: number, durationMs: number, change: Partial<RunActivity>): RunActivity {
  // Approvals still open when a run ends can no longer be answered.
  const approvals = run.approvals.map((a) => (a.approved === null ? { ...a, approved: false } : a));
  return { ...run, ...change, status, endedAt: at, durationMs, approvals, startedAt: Math.min(run.startedAt, at - durationMs) };
}

function addSpan(run: RunActivity, span: ActivitySpan): RunActivity {
  if (findSpan(run.spans, span.spanId)) return run;
  const parented = span.parentSpanId !== null && findSpan(run.spans, span.parentSpanId) !== null;
  const spans = parented ? mapSpans(run.spans, span.parentSpanId!, (p) => ({ ...p, children: [...p.children, span] })) : [...run.spans, span];
  return { ...run, spans, startedAt: Math.min(run.startedAt, span.startedAt) };
}

function endSpan(
  run: RunActivity,
  event: { spanId: string; at: number; durationMs: number },
  ifUnseen: ActivitySpan,
  outcome: Partial<Pick<ActivitySpan, 'ok' | 'summary' | 'usage'>>,
): RunActivity {
  const withStart = findSpan(run.spans, event.spanId) ? run : addSpan(run, ifUnseen);
  const spans = mapSpans(withStart.spans, event.spanId, (s) => ({ ...s, ...outcome, endedAt: event.at, durationMs: event.durationMs }));
  return { ...withStart, spans };
}

export function findSpan(spans: readonly ActivitySpan[], spanId: string): ActivitySpan | null {
  for (const span of spans) {
    if (span.spanId === spanId) return span;
    const inner = findSpan(span.children, spanId);
    if (inner) return inner;
  }
  return null;
}

function mapSpans(spans: ActivitySpan[], spanId: string, change: (span: ActivitySpan) => ActivitySpan): ActivitySpan[] {
  return spans.map((s) => {
    if (s.spanId === spanId) return change(s);
    if (s.children.length === 0) return s;
    const children = mapSpans(s.children, spanId, change);
    return children.every((c, i) => c === s.children[i]) ? s : { ...s, children };
  });
}

/** After the person deleted all their data: the runs still going stay, every ended one goes. */
export function forgetEndedRuns(state: ActivityState): ActivityState {
  const runs = state.runs.filter(isRunActive);
  return runs.length === state.runs.length ? state : { runs };
}

// ---- Reading the state ----

export function runById(state: ActivityState, runId: string | null | undefined): RunActivity | null {
  if (!runId) return null;
  return state.runs.find((r) => r.runId === runId) ?? null;
}

/** Newest first, as the Activity screen lists them. */
export function runsNewestFirst(state: ActivityState): RunActivity[] {
  return [...state.runs].reverse();
}

export function anyRunActive(state: ActivityState): boolean {
  return state.runs.some(isRunActive);
}

export interface PendingApproval extends ActivityApproval {
  runId: string;
}

/** Approvals waiting for the person, oldest first: the prompt shows them one at a time. */
export function pendingApprovals(state: ActivityState): PendingApproval[] {
  return state.runs
    .filter(isRunActive)
    .flatMap((run) => run.approvals.filter((a) => a.approved === null).map((a) => ({ ...a, runId: run.runId })))
    .sort((a, b) => a.requestedAt - b.requestedAt);
}

/** Every span in display order: each parent followed by its children, with their depth. */
export function flattenSpans(spans: readonly ActivitySpan[], depth = 0): { span: ActivitySpan; depth: number }[] {
  return [...spans]
    .sort((a, b) => a.startedAt - b.startedAt)
    .flatMap((span) => [{ span, depth }, ...flattenSpans(span.children, depth + 1)]);
}

export interface SpecialistProgress {
  specialist: SpecialistId;
  /** Running while any of its spans is still open. */
  running: boolean;
  /** False when its latest finished span failed. */
  ok: boolean;
}

/**
 * The specialists working on a run, in the order they joined, for the chips under a
 * streaming answer. A specialist asked twice (e.g. again after an approval) shows once.
 */
export function specialistProgress(run: RunActivity): SpecialistProgress[] {
  const out = new Map<SpecialistId, SpecialistProgress>();
  for (const { span } of flattenSpans(run.spans)) {
    if (!span.specialist || (span.kind !== 'specialist' && span.kind !== 'agent')) continue;
    const open = span.endedAt === null;
    const seen = out.get(span.specialist);
    out.set(span.specialist, {
      specialist: span.specialist,
      running: (seen?.running ?? false) || open,
      ok: open ? (seen?.ok ?? true) : span.ok !== false,
    });
  }
  for (const h of run.handoffs) {
    if (h.specialist && !out.has(h.specialist)) out.set(h.specialist, { specialist: h.specialist, running: isRunActive(run), ok: true });
  }
  return [...out.values()];
}

/** The run's total so far: its reported duration once ended, else time since it started. */
export function runElapsedMs(run: RunActivity, now: number): number {
  return run.durationMs ?? Math.max(0, now - run.startedAt);
}

export function spanElapsedMs(span: ActivitySpan, now: number): number {
  return span.durationMs ?? Math.max(0, now - span.startedAt);
}
