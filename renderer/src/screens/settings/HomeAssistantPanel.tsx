/**
 * Settings → Home Assistant: the address and long-lived token the home specialist uses.
 * Like the API key, they are tried before they are kept: Test tries them without saving;
 * Save connection tests again and keeps them only if they work (main refuses otherwise),
 * so a typo never breaks a working setup.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeTestResponse } from '@shared/desktop';
import type { SecretsStatus } from '@shared/ipc/contract';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';
import { checkHomeDraft, type HomeDraft } from './home-form';

export interface HomeAssistantPanelProps {
  settings: Settings;
  status: SecretsStatus;
  onStatus(status: SecretsStatus): void;
  /** Something changed that decides whether the home specialist can work. */
  onChanged(): void;
}

type Busy = 'test' | 'save' | 'disconnect' | null;

export function HomeAssistantPanel({ settings, status, onStatus, onChanged }: HomeAssistantPanelProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const savedUrl = settings.homeAssistant.url ?? '';
  const [baseUrl, setBaseUrl] = useState(savedUrl);
  const [draft, setDraft] = useState<HomeDraft>({ url: savedUrl, token: '' });
  const [fieldError, setFieldError] = useState<{ field: 'url' | 'token'; reason: string } | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [result, setResult] = useState<HomeTestResponse | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const tokenStored = status.homeAssistantToken.set;
  const connected = settings.homeAssistant.url !== null;

  // The address changed elsewhere (another window, Disconnect): follow it unless mid-edit.
  if (baseUrl !== savedUrl) {
    setBaseUrl(savedUrl);
    if (draft.url === baseUrl) setDraft((d) => ({ ...d, url: savedUrl }));
  }

  const edit = (change: Partial<HomeDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setFieldError(null);
    setMessage(null);
  };

  /** Checks the fields; on a problem, says so next to the field and returns null. */
  function checked() {
    const check = checkHomeDraft(draft, tokenStored);
    if (!check.ok) {
      setFieldError({ field: check.field, reason: check.reason });
      setResult(null);
      setMessage(null);
      return null;
    }
    setFieldError(null);
    return check;
  }

  async function refreshStatus() {
    try {
      onStatus(await call('secrets:status'));
    } catch {
      // The panel still shows the outcome; the "token stored" hint catches up on the next read.
    }
  }

  async function test() {
    const check = checked();
    if (!check || busy) return;
    setBusy('test');
    setResult(null);
    setMessage(null);
    try {
      setResult(await call('home:test', { url: check.url, token: check.token }));
    } catch (err) {
      setResult({ ok: false, message: errorMessage(err), entityCount: null });
    } finally {
      setBusy(null);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const check = checked();
    if (!check || busy) return;
    setBusy('save');
    setResult(null);
    setMessage(null);
    try {
      const outcome = await call('home:configure', { url: check.url, ...(check.token ? { token: check.token } : {}) });
      setMessage({ tone: outcome.ok ? 'success' : 'error', text: outcome.message });
      if (outcome.ok) {
        // Kept in the keychain now; the field goes back to "leave empty to keep it".
        setDraft({ url: check.url, token: '' });
        await refreshStatus();
        onChanged();
      }
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  async function disconnect() {
    if (busy) return;
    setBusy('disconnect');
    setResult(null);
    setMessage(null);
    try {
      const outcome = await call('home:configure', { url: null });
      setMessage({ tone: outcome.ok ? 'success' : 'error', text: outcome.message });
      if (outcome.ok) {
        setDraft({ url: '', token: '' });
        await refreshStatus();
        onChanged();
      }
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  const urlError = fieldError?.field === 'url' ? fieldError.reason : null;
  const tokenError = fieldError?.field === 'token' ? fieldError.reason : null;
  const last4 = status.homeAssistantToken.last4;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
    <form className="home-panel" onSubmit={save} noValidate aria-labelledby={`${id}-title`} data-testid="settings-home">
      <h2 id={`${id}-title`}>{t('home.title')}</h2>
      <p className="hint" data-testid="settings-home-state">
        {connected ? t('home.connected', { url: settings.homeAssistant.url }) : t('home.notSetUp')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('home.address')}</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://homeassistant.local:8123"
          value={draft.url}
          onChange={(e) => edit({ url: e.target.value })}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-url-error` : undefined}
          data-testid="settings-home-url"
        />
        {urlError && (
          <p className="field-error" id={`${id}-url-error`}>
            {urlError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-token`}>{t('home.token')}</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={tokenStored ? t('home.tokenSaved', { last4: last4 ?? '…' }) : t('home.tokenPaste')}
          value={draft.token}
          onChange={(e) => edit({ token: e.target.value })}
          aria-invalid={tokenError ? true : undefined}
          aria-describedby={`${id}-token-hint`}
          data-testid="settings-home-token"
        />
        <p className={tokenError ? 'field-error' : 'hint'} id={`${id}-token-hint`}>
          {tokenError ??
            (tokenStored ? t('home.tokenKept') : t('home.tokenWhere'))}
        </p>
      </div>
      {result && (
        <p
          className={`message ${result.ok ? 'success' : 'error'}`}
          role={result.ok ? 'status' : 'alert'}
          data-ok={result.ok ? 'true' : 'false'}
          data-entity-count={result.entityCount ?? undefined}
          data-testid="settings-home-result"
        >
          {result.message}
        </p>
      )}
      <FormMessage value={message} testId="settings-home-message" />
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => void test()} disabled={busy !== null} data-testid="settings-home-test">
          {busy === 'test' ? t('home.testing') : t('home.test')}
        </button>
        <button type="submit" className="button primary" disabled={busy !== null} data-testid="settings-home-save">
          {busy === 'save' ? t('common:actions.saving') : t('home.save')}
        </button>
        {(connected || tokenStored) && (
          <button type="button" className="button danger" onClick={() => void disconnect()} disabled={busy !== null} data-testid="settings-home-disconnect">
            {busy === 'disconnect' ? t('home.disconnecting') : t('home.disconnect')}
          </button>
        )}
      </div>
    </form>
    </section>
  );
}
