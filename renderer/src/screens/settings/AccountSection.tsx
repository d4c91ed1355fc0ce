/** Settings → Account: which key is saved, and replacing or removing it. */
import { useRef, useState } from 'react';
import { providerKeyName } from '@shared/domain';
import type { SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { KeyForm } from '../../components/KeyForm';
import { call, errorMessage } from '../../ipc';
import { describeKeyStatus } from '../../key-status';

export interface AccountSectionProps {
  settings: Settings;
  status: SecretsStatus;
  onStatus(status: SecretsStatus): void;
  onKeyRemoved(status: SecretsStatus): void;
}

export function AccountSection({ settings, status, onStatus, onKeyRemoved }: AccountSectionProps) {
  const [replacing, setReplacing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const replaceButtonRef = useRef<HTMLButtonElement>(null);
  // Each provider has its own key; this section shows and changes the one in use.
  const keyName = providerKeyName(settings.provider.kind);
  const hasKey = status[keyName].set;

  async function removeKey() {
    setRemoving(true);
    setMessage(null);
    try {
      const next = await call('secrets:clear', { name: keyName });
      onStatus(next);
      onKeyRemoved(next);
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
      setRemoving(false);
    }
  }

  function keySaved() {
    setReplacing(false);
    setMessage({ tone: 'success', text: 'New key saved.' });
    // The form that held focus is gone; put focus back where the person started.
    queueMicrotask(() => replaceButtonRef.current?.focus());
  }

  return (
    <section className="card" aria-labelledby="settings-account-title" data-testid="settings-account">
      <h2 id="settings-account-title">Account</h2>
      <p className="key-status" data-testid="settings-key-status">
        {describeKeyStatus(status, settings.provider.kind)}
      </p>
      {!hasKey && settings.provider.kind === 'openai' && (
        <p className="hint">FROK needs an OpenAI API key to answer. Add one below.</p>
      )}
      {!hasKey && settings.provider.kind === 'openai-compatible' && (
        <p className="hint">
          Your OpenAI-compatible server may not need a key. A key you add here is kept apart from your OpenAI key and is sent
          only to this server.
        </p>
      )}
      <div className="actions">
        <button
          ref={replaceButtonRef}
          type="button"
          className="button secondary"
          aria-expanded={replacing}
          aria-controls="settings-replace-key-panel"
          onClick={() => {
            setReplacing((r) => !r);
            setMessage(null);
          }}
          data-testid="settings-replace-key"
        >
          {hasKey ? 'Replace key' : 'Add key'}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={!hasKey || removing}
          onClick={removeKey}
          data-testid="settings-remove-key"
        >
          {removing ? 'Removing…' : 'Remove key'}
        </button>
      </div>
      <FormMessage value={message} testId="settings-account-message" />
      {replacing && (
        <div id="settings-replace-key-panel" className="subpanel">
          <KeyForm
            testIdPrefix="replace"
            provider={settings.provider}
            showProviderChoice={false}
            status={status}
            submitLabel="Save new key"
            onStatus={onStatus}
            onSaved={keySaved}
            autoFocus
          />
        </div>
      )}
    </section>
  );
}
