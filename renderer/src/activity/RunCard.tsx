/** One run on the Activity screen: what was asked, how, its status and timeline, and what it cost. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentConfig } from '@shared/agents';
import { ErrorHelp } from '../components/ErrorHelp';
import { FormMessage, type FormMessageValue } from '../components/FormMessage';
import { formatNumber, formatTime } from '../i18n/format';
import { call, errorMessage } from '../ipc';
import { isRunActive, runElapsedMs, type RunActivity } from './activity-model';
import { formatCost, formatDuration, formatTokens } from './format';
import { RunTimeline } from './RunTimeline';

export interface RunCardProps {
  run: RunActivity;
  now: number;
  config: AgentConfig | null;
}

export function RunCard({ run, now, config }: RunCardProps) {
  const { t } = useTranslation('activity');
  // The same plain words as the composer's choice ("Ask several and combine"), not the pattern's name.
  const pattern = run.pattern ? t(`pattern.${run.pattern}`) : null;
  const started = formatTime(run.startedAt, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const headingId = `run-${run.runId}-query`;
  return (
    <li className={`run-card status-${run.status}`} data-testid="activity-run" data-status={run.status}>
      <header className="run-header">
        <h2 id={headingId} className="run-query" data-testid="activity-run-query">
          {run.query || t('run.unknownQuery')}
        </h2>
        <span className={`status-badge status-${run.status}`} data-testid="activity-run-status">
          {(run.status === 'running' || run.status === 'awaiting-approval') && <span className="spinner" aria-hidden="true" />}
          {t(`status.${run.status}`)}
        </span>
      </header>
      <p className="run-meta">
        {pattern && <span data-testid="activity-run-pattern">{pattern}</span>}
        {run.source && <span>{t(`source.${run.source}`)}</span>}
        <span>
          <time dateTime={new Date(run.startedAt).toISOString()}>{started}</time>
        </span>
        <span data-testid="activity-run-duration">{formatDuration(runElapsedMs(run, now))}</span>
      </p>
      <RunTimeline run={run} now={now} config={config} />
      <RunOutcome run={run} />
      {!isRunActive(run) && <ExportTrace runId={run.runId} />}
    </li>
  );
}

/** Saves the run's kept timeline as JSON where the person chooses (main shows the dialog). */
function ExportTrace({ runId }: { runId: string }) {
  const { t } = useTranslation('activity');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  async function exportTrace() {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await call('runs:export', { runId });
      if (saved.saved && saved.path) setMessage({ tone: 'success', text: t('run.exported', { path: saved.path }) });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="run-actions">
      <button type="button" className="button secondary small" disabled={busy} onClick={() => void exportTrace()} data-testid="activity-run-export">
        {busy ? t('run.exporting') : t('run.export')}
      </button>
      <FormMessage value={message} testId="activity-run-export-message" />
    </div>
  );
}

function RunOutcome({ run }: { run: RunActivity }) {
  const { t } = useTranslation('activity');
  if (run.status === 'failed' && run.error) {
    return (
      <div className="run-outcome failed">
        <p data-testid="activity-run-error">
          <span className="failed-tag">{t('run.failed')}</span> {run.error.message}
        </p>
        {/* Where to go next: the billing page for no credit, Settings → Provider when the server can't be reached. */}
        <ErrorHelp code={run.error.code} testId="activity-run-error-help" />
      </div>
    );
  }
  if (run.status === 'cancelled') return <p className="run-outcome">{t('run.cancelledAfter', { duration: formatDuration(run.durationMs ?? 0) })}</p>;
  if (!run.result) return null;
  const { usage, costUsd, answeredBy } = run.result;
  return (
    <p className="run-outcome" data-testid="activity-run-usage">
      <span>{t('run.answeredBy', { name: answeredBy })}</span>
      <span title={t('run.tokensInOut', { input: formatNumber(usage.inputTokens), output: formatNumber(usage.outputTokens) })}>{formatTokens(usage.totalTokens)}</span>
      <span>{costUsd === null ? t('run.priceUnknown') : formatCost(costUsd)}</span>
    </p>
  );
}
