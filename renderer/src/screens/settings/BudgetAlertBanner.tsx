/**
 * A budget warning from main (80 % or 100 % of the monthly cap), shown above whichever
 * screen is open until dismissed, with the way to the cap.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetAlert } from '@shared/desktop';
import { useFrokEvent } from '../../ipc';

export function BudgetAlertBanner({ onOpenSettings }: { onOpenSettings(): void }) {
  const { t } = useTranslation('settings');
  const [alert, setAlert] = useState<BudgetAlert | null>(null);
  useFrokEvent('budget:alert', setAlert);
  if (!alert) return null;
  return (
    <div className={`notice-banner budget-alert-banner ${alert.level === 'exceeded' ? 'error' : 'warning'}`} role="alert" data-testid="budget-alert">
      <p className="budget-alert-text">{alert.message}</p>
      <div className="actions budget-alert-actions">
        <button
          type="button"
          className="button secondary small"
          onClick={() => {
            setAlert(null);
            onOpenSettings();
          }}
          data-testid="budget-alert-settings"
        >
          {t('budget.alertSettings')}
        </button>
        <button type="button" className="button secondary small" onClick={() => setAlert(null)} data-testid="budget-alert-dismiss">
          {t('budget.alertDismiss')}
        </button>
      </div>
    </div>
  );
}
