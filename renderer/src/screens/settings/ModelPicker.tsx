/**
 * One model setting: a list of the models the provider offers (saved when chosen), and —
 * under Advanced — a name typed by hand, for a model the provider does not list.
 * When the list cannot be had, it says why and the saved model stays.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/settings';
import { useAutoSavedText, useSavedChoice } from './autosave';
import { modelChoices, type ModelKind } from './model-choices';
import { SaveStatusText } from './SaveStatus';
import type { ProviderModels } from './use-provider-models';

export interface ModelPickerProps {
  kind: ModelKind;
  settings: Settings;
  onSettings(settings: Settings): void;
  listing: ProviderModels & { reload(): void };
  /** "OpenAI", or the compatible server's host: who is asked for the list. */
  providerName: string;
}

export function ModelPicker({ kind, settings, onSettings, listing, providerName }: ModelPickerProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const saver = useSavedChoice(settings.models[kind], onSettings);
  const current = saver.value;
  const custom = useAutoSavedText<string>({
    saved: current,
    check: (text) => {
      const name = text.trim();
      if (!name) return { ok: false, reason: t('models.customEmpty') };
      if (name.length > 200) return { ok: false, reason: t('models.customTooLong') };
      return { ok: true, value: name };
    },
    patch: (name) => ({ models: { [kind]: name } }),
    onSettings,
    textOf: (s) => s.models[kind],
  });
  const choices = modelChoices(listing.models ?? [], kind, current);
  const testId = `settings-model-${kind}`;

  return (
    <div className="field model-picker">
      <label htmlFor={`${id}-select`}>{t(`models.${kind}.label`)}</label>
      <select
        id={`${id}-select`}
        value={current}
        disabled={listing.phase === 'loading' || saver.saving}
        onChange={(e) => void saver.choose(e.target.value, { models: { [kind]: e.target.value } })}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
        data-listed={listing.phase === 'ready' ? String(choices.filter((c) => c.listed).length) : undefined}
      >
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.listed ? c.id : t('models.notListed', { model: c.id })}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {t(`models.${kind}.hint`)}
      </p>
      {listing.phase === 'loading' && (
        <p className="hint" role="status">
          {t('models.loading', { provider: providerName })}
        </p>
      )}
      {listing.phase === 'failed' && (
        <p className="field-error model-list-problem" role="alert" data-testid={`${testId}-list-error`}>
          <span>{t('models.listFailed', { reason: listing.error, model: current })}</span>
          <button type="button" className="link-button" onClick={listing.reload}>
            {t('common:actions.retry')}
          </button>
        </p>
      )}
      {listing.phase === 'ready' && choices.every((c) => !c.listed) && <p className="hint">{t(`models.${kind}.noneListed`, { provider: providerName })}</p>}
      <SaveStatusText status={saver.status} testId={`${testId}-status`} />
      <details className="settings-advanced" data-testid={`${testId}-advanced`}>
        <summary>{t('models.advanced')}</summary>
        <label htmlFor={`${id}-custom`}>{t(`models.${kind}.customLabel`)}</label>
        <input
          id={`${id}-custom`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          {...custom.inputProps}
          aria-describedby={`${id}-custom-hint`}
          data-testid={`${testId}-custom`}
        />
        <p className="hint" id={`${id}-custom-hint`}>
          {t('models.customHint')}
        </p>
        <SaveStatusText status={custom.status} problem={custom.problem} testId={`${testId}-custom-status`} />
      </details>
    </div>
  );
}
