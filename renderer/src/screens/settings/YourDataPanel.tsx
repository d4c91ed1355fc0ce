/**
 * Settings → Privacy → Your data: where it lives and whether it opened (with what can be
 * done when it did not), one archive of all of it, and deleting all of it — each big step
 * confirmed first.
 */
import { useEffect, useState } from 'react';
import { canStartFresh, type DataStatus } from '@shared/history';
import { useForgetActivity } from '../../activity/ActivityProvider';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage, useFrokEvent } from '../../ipc';

/** What is deleted, in the words the confirmation uses. */
export const DELETED_ITEMS = ['conversations (typed and spoken)', 'memories', 'runs shown in Activity'];

/** One line on where the person's data lives and how it is protected. */
export function whereDataLives(status: DataStatus | null): string {
  const how =
    status?.state === 'open' && status.keyStorage === 'encrypted-file' ? 'encrypted with a key protected by the system (safeStorage)'
    : status?.state === 'open' && status.keyStorage === 'plaintext-file' ? 'encrypted, but with its key in a file your user account can read (this system has no keyring)'
    : 'encrypted with a key kept in the system keychain';
  if (status?.state === 'open' || status?.state === 'locked') return `Your conversations, memories and runs are kept in one file, ${status.file}, ${how}.`;
  if (status?.state === 'memory-only') return 'Nothing is written to disk right now: your conversations, memories and runs last only until FROK quits.';
  return `Your conversations, memories and runs are kept in one file in FROK's data folder, ${how}.`;
}

type Confirming = null | 'delete' | 'start-fresh';

export function YourDataPanel() {
  const forgetActivity = useForgetActivity();
  const [status, setStatus] = useState<DataStatus | null>(null);
  const [busy, setBusy] = useState<null | 'retry' | 'start-fresh' | 'export' | 'delete'>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [statusMessage, setStatusMessage] = useState<FormMessageValue | null>(null);
  const [exportMessage, setExportMessage] = useState<FormMessageValue | null>(null);
  const [deleteMessage, setDeleteMessage] = useState<FormMessageValue | null>(null);

  useEffect(() => {
    let cancelled = false;
    call('data:status')
      .then((s) => !cancelled && setStatus(s))
      .catch((err: unknown) => !cancelled && setStatusMessage({ tone: 'error', text: errorMessage(err) }));
    return () => {
      cancelled = true;
    };
  }, []);
  useFrokEvent('data:changed', setStatus);

  async function run<T>(what: NonNullable<typeof busy>, action: () => Promise<T>, show: (m: FormMessageValue) => void, done: (value: T) => FormMessageValue | null) {
    setBusy(what);
    try {
      const message = done(await action());
      if (message) show(message);
    } catch (err) {
      show({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  const retry = () =>
    run('retry', () => call('data:retry'), setStatusMessage, (s) => {
      setStatus(s);
      return s.state === 'open' ? { tone: 'success', text: 'Your data is open again.' } : null;
    });

  const startFresh = () => {
    setConfirming(null);
    return run('start-fresh', () => call('data:startFresh'), setStatusMessage, (s) => {
      setStatus(s);
      if (s.state !== 'open') return null;
      return { tone: 'success', text: s.movedAside ? `Started fresh. The old file is kept at ${s.movedAside}.` : 'Started fresh.' };
    });
  };

  const exportAll = () => {
    setExportMessage(null);
    return run('export', () => call('data:exportAll'), setExportMessage, (saved) => (saved.saved && saved.path ? { tone: 'success', text: `Saved to ${saved.path}` } : null));
  };

  const deleteAll = () => {
    setConfirming(null);
    setDeleteMessage(null);
    return run('delete', () => call('data:deleteAll', { confirm: 'delete everything' }), setDeleteMessage, (s) => {
      setStatus(s);
      forgetActivity();
      return { tone: 'success', text: 'Done: all your conversations, memories and runs are deleted.' };
    });
  };

  const problem = status?.state === 'locked' || status?.state === 'memory-only' ? status : null;

  return (
    <div className="subpanel your-data" data-testid="settings-your-data">
      <h3>Your data</h3>
      <p className="hint" data-testid="settings-data-where">
        {whereDataLives(status)}
      </p>
      {status?.state === 'open' && status.movedAside && (
        <p className="hint" data-testid="settings-data-moved-aside">
          A damaged earlier file was kept at {status.movedAside}.
        </p>
      )}
      {problem && (
        <div className="your-data-problem" role="group" aria-label="Your data could not be opened" data-testid="settings-data-status" data-state={problem.state}>
          <p className="message error">{problem.message}</p>
          <div className="actions">
            <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void retry()} data-testid="settings-data-retry">
              {busy === 'retry' ? 'Trying…' : 'Try again'}
            </button>
            {canStartFresh(problem) && confirming !== 'start-fresh' && (
              <button type="button" className="button secondary" disabled={busy !== null} onClick={() => setConfirming('start-fresh')} data-testid="settings-data-start-fresh">
                Start fresh…
              </button>
            )}
          </div>
          {canStartFresh(problem) && confirming === 'start-fresh' && (
            <div className="your-data-confirm" role="group" aria-label="Start fresh?" data-testid="settings-data-start-fresh-confirm">
              <p>
                Start with a new, empty data file? The file FROK cannot open ({problem.file}) is kept aside, not deleted, so it can still be opened
                later with its key.
              </p>
              <div className="actions">
                <button type="button" className="button primary" disabled={busy !== null} onClick={() => void startFresh()} data-testid="settings-data-start-fresh-yes">
                  {busy === 'start-fresh' ? 'Starting…' : 'Start fresh'}
                </button>
                <button type="button" className="button secondary" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      <FormMessage value={statusMessage} testId="settings-data-status-message" />

      <div className="actions">
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void exportAll()} data-testid="settings-export-all">
          {busy === 'export' ? 'Exporting…' : 'Export all my data'}
        </button>
        {confirming !== 'delete' && (
          <button
            type="button"
            className="button danger"
            disabled={busy !== null}
            onClick={() => {
              setDeleteMessage(null);
              setConfirming('delete');
            }}
            data-testid="settings-delete-all"
          >
            {busy === 'delete' ? 'Deleting…' : 'Delete all my data…'}
          </button>
        )}
      </div>
      <p className="hint">One zip file: conversations as Markdown and JSON, memories, runs and settings (never your keys).</p>
      <FormMessage value={exportMessage} testId="settings-export-all-message" />
      {confirming === 'delete' && (
        <div className="your-data-confirm danger" role="group" aria-labelledby="settings-delete-all-title" data-testid="settings-delete-all-confirm">
          <p id="settings-delete-all-title">
            <strong>Delete all your data?</strong> This deletes, from this computer: all your {DELETED_ITEMS.join(', ')}, and the key that encrypts
            them — a file FROK could not open and copies it kept aside included. It cannot be undone; export first if you want a copy. Your settings and API keys stay.
          </p>
          <div className="actions">
            <button type="button" className="button danger" disabled={busy !== null} onClick={() => void deleteAll()} data-testid="settings-delete-all-yes">
              Delete everything
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(null)} data-testid="settings-delete-all-cancel">
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormMessage value={deleteMessage} testId="settings-delete-all-message" />
    </div>
  );
}
