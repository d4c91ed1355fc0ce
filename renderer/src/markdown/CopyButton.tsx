/**
 * A Copy button that says it worked: the button itself reads "Copied" for a moment, and a
 * polite live region tells screen readers, so nobody has to paste to find out.
 */
import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './CopyButton.css';

export interface CopyButtonProps {
  /** What goes to the clipboard; a function, so long texts are read only when clicked. */
  text: string | (() => string);
  /** The accessible name before and after copying ("Copy code" / "Code copied"); each contains the visible word. */
  label: string;
  copiedLabel: string;
  className?: string;
  testId?: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** How long "Copied" stays before the button reads "Copy" again. */
const CONFIRM_MS = 2_000;

export function CopyButton({ text, label, copiedLabel, className, testId }: CopyButtonProps) {
  const { t } = useTranslation('answers');
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  const copied = state === 'copied';
  return (
    <span className={className ? `copy-control ${className}` : 'copy-control'}>
      <button type="button" className="copy-button" aria-label={copied ? copiedLabel : label} onClick={() => void copy()} data-testid={testId} data-state={state}>
        {copied ? <Check aria-hidden="true" focusable="false" size={14} /> : <Copy aria-hidden="true" focusable="false" size={14} />}
        <span className="copy-button-text">{copied ? t('common:actions.copied') : t('common:actions.copy')}</span>
      </button>
      <span className={state === 'failed' ? 'copy-failed' : 'visually-hidden'} role="status" aria-live="polite">
        {copied ? t('copy.copied') : state === 'failed' ? t('copy.failed') : ''}
      </span>
    </span>
  );
}

/** The Copy button under a finished answer: the Markdown as written, as the best chat apps copy it (it pastes well almost anywhere). */
export function AnswerCopyButton({ text }: { text: string }) {
  const { t } = useTranslation('answers');
  return <CopyButton className="answer-copy" text={text} label={t('copy.answer')} copiedLabel={t('copy.answerCopied')} testId="answer-copy" />;
}
