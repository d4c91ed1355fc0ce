/**
 * The API-key form used by onboarding and by Settings → Replace key. It checks the key
 * with main (`secrets:setOpenAIKey`) and handles every outcome in place; nothing typed
 * is cleared on failure.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ProviderKind } from '@shared/domain';
import type { SecretsStatus, SetOpenAIKeyResponse } from '@shared/ipc/contract';
import { call, errorMessage } from '../ipc';
import { buildKeyRequest, checkKeyForm, COMPATIBLE_BASE_URL_EXAMPLE, type KeyFormDraft } from '../key-form';

type Focusable = 'key' | 'baseUrl' | 'consent';

export interface KeyFormProps {
  /** Prefix of every data-testid, e.g. "onboarding" → "onboarding-key". */
  testIdPrefix: string;
  /** Where the key will be used: the starting choice in onboarding, the saved provider in Settings. */
  provider: { kind: ProviderKind; baseUrl: string | null };
  /** Onboarding lets the person pick the provider; Settings edits it in its own section. */
  showProviderChoice: boolean;
  status: SecretsStatus;
  submitLabel: string;
  /** Runs after a successful save; a thrown FrokError is shown in the form's alert. */
  onSaved(response: SetOpenAIKeyResponse): Promise<void> | void;
  /** Any answer carries fresh secret status, saved or not. */
  onStatus?(status: SecretsStatus): void;
  autoFocus?: boolean;
}

