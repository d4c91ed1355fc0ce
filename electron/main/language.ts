/**
 * The language FROK's agents answer in: the person's choice, or the system's. Electron
 * sets the main process's ICU locale from the system's, so Intl knows it without asking
 * the Electron app object (which the services, run under Node in tests, do not have).
 */
import { resolveLanguage, type LanguageSetting, type ShippedLanguage } from '@shared/language';

export function answerLanguage(setting: LanguageSetting, systemLocale: string = Intl.DateTimeFormat().resolvedOptions().locale): ShippedLanguage {
  return resolveLanguage(setting, [systemLocale]);
}
