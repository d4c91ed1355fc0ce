/**
 * Settings → Language: the words of FROK's windows and the language it answers in. Saved
 * the moment it changes; this window switches at once, the others when main tells them.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LanguageSettingSchema, resolveLanguage, SHIPPED_LANGUAGES, type LanguageSetting } from '@shared/language';
import type { Settings } from '@shared/settings';
import { applyLanguage } from '../../i18n';
import { useSavedChoice } from './autosave';
import { SaveStatusText } from './SaveStatus';

export function LanguageSection({ settings, onSettings }: { settings: Settings; onSettings(settings: Settings): void }) {
  const { t } = useTranslation('settings');
  const id = useId();
  const saver = useSavedChoice<LanguageSetting>(settings.language, onSettings);
  const system = resolveLanguage('system', typeof navigator === 'undefined' ? [] : navigator.languages);

  async function choose(value: string) {
    const parsed = LanguageSettingSchema.safeParse(value);
    if (!parsed.success) return;
    const next = await saver.choose(parsed.data, { language: parsed.data });
    if (next) applyLanguage(next.language);
  }

  return (
    <section className="card" aria-labelledby="settings-language-title" data-testid="settings-language">
      <h2 id="settings-language-title">{t('language.title')}</h2>
      <div className="field field-narrow">
        <label htmlFor={`${id}-language`}>{t('common:language.label')}</label>
        <select
          id={`${id}-language`}
          value={saver.value}
          disabled={saver.saving}
          onChange={(e) => void choose(e.target.value)}
          aria-describedby={`${id}-language-hint`}
          data-testid="settings-language-select"
        >
          <option value={'system' satisfies LanguageSetting}>{t('common:language.system', { language: LANGUAGE_NAMES[system].native })}</option>
          {SHIPPED_LANGUAGES.map((l) => (
            // Each language in its own words, and marked as such for screen readers.
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l].native}
            </option>
          ))}
        </select>
        <p className="hint" id={`${id}-language-hint`}>
          {t('common:language.hint')}
        </p>
        <SaveStatusText status={saver.status} testId="settings-language-status" />
      </div>
    </section>
  );
}
