/**
 * The quick-ask window's state: the question being typed, the one ask it runs at a time,
 * the recent quick asks, and which of them the person opened. Pure, so the rule that keeps
 * what the person typed (only a finished answer empties the box, and only if it still
 * holds that question) is tested without a window.
 */
import type { AskResult } from '@shared/agents';
import type { QuickAskEntry } from '@shared/desktop';

export type QuickAskStatus = 'running' | 'finished' | 'failed' | 'cancelled';

export interface QuickAskRun {
  runId: string;
  question: string;
  status: QuickAskStatus;
  result: AskResult | null;
  error: string | null;
}

export interface QuickAskState {
  draft: string;
  run: QuickAskRun | null;
  /** A recent quick ask the person clicked; shown instead of the latest run. */
  viewing: QuickAskEntry | null;
  recents: QuickAskEntry[];
}

export const EMPTY_QUICK_ASK: QuickAskState = { draft: '', run: null, viewing: null, recents: [] };

export type QuickAskAction =
  | { type: 'draft'; text: string }
  | { type: 'asked'; runId: string; question: string }
  | { type: 'answered'; runId: string; result: AskResult }
  | { type: 'failed'; runId: string; message: string }
  | { type: 'cancelled'; runId: string }
  | { type: 'recents'; entries: QuickAskEntry[] }
  | { type: 'view'; entry: QuickAskEntry | null };

export function quickAskReducer(state: QuickAskState, action: QuickAskAction): QuickAskState {
  switch (action.type) {
    case 'draft':
      return { ...state, draft: action.text };
    case 'asked':
      // The question stays in the box until its answer arrives: closing or failing loses nothing.
      return { ...state, run: { runId: action.runId, question: action.question, status: 'running', result: null, error: null }, viewing: null };
    case 'answered': {
      if (state.run?.runId !== action.runId) return state;
      const draft = state.draft.trim() === state.run.question.trim() ? '' : state.draft;
      return { ...state, draft, run: { ...state.run, status: 'finished', result: action.result } };
    }
    case 'failed':
      return stopped(state, action.runId, { status: 'failed', error: action.message });
    case 'cancelled':
      return stopped(state, action.runId, { status: 'cancelled' });
    case 'recents':
      return { ...state, recents: action.entries };
    case 'view':
      return { ...state, viewing: action.entry };
  }
}

/** A run that gave no answer puts its question back if the box was emptied meanwhile. */
function stopped(state: QuickAskState, runId: string, change: Partial<QuickAskRun>): QuickAskState {
  if (state.run?.runId !== runId || state.run.status !== 'running') return state;
  return { ...state, draft: state.draft.trim() === '' ? state.run.question : state.draft, run: { ...state.run, ...change } };
}

export function isRunning(state: QuickAskState): boolean {
  return state.run?.status === 'running';
}

/** What the answer area shows: a recent entry the person opened, else the latest run. */
export type ShownAnswer = { kind: 'entry'; entry: QuickAskEntry } | { kind: 'run'; run: QuickAskRun } | null;

export function shownAnswer(state: QuickAskState): ShownAnswer {
  if (state.viewing) return { kind: 'entry', entry: state.viewing };
  if (state.run) return { kind: 'run', run: state.run };
  return null;
}

/** The conversation "Open in FROK" opens: the shown answer's, once it has one. */
export function conversationToOpen(shown: ShownAnswer): string | null {
  if (!shown) return null;
  if (shown.kind === 'entry') return shown.entry.conversationId;
  return shown.run.result?.conversationId ?? null;
}

/** "14:05" today, "3 Mar 14:05" before. */
export function formatWhen(iso: string, now: Date, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? time : `${at.toLocaleDateString(locale, { day: 'numeric', month: 'short' })} ${time}`;
}
