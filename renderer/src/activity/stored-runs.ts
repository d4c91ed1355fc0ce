/**
 * Runs kept by main (`runs:list`) beside the ones this window saw live: each stored run is
 * replayed through the same reducer as the live stream, so both read the same; a run
 * seen live wins over its stored copy (it may still be running, and carries the streamed text).
 */
import type { StoredRun } from '@shared/history';
import type { SpecialistId } from '@shared/domain';
import { activityReducer, EMPTY_ACTIVITY, flattenSpans, type ActivityState, type RunActivity } from './activity-model';

/** A kept run as the Activity screen shows it, or null when it holds no events. */
export function replayStoredRun(stored: StoredRun): RunActivity | null {
  const state = stored.events.reduce(activityReducer, EMPTY_ACTIVITY);
  const run = state.runs.find((r) => r.runId === stored.runId) ?? state.runs[0];
  if (!run) return null;
  return { ...run, runId: stored.runId, startedAt: Math.min(run.startedAt, stored.startedAt) };
}

export function replayStoredRuns(stored: readonly StoredRun[]): RunActivity[] {
  return stored.flatMap((s) => replayStoredRun(s) ?? []);
}

/**
 * Stored and live runs together, newest first, each runId once. The live run wins, except
 * when this window never saw its start (it opened mid-run) and the kept copy has it.
 */
export function mergeRuns(stored: readonly RunActivity[], live: ActivityState): RunActivity[] {
  const byId = new Map<string, RunActivity>();
  for (const run of stored) byId.set(run.runId, run);
  for (const run of live.runs) {
    const kept = byId.get(run.runId);
    byId.set(run.runId, kept && run.query === '' && kept.query !== '' ? kept : run);
  }
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
}

/** The specialists that worked on a run: its specialist and agent spans, and handoffs. */
export function runSpecialists(run: RunActivity): Set<SpecialistId> {
  const out = new Set<SpecialistId>();
  for (const { span } of flattenSpans(run.spans)) if (span.specialist) out.add(span.specialist);
  for (const h of run.handoffs) if (h.specialist) out.add(h.specialist);
  return out;
}

/** Every specialist seen in these runs, in the order first met (newest run first). */
export function specialistsSeen(runs: readonly RunActivity[]): SpecialistId[] {
  const out = new Set<SpecialistId>();
  for (const run of runs) for (const s of runSpecialists(run)) out.add(s);
  return [...out];
}

/** The runs a specialist took part in; all of them for null. */
export function filterBySpecialist(runs: readonly RunActivity[], specialist: SpecialistId | null): RunActivity[] {
  return specialist === null ? [...runs] : runs.filter((r) => runSpecialists(r).has(specialist));
}
