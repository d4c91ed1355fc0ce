/**
 * The languages FROK ships, shared by the window (its words) and main (the language the
 * agents answer in). "system" follows the operating system's preferred languages.
 */
import { z } from 'zod';

export const SHIPPED_LANGUAGES = ['en', 'de'] as const;
export type ShippedLanguage = (typeof SHIPPED_LANGUAGES)[number];
export const LanguageSettingSchema = z.enum(['system', ...SHIPPED_LANGUAGES]);
export type LanguageSetting = z.infer<typeof LanguageSettingSchema>;

/** Each language's own name, as a person looks for it in a list. */
export const LANGUAGE_NAMES: Record<ShippedLanguage, { native: string; english: string }> = {
  en: { native: 'English', english: 'English' },
  de: { native: 'Deutsch', english: 'German' },
};

/** The shipped language for a setting: the chosen one, or the first of the system's preferences FROK speaks, else English. */
export function resolveLanguage(setting: LanguageSetting, systemPreferences: readonly string[]): ShippedLanguage {
  if (setting !== 'system') return setting;
  for (const tag of systemPreferences) {
    const base = tag.toLowerCase().split(/[-_]/u)[0];
    const shipped = SHIPPED_LANGUAGES.find((l) => l === base);
    if (shipped) return shipped;
  }
  return 'en';
}

/** One line for an agent's instructions: answer in the person's language unless they ask for another. */
export function answerLanguageInstruction(language: ShippedLanguage): string {
  const name = LANGUAGE_NAMES[language].english;
  return `Answer in ${name} unless the person writes in another language or asks for one.`;
}
