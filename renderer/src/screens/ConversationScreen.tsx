/** The typed conversation with FROK: the transcript, and the composer under it. */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/settings';
import { useActivity } from '../activity/ActivityProvider';
import { Composer } from '../conversation/Composer';
import { useConversation } from '../conversation/ConversationProvider';
import { usableSpecialists } from '../conversation/SpecialistPicker';
import { chosenSpecialists, runningTurn, type AskOptions, type ConversationTurn } from '../conversation/conversation-model';
import { Transcript } from '../conversation/Transcript';
import { useAgentConfig } from '../conversation/use-agent-config';

export interface ConversationScreenProps {
  settings: Settings;
}

/** Catalogue keys (namespace `conversation`) of the example questions an empty conversation offers. */
const EXAMPLES = ['empty.examples.remember', 'empty.examples.weather', 'empty.examples.lights'] as const;

export function ConversationScreen({ settings }: ConversationScreenProps) {
  const { t } = useTranslation('conversation');
  const { state, dispatch, ask, cancel } = useConversation();
  const activity = useActivity();
  const team = useAgentConfig(settings);
  const [notice, setNotice] = useState<string | null>(null);
  // Send, Stop and Retry disappear once pressed: focus goes back to the question box, not to nowhere.
  const input = useRef<HTMLTextAreaElement>(null);

  const running = runningTurn(state);
  const pattern = state.pattern ?? settings.agents.defaultPattern;
  const specialists = chosenSpecialists(state, settings.agents.enabledSpecialists);

  function send() {
    const question = state.draft.trim();
    if (!question || running) return;
    // Counted as the composer counts them ("0 of 5 specialists"): one that can't work (Home Assistant not set up) doesn't help.
    if (usableSpecialists(specialists, team.config).length === 0) {
      // The specialist switches are in the composer's Advanced panel.
      setNotice(t('noSpecialists'));
      return;
    }
    setNotice(null);
    // Picks are sent only once the person made some, so Settings stays the default.
    const options: AskOptions = { pattern, ...(state.specialists ? { enabledSpecialists: specialists } : {}) };
    input.current?.focus();
    void ask(question, options);
  }

  function retry(turn: ConversationTurn) {
    if (running) return;
    setNotice(null);
    input.current?.focus();
    void ask(turn.question, turn.options, turn.runId);
  }

  async function stop() {
    if (!running) return;
    input.current?.focus();
    const problem = await cancel(running.runId);
    setNotice(problem);
  }

  return (
    <section className="screen conversation-screen" data-testid="screen-conversation" aria-labelledby="screen-conversation-title">
      <header className="screen-header">
        <h1 id="screen-conversation-title" tabIndex={-1}>
          {t('title')}
        </h1>
        <button
          type="button"
          className="button secondary small"
          onClick={() => {
            dispatch({ type: 'new' });
            input.current?.focus();
          }}
          disabled={running !== null || state.turns.length === 0}
          title={running ? t('stopFirst') : undefined}
          data-testid="conversation-new"
        >
          {t('new')}
        </button>
      </header>

      {state.turns.length === 0 ? (
        <div className="conversation-empty" data-testid="conversation-empty">
          <p className="conversation-empty-title">{t('empty.title')}</p>
          <p className="hint">{t('empty.hint')}</p>
          <ul className="example-list" aria-label={t('empty.examplesLabel')}>
            {EXAMPLES.map((key) => {
              const example = t(key);
              return (
                <li key={key}>
                  <button type="button" className="example" onClick={() => dispatch({ type: 'draft', text: example })}>
                    {example}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <Transcript turns={state.turns} activity={activity} config={team.config} model={settings.models.text} onRetry={retry} />
      )}

      {team.phase === 'failed' && (
        <p className="message error" role="alert" data-testid="conversation-team-error">
          {team.error}{' '}
          <button type="button" className="link-button" onClick={team.reload}>
            {t('common:actions.retry')}
          </button>
        </p>
      )}
      {notice && (
        <p className="message error" role="alert" data-testid="conversation-notice">
          {notice}
        </p>
      )}

      <Composer
        draft={state.draft}
        onDraft={(text) => dispatch({ type: 'draft', text })}
        running={running !== null}
        onSend={send}
        onStop={() => void stop()}
        pattern={pattern}
        onPattern={(p) => dispatch({ type: 'pattern', pattern: p })}
        specialists={specialists}
        onSpecialists={(ids) => dispatch({ type: 'specialists', specialists: ids })}
        config={team.config}
        inputRef={input}
      />
    </section>
  );
}
