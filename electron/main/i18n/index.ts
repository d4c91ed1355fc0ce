/**
 * The words main writes for a person (error messages, notices, menus) in the person's
 * language, through its own i18next instance (the window has its own, in renderer/src/i18n).
 * Catalogues live in `locales/<language>/<namespace>.json`; English is the fallback, and
 * test/unit/i18n-catalogues.test.ts fails when German lacks a key. Log lines and model
 * instructions stay English: they are for developers and the model, not the person.
 *
 * It stands at the bottom of main's layers (with errors.ts and language.ts), so every folder
 * can import it; compose.ts sets the language from the settings, at start and on change.
 * The catalogues are imported with `with { type: 'json' }`, so the benchmark scripts can run
 * this file (and the services that import it) under plain Node as well as in the bundle.
 */
import i18next from 'i18next';
import { z } from 'zod';
import type { ShippedLanguage } from '@shared/language';
import enErrors from './locales/en/errors.json' with { type: 'json' };
import deErrors from './locales/de/errors.json' with { type: 'json' };
import enShell from './locales/en/shell.json' with { type: 'json' };
import deShell from './locales/de/shell.json' with { type: 'json' };

const resources = {
  en: { errors: enErrors, shell: enShell },
  de: { errors: deErrors, shell: deShell },
};

const i18n = i18next.createInstance();
void i18n.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'de'],
  ns: Object.keys(resources.en),
  defaultNS: 'errors',
  // Messages go into Error objects, notifications and menus, never into HTML.
  interpolation: { escapeValue: false },
  // Resources are bundled: initialise synchronously, so the first message already has its words.
  initAsync: false,
  returnNull: false,
});

/** A key as `namespace:path.to.key`, e.g. `errors:model.noCredit`. */
export type MessageKey = `${keyof (typeof resources)['en']}:${string}`;

/** The person's words for `key` in the current language, with `{{placeholders}}` filled from params. */
export function tr(key: MessageKey, params?: Record<string, string | number>): string {
  return i18n.t(key, params ?? {});
}

/** Follows the person's language (the resolved setting, see language.ts's answerLanguage). */
export function setMainLanguage(language: ShippedLanguage): void {
  if (i18n.language === language) return;
  void i18n.changeLanguage(language);
  // zod's own words ("Invalid option: expected one of …") reach the person through
  // describeZodError in "That setting was not saved: …", so they follow too.
  z.config(language === 'de' ? z.locales.de() : z.locales.en());
}

export function mainLanguage(): ShippedLanguage {
  return i18n.language === 'de' ? 'de' : 'en';
}
