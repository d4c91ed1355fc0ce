/**
 * Dates, times, numbers and money in the person's language, through Intl. Formatters are
 * cached per language and options: building an Intl formatter costs far more than using one.
 */
import { currentLanguage } from './index';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, options: object, make: (locale: string) => T): T {
  const locale = currentLanguage();
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make(locale);
    cache.set(key, formatter);
  }
  return formatter;
}

export function formatDate(at: number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return cached('date', options, (l) => new Intl.DateTimeFormat(l, options)).format(at);
}

export function formatTime(at: number | Date, options: Intl.DateTimeFormatOptions = { timeStyle: 'short' }): string {
  return cached('date', options, (l) => new Intl.DateTimeFormat(l, options)).format(at);
}

export function formatDateTime(at: number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return cached('date', options, (l) => new Intl.DateTimeFormat(l, options)).format(at);
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return cached('number', options, (l) => new Intl.NumberFormat(l, options)).format(value);
}

/** US dollars (what OpenAI bills in), with cents — or more digits for sub-cent amounts, so a cheap question is not "$0.00". */
export function formatMoney(usd: number): string {
  const digits = usd !== 0 && Math.abs(usd) < 0.01 ? 4 : 2;
  const options: Intl.NumberFormatOptions = { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits };
  return cached('number', options, (l) => new Intl.NumberFormat(l, options)).format(usd);
}
