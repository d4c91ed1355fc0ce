/**
 * Owns the typed conversation for the whole window: asks, cancels and retries live here,
 * above the screens, so an answer still lands (and the draft survives) when the person
 * switches to the Activity screen mid-run.
 */
import { createContext, use, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { i18next } from '../i18n';
import { call, errorMessage, FrokError } from '../ipc';
import {
  conversationReducer,
  EMPTY_CONVERSATION,
  type AskOptions,
  type ConversationAction,
  type ConversationState,
} from './conversation-model';
import { turnsFromRecord } from './history-turns';

export interface ConversationApi {
  state: ConversationState;
  dispatch(action: ConversationAction): void;
  ask(question: string, options: AskOptions, replaces?: string): Promise<void>;
  /** Resolves to a message for the person when the run could not be stopped. */
  cancel(runId: string): Promise<string | null>;
  /** Shows a kept conversation (from History, Memory or a quick ask) to continue; resolves to a message when it could not be loaded. */
  open(conversationId: string): Promise<string | null>;
}

const ConversationContext = createContext<ConversationApi | null>(null);

/** crypto.randomUUID needs a secure context; the fallback keeps ids unique anyway. */
function newRunId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Conversation ids are not secret; the window keeps the current one so a restart can reopen it. */
const CURRENT_CONVERSATION_KEY = 'frok.currentConversation';

function readCurrentConversation(): string | null {
  try {
    return localStorage.getItem(CURRENT_CONVERSATION_KEY);
  } catch {
    return null;
  }
}

function writeCurrentConversation(id: string | null): void {
  try {
    if (id) localStorage.setItem(CURRENT_CONVERSATION_KEY, id);
    else localStorage.removeItem(CURRENT_CONVERSATION_KEY);
  } catch {
    // Storage unavailable: nothing is reopened after a restart, which is all it costs.
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ConversationProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(conversationReducer, EMPTY_CONVERSATION);
  // Async work (a cancel waiting for its run to register) needs the latest state, not its closure's.
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);

  // The conversation the person was in comes back after a restart (main's or the window's).
  const restoring = useRef(readCurrentConversation());
  useEffect(() => {
    const id = restoring.current;
    if (!id) return undefined;
    let current = true;
    call('history:get', { id }).then(
      (record) => {
        // Only into an empty screen: the person may have started asking meanwhile.
        if (current && latest.current.conversationId === null && latest.current.turns.length === 0) {
          dispatch({ type: 'loaded', conversationId: record.id, turns: turnsFromRecord(record) });
        }
      },
      // Gone (deleted, or older than Privacy keeps): start empty, without an error.
      () => {
        if (current && latest.current.conversationId === null) writeCurrentConversation(null);
      },
    ).finally(() => {
      if (restoring.current === id) restoring.current = null;
    });
    return () => {
      current = false;
    };
  }, []);
  useEffect(() => {
    if (state.conversationId !== null) writeCurrentConversation(state.conversationId);
    else if (restoring.current === null) writeCurrentConversation(null);
  }, [state.conversationId]);

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
            return i18next.t('conversation:errors.stop', { reason: errorMessage(err) });
          }
          await sleep(150);
        }
        return null;
      },
      async open(conversationId) {
        // Replacing the turns would drop an answer still on its way.
        if (latest.current.turns.some((t) => t.status === 'running')) {
          return i18next.t('conversation:errors.stillAnswering');
        }
        try {
          // From History, so spoken conversations and their tool calls come too.
          const record = await call('history:get', { id: conversationId });
          dispatch({ type: 'loaded', conversationId: record.id, turns: turnsFromRecord(record) });
          return null;
        } catch (err) {
          return i18next.t('conversation:errors.open', { reason: errorMessage(err) });
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
