/**
 * Where a question is written: Enter sends, Shift+Enter adds a line, and the box is never
 * disabled — the next question can be written while FROK answers this one. By default a
 * person just asks; how FROK uses its team and who may help sit behind "Advanced", each
 * choice explained in words on screen (not in a tooltip).
 */
import { useId, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronRight } from 'lucide-react';
import type { AgentConfig } from '@shared/agents';
import type { AgentPattern, SpecialistId } from '@shared/domain';
import { SpecialistPicker, usableSpecialists } from './SpecialistPicker';
import './Composer.css';

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

/** "Let FROK decide" first: it is the default and the choice most people want. */
const PATTERN_ORDER: readonly AgentPattern[] = ['hybrid', 'manager', 'handoffs'];

export function Composer({ inputRef, ...props }: ComposerProps) {
  const { t } = useTranslation('composer');
  const id = useId();
  const [advanced, setAdvanced] = useState(false);
  const canSend = props.draft.trim() !== '' && !props.running;
  const team = props.config?.specialists ?? [];
  const helping = usableSpecialists(props.specialists, props.config).length;

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

  const how = t(`how.${props.pattern}.label`);
  const summary = team.length > 0 ? t('advanced.summary', { how, count: helping, total: team.length }) : t('advanced.summaryLoading', { how });

  return (
    <form className="composer" onSubmit={submit} aria-label={t('form')} noValidate>
      <label htmlFor={`${id}-question`} className="visually-hidden">
        {t('question')}
      </label>
      <textarea
        ref={inputRef}
        id={`${id}-question`}
        className="composer-input"
        rows={2}
        value={props.draft}
        onChange={(e) => props.onDraft(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t('placeholder')}
        aria-describedby={`${id}-hint`}
        data-testid="ask-input"
      />
      <div className="composer-bar">
        <button
          type="button"
          className="composer-advanced-toggle"
          aria-expanded={advanced}
          aria-controls={`${id}-advanced`}
          onClick={() => setAdvanced((open) => !open)}
          data-testid="ask-advanced"
        >
          <ChevronRight className="composer-advanced-chevron" aria-hidden="true" focusable="false" size={16} strokeWidth={2} />
          <span className="composer-advanced-title">{t('advanced.toggle')}</span>
          {/* What is chosen, so a changed choice is never hidden behind a closed panel. */}
          <span className="composer-advanced-summary" data-testid="ask-advanced-summary">
            {summary}
          </span>
        </button>
        {props.running ? (
          <button type="button" className="button danger" onClick={props.onStop} data-testid="ask-cancel">
            <span className="stop-icon" aria-hidden="true" />
            {t('stop')}
          </button>
        ) : (
          <button type="submit" className="button primary" disabled={!canSend} data-testid="ask-send">
            {t('send')}
          </button>
        )}
      </div>
      <div id={`${id}-advanced`} className="composer-advanced" hidden={!advanced} data-testid="ask-advanced-panel">
        <fieldset className="composer-how" data-testid="ask-pattern">
          <legend>{t('how.legend')}</legend>
          {PATTERN_ORDER.map((p) => (
            <label key={p} className="composer-choice">
              <input
                type="radio"
                name={`${id}-pattern`}
                value={p}
                checked={props.pattern === p}
                onChange={() => props.onPattern(p)}
                aria-describedby={`${id}-pattern-${p}`}
                data-testid={`ask-pattern-${p}`}
              />
              <span className="composer-choice-text">
                <span className="composer-choice-label">{t(`how.${p}.label`)}</span>
                <span id={`${id}-pattern-${p}`} className="composer-choice-description">
                  {t(`how.${p}.description`)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <SpecialistPicker chosen={props.specialists} onChange={props.onSpecialists} config={props.config} />
      </div>
      <p id={`${id}-hint`} className="hint composer-hint">
        {props.running ? t('hint.running') : t('hint.idle')}
      </p>
    </form>
  );
}
