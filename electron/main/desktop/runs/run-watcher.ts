/**
 * Follows the specialists' runs through the `agent:activity` events: which are going on
 * (the tray shows "working"), and, when one finishes, what it was — its source and
 * question live only on its run_started event, so they are kept until then.
 */
import type { ActivityEvent, AskResult, AskSource } from '@shared/agents';

export interface FinishedRun {
  runId: string;
  source: AskSource;
  query: string;
  result: AskResult;
  at: number;
}

export interface RunWatcherListeners {
  /** The number of active runs changed. */
  onActiveChange?(activeRuns: number): void;
  onFinished?(run: FinishedRun): void;
}

export class RunWatcher {
  private readonly active = new Map<string, { source: AskSource; query: string }>();

  constructor(private readonly listeners: RunWatcherListeners) {}

  get activeRuns(): number {
    return this.active.size;
  }

  handle(event: ActivityEvent): void {
    switch (event.type) {
      case 'run_started':
        this.active.set(event.runId, { source: event.source, query: event.query });
        this.listeners.onActiveChange?.(this.active.size);
        return;
      case 'run_finished': {
        const started = this.active.get(event.runId);
        if (!this.active.delete(event.runId)) return;
        this.listeners.onActiveChange?.(this.active.size);
        this.listeners.onFinished?.({ runId: event.runId, source: started!.source, query: started!.query, result: event.result, at: event.at });
        return;
      }
      case 'run_failed':
      case 'run_cancelled':
        if (this.active.delete(event.runId)) this.listeners.onActiveChange?.(this.active.size);
        return;
      default:
        return;
    }
  }
}
