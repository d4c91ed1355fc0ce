/**
 * Owns the typed conversation for the whole window: asks, cancels and retries live here,
 * above the screens, so an answer still lands (and the draft survives) when the person
 * switches to the Activity screen mid-run.
 */
import { createContext, use, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { call, errorMessage, FrokError } from '../ipc';
import {
  conversationReducer,
  EMPTY_CONVERSATION,
  type AskOptions,
  type ConversationAction,
  type ConversationState,
} from './conversation-model';

export interface ConversationApi {
  state: ConversationState;
  dispatch(action: ConversationAction): void;
  ask(question: string, options: AskOptions, replaces?: string): Promise<void>;
  /** Resolves to a message for the person when the run could not be stopped. */
  cancel(runId: string): Promise<string | null>;
  /** Shows an earlier conversation (one a quick ask started); resolves to a message when it could not be loaded. */
  open(conversationId: string): Promise<string | null>;
}

const ConversationContext = createContext<ConversationApi | null>(null);

/** crypto.randomUUID needs a secure context; the fallback keeps ids unique anyway. */
function newRunId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ConversationProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(conversationReducer, EMPTY_CONVERSATION);
  // Async work (a cancel waiting for its run to register) needs the latest state, not its closure's.
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);

  const api = useMemo<ConversationApi>(() => {
    const stillRunning = (runId: string) => latest.current.turns.some((t) => t.runId === runId && t.status === 'running');
    return {
      state,
      dispatch,
      async ask(question, options, replaces) {
        const runId = newRunId();
        // A new conversation gets its id here, so a first answer that breaks off is continued, not orphaned.
        const conversationId = latest.current.conversationId ?? newRunId();
        dispatch({ type: 'asked', runId, question, options, conversationId, ...(replaces ? { replaces } : {}) });
        try {
          const result = await call('agent:ask', {
            query: question,
            ...options,
            conversationId,
            runId,
            source: 'conversation',
          });
          dispatch({ type: 'answered', runId, result });
        } catch (err) {
          if (err instanceof FrokError && err.code === 'cancelled') dispatch({ type: 'cancelled', runId });
          else dispatch({ type: 'failed', runId, error: { code: err instanceof FrokError ? err.code : 'internal', message: errorMessage(err) } });
        }
      },
      async cancel(runId) {
        // Main registers a run a moment after the ask arrives; a very quick Stop tries again briefly.
        for (let attempt = 0; attempt < 10 && stillRunning(runId); attempt += 1) {
          try {
            if ((await call('agent:cancel', { runId })).cancelled) return null;
          } catch (err) {
            return `FROK couldn't stop this answer: ${errorMessage(err)}`;
          }
          await sleep(150);
        }
        return null;
      },
      async open(conversationId) {
        // Replacing the turns would drop an answer still on its way.
        if (latest.current.turns.some((t) => t.status === 'running')) {
          return 'FROK is still answering here. Stop that answer (or wait for it), then choose "Open in FROK" again.';
        }
        try {
          const conversation = await call('agent:conversation', { conversationId });
          dispatch({ type: 'opened', conversation });
          return null;
        } catch (err) {
          return `FROK couldn't open that conversation: ${errorMessage(err)}`;
        }
      },
    };
  }, [state]);

  return <ConversationContext value={api}>{children}</ConversationContext>;
}

export function useConversation(): ConversationApi {
  const api = use(ConversationContext);
  if (!api) throw new Error('useConversation needs a ConversationProvider above it');
  return api;
}
