/** The question box: Enter asks, Stop while FROK answers. The box is never disabled or emptied by a failure. */
import type { FormEvent, KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';

export interface QuickAskFormProps {
  inputRef: Ref<HTMLInputElement>;
  draft: string;
  onDraft(text: string): void;
  running: boolean;
  onAsk(): void;
  onStop(): void;
}

export function QuickAskForm({ inputRef, draft, onDraft, running, onAsk, onStop }: QuickAskFormProps) {
  const { t } = useTranslation('quickAsk');
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
    <form className="qa-form" onSubmit={submit} role="search" aria-label={t('form.label')} noValidate>
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
        placeholder={t('form.placeholder')}
        aria-label={t('form.question')}
        aria-describedby="qa-hint"
        data-testid="qa-input"
      />
      {running ? (
        <button type="button" className="button danger" onClick={onStop} data-testid="qa-stop">
          <span className="stop-icon" aria-hidden="true" />
          {t('form.stop')}
        </button>
      ) : (
        <button type="submit" className="button primary" disabled={!canAsk} data-testid="qa-ask">
          {t('form.ask')}
        </button>
      )}
      <p id="qa-hint" className="visually-hidden">
        {running ? t('form.hintRunning') : t('form.hintIdle')}
      </p>
    </form>
  );
}
