/**
 * The day and month totals of `runs:totals` as the Activity screen shows them: rows for
 * one kind of period, for all specialists or one, with numbers and money formatted for
 * the person's locale.
 */
import type { UsagePeriod, UsageTotalsResponse } from '@shared/history';
import { resolveLanguage, type ShippedLanguage } from '@shared/language';
import { currentLanguage, i18next } from '../i18n';
import { formatDate, formatNumber } from '../i18n/format';

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

/** A number in the given locale (tests), or the window's through the cached formatters of i18n/format. */
function number(value: number, options: Intl.NumberFormatOptions, locale?: string): string {
  return locale ? new Intl.NumberFormat(locale, options).format(value) : formatNumber(value, options);
}

function language(locale: string | undefined): ShippedLanguage {
  return locale ? resolveLanguage('system', [locale]) : currentLanguage();
}

export function formatCount(count: number, locale?: string): string {
  return number(count, {}, locale);
}

export function formatTokenCount(count: number, locale?: string): string {
  return i18next.t('activity:units.tokens', { count, formatted: formatCount(count, locale), lng: language(locale) });
}

/** "3 runs", "1 run", with the count in the locale's digits. */
export function formatRunCount(count: number, locale?: string): string {
  return i18next.t('activity:totals.runs', { count, formatted: formatCount(count, locale), lng: language(locale) });
}

/** US dollars in the person's number format; fractions of a cent keep four decimals. null: "price unknown". */
export function formatMoney(usd: number | null, locale?: string): string {
  if (usd === null || !Number.isFinite(usd)) return i18next.t('activity:run.priceUnknown', { lng: language(locale) });
  const dollars = (value: number, min: number, max: number) =>
    number(value, { style: 'currency', currency: 'USD', minimumFractionDigits: min, maximumFractionDigits: max }, locale);
  if (usd > 0 && usd < 0.0001) return `<${dollars(0.0001, 4, 4)}`;
  return dollars(Math.max(0, usd), 2, usd > 0 && usd < 1 ? 4 : 2);
}

/** "Mon, 3 Jun 2024" for a day, "June 2024" for a month, in the person's locale. */
export function formatPeriod(period: string, locale?: string): string {
  const [y, m, d] = period.split('-').map(Number);
  if (!y || !m) return period;
  // Noon UTC of that date, shown in UTC: the same calendar day whatever the local zone.
  const date = new Date(Date.UTC(y, m - 1, d ?? 1, 12));
  const options: Intl.DateTimeFormatOptions =
    d === undefined
      ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return locale ? new Intl.DateTimeFormat(locale, options).format(date) : formatDate(date, options);
}
