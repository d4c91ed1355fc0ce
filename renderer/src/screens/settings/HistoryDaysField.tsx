/** Settings → Privacy: how many days of history FROK keeps. Saved like every other setting: when the field is left or Enter pressed. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/settings';
import { useAutoSavedText, type TextCheck } from './autosave';
import { SaveStatusText } from './SaveStatus';
import { checkWholeNumber } from './SpecialistsSection';

export const HISTORY_DAYS_MIN = 1;
export const HISTORY_DAYS_MAX = 3650;

function checkDays(text: string): TextCheck<number> {
  const problem = checkWholeNumber(text, HISTORY_DAYS_MIN, HISTORY_DAYS_MAX);
  return problem ? { ok: false, reason: problem } : { ok: true, value: Number(text.trim()) };
}

export function HistoryDaysField({ settings, onSettings }: { settings: Settings; onSettings(settings: Settings): void }) {
  const { t } = useTranslation('settings');
  const id = useId();
  const days = useAutoSavedText<number>({
    saved: String(settings.privacy.historyDays),
    check: checkDays,
    patch: (value) => ({ privacy: { historyDays: value } }),
    onSettings,
    textOf: (s: Settings) => String(s.privacy.historyDays),
  });

  return (
    <div className="subpanel">
      <div className="field field-narrow">
        <label htmlFor={`${id}-days`}>{t('privacy.daysLabel')}</label>
        <input
          id={`${id}-days`}
          type="number"
          inputMode="numeric"
          min={HISTORY_DAYS_MIN}
          max={HISTORY_DAYS_MAX}
          step={1}
          {...days.inputProps}
          aria-invalid={days.problem ? true : undefined}
          aria-describedby={`${id}-days-hint`}
          data-testid="settings-history-days"
        />
        <p className="hint" id={`${id}-days-hint`}>
          {t('privacy.daysHint', { min: HISTORY_DAYS_MIN, max: HISTORY_DAYS_MAX })}
        </p>
        <SaveStatusText status={days.status} problem={days.problem} testId="settings-history-days-status" />
      </div>
    </div>
  );
}
