/** Settings → Provider & models: where requests go and which models answer them. */
import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';
import { COMPATIBLE_BASE_URL_EXAMPLE } from '../../key-form';
import { checkProviderDraft, draftFromSettings, patchFromDraft, sameDraft, type ProviderDraft } from '../../provider-form';
import { useFollowedDraft } from './use-followed-draft';

export interface ProviderSectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
}

export function ProviderSection({ settings, onSettings }: ProviderSectionProps) {
  const id = useId();
  const saved = draftFromSettings(settings);
  const [draft, setDraft] = useFollowedDraft(saved, sameDraft);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);


  const edit = (change: Partial<ProviderDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setMessage(null);
  };
  const compatible = draft.kind === 'openai-compatible';

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const problem = checkProviderDraft(draft);
    if (problem) return setMessage({ tone: 'error', text: problem });
    setSaving(true);
    setMessage(null);
    try {
      const next = await call('settings:update', patchFromDraft(draft));
      setDraft(draftFromSettings(next));
      onSettings(next);
      setMessage({ tone: 'success', text: 'Saved.' });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="card" aria-labelledby="settings-provider-title" data-testid="settings-provider">
      <h2 id="settings-provider-title">Provider and models</h2>
      <form onSubmit={save} noValidate>
        <fieldset className="field-group">
          <legend>Where FROK sends requests</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-provider`}
              value="openai"
              checked={!compatible}
              onChange={() => edit({ kind: 'openai' })}
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
              onChange={() => edit({ kind: 'openai-compatible' })}
              data-testid="settings-provider-compatible"
            />
            OpenAI-compatible server (Ollama, LM Studio…)
          </label>
        </fieldset>
        {compatible && (
          <div className="field">
            <label htmlFor={`${id}-base-url`}>Base URL</label>
            <input
              id={`${id}-base-url`}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={COMPATIBLE_BASE_URL_EXAMPLE}
              value={draft.baseUrl}
              onChange={(e) => edit({ baseUrl: e.target.value })}
              data-testid="settings-base-url"
            />
          </div>
        )}
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-text-model`}>Text model</label>
            <input
              id={`${id}-text-model`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.textModel}
              onChange={(e) => edit({ textModel: e.target.value })}
              data-testid="settings-model-text"
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-realtime-model`}>Realtime (voice) model</label>
            <input
              id={`${id}-realtime-model`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.realtimeModel}
              onChange={(e) => edit({ realtimeModel: e.target.value })}
              data-testid="settings-model-realtime"
            />
          </div>
        </div>
        <FormMessage value={message} testId="settings-provider-message" />
        <div className="actions">
          <button type="submit" className="button primary" disabled={saving} data-testid="settings-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}
