/**
 * Settings' words outside a component (checks run before saving): the same catalogue as
 * `useTranslation('settings')`, in the language the window shows now.
 */
import { i18next } from '../../i18n';
import { formatNumber } from '../../i18n/format';

export function st(key: string, options?: Record<string, unknown>): string {
  return i18next.t(`settings:${key}`, options ?? {});
}

/** A whole-number range as the person reads it: "1 to 50", "0 to 10,000". */
export const range = (min: number, max: number) => ({ min: formatNumber(min), max: formatNumber(max) });
