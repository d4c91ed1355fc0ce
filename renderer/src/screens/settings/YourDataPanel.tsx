/**
 * Settings → Privacy → Your data: where it lives and whether it opened (with what can be
 * done when it did not), one archive of all of it, and deleting all of it — each big step
 * confirmed first.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canStartFresh, type DataStatus } from '@shared/history';
import { useForgetActivity } from '../../activity/ActivityProvider';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage, useFrokEvent } from '../../ipc';
import { st } from './words';

/** What is deleted, in the words the confirmation uses. */
export const DELETED_ITEMS = ['conversations (typed and spoken)', 'memories', 'runs shown in Activity'];
const deletedItems = () => st('data.deletedItems');

/** One line on where the person's data lives and how it is protected. */
export function whereDataLives(status: DataStatus | null): string {
  const how =
    status?.state === 'open' && status.keyStorage === 'encrypted-file' ? st('data.howSafeStorage')
    : status?.state === 'open' && status.keyStorage === 'plaintext-file' ? st('data.howPlaintext')
    : st('data.howKeychain');
  if (status?.state === 'open' || status?.state === 'locked') return st('data.whereFile', { file: status.file, how });
  if (status?.state === 'memory-only') return st('data.whereMemory');
  return st('data.whereFolder', { how });
}

type Confirming = null | 'delete' | 'start-fresh';

export function YourDataPanel() {
  const { t } = useTranslation('settings');
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
      return s.state === 'open' ? { tone: 'success', text: t('data.openAgain') } : null;
    });

  const startFresh = () => {
    setConfirming(null);
    return run('start-fresh', () => call('data:startFresh'), setStatusMessage, (s) => {
      setStatus(s);
      if (s.state !== 'open') return null;
      return { tone: 'success', text: s.movedAside ? t('data.startedFreshKept', { file: s.movedAside }) : t('data.startedFresh') };
    });
  };

  const exportAll = () => {
    setExportMessage(null);
    return run('export', () => call('data:exportAll'), setExportMessage, (saved) => (saved.saved && saved.path ? { tone: 'success', text: t('data.savedTo', { path: saved.path }) } : null));
  };

  const deleteAll = () => {
    setConfirming(null);
    setDeleteMessage(null);
    return run('delete', () => call('data:deleteAll', { confirm: 'delete everything' }), setDeleteMessage, (s) => {
      setStatus(s);
      forgetActivity();
      return { tone: 'success', text: t('data.deleted') };
    });
  };

  const problem = status?.state === 'locked' || status?.state === 'memory-only' ? status : null;

  return (
    <div className="subpanel your-data" data-testid="settings-your-data">
      <h3>{t('data.title')}</h3>
      <p className="hint" data-testid="settings-data-where">
        {whereDataLives(status)}
      </p>
      {status?.state === 'open' && status.movedAside && (
        <p className="hint" data-testid="settings-data-moved-aside">
          {t('data.movedAside', { file: status.movedAside })}
        </p>
      )}
      {problem && (
        <div className="your-data-problem" role="group" aria-label={t('data.notOpened')} data-testid="settings-data-status" data-state={problem.state}>
          <p className="message error">{problem.message}</p>
          <div className="actions">
            <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void retry()} data-testid="settings-data-retry">
              {busy === 'retry' ? t('data.trying') : t('common:actions.retry')}
            </button>
            {canStartFresh(problem) && confirming !== 'start-fresh' && (
              <button type="button" className="button secondary" disabled={busy !== null} onClick={() => setConfirming('start-fresh')} data-testid="settings-data-start-fresh">
                {t('data.startFreshAsk')}
              </button>
            )}
          </div>
          {canStartFresh(problem) && confirming === 'start-fresh' && (
            <div className="your-data-confirm" role="group" aria-label={t('data.startFreshQuestion')} data-testid="settings-data-start-fresh-confirm">
              <p>
                {t('data.startFreshText', { file: problem.file })}
              </p>
              <div className="actions">
                <button type="button" className="button primary" disabled={busy !== null} onClick={() => void startFresh()} data-testid="settings-data-start-fresh-yes">
                  {busy === 'start-fresh' ? t('data.starting') : t('data.startFresh')}
                </button>
                <button type="button" className="button secondary" onClick={() => setConfirming(null)}>
                  {t('common:actions.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      <FormMessage value={statusMessage} testId="settings-data-status-message" />

      <div className="actions">
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void exportAll()} data-testid="settings-export-all">
          {busy === 'export' ? t('data.exporting') : t('data.export')}
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
            {busy === 'delete' ? t('data.deleting') : t('data.deleteAll')}
          </button>
        )}
      </div>
      <p className="hint">{t('data.exportHint')}</p>
      <FormMessage value={exportMessage} testId="settings-export-all-message" />
      {confirming === 'delete' && (
        <div className="your-data-confirm danger" role="group" aria-labelledby="settings-delete-all-title" data-testid="settings-delete-all-confirm">
          <p id="settings-delete-all-title">
            <strong>{t('data.deleteQuestion')}</strong> {t('data.deleteText', { items: deletedItems() })}
          </p>
          <div className="actions">
            <button type="button" className="button danger" disabled={busy !== null} onClick={() => void deleteAll()} data-testid="settings-delete-all-yes">
              {t('data.deleteYes')}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirming(null)} data-testid="settings-delete-all-cancel">
              {t('common:actions.cancel')}
            </button>
          </div>
        </div>
      )}
      <FormMessage value={deleteMessage} testId="settings-delete-all-message" />
    </div>
  );
}
