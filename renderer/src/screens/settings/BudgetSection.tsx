/**
 * Settings → Budget: a monthly spending cap and what FROK has spent this month against it
 * (finished runs and voice sessions, priced by Settings → Pricing). Main warns at 80 % and
 * 100 % (the banner over every screen, BudgetAlertBanner); FROK keeps working over the
 * cap — it is a warning, not a stop.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BudgetStatus } from '@shared/desktop';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage, useFrokEvent } from '../../ipc';
import { budgetShare, capText, describeSpend, parseCap } from './budget-form';
import { useFollowedDraft } from './use-followed-draft';

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
  const id = useId();
  const savedCap = settings.budget.monthlyCapUsd;
  const { status, error: statusError, reload } = useBudgetStatus(savedCap);
  const saved = capText(savedCap);
  const [text, setText] = useFollowedDraft(saved);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);


  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const check = parseCap(text);
    setMessage(null);
    if (!check.ok) {
      setFieldError(check.reason);
      return;
    }
    setFieldError(null);
    setSaving(true);
    try {
      const next = await call('settings:update', { budget: { monthlyCapUsd: check.capUsd } });
      onSettings(next);
      setText(capText(next.budget.monthlyCapUsd));
      setMessage({ tone: 'success', text: check.capUsd === null ? 'Saved: no monthly cap.' : 'Saved.' });
      reload();
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }

  const share = status ? budgetShare(status) : null;
  const level = status?.level ?? 'ok';

  return (
    <section className="card" aria-labelledby="settings-budget-title" data-testid="settings-budget">
      <h2 id="settings-budget-title">Budget</h2>
      {status ? (
        <div className="budget-status">
          <p className="budget-spent" data-testid="settings-budget-spent">
            {describeSpend(status)}
          </p>
          {share !== null && (
            <div
              className={`budget-bar ${level}`}
              role="meter"
              aria-label="Share of the monthly budget spent"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={share}
              aria-valuetext={`${share}% of the monthly budget`}
              data-testid="settings-budget-bar"
            >
              <div className="budget-bar-fill" style={{ width: `${share}%` }} />
            </div>
          )}
          {level !== 'ok' && (
            <p className={`message ${level === 'exceeded' ? 'error' : 'warning'}`} data-testid="settings-budget-level">
              {level === 'exceeded'
                ? 'Over this month’s budget. FROK keeps working; raise the cap below, or use it less until next month.'
                : 'Close to this month’s budget (80 % or more).'}
            </p>
          )}
        </div>
      ) : statusError ? (
        <p className="message error" role="alert">
          FROK couldn't read this month's spending: {statusError}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Try again
          </button>
        </p>
      ) : (
        <p className="hint">Reading this month's spending…</p>
      )}
      <form onSubmit={save} noValidate>
        <div className="field field-narrow">
          <label htmlFor={`${id}-cap`}>Monthly cap (US dollars)</label>
          <div className="input-with-button">
            <input
              id={`${id}-cap`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="No cap"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setMessage(null);
              }}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={`${id}-cap-hint`}
              data-testid="settings-budget-cap"
            />
            <button type="submit" className="button primary" disabled={saving} data-testid="settings-budget-save">
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
          <p className={fieldError ? 'field-error' : 'hint'} id={`${id}-cap-hint`}>
            {fieldError ?? 'FROK warns you at 80 % and 100 % of this. Leave it empty for no cap. Costs are estimates from Settings → Pricing.'}
          </p>
        </div>
        <FormMessage value={message} testId="settings-budget-message" />
      </form>
    </section>
  );
}
