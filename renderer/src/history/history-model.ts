/**
 * The History view's pure rules: conversations grouped by the person's local day
 * (Today, Yesterday, then dates in their locale), and the wording of kinds and times.
 * Kept free of React so they are tested without a window.
 */
import type { TFunction } from 'i18next';
import type { ConversationKind, ConversationSummary } from '@shared/history';
import { resolveLanguage } from '@shared/language';
import { currentLanguage, i18next } from '../i18n';
import { formatDate } from '../i18n/format';

export interface DayGroup {
  /** 'YYYY-MM-DD' in local time: stable for React keys and headings' ids. */
  key: string;
  label: string;
  items: ConversationSummary[];
}

export function localDayKey(at: number | Date): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The words for a locale: `locale` (a BCP 47 tag, e.g. "de-DE") picks the catalogue of its
 * language; without one, the language the person chose (or the system's).
 */
function words(locale?: string): TFunction {
  return i18next.getFixedT(locale ? resolveLanguage('system', [locale]) : currentLanguage(), 'history');
}

/** Intl for the given locale, else format.ts (the current language, cached). */
function dateText(at: number | Date, options: Intl.DateTimeFormatOptions, locale?: string): string {
  return locale ? new Intl.DateTimeFormat(locale, options).format(at) : formatDate(at, options);
}

/** Midnight (local) of the day before `now`; works across DST changes. */
function yesterdayOf(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
}

/** "Today", "Yesterday", or a date such as "Monday, 3 March" (with the year when it is not this year). */
export function dayLabel(at: number, now: Date, locale?: string): string {
  const key = localDayKey(at);
  if (key === localDayKey(now)) return words(locale)('day.today');
  if (key === localDayKey(yesterdayOf(now))) return words(locale)('day.yesterday');
  const date = new Date(at);
  return dateText(
    date,
    {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
    },
    locale,
  );
}

/** Groups by the day each conversation was last added to, keeping the order given (newest first). */
export function groupByDay(items: readonly ConversationSummary[], now: Date, locale?: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const item of items) {
    const key = localDayKey(item.updatedAt);
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(item);
    else {
      // Out-of-order input (it should not happen) still lands in its own day once.
      const earlier = groups.find((g) => g.key === key);
      if (earlier) earlier.items.push(item);
      else groups.push({ key, label: dayLabel(item.updatedAt, now, locale), items: [item] });
    }
  }
  return groups;
}

export function kindLabel(kind: ConversationKind, locale?: string): string {
  return words(locale)(kind === 'voice' ? 'kind.voice' : 'kind.typed');
}

export function timeLabel(at: number, locale?: string): string {
  return dateText(new Date(at), { hour: 'numeric', minute: '2-digit' }, locale);
}

/** A search hit's when: "Today, 14:05", "Yesterday, 9:30", or the date and time. */
export function whenLabel(at: number, now: Date, locale?: string): string {
  return words(locale)('when', { day: dayLabel(at, now, locale), time: timeLabel(at, locale) });
}

export function messageCountLabel(n: number, locale?: string): string {
  return words(locale)('messages', { count: n });
}

/** Adds a page to the list, dropping any already shown (a conversation updated between pages). */
export function appendPage(shown: readonly ConversationSummary[], page: readonly ConversationSummary[]): ConversationSummary[] {
  const seen = new Set(shown.map((c) => c.id));
  return [...shown, ...page.filter((c) => !seen.has(c.id))];
}

/** Where focus goes once a row leaves the list: the next row, else the one before, else nowhere (null). */
export function focusAfterRemoval(ids: readonly string[], removed: string): string | null {
  const at = ids.indexOf(removed);
  if (at < 0) return null;
  return ids[at + 1] ?? ids[at - 1] ?? null;
}
