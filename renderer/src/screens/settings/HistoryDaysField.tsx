/** Settings → Privacy: how many days of history FROK keeps. Checked before it is saved. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';
import { checkWholeNumber } from './SpecialistsSection';
import { useFollowedDraft } from './use-followed-draft';

export const HISTORY_DAYS_MIN = 1;
export const HISTORY_DAYS_MAX = 3650;

export function HistoryDaysField({ settings, onSettings }: { settings: Settings; onSettings(settings: Settings): void }) {
  const { t } = useTranslation('settings');
  const id = useId();
  const saved = String(settings.privacy.historyDays);
  const [text, setText] = useFollowedDraft(saved);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);


  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const problem = checkWholeNumber(text, HISTORY_DAYS_MIN, HISTORY_DAYS_MAX);
    setError(problem);
    setMessage(null);
    if (problem) return;
    setSaving(true);
    try {
      const next = await call('settings:update', { privacy: { historyDays: Number(text.trim()) } });
      onSettings(next);
      setText(String(next.privacy.historyDays));
      setMessage({ tone: 'success', text: t('privacy.daysSaved') });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="subpanel" onSubmit={save} noValidate>
      <div className="field field-narrow">
        <label htmlFor={`${id}-days`}>{t('privacy.daysLabel')}</label>
        <div className="input-with-button">
          <input
            id={`${id}-days`}
            type="number"
            inputMode="numeric"
            min={HISTORY_DAYS_MIN}
            max={HISTORY_DAYS_MAX}
            step={1}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setMessage(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-days-hint`}
            data-testid="settings-history-days"
          />
          <button type="submit" className="button primary" disabled={saving} data-testid="settings-history-days-save">
            {saving ? t('common:actions.saving') : t('common:actions.save')}
          </button>
        </div>
        <p className={error ? 'field-error' : 'hint'} id={`${id}-days-hint`}>
          {error ?? t('privacy.daysHint', { min: HISTORY_DAYS_MIN, max: HISTORY_DAYS_MAX })}
        </p>
      </div>
      <FormMessage value={message} testId="settings-history-days-message" />
    </form>
  );
}
