/**
 * What FROK spent on the person's API key this calendar month — finished specialist runs
 * and voice sessions — against the monthly cap in Settings → Budget. Crossing 80 % and
 * 100 % raises an alert once per month per level.
 */
import type { BudgetAlert, BudgetLevel, BudgetStatus } from '@shared/desktop';
import type { Logger } from '../../logger';
import { mainLanguage, tr } from '../../i18n';
import type { BudgetFile, BudgetFileStorage, BudgetMonth } from './budget-file';

export const WARNING_SHARE = 0.8;
/** Older months are dropped from the file. */
const MONTHS_KEPT = 13;

/** "2026-03", in the computer's time zone: a month is what the person's calendar says. */
export function monthKey(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}`;
}

export function budgetLevel(spentUsd: number, capUsd: number | null): BudgetLevel {
  if (capUsd === null) return 'ok';
  // A cap of 0 means "nothing": exceeded as soon as anything is spent.
  if (spentUsd >= capUsd && spentUsd > 0) return 'exceeded';
  if (capUsd > 0 && spentUsd >= capUsd * WARNING_SHARE) return 'warning';
  return 'ok';
}

/** Dollars as the person writes money: "$12.34", "12,34 $". */
const usd = (n: number) => new Intl.NumberFormat(mainLanguage(), { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

export function budgetAlertMessage(level: 'warning' | 'exceeded', spentUsd: number, capUsd: number): string {
  if (level === 'warning') {
    const share = capUsd > 0 ? Math.floor((spentUsd / capUsd) * 100) : 100;
    return tr('shell:budget.warning', { spent: usd(spentUsd), cap: usd(capUsd), share });
  }
  return tr('shell:budget.exceeded', { spent: usd(spentUsd), cap: usd(capUsd) });
}

export interface BudgetTrackerDeps {
  storage: BudgetFileStorage;
  capUsd: () => number | null;
  onAlert: (alert: BudgetAlert) => void;
  now?: () => number;
  log: Logger;
}

export class BudgetTracker {
  private data: BudgetFile;
  private readonly now: () => number;

  constructor(private readonly deps: BudgetTrackerDeps) {
    this.now = deps.now ?? Date.now;
    this.data = deps.storage.read();
  }

  status(): BudgetStatus {
    const month = monthKey(new Date(this.now()));
    const spentUsd = this.data.months[month]?.spentUsd ?? 0;
    const capUsd = this.deps.capUsd();
    return { month, spentUsd, capUsd, level: budgetLevel(spentUsd, capUsd) };
  }

  /** Adds the cost of something that finished now. Unknown (null) or zero costs change nothing. */
  add(costUsd: number | null): void {
    if (costUsd === null || !Number.isFinite(costUsd) || costUsd <= 0) return;
    const month = this.month();
    month.entry.spentUsd += costUsd;
    this.check(month.entry);
    this.save();
  }

  /** Re-checks the thresholds (the cap changed). */
  recheck(): void {
    const month = this.month();
    if (this.check(month.entry)) this.save();
  }

  private month(): { key: string; entry: BudgetMonth } {
    const key = monthKey(new Date(this.now()));
    const entry = (this.data.months[key] ??= { spentUsd: 0, alerted: [] });
    return { key, entry };
  }

  /** Announces the highest level newly reached; returns whether anything was announced. */
  private check(entry: BudgetMonth): boolean {
    const capUsd = this.deps.capUsd();
    const level = budgetLevel(entry.spentUsd, capUsd);
    if (level === 'ok' || capUsd === null || entry.alerted.includes(level)) return false;
    // Jumping straight past 100 % gives one alert, not a stale 80 % one after it.
    entry.alerted = level === 'exceeded' ? ['warning', 'exceeded'] : ['warning'];
    try {
      this.deps.onAlert({ level, message: budgetAlertMessage(level, entry.spentUsd, capUsd) });
    } catch (err) {
      this.deps.log.warn('a budget alert could not be delivered', err instanceof Error ? err.message : err);
    }
    return true;
  }

  private save(): void {
    const keys = Object.keys(this.data.months).sort();
    for (const old of keys.slice(0, Math.max(0, keys.length - MONTHS_KEPT))) delete this.data.months[old];
    try {
      this.deps.storage.write(this.data);
    } catch (err) {
      // The month's total lives on in memory; the next successful write stores it.
      this.deps.log.warn('could not write the budget file', err instanceof Error ? err.message : err);
    }
  }
}
