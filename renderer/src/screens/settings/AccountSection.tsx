/**
 * Settings → Account: which key is saved, and replacing or removing it. A new key is
 * checked with the provider before it is kept, so it has its own Save; removing asks first.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('settings');
  const [replacing, setReplacing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const replaceButtonRef = useRef<HTMLButtonElement>(null);
  const removeButtonRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Each provider has its own key; this section shows and changes the one in use.
  const keyName = providerKeyName(settings.provider.kind);
  const key = status[keyName];
  const hasKey = key.set;
  const openai = settings.provider.kind === 'openai';

  function askToRemove() {
    setMessage(null);
    setConfirming(true);
    // The safe answer has the focus: Enter by habit keeps the key.
    queueMicrotask(() => cancelRef.current?.focus());
  }

  function cancelRemove() {
    setConfirming(false);
    queueMicrotask(() => removeButtonRef.current?.focus());
  }

  async function removeKey() {
    setRemoving(true);
    setMessage(null);
    try {
      const next = await call('secrets:clear', { name: keyName });
      setConfirming(false);
      setRemoving(false);
      onStatus(next);
      onKeyRemoved(next);
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
      setRemoving(false);
    }
  }

  function keySaved() {
    setReplacing(false);
    setMessage({ tone: 'success', text: t('account.keySaved') });
    // The form that held focus is gone; put focus back where the person started.
    queueMicrotask(() => replaceButtonRef.current?.focus());
  }

  return (
    <section className="card" aria-labelledby="settings-account-title" data-testid="settings-account">
      <h2 id="settings-account-title">{t('account.title')}</h2>
      <p className="key-status" data-testid="settings-key-status">
        {describeKeyStatus(status, settings.provider.kind)}
      </p>
      {!hasKey && openai && <p className="hint">{t('account.needsKey')}</p>}
      {!hasKey && !openai && <p className="hint">{t('account.compatibleKey')}</p>}
      <div className="actions">
        <button
          ref={replaceButtonRef}
          type="button"
          className="button secondary"
          aria-expanded={replacing}
          aria-controls="settings-replace-key-panel"
          onClick={() => {
            setReplacing((r) => !r);
            setConfirming(false);
            setMessage(null);
          }}
          data-testid="settings-replace-key"
        >
          {hasKey ? t('account.replace') : t('account.add')}
        </button>
        <button
          ref={removeButtonRef}
          type="button"
          className="button danger"
          disabled={!hasKey || removing || confirming}
          onClick={askToRemove}
          data-testid="settings-remove-key"
        >
          {t('account.remove')}
        </button>
      </div>
      {confirming && hasKey && (
        <div className="settings-confirm" role="group" aria-labelledby="settings-remove-key-question" data-testid="settings-remove-key-confirm">
          <p id="settings-remove-key-question">
            <strong>{key.last4 ? t('account.removeQuestionLast4', { last4: key.last4 }) : t('account.removeQuestion')}</strong>{' '}
            {openai ? t('account.removeConsequence') : t('account.removeConsequenceCompatible')}
          </p>
          <div className="actions">
            <button type="button" className="button danger" disabled={removing} onClick={() => void removeKey()} data-testid="settings-remove-key-yes">
              {removing ? t('account.removing') : t('account.removeYes')}
            </button>
            <button ref={cancelRef} type="button" className="button secondary" disabled={removing} onClick={cancelRemove} data-testid="settings-remove-key-cancel">
              {t('common:actions.cancel')}
            </button>
          </div>
        </div>
      )}
      <FormMessage value={message} testId="settings-account-message" />
      {replacing && (
        <div id="settings-replace-key-panel" className="subpanel">
          <KeyForm
            testIdPrefix="replace"
            provider={settings.provider}
            showProviderChoice={false}
            status={status}
            submitLabel={t('account.saveNewKey')}
            onStatus={onStatus}
            onSaved={keySaved}
            autoFocus
          />
        </div>
      )}
    </section>
  );
}
