/**
 * Where a question is written: Enter sends, Shift+Enter adds a line, and the box is never
 * disabled — the next question can be written while FROK answers this one. Below it,
 * how to ask (pattern) and who may help (specialists).
 */
import { useId, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import type { AgentConfig } from '@shared/agents';
import type { AgentPattern, SpecialistId } from '@shared/domain';
import { SpecialistPicker } from './SpecialistPicker';

export interface ComposerProps {
  draft: string;
  onDraft(text: string): void;
  running: boolean;
  onSend(): void;
  onStop(): void;
  pattern: AgentPattern;
  onPattern(pattern: AgentPattern): void;
  specialists: SpecialistId[];
  onSpecialists(ids: SpecialistId[]): void;
  config: AgentConfig | null;
  /** The question box, so the screen can bring focus back to it when Send or Stop goes away. */
  inputRef?: Ref<HTMLTextAreaElement>;
}

/** Shown before agent:config answers, so the selector is never empty. */
const FALLBACK_PATTERNS: AgentConfig['patterns'] = [
  { id: 'hybrid', label: 'Hybrid', description: '' },
  { id: 'manager', label: 'Manager', description: '' },
  { id: 'handoffs', label: 'Handoffs', description: '' },
];

export function Composer({ inputRef, ...props }: ComposerProps) {
  const id = useId();
  const patterns = props.config?.patterns ?? FALLBACK_PATTERNS;
  const description = patterns.find((p) => p.id === props.pattern)?.description ?? '';
  const canSend = props.draft.trim() !== '' && !props.running;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (canSend) props.onSend();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter while composing (IME) picks a candidate; it must not send half a word.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) props.onSend();
  }

  return (
    <form className="composer" onSubmit={submit} aria-label="Ask FROK" noValidate>
      <label htmlFor={`${id}-question`} className="visually-hidden">
        Your question
      </label>
      <textarea
        ref={inputRef}
        id={`${id}-question`}
        className="composer-input"
        rows={2}
        value={props.draft}
        onChange={(e) => props.onDraft(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Ask FROK anything…"
        aria-describedby={`${id}-hint`}
        data-testid="ask-input"
      />
      <div className="composer-bar">
        <div className="composer-options">
          <label className="pattern-field" title={description}>
            <span className="pattern-label">Pattern</span>
            <select value={props.pattern} onChange={(e) => props.onPattern(e.target.value as AgentPattern)} data-testid="ask-pattern">
              {patterns.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <SpecialistPicker chosen={props.specialists} onChange={props.onSpecialists} config={props.config} />
        </div>
        {props.running ? (
          <button type="button" className="button danger" onClick={props.onStop} data-testid="ask-cancel">
            <span className="stop-icon" aria-hidden="true" />
            Stop
          </button>
        ) : (
          <button type="submit" className="button primary" disabled={!canSend} data-testid="ask-send">
            Send
          </button>
        )}
      </div>
      <p id={`${id}-hint`} className="hint composer-hint">
        {props.running
          ? 'FROK is answering. You can write your next question meanwhile, or Stop this answer.'
          : 'Enter sends · Shift+Enter adds a new line'}
      </p>
    </form>
  );
}
