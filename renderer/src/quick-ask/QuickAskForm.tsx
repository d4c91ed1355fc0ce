/** The question box: Enter asks, Stop while FROK answers. The box is never disabled or emptied by a failure. */
import type { FormEvent, KeyboardEvent, Ref } from 'react';

export interface QuickAskFormProps {
  inputRef: Ref<HTMLInputElement>;
  draft: string;
  onDraft(text: string): void;
  running: boolean;
  onAsk(): void;
  onStop(): void;
}

export function QuickAskForm({ inputRef, draft, onDraft, running, onAsk, onStop }: QuickAskFormProps) {
  const canAsk = draft.trim() !== '' && !running;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (canAsk) onAsk();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter while composing (IME) picks a candidate; it must not ask half a word.
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canAsk) onAsk();
  }

  return (
    <form className="qa-form" onSubmit={submit} role="search" aria-label="Ask FROK" noValidate>
      <input
        ref={inputRef}
        type="text"
        className="qa-input"
        value={draft}
        onChange={(e) => onDraft(e.target.value)}
        onKeyDown={onKeyDown}
        // The window exists to type into: the box has the keyboard as soon as it shows.
        autoFocus
        autoComplete="off"
        spellCheck
        placeholder="Ask FROK anything…"
        aria-label="Your question"
        aria-describedby="qa-hint"
        data-testid="qa-input"
      />
      {running ? (
        <button type="button" className="button danger" onClick={onStop} data-testid="qa-stop">
          <span className="stop-icon" aria-hidden="true" />
          Stop
        </button>
      ) : (
        <button type="submit" className="button primary" disabled={!canAsk} data-testid="qa-ask">
          Ask
        </button>
      )}
      <p id="qa-hint" className="visually-hidden">
        {running ? 'FROK is answering. Press Stop to cancel.' : 'Press Enter to ask, Escape to close.'}
      </p>
    </form>
  );
}
