/**
 * The quick-ask window: type a question from any app, Enter asks the team (hybrid), the
 * answer streams in; Esc puts the window away without losing what was typed. Below, the
 * recent quick asks; "Open in FROK" continues one in the main window.
 */
import { useEffect, useReducer, useRef, useState } from 'react';
import type { AgentConfig } from '@shared/agents';
import { useActivity } from '../activity/ActivityProvider';
import { call, errorMessage, FrokError } from '../ipc';
import { QuickAskAnswer } from './QuickAskAnswer';
import { QuickAskForm } from './QuickAskForm';
import { conversationToOpen, EMPTY_QUICK_ASK, isRunning, quickAskReducer, shownAnswer } from './quick-ask-model';
import { RecentQuickAsks } from './RecentQuickAsks';

/** crypto.randomUUID needs a secure context; the fallback keeps ids unique anyway. */
function newRunId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The team's names for the chips; the page works without them (names made from ids). */
function useTeam(): AgentConfig | null {
  const [config, setConfig] = useState<AgentConfig | null>(null);
  useEffect(() => {
    let current = true;
    call('agent:config').then(
      (c) => current && setConfig(c),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return config;
}

export function QuickAskApp() {
  const [state, dispatch] = useReducer(quickAskReducer, EMPTY_QUICK_ASK);
  const activity = useActivity();
  const team = useTeam();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const running = isRunning(state);
  const shown = shownAnswer(state);

  const loadRecents = () =>
    call('quickAsk:recent').then(
      (entries) => dispatch({ type: 'recents', entries }),
      () => undefined, // The list is a convenience: an ask still works without it.
    );

  // The window is hidden, not closed, between uses: each time it comes back, the box has the keyboard.
  useEffect(() => {
    const focus = () => {
      input.current?.focus();
      void loadRecents();
    };
    window.addEventListener('focus', focus);
    return () => window.removeEventListener('focus', focus);
  }, []);

  useEffect(() => {
    void loadRecents();
    // Nothing is sent to this window unasked today; saying it listens keeps it ready if that changes.
    call('window:ready').catch(() => undefined);
  }, []);

  async function ask() {
    const question = state.draft.trim();
    if (!question || running) return;
    const runId = newRunId();
    setProblem(null);
    dispatch({ type: 'asked', runId, question });
    try {
      const result = await call('agent:ask', { query: question, pattern: 'hybrid', runId, source: 'quick-ask' });
      dispatch({ type: 'answered', runId, result });
    } catch (err) {
      if (err instanceof FrokError && err.code === 'cancelled') dispatch({ type: 'cancelled', runId });
      else dispatch({ type: 'failed', runId, message: errorMessage(err) });
    } finally {
      void loadRecents();
    }
  }

  async function stop() {
    const runId = state.run?.runId;
    if (!runId || !running) return;
    input.current?.focus();
    // Main registers a run a moment after the ask arrives; a very quick Stop tries again briefly.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      try {
        if ((await call('agent:cancel', { runId })).cancelled) return;
      } catch (err) {
        setProblem(`FROK couldn't stop this answer: ${errorMessage(err)}`);
        return;
      }
      await sleep(150);
    }
  }

  async function close() {
    try {
      await call('window:close');
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }

  async function openInFrok(conversationId: string) {
    setProblem(null);
    try {
      await call('window:openMain', { conversationId });
    } catch (err) {
      setProblem(`FROK couldn't open its window: ${errorMessage(err)}`);
    }
  }

  const openId = conversationToOpen(shown);

  return (
    <main
      className="qa-window"
      data-testid="quick-ask"
      aria-labelledby="qa-title"
      onKeyDown={(e) => {
        // Esc puts the window away; the question stays in the box for next time.
        if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          void close();
        }
      }}
    >
      <header className="qa-header">
        <h1 id="qa-title" className="qa-title">
          Quick ask
        </h1>
        <button type="button" className="qa-close" onClick={() => void close()} aria-label="Close quick ask (Esc)" data-testid="qa-close">
          ×
        </button>
      </header>

      <QuickAskForm
        inputRef={input}
        draft={state.draft}
        onDraft={(text) => dispatch({ type: 'draft', text })}
        running={running}
        onAsk={() => void ask()}
        onStop={() => void stop()}
      />

      {problem && (
        <p className="message error qa-problem" role="alert" data-testid="qa-error">
          {problem}
        </p>
      )}

      <div className="qa-body">
        {shown && <QuickAskAnswer shown={shown} activity={activity} config={team} />}
        {openId && (
          <div className="qa-open-row">
            <button type="button" className="button secondary small" onClick={() => void openInFrok(openId)} data-testid="qa-open-main">
              Open in FROK
            </button>
            <span className="hint">Continue this in the main window.</span>
          </div>
        )}
        <RecentQuickAsks
          entries={state.recents}
          selectedRunId={state.viewing?.runId ?? null}
          onSelect={(entry) => dispatch({ type: 'view', entry: entry.runId === state.viewing?.runId ? null : entry })}
          config={team}
        />
      </div>
    </main>
  );
}
