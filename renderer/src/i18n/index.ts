/**
 * Every word a person sees goes through i18next. Each part of the window keeps its words
 * in its own namespace file (`locales/<language>/<namespace>.json`), so parts can change
 * without touching each other; English is the fallback, and a test fails when a shipped
 * language lacks a key English has (test/unit/i18n-catalogues.test.ts).
 */
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resolveLanguage, SHIPPED_LANGUAGES, type LanguageSetting, type ShippedLanguage } from '@shared/language';

const catalogues = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

/** The catalogues as i18next resources: `{ en: { common: {...}, settings: {...} }, de: {...} }`. */
export function resourcesFrom(files: Record<string, { default: Record<string, unknown> }>): Resource {
  const resources: Resource = {};
  for (const [path, mod] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/u.exec(path);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (resources[language] ??= {})[namespace] = mod.default;
  }
  return resources;
}

const resources = resourcesFrom(catalogues);
export const NAMESPACES = Object.keys(resources.en ?? {});

function systemPreferences(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

void i18next.use(initReactI18next).init({
  resources,
  lng: resolveLanguage('system', systemPreferences()),
  fallbackLng: 'en',
  supportedLngs: [...SHIPPED_LANGUAGES],
  ns: NAMESPACES,
  defaultNS: 'common',
  // React escapes what it renders; escaping here as well would show "&amp;".
  interpolation: { escapeValue: false },
  // Resources are bundled: initialise synchronously, so the first render already has its words.
  initAsync: false,
  returnNull: false,
});

/**
 * `{{count, number}}` through one Intl.NumberFormat per language and options. i18next's own
 * cache keys its formatters by every option of the t() call, the count included, so each new
 * count built a new Intl.NumberFormat (about 0.5 ms): on the Voice screen, whose token count
 * changes with every reply, that was a good part of each render.
 */
const NUMBER_OPTIONS = [
  'style', 'currency', 'currencyDisplay', 'unit', 'unitDisplay', 'notation', 'compactDisplay', 'signDisplay', 'useGrouping',
  'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits', 'maximumSignificantDigits',
] as const;
const numberFormats = new Map<string, Intl.NumberFormat>();
i18next.services.formatter?.add('number', (value: unknown, lng: string | undefined, options: Record<string, unknown> = {}) => {
  const picked = Object.fromEntries(NUMBER_OPTIONS.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
  const key = `${lng ?? ''}|${JSON.stringify(picked)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lng, picked as Intl.NumberFormatOptions);
    numberFormats.set(key, format);
  }
  return format.format(value as number);
});

/** Follows the person's choice (or the system's); sets the page's lang for screen readers and hyphenation. */
export function applyLanguage(setting: LanguageSetting): ShippedLanguage {
  const language = resolveLanguage(setting, systemPreferences());
  if (i18next.language !== language) void i18next.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return language;
}

export function currentLanguage(): ShippedLanguage {
  return resolveLanguage(i18next.language as LanguageSetting, []);
}

export { i18next };
