/** Settings → Budget: reading the cap the person typed, and how this month's spend reads. */
import type { BudgetStatus } from '@shared/desktop';
import { currentLanguage } from '../../i18n';
import { formatNumber } from '../../i18n/format';
import { st } from './words';

/** The settings schema's limit. */
export const MAX_CAP_USD = 100_000;

export type CapCheck = { ok: true; capUsd: number | null } | { ok: false; reason: string };

/** Empty means no cap. "$20", "20.50" and "20,50" are all twenty dollars and fifty cents. */
export function parseCap(text: string): CapCheck {
  const t = text.trim().replace(/^\$/, '').trim();
  if (t === '') return { ok: true, capUsd: null };
  const value = Number(t.includes('.') ? t : t.replace(',', '.'));
  if (!Number.isFinite(value)) return { ok: false, reason: st('budget.capNotAmount') };
  if (value < 0 || value > MAX_CAP_USD) return { ok: false, reason: st('budget.capRange', { max: formatNumber(MAX_CAP_USD) }) };
  return { ok: true, capUsd: Math.round(value * 100) / 100 };
}

export function capText(capUsd: number | null): string {
  return capUsd === null ? '' : String(capUsd);
}

/** Spend is shown to the cent; under a cent it would read $0.00 although something was spent. */
export function formatSpend(usd: number): string {
  if (usd > 0 && usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(2)}`;
}

/** The bar's fill, 0–100: the share of the cap spent (full once over it); null without a cap. */
export function budgetShare(status: Pick<BudgetStatus, 'spentUsd' | 'capUsd'>): number | null {
  if (status.capUsd === null) return null;
  if (status.capUsd === 0) return status.spentUsd > 0 ? 100 : 0;
  return Math.min(100, Math.round((status.spentUsd / status.capUsd) * 100));
}

/** "March 2026" from "2026-03". */
export function monthName(month: string, locale?: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return new Date(year, m - 1, 1).toLocaleDateString(locale ?? currentLanguage(), { month: 'long', year: 'numeric' });
}

export function describeSpend(status: BudgetStatus): string {
  const spent = formatSpend(status.spentUsd);
  if (status.capUsd === null) return st('budget.spentNoCap', { spent, month: monthName(status.month) });
  return st('budget.spentOfCap', { spent, cap: formatSpend(status.capUsd), month: monthName(status.month) });
}
