/**
 * The typed conversation with FROK: its turns (question → answer, error or cancel), the
 * question being written, and the choices for the next ask. Pure, so the rules that keep
 * what the person typed (a failed or cancelled question goes back into an empty box) are
 * tested without a window.
 */
import type { AskResult, Conversation } from '@shared/agents';
import type { AgentPattern, SpecialistId } from '@shared/domain';

/** `restored`: an earlier turn loaded from main (e.g. a quick ask opened in FROK); only its text is known. */
export type TurnStatus = 'running' | 'finished' | 'failed' | 'cancelled' | 'restored';

/** What a turn asked for beyond the question, so Retry asks the same way. */
export interface AskOptions {
  pattern?: AgentPattern;
  enabledSpecialists?: SpecialistId[];
}

export interface ConversationTurn {
  runId: string;
  question: string;
  options: AskOptions;
  status: TurnStatus;
  result: AskResult | null;
  error: { code: string; message: string } | null;
  /** The answer's text for a restored turn (its full result may still be in the window's activity). */
  answer?: string;
  /** A restored answer that broke off when its run failed. */
  cutOff?: boolean;
  /** A restored turn's tool calls (voice sessions keep them), oldest first. */
  tools?: RestoredToolCall[];
  /** The specialists that helped with a restored answer. */
  helpers?: string[];
}

export interface RestoredToolCall {
  name: string;
  arguments: string;
  output: string | null;
}

export interface ConversationState {
  /** From the first answer; later asks continue it until "New conversation". */
  conversationId: string | null;
  turns: ConversationTurn[];
  /** The composer's text: kept here so switching screens loses nothing. */
  draft: string;
  /** null = follow the defaults in Settings → Specialists. */
  pattern: AgentPattern | null;
  specialists: SpecialistId[] | null;
}

export const EMPTY_CONVERSATION: ConversationState = { conversationId: null, turns: [], draft: '', pattern: null, specialists: null };

export type ConversationAction =
  | { type: 'draft'; text: string }
  | { type: 'pattern'; pattern: AgentPattern }
  | { type: 'specialists'; specialists: SpecialistId[] }
  /** `conversationId`: the one the ask continues (or starts, minted by the window, so even a failed first question keeps its place). */
  | { type: 'asked'; runId: string; question: string; options: AskOptions; replaces?: string; conversationId?: string }
  | { type: 'answered'; runId: string; result: AskResult }
  | { type: 'failed'; runId: string; error: { code: string; message: string } }
  | { type: 'cancelled'; runId: string }
  | { type: 'new' }
  | { type: 'opened'; conversation: Conversation }
  /** A conversation from History (`history:get`), already turned into turns (see history-turns.ts). */
  | { type: 'loaded'; conversationId: string; turns: ConversationTurn[] };

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'draft':
      return { ...state, draft: action.text };
    case 'pattern':
      return { ...state, pattern: action.pattern };
    case 'specialists':
      return { ...state, specialists: action.specialists };
    case 'asked': {
      const turn: ConversationTurn = { runId: action.runId, question: action.question, options: action.options, status: 'running', result: null, error: null };
      const turns = state.turns.filter((t) => t.runId !== action.replaces);
      // The box is emptied only if it still holds this question (a retry may follow new typing).
      const draft = state.draft.trim() === action.question.trim() ? '' : state.draft;
      return { ...state, conversationId: state.conversationId ?? action.conversationId ?? null, turns: [...turns, turn], draft };
    }
    case 'answered': {
      if (!state.turns.some((t) => t.runId === action.runId)) return state;
      return {
        ...state,
        conversationId: state.conversationId ?? action.result.conversationId,
        turns: update(state.turns, action.runId, { status: 'finished', result: action.result }),
      };
    }
    case 'failed':
      return stopped(state, action.runId, { status: 'failed', error: action.error });
    case 'cancelled':
      return stopped(state, action.runId, { status: 'cancelled' });
    case 'new':
      return { ...state, conversationId: null, turns: [] };
    case 'opened':
      // The draft stays: the person may have been writing when another window opened this.
      return { ...state, conversationId: action.conversation.id, turns: restoredTurns(action.conversation) };
    case 'loaded':
      return { ...state, conversationId: action.conversationId, turns: action.turns };
  }
}

/** Main keeps a conversation as alternating user and assistant texts; each pair becomes one turn. */
export function restoredTurns(conversation: Conversation): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  conversation.turns.forEach((t, index) => {
    if (t.role === 'user') {
      turns.push({ runId: t.runId ?? `restored-${index}`, question: t.text, options: {}, status: 'restored', result: null, error: null, answer: '' });
      return;
    }
    const last = turns.at(-1);
    // An answer belongs to the question before it (same run); a lone answer still shows.
    const cutOff = t.cutOff === true ? { cutOff: true } : {};
    if (last && last.answer === '' && (t.runId === null || last.runId === t.runId || last.runId.startsWith('restored-'))) Object.assign(last, { answer: t.text, ...cutOff });
    else turns.push({ runId: t.runId ?? `restored-${index}`, question: '', options: {}, status: 'restored', result: null, error: null, answer: t.text, ...cutOff });
  });
  return turns;
}

/** A run that did not answer puts its question back, unless the person is already typing another. */
function stopped(state: ConversationState, runId: string, change: Partial<ConversationTurn>): ConversationState {
  const turn = state.turns.find((t) => t.runId === runId);
  if (!turn) return state;
  return {
    ...state,
    turns: update(state.turns, runId, change),
    draft: state.draft.trim() === '' ? turn.question : state.draft,
  };
}

function update(turns: ConversationTurn[], runId: string, change: Partial<ConversationTurn>): ConversationTurn[] {
  return turns.map((t) => (t.runId === runId ? { ...t, ...change } : t));
}

export function runningTurn(state: ConversationState): ConversationTurn | null {
  return state.turns.find((t) => t.status === 'running') ?? null;
}

/** The specialists the next ask uses: the person's picks, or the ones Settings turns on. */
export function chosenSpecialists(state: ConversationState, enabledInSettings: readonly SpecialistId[]): SpecialistId[] {
  return state.specialists ?? [...enabledInSettings];
}

export function toggleSpecialist(chosen: readonly SpecialistId[], id: SpecialistId, order: readonly SpecialistId[]): SpecialistId[] {
  const next = chosen.includes(id) ? chosen.filter((s) => s !== id) : [...chosen, id];
  return order.filter((s) => next.includes(s));
}
