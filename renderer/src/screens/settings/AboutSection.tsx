/**
 * Settings → About: FROK's version and what it runs on, "Open logs folder", and "Copy
 * diagnostics" — a text block main builds (no secrets, no conversation text) for a bug report.
 */
import { useEffect, useState } from 'react';
import type { AppInfo } from '@shared/ipc/contract';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';

export function AboutSection() {
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
        setMessage({ tone: 'error', text: 'FROK could not write to the clipboard. Try again, or check that FROK may use the clipboard.' });
        return;
      }
      setMessage({ tone: 'success', text: 'Copied' });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  const v = info?.versions;
  return (
    <section className="card" aria-labelledby="settings-about-title" data-testid="settings-about">
      <h2 id="settings-about-title">About</h2>
      {loadError && <p className="message error" role="alert">{loadError}</p>}
      {info && v && (
        <dl className="about-facts">
          <dt>Version</dt>
          <dd data-testid="settings-about-version">
            {info.name} {info.version}
          </dd>
          <dt>Electron</dt>
          <dd data-testid="settings-about-electron">{v.electron ?? 'n/a'}</dd>
          <dt>Chrome</dt>
          <dd data-testid="settings-about-chrome">{v.chrome ?? 'n/a'}</dd>
          <dt>Node</dt>
          <dd data-testid="settings-about-node">{v.node}</dd>
          <dt>Platform</dt>
          <dd data-testid="settings-about-platform">{info.platform}</dd>
        </dl>
      )}
      <p className="hint">
        Diagnostics hold versions, settings and recent warnings — never your keys or tokens, and nothing you asked or heard. Paste
        them into a bug report.
      </p>
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void openLogs()} data-testid="settings-open-logs">
          Open logs folder
        </button>
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void copyDiagnostics()} data-testid="settings-copy-diagnostics">
          {busy === 'copy' ? 'Copying…' : 'Copy diagnostics'}
        </button>
      </div>
      <FormMessage value={message} testId="settings-about-message" />
    </section>
  );
}
