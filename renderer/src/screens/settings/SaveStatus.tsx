/**
 * Beside each setting: "Saving…", "Saved", or why it was not saved. The status line is
 * always in the page (a live region must exist before it changes to be announced); a
 * failure is an alert, as the person has to act on it.
 */
import { useTranslation } from 'react-i18next';
import type { SaveStatus } from './autosave';

export interface SaveStatusTextProps {
  status: SaveStatus;
  /** A mistake in what was typed, found before saving. */
  problem?: string | null;
  testId: string;
  /** For aria-describedby on the field: the error, when there is one. */
  errorId?: string;
}

export function SaveStatusText({ status, problem, testId, errorId }: SaveStatusTextProps) {
  const { t } = useTranslation('common');
  const error = problem ?? (status.phase === 'error' ? status.message : null);
  return (
    <>
      {error && (
        <p className="field-error" id={errorId} role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      <p className={`save-status ${status.phase}`} role="status" data-testid={testId} data-phase={problem ? 'invalid' : status.phase}>
        {!problem && status.phase === 'saving' && t('actions.saving')}
        {!problem && status.phase === 'saved' && t('actions.saved')}
      </p>
    </>
  );
}
