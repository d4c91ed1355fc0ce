/**
 * The day and month totals of `runs:totals` as the Activity screen shows them: rows for
 * one kind of period, for all specialists or one, with numbers and money formatted for
 * the person's locale.
 */
import type { UsagePeriod, UsageTotalsResponse } from '@shared/history';

/** The usage row main keeps for what the top agent itself used (not a specialist it called). */
export const TOP_AGENT = 'frok';

export type PeriodKind = 'day' | 'month';

/** The person's offset from UTC in minutes, as `runs:totals` wants it (60 for Berlin in winter). */
export function utcOffsetMinutes(at: Date = new Date()): number {
  // `|| 0` turns -0 (UTC) into 0.
  return -at.getTimezoneOffset() || 0;
}

/** 'YYYY-MM-DD' or 'YYYY-MM' of a moment in the person's time, as main keys its periods. */
export function periodKey(at: number, offsetMinutes: number, kind: PeriodKind): string {
  const local = new Date(at + offsetMinutes * 60_000).toISOString();
  return kind === 'day' ? local.slice(0, 10) : local.slice(0, 7);
}

export interface TotalsRow {
  period: string;
  runs: number;
  inputTokens: number;
  outputTokens: number;
  tokens: number;
  costUsd: number | null;
  /** Per specialist, most tokens first (empty when the rows are for one specialist). */
  specialists: { specialist: string; runs: number; tokens: number; costUsd: number | null }[];
}

/** Newest first. For one specialist, only the periods it used anything in, with its share. */
export function totalsRows(totals: UsageTotalsResponse | null, kind: PeriodKind, specialist: string | null): TotalsRow[] {
  if (!totals) return [];
  const periods: UsagePeriod[] = kind === 'day' ? totals.days : totals.months;
  const rows = periods.flatMap((p): TotalsRow[] => {
    if (specialist !== null) {
      const share = p.bySpecialist.find((s) => s.specialist === specialist);
      if (!share) return [];
      return [{ period: p.period, runs: share.runs, inputTokens: share.inputTokens, outputTokens: share.outputTokens, tokens: share.inputTokens + share.outputTokens, costUsd: share.costUsd, specialists: [] }];
    }
    return [
      {
        period: p.period,
        runs: p.runs,
        inputTokens: p.inputTokens,
        outputTokens: p.outputTokens,
        tokens: p.inputTokens + p.outputTokens,
        costUsd: p.costUsd,
        specialists: p.bySpecialist.map((s) => ({ specialist: s.specialist, runs: s.runs, tokens: s.inputTokens + s.outputTokens, costUsd: s.costUsd })),
      },
    ];
  });
  return rows.sort((a, b) => b.period.localeCompare(a.period));
}

/** The row for the period `at` falls in, or null when nothing was used then. */
export function currentRow(rows: readonly TotalsRow[], at: number, offsetMinutes: number, kind: PeriodKind): TotalsRow | null {
  const key = periodKey(at, offsetMinutes, kind);
  return rows.find((r) => r.period === key) ?? null;
}

export function formatCount(count: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(count);
}

export function formatTokenCount(count: number, locale?: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? 'token' : 'tokens'}`;
}

/** US dollars in the person's number format; fractions of a cent keep four decimals. null: "price unknown". */
export function formatMoney(usd: number | null, locale?: string): string {
  if (usd === null || !Number.isFinite(usd)) return 'price unknown';
  const small = usd > 0 && usd < 1;
  if (usd > 0 && usd < 0.0001) return `<${new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(0.0001)}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: small ? 4 : 2 }).format(Math.max(0, usd));
}

/** "Mon, 3 Jun 2024" for a day, "June 2024" for a month, in the person's locale. */
export function formatPeriod(period: string, locale?: string): string {
  const [y, m, d] = period.split('-').map(Number);
  if (!y || !m) return period;
  // Noon UTC of that date, shown in UTC: the same calendar day whatever the local zone.
  const date = new Date(Date.UTC(y, m - 1, d ?? 1, 12));
  if (d === undefined) return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}
