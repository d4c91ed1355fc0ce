/** Activity → Usage: tokens, cost and runs per day or per month, in all and per specialist. */
import { useId, useState } from 'react';
import type { AgentConfig } from '@shared/agents';
import type { SpecialistId } from '@shared/domain';
import type { UsageTotalsResponse } from '@shared/history';
import { specialistName } from './specialist-label';
import { currentRow, formatCount, formatMoney, formatPeriod, formatTokenCount, TOP_AGENT, totalsRows, utcOffsetMinutes, type PeriodKind, type TotalsRow } from './totals-model';

export function usageName(specialist: string, config: AgentConfig | null): string {
  return specialist === TOP_AGENT ? 'FROK itself' : specialistName(specialist as SpecialistId, config);
}

export interface UsageTotalsProps {
  totals: UsageTotalsResponse | null;
  /** Only this specialist's share; null: everyone. */
  specialist: string | null;
  config: AgentConfig | null;
  now: number;
}

export function UsageTotals({ totals, specialist, config, now }: UsageTotalsProps) {
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
        <h2 id={`${id}-title`}>Usage{who ? ` · ${who}` : ''}</h2>
        <p className="activity-totals-summary">
          <span data-testid="activity-totals-today">
            Today: <Amount row={today} />
          </span>
          <span data-testid="activity-totals-month">
            This month: <Amount row={month} />
          </span>
        </p>
      </div>
      {rows.length > 0 && (
        <details className="activity-totals-details">
          <summary data-testid="activity-totals-open">Totals per day and month</summary>
          <div className="activity-totals-kind">
            <label htmlFor={`${id}-kind`}>Per</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)} data-testid="activity-totals-kind">
              <option value="day">day</option>
              <option value="month">month</option>
            </select>
          </div>
          <div className="activity-totals-scroll">
            <table className="activity-totals-table">
              <thead>
                <tr>
                  <th scope="col">{kind === 'day' ? 'Day' : 'Month'}</th>
                  <th scope="col">Runs</th>
                  <th scope="col">Tokens</th>
                  <th scope="col">Cost</th>
                </tr>
              </thead>
              {rows.map((row) => (
                <tbody key={row.period} data-testid="activity-totals-row" data-period={row.period}>
                  <tr>
                    <th scope="row">{formatPeriod(row.period)}</th>
                    <td>{formatCount(row.runs)}</td>
                    <td title={`${formatCount(row.inputTokens)} in, ${formatCount(row.outputTokens)} out`}>{formatCount(row.tokens)}</td>
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

function Amount({ row }: { row: TotalsRow | null }) {
  if (!row) return <>nothing yet</>;
  return (
    <>
      {formatTokenCount(row.tokens)}, {formatMoney(row.costUsd)} ({formatCount(row.runs)} {row.runs === 1 ? 'run' : 'runs'})
    </>
  );
}
