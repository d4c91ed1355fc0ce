/**
 * The quick-ask window: type a question from any app, Enter asks the team (hybrid), the
 * answer streams in; Esc puts the window away without losing what was typed. Below, the
 * recent quick asks; "Open in FROK" continues one in the main window. With nothing asked
 * yet, a few example questions show how; a failed ask offers Retry; the finished answer is
 * told to screen readers once (a polite live region), not token by token.
 */
import { useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentConfig } from '@shared/agents';
import { useActivity } from '../activity/ActivityProvider';
import { call, errorMessage, FrokError } from '../ipc';
import { QuickAskAnswer } from './QuickAskAnswer';
import { QuickAskExamples } from './QuickAskExamples';
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
  const { t } = useTranslation('quickAsk');
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

  /**
   * Asks what is in the box, or `text`: an example (put in the box, as if typed) or Retry's
   * failed question again (the box keeps whatever was typed meanwhile).
   */
  async function ask(text?: string, intoBox = false) {
    const question = (text ?? state.draft).trim();
    if (!question || running) return;
    if (intoBox && text !== undefined) dispatch({ type: 'draft', text });
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
        setProblem(t('stopFailed', { reason: errorMessage(err) }));
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
      setProblem(t('openFailed', { reason: errorMessage(err) }));
    }
  }

  const openId = conversationToOpen(shown);

  // Screen readers hear the finished answer once, as rendered (no Markdown marks), not every token.
  const body = useRef<HTMLDivElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const finishedRun = state.run?.status === 'finished' ? state.run.runId : null;
  useEffect(() => {
    if (!finishedRun) return;
    const rendered = body.current?.querySelector('[data-testid="qa-finished"] > :first-child')?.textContent?.trim();
    const answer = rendered || state.run?.result?.response || '';
    if (answer) setAnnouncement(t('announce', { answer }));
    // Only when a run finishes: the text of that run does not change afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finishedRun]);

  function retry() {
    const question = state.run?.question;
    if (question) void ask(question);
  }

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
          {t('title')}
        </h1>
        <button type="button" className="qa-close" onClick={() => void close()} aria-label={t('close')} data-testid="qa-close">
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

      {/* Always in the page, so the words put in it later are announced. */}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="qa-announce">
        {announcement}
      </div>

      {/* The only part that scrolls: the question box above stays in view. Focusable, so the keyboard scrolls it. */}
      <div ref={body} className="qa-body" tabIndex={0} role="region" aria-label={t('answerArea')} data-testid="qa-body">
        {shown ? (
          <QuickAskAnswer shown={shown} activity={activity} config={team} onRetry={shown.kind === 'run' && shown.run.status === 'failed' ? retry : undefined} />
        ) : (
          <QuickAskExamples onPick={(question) => void ask(question, true)} />
        )}
        {openId && (
          <div className="qa-open-row">
            <button type="button" className="button secondary small" onClick={() => void openInFrok(openId)} data-testid="qa-open-main">
              {t('openInFrok')}
            </button>
            <span className="hint">{t('openInFrokHint')}</span>
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
