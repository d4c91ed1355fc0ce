/** The typed conversation with FROK: the transcript, and the composer under it. */
import { useRef, useState } from 'react';
import type { Settings } from '@shared/settings';
import { useActivity } from '../activity/ActivityProvider';
import { Composer } from '../conversation/Composer';
import { useConversation } from '../conversation/ConversationProvider';
import { chosenSpecialists, runningTurn, type AskOptions, type ConversationTurn } from '../conversation/conversation-model';
import { Transcript } from '../conversation/Transcript';
import { useAgentConfig } from '../conversation/use-agent-config';

export interface ConversationScreenProps {
  settings: Settings;
}

const EXAMPLES = [
  'Remember that I like warm light in the evening.',
  "What's the weather tomorrow, and what's 15% of 80?",
  'Turn off the kitchen lights.',
];

export function ConversationScreen({ settings }: ConversationScreenProps) {
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
    if (specialists.length === 0) {
      setNotice('Turn on at least one specialist below, then send again.');
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
          Conversation
        </h1>
        <button
          type="button"
          className="button secondary small"
          onClick={() => {
            dispatch({ type: 'new' });
            input.current?.focus();
          }}
          disabled={running !== null || state.turns.length === 0}
          title={running ? 'Stop the current answer first.' : undefined}
          data-testid="conversation-new"
        >
          New conversation
        </button>
      </header>

      {state.turns.length === 0 ? (
        <div className="conversation-empty" data-testid="conversation-empty">
          <p className="conversation-empty-title">Ask FROK anything</p>
          <p className="hint">
            A team of specialists — home, memory, research, code and general — works on each question. Watch them in Activity.
          </p>
          <ul className="example-list" aria-label="Examples">
            {EXAMPLES.map((example) => (
              <li key={example}>
                <button type="button" className="example" onClick={() => dispatch({ type: 'draft', text: example })}>
                  {example}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Transcript turns={state.turns} activity={activity} config={team.config} model={settings.models.text} onRetry={retry} />
      )}

      {team.phase === 'failed' && (
        <p className="message error" role="alert" data-testid="conversation-team-error">
          {team.error}{' '}
          <button type="button" className="link-button" onClick={team.reload}>
            Try again
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
