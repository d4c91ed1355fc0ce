/**
 * Settings → Budget: a monthly spending cap and what FROK has spent this month against it
 * (finished runs and voice sessions, priced by the price table below it). The cap saves
 * when its field is left. Main warns at 80 % and
 * 100 % (the banner over every screen, BudgetAlertBanner); FROK keeps working over the
 * cap — it is a warning, not a stop.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetStatus } from '@shared/desktop';
import type { Settings } from '@shared/settings';
import { call, errorMessage, useFrokEvent } from '../../ipc';
import { useAutoSavedText } from './autosave';
import { budgetShare, capText, describeSpend, parseCap } from './budget-form';
import { SaveStatusText } from './SaveStatus';

export interface BudgetSectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
}

/** This month's spend, read again whenever something may have changed it. */
function useBudgetStatus(capUsd: number | null): { status: BudgetStatus | null; error: string | null; reload(): void } {
  const [status, setStatus] = useState<BudgetStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const reload = () => setAttempt((n) => n + 1);
  useFrokEvent('budget:alert', reload);
  useFrokEvent('realtime:ended', reload);
  useFrokEvent('agent:activity', (event) => {
    if (event.type === 'run_finished') reload();
  });
  useEffect(() => {
    let current = true;
    call('budget:status').then(
      (next) => {
        if (!current) return;
        setStatus(next);
        setError(null);
      },
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [attempt, capUsd]);
  return { status, error, reload };
}

export function BudgetSection({ settings, onSettings }: BudgetSectionProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const savedCap = settings.budget.monthlyCapUsd;
  const { status, error: statusError, reload } = useBudgetStatus(savedCap);
  const cap = useAutoSavedText<number | null>({
    saved: capText(savedCap),
    check: (text) => {
      const c = parseCap(text);
      return c.ok ? { ok: true, value: c.capUsd } : { ok: false, reason: c.reason };
    },
    patch: (capUsd) => ({ budget: { monthlyCapUsd: capUsd } }),
    onSettings,
    textOf: (s) => capText(s.budget.monthlyCapUsd),
  });

  const share = status ? budgetShare(status) : null;
  const level = status?.level ?? 'ok';

  return (
    <section className="card" aria-labelledby="settings-budget-title" data-testid="settings-budget">
      <h2 id="settings-budget-title">{t('budget.title')}</h2>
      {status ? (
        <div className="budget-status">
          <p className="budget-spent" data-testid="settings-budget-spent">
            {describeSpend(status)}
          </p>
          {share !== null && (
            <div
              className={`budget-bar ${level}`}
              role="meter"
              aria-label={t('budget.meterLabel')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={share}
              aria-valuetext={t('budget.meterValue', { share })}
              data-testid="settings-budget-bar"
            >
              <div className="budget-bar-fill" style={{ width: `${share}%` }} />
            </div>
          )}
          {level !== 'ok' && (
            <p className={`message ${level === 'exceeded' ? 'error' : 'warning'}`} data-testid="settings-budget-level">
              {level === 'exceeded' ? t('budget.exceeded') : t('budget.warning')}
            </p>
          )}
        </div>
      ) : statusError ? (
        <p className="message error" role="alert">
          {t('budget.readFailed', { reason: statusError })}{' '}
          <button type="button" className="link-button" onClick={reload}>
            {t('common:actions.retry')}
          </button>
        </p>
      ) : (
        <p className="hint">{t('budget.reading')}</p>
      )}
      <div className="field field-narrow">
        <label htmlFor={`${id}-cap`}>{t('budget.capLabel')}</label>
        <input
          id={`${id}-cap`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder={t('budget.noCap')}
          {...cap.inputProps}
          aria-describedby={`${id}-cap-hint`}
          data-testid="settings-budget-cap"
        />
        <p className="hint" id={`${id}-cap-hint`}>
          {t('budget.capHint')}
        </p>
        <SaveStatusText status={cap.status} problem={cap.problem} testId="settings-budget-cap-status" />
      </div>
    </section>
  );
}