export function KeyForm(props: KeyFormProps) {
  const { testIdPrefix: tid, status } = props;
  const { t } = useTranslation('app');
  const id = useId();
  const [typed, setDraft] = useState<KeyFormDraft>({
    kind: props.provider.kind,
    baseUrl: props.provider.baseUrl ?? '',
    key: '',
  });
  // Without the choice on screen, follow the saved provider even if it changes while the form is open.
  const draft: KeyFormDraft = props.showProviderChoice
    ? typed
    : { ...typed, kind: props.provider.kind, baseUrl: props.provider.baseUrl ?? '' };
  const [showKey, setShowKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: Focusable | null } | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [consentAsked, setConsentAsked] = useState(false);
  const [consent, setConsent] = useState(false);
  // Focus moves after React has rendered the element it points at (the consent box may be new).
  const [focusRequest, setFocusRequest] = useState<{ field: Focusable; n: number } | null>(null);

  const keyRef = useRef<HTMLInputElement>(null);
  const baseUrlRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!focusRequest) return;
    const target = { key: keyRef, baseUrl: baseUrlRef, consent: consentRef }[focusRequest.field].current;
    target?.focus();
  }, [focusRequest]);

  const focusLater = (field: Focusable) => setFocusRequest((prev) => ({ field, n: (prev?.n ?? 0) + 1 }));
  const fail = (message: string, field: Focusable | null) => {
    setError({ message, field });
    setSuccess(null);
    if (field) focusLater(field);
  };

  const compatible = draft.kind === 'openai-compatible';
  const showConsent = consentAsked || status.storage.needsPlaintextConsent;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const problem = checkKeyForm(draft);
    if (problem) return fail(problem.message, problem.field);

    setBusy(true);
    setError(null);
    setSuccess(null);
    try {
      const response = await call('secrets:setOpenAIKey', buildKeyRequest(draft, showConsent && consent));
      props.onStatus?.(response.status);
      switch (response.outcome) {
        case 'saved':
          setSuccess(response.message || t('keyForm.saved'));
          await props.onSaved(response);
          break;
        case 'needs_plaintext_consent':
          setConsentAsked(true);
          fail(response.message, 'consent');
          break;
        case 'rejected':
        case 'unreachable':
          fail(response.message, 'key');
          break;
      }
    } catch (err) {
      fail(errorMessage(err), 'key');
    } finally {
      setBusy(false);
    }
  }

  const messageId = `${id}-message`;
  const keyHintId = `${id}-key-hint`;
  const describedBy = (field: Focusable, hint?: string) =>
    [hint, error?.field === field ? messageId : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form className="key-form" onSubmit={submit} noValidate data-testid={`${tid}-form`}>
      {props.showProviderChoice && (
        <fieldset className="field-group">
          <legend>{t('keyForm.providerLegend')}</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-provider`}
              value="openai"
              checked={!compatible}
              onChange={() => setDraft((d) => ({ ...d, kind: 'openai' }))}
              data-testid={`${tid}-provider-openai`}
            />
            {t('keyForm.providerOpenAI')}
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-provider`}
              value="openai-compatible"
              checked={compatible}
              onChange={() => setDraft((d) => ({ ...d, kind: 'openai-compatible' }))}
              data-testid={`${tid}-provider-compatible`}
            />
            {t('keyForm.providerCompatible')}
          </label>
        </fieldset>
      )}

      {props.showProviderChoice && compatible && (
        <div className="field">
          <label htmlFor={`${id}-base-url`}>{t('keyForm.baseUrl')}</label>
          <input
            id={`${id}-base-url`}
            ref={baseUrlRef}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={COMPATIBLE_BASE_URL_EXAMPLE}
            value={draft.baseUrl}
            onChange={(e) => setDraft((d) => ({ ...d, baseUrl: e.target.value }))}
            aria-invalid={error?.field === 'baseUrl' || undefined}
            aria-describedby={describedBy('baseUrl')}
            data-testid={`${tid}-base-url`}
          />
        </div>
      )}

      <div className="field">
        <label htmlFor={`${id}-key`}>
          {t('keyForm.apiKey')}
          {compatible && <span className="optional"> {t('keyForm.optional')}</span>}
        </label>
        <div className="input-with-button">
          <input
            id={`${id}-key`}
            ref={keyRef}
            type={showKey ? 'text' : 'password'}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder={t(compatible ? 'keyForm.placeholderCompatible' : 'keyForm.placeholderOpenAI')}
            value={draft.key}
            onChange={(e) => setDraft((d) => ({ ...d, key: e.target.value }))}
            autoFocus={props.autoFocus}
            aria-invalid={error?.field === 'key' || undefined}
            aria-describedby={describedBy('key', keyHintId)}
            data-testid={`${tid}-key`}
          />
          <button
            type="button"
            className="button secondary"
            aria-pressed={showKey}
            aria-controls={`${id}-key`}
            onClick={() => setShowKey((s) => !s)}
            data-testid={`${tid}-key-toggle`}
          >
            {t(showKey ? 'keyForm.hide' : 'keyForm.show')}
          </button>
        </div>
        <p className="hint" id={keyHintId}>
          {compatible ? (
            t('keyForm.hintCompatible')
          ) : (
            <Trans
              t={t}
              i18nKey="keyForm.hintOpenAI"
              // Not "link": html-parse-stringify reads <link> as HTML's void element and drops its text.
              components={{ keys: <a href="https://platform.openai.com/api-keys" target="_blank" rel="noreferrer" /> }}
            />
          )}
        </p>
      </div>

      <p className="storage-note" data-testid={`${tid}-storage`}>
        {status.storage.message}
      </p>

      {error && (
        <p className="message error" role="alert" id={messageId} data-testid={`${tid}-message`}>
          {error.message}
        </p>
      )}
      {success && (
        <p className="message success" role="status" data-testid={`${tid}-success`}>
          {success}
        </p>
      )}

      {showConsent && (
        <label className="choice consent">
          <input
            ref={consentRef}
            type="checkbox"
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
            aria-invalid={error?.field === 'consent' || undefined}
            aria-describedby={describedBy('consent')}
            data-testid={`${tid}-plaintext-consent`}
          />
          {t('keyForm.consent')}
        </label>
      )}

      <div className="actions">
        <button type="submit" className="button primary" disabled={busy} data-testid={`${tid}-submit`}>
          {busy && !success ? t('keyForm.checking') : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
