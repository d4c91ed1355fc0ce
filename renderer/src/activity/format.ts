/** How durations, token counts, costs and tool calls read in the window, in the person's language. */
import { resolveLanguage, type ShippedLanguage } from '@shared/language';
import { currentLanguage, i18next } from '../i18n';
import { formatNumber } from '../i18n/format';

/** The language for a locale a caller (a test) asked for, else the window's. */
function languageOf(locale: string | undefined): ShippedLanguage {
  return locale ? resolveLanguage('system', [locale]) : currentLanguage();
}

/** A number in the given locale, or the window's (through the cached formatters). */
function number(value: number, options: Intl.NumberFormatOptions, locale?: string): string {
  return locale ? new Intl.NumberFormat(locale, options).format(value) : formatNumber(value, options);
}

export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < 1000) return i18next.t('activity:units.milliseconds', { value: formatNumber(Math.round(safe)) });
  // Rounded before choosing the unit, so 59.96 s reads "1 min 0 s" rather than "60.0 s".
  const tenths = Math.round(safe / 100);
  if (tenths < 600) return i18next.t('activity:units.seconds', { value: formatNumber(tenths / 10, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
  const seconds = Math.round(safe / 1000);
  return i18next.t('activity:units.minutes', { minutes: formatNumber(Math.floor(seconds / 60)), seconds: formatNumber(seconds % 60) });
}

export function formatTokens(count: number, locale?: string): string {
  return i18next.t('activity:units.tokens', { count, formatted: number(count, {}, locale), lng: languageOf(locale) });
}

/** Small runs cost fractions of a cent: four decimals keep them distinguishable. US dollars (what OpenAI bills in), written the locale's way. */
export function formatCost(usd: number, locale?: string): string {
  const dollars = (value: number, digits: number) =>
    number(value, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }, locale);
  if (!(usd > 0)) return dollars(0, 2);
  if (usd < 0.0001) return `<${dollars(0.0001, 4)}`;
  return dollars(usd, usd < 1 ? 4 : 2);
}

const ARGUMENT_ORDER = ['name', 'domain', 'device_class', 'area', 'floor'];
/** Where a device is, in words ("in Kitchen"); other arguments read as "key: value". */
const ARGUMENT_PLACE: Record<string, string> = { area: 'activity:toolCall.area', floor: 'activity:toolCall.floor' };

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  return JSON.stringify(value) ?? String(value);
}

/**
 * A tool call as a person reads it: "HassTurnOff · Front Door" rather than the JSON the
 * model sent. Arguments that are not JSON (or were cut short) are shown as they are.
 */
export function describeToolCall(tool: string, input: string): string {
  const trimmed = input.trim();
  if (!trimmed || trimmed === '{}') return tool;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    const name = /"name"\s*:\s*"([^"]+)"/.exec(trimmed)?.[1];
    return name ? `${tool} · ${name}` : `${tool} · ${trimmed}`;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return `${tool} · ${describeValue(parsed)}`;
  const entries = Object.entries(parsed as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== '');
  entries.sort(([a], [b]) => rank(a) - rank(b));
  const parts = entries.map(([key, value]) =>
    ARGUMENT_PLACE[key]
      ? i18next.t(ARGUMENT_PLACE[key], { value: describeValue(value) })
      : ARGUMENT_ORDER.includes(key)
        ? describeValue(value)
        : `${key}: ${describeValue(value)}`,
  );
  return parts.length ? `${tool} · ${parts.join(' · ')}` : tool;
}

function rank(key: string): number {
  const at = ARGUMENT_ORDER.indexOf(key);
  return at < 0 ? ARGUMENT_ORDER.length : at;
}
