/**
 * Settings → Provider and models: where requests go and which models answer them. Each
 * choice saves on its own; an OpenAI-compatible server is switched to once its address
 * is entered (the settings cannot name one without the other).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { providerKeyName } from '@shared/domain';
import type { Settings } from '@shared/settings';
import { COMPATIBLE_BASE_URL_EXAMPLE } from '../../key-form';
import type { SettingsSectionProps } from '../SettingsScreen';
import { useAutoSavedText, useSettingSave, type TextCheck } from './autosave';
import { ModelPicker } from './ModelPicker';
import { SaveStatusText } from './SaveStatus';
import { useProviderModels } from './use-provider-models';
import { st } from './words';

/** A full http(s) address, as the settings schema requires. */
export function checkBaseUrlText(text: string): TextCheck<string> {
  const value = text.trim();
  if (!value) return { ok: false, reason: st('provider.baseUrlEmpty', { example: COMPATIBLE_BASE_URL_EXAMPLE }) };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: st('provider.baseUrlInvalid', { value, example: COMPATIBLE_BASE_URL_EXAMPLE }) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: st('provider.baseUrlScheme', { example: COMPATIBLE_BASE_URL_EXAMPLE }) };
  return { ok: true, value };
}

function hostOf(url: string | null): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

export function ProviderSection({ settings, onSettings, status }: Pick<SettingsSectionProps, 'settings' | 'onSettings' | 'status'>) {
  const { t } = useTranslation('settings');
  const id = useId();
  // Chosen but not yet saved: an OpenAI-compatible server still waiting for its address.
  const [wantsCompatible, setWantsCompatible] = useState(false);
  const kindSaver = useSettingSave(onSettings);
  const savedKind = settings.provider.kind;
  const compatible = savedKind === 'openai-compatible' || wantsCompatible;
  const baseUrl = useAutoSavedText<string>({
    saved: settings.provider.baseUrl ?? '',
    check: checkBaseUrlText,
    patch: (url) => ({ provider: { kind: 'openai-compatible', baseUrl: url } }),
    onSettings: (next: Settings) => {
      setWantsCompatible(false);
      onSettings(next);
    },
    textOf: (s) => s.provider.baseUrl ?? '',
  });

  const key = status[providerKeyName(savedKind)];
  const listing = useProviderModels(`${savedKind}|${settings.provider.baseUrl ?? ''}|${key.set ? (key.last4 ?? 'set') : 'none'}`);
  const providerName = savedKind === 'openai' ? 'OpenAI' : (hostOf(settings.provider.baseUrl) ?? t('provider.yourServer'));

  function chooseOpenAI() {
    setWantsCompatible(false);
    if (savedKind !== 'openai') void kindSaver.save({ provider: { kind: 'openai', baseUrl: null } });
  }

  function chooseCompatible() {
    const check = checkBaseUrlText(baseUrl.text);
    if (check.ok) void kindSaver.save({ provider: { kind: 'openai-compatible', baseUrl: check.value } });
    else setWantsCompatible(true);
  }

  return (
    <section className="card" aria-labelledby="settings-provider-title" data-testid="settings-provider">
      <h2 id="settings-provider-title">{t('provider.title')}</h2>
      <fieldset className="field-group">
        <legend>{t('provider.where')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-provider`}
            value="openai"
            checked={!compatible}
            disabled={kindSaver.saving}
            onChange={chooseOpenAI}
            data-testid="settings-provider-openai"
          />
          OpenAI
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-provider`}
            value="openai-compatible"
            checked={compatible}
            disabled={kindSaver.saving}
            onChange={chooseCompatible}
            data-testid="settings-provider-compatible"
          />
          {t('provider.compatible')}
        </label>
        <SaveStatusText status={kindSaver.status} testId="settings-provider-status" />
      </fieldset>
      {compatible && (
        <div className="field">
          <label htmlFor={`${id}-base-url`}>{t('provider.baseUrl')}</label>
          <input
            id={`${id}-base-url`}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={COMPATIBLE_BASE_URL_EXAMPLE}
            autoFocus={wantsCompatible}
            {...baseUrl.inputProps}
            aria-describedby={`${id}-base-url-hint`}
            data-testid="settings-base-url"
          />
          <p className="hint" id={`${id}-base-url-hint`}>
            {wantsCompatible ? t('provider.baseUrlToSwitch') : t('provider.baseUrlHint')}
          </p>
          <SaveStatusText status={baseUrl.status} problem={baseUrl.problem} testId="settings-base-url-status" />
        </div>
      )}
      <div className="field-row">
        <ModelPicker kind="text" settings={settings} onSettings={onSettings} listing={listing} providerName={providerName} />
        <ModelPicker kind="realtime" settings={settings} onSettings={onSettings} listing={listing} providerName={providerName} />
      </div>
    </section>
  );
}
