/** Activity → Usage: tokens, cost and runs per day or per month, in all and per specialist. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentConfig } from '@shared/agents';
import type { SpecialistId } from '@shared/domain';
import type { UsageTotalsResponse } from '@shared/history';
import { i18next } from '../i18n';
import { specialistName } from './specialist-label';
import {
  currentRow,
  formatCount,
  formatMoney,
  formatPeriod,
  formatRunCount,
  formatTokenCount,
  TOP_AGENT,
  totalsRows,
  utcOffsetMinutes,
  type PeriodKind,
  type TotalsRow,
} from './totals-model';

export function usageName(specialist: string, config: AgentConfig | null): string {
  return specialist === TOP_AGENT ? i18next.t('activity:totals.frok') : specialistName(specialist as SpecialistId, config);
}

/** "1,234 tokens, $0.0012 (2 runs)" for a period, or "nothing yet". */
function amount(row: TotalsRow | null): string {
  if (!row) return i18next.t('activity:totals.nothingYet');
  return i18next.t('activity:totals.amount', { tokens: formatTokenCount(row.tokens), cost: formatMoney(row.costUsd), runs: formatRunCount(row.runs) });
}

export interface UsageTotalsProps {
  totals: UsageTotalsResponse | null;
  /** Only this specialist's share; null: everyone. */
  specialist: string | null;
  config: AgentConfig | null;
  now: number;
}

export function UsageTotals({ totals, specialist, config, now }: UsageTotalsProps) {
  const { t } = useTranslation('activity');
  const id = useId();
  const [kind, setKind] = useState<PeriodKind>('day');
  const offset = utcOffsetMinutes(new Date(now));
  const rows = totalsRows(totals, kind, specialist);
  const today = currentRow(totalsRows(totals, 'day', specialist), now, offset, 'day');
  const month = currentRow(totalsRows(totals, 'month', specialist), now, offset, 'month');
  const who = specialist === null ? null : usageName(specialist, config);

  return (
    <section className="activity-totals" aria-labelledby={`${id}-title`} data-testid="activity-totals">
      <div className="activity-totals-head">
        <h2 id={`${id}-title`}>{who ? t('totals.titleFor', { name: who }) : t('totals.title')}</h2>
        <p className="activity-totals-summary">
          <span data-testid="activity-totals-today">{t('totals.today', { amount: amount(today) })}</span>
          <span data-testid="activity-totals-month">{t('totals.month', { amount: amount(month) })}</span>
        </p>
      </div>
      {rows.length > 0 && (
        <details className="activity-totals-details">
          <summary data-testid="activity-totals-open">{t('totals.open')}</summary>
          <div className="activity-totals-kind">
            <label htmlFor={`${id}-kind`}>{t('totals.per')}</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)} data-testid="activity-totals-kind">
              <option value="day">{t('totals.kind.day')}</option>
              <option value="month">{t('totals.kind.month')}</option>
            </select>
          </div>
          <div className="activity-totals-scroll">
            <table className="activity-totals-table">
              <thead>
                <tr>
                  <th scope="col">{t(kind === 'day' ? 'totals.column.day' : 'totals.column.month')}</th>
                  <th scope="col">{t('totals.column.runs')}</th>
                  <th scope="col">{t('totals.column.tokens')}</th>
                  <th scope="col">{t('totals.column.cost')}</th>
                </tr>
              </thead>
              {rows.map((row) => (
                <tbody key={row.period} data-testid="activity-totals-row" data-period={row.period}>
                  <tr>
                    <th scope="row">{formatPeriod(row.period)}</th>
                    <td>{formatCount(row.runs)}</td>
                    <td title={t('run.tokensInOut', { input: formatCount(row.inputTokens), output: formatCount(row.outputTokens) })}>{formatCount(row.tokens)}</td>
                    <td>{formatMoney(row.costUsd)}</td>
                  </tr>
                  {row.specialists.length > 1 &&
                    row.specialists.map((s) => (
                      <tr key={s.specialist} className="activity-totals-share" data-testid="activity-totals-share" data-specialist={s.specialist}>
                        <th scope="row">{usageName(s.specialist, config)}</th>
                        <td>{formatCount(s.runs)}</td>
                        <td>{formatCount(s.tokens)}</td>
                        <td>{formatMoney(s.costUsd)}</td>
                      </tr>
                    ))}
                </tbody>
              ))}
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
