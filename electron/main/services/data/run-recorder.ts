/**
 * Follows every run's activity on the event bus and keeps each run once it ends
 * (finished, failed or cancelled), so the Activity view survives a restart.
 */
import type { ActivityEvent } from '@shared/agents';
import type { EventBus } from '../../events.ts';
import type { Logger } from '../../logger.ts';
import type { RunStore } from './run-store.ts';

const ENDINGS = new Set<ActivityEvent['type']>(['run_finished', 'run_failed', 'run_cancelled']);
/** A run that never ends (a bug elsewhere) must not hold its events forever. */
const MAX_OPEN_RUNS = 100;

export function recordRuns(o: { events: EventBus; runs: () => RunStore; ready: Promise<void>; log: Logger }): () => void {
  const open = new Map<string, ActivityEvent[]>();
  return o.events.subscribe((emitted) => {
    if (emitted.name !== 'agent:activity') return;
    const event = emitted.payload as ActivityEvent;
    if (event.type === 'text_delta') return;
    const events = open.get(event.runId) ?? [];
    if (!open.has(event.runId)) {
      open.set(event.runId, events);
      if (open.size > MAX_OPEN_RUNS) open.delete(open.keys().next().value as string);
    }
    events.push(event);
    if (!ENDINGS.has(event.type)) return;
    open.delete(event.runId);
    const startedAt = events[0]?.at ?? event.at;
    void o.ready
      .then(() => o.runs().save(event.runId, startedAt, events))
      .catch((err: unknown) => o.log.warn('a run could not be kept for Activity', { problem: err instanceof Error ? err.message : String(err) }));
  });
}
