/**
 * Settings → About: FROK's version and what it runs on, "Open logs folder", and "Copy
 * diagnostics" — a text block main builds (no secrets, no conversation text) for a bug report.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '@shared/ipc/contract';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';

export function AboutSection() {
  const { t } = useTranslation('settings');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'logs' | 'copy' | null>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);

  useEffect(() => {
    let live = true;
    call('app:info').then(
      (next) => live && setInfo(next),
      (err: unknown) => live && setLoadError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  async function openLogs() {
    setBusy('logs');
    setMessage(null);
    try {
      await call('app:openLogs');
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  async function copyDiagnostics() {
    setBusy('copy');
    setMessage(null);
    try {
      const { text } = await call('app:diagnostics');
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        setMessage({ tone: 'error', text: t('about.clipboardFailed') });
        return;
      }
      setMessage({ tone: 'success', text: t('common:actions.copied') });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  const v = info?.versions;
  return (
    <section className="card" aria-labelledby="settings-about-title" data-testid="settings-about">
      <h2 id="settings-about-title">{t('about.title')}</h2>
      {loadError && <p className="message error" role="alert">{loadError}</p>}
      {info && v && (
        <dl className="about-facts">
          <dt>{t('about.version')}</dt>
          <dd data-testid="settings-about-version">
            {info.name} {info.version}
          </dd>
          <dt>Electron</dt>
          <dd data-testid="settings-about-electron">{v.electron ?? t('about.none')}</dd>
          <dt>Chrome</dt>
          <dd data-testid="settings-about-chrome">{v.chrome ?? t('about.none')}</dd>
          <dt>Node</dt>
          <dd data-testid="settings-about-node">{v.node}</dd>
          <dt>{t('about.platform')}</dt>
          <dd data-testid="settings-about-platform">{info.platform}</dd>
        </dl>
      )}
      <p className="hint">
        {t('about.diagnosticsHint')}
      </p>
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void openLogs()} data-testid="settings-open-logs">
          {t('about.openLogs')}
        </button>
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void copyDiagnostics()} data-testid="settings-copy-diagnostics">
          {busy === 'copy' ? t('about.copying') : t('about.copy')}
        </button>
      </div>
      <FormMessage value={message} testId="settings-about-message" />
    </section>
  );
}
