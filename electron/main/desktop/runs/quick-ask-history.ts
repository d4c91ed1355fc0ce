/** The last quick asks and their answers, newest first, for the quick-ask window's list. Kept in memory only. */
import type { QuickAskEntry } from '@shared/desktop';
import type { FinishedRun } from './run-watcher';

export const QUICK_ASK_HISTORY_SIZE = 20;

export class QuickAskHistory {
  private entries: QuickAskEntry[] = [];

  /** Keeps runs asked from the quick-ask window; ignores the others. */
  record(run: FinishedRun): void {
    if (run.source !== 'quick-ask') return;
    const entry: QuickAskEntry = {
      runId: run.runId,
      query: run.query,
      response: run.result.response,
      at: new Date(run.at).toISOString(),
      conversationId: run.result.conversationId,
      specialistsUsed: [...run.result.specialistsUsed],
    };
    this.entries = [entry, ...this.entries].slice(0, QUICK_ASK_HISTORY_SIZE);
  }

  list(): QuickAskEntry[] {
    return this.entries.map((e) => ({ ...e, specialistsUsed: [...e.specialistsUsed] }));
  }
}
