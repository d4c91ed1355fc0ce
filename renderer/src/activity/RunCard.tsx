/** One run on the Activity screen: what was asked, how, its status and timeline, and what it cost. */
import { useState } from 'react';
import type { AgentConfig } from '@shared/agents';
import type { AgentPattern } from '@shared/domain';
import { FormMessage, type FormMessageValue } from '../components/FormMessage';
import { call, errorMessage } from '../ipc';
import { isRunActive, runElapsedMs, type RunActivity, type RunStatus } from './activity-model';
import { formatCost, formatDuration, formatTokens } from './format';
import { RunTimeline } from './RunTimeline';

const STATUS_TEXT: Record<RunStatus, string> = {
  running: 'Working',
  'awaiting-approval': 'Waiting for you',
  finished: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const SOURCE_TEXT = { conversation: 'Conversation', 'quick-ask': 'Quick ask', voice: 'Voice' } as const;

const PATTERN_TEXT: Record<AgentPattern, string> = { manager: 'Manager', handoffs: 'Handoffs', hybrid: 'Hybrid' };

export interface RunCardProps {
  run: RunActivity;
  now: number;
  config: AgentConfig | null;
}

export function RunCard({ run, now, config }: RunCardProps) {
  const pattern = run.pattern ? (config?.patterns.find((p) => p.id === run.pattern)?.label ?? PATTERN_TEXT[run.pattern]) : null;
  const started = new Date(run.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const headingId = `run-${run.runId}-query`;
  return (
    <li className={`run-card status-${run.status}`} data-testid="activity-run" data-status={run.status}>
      <header className="run-header">
        <h2 id={headingId} className="run-query" data-testid="activity-run-query">
          {run.query || 'A run that started before this window opened'}
        </h2>
        <span className={`status-badge status-${run.status}`} data-testid="activity-run-status">
          {(run.status === 'running' || run.status === 'awaiting-approval') && <span className="spinner" aria-hidden="true" />}
          {STATUS_TEXT[run.status]}
        </span>
      </header>
      <p className="run-meta">
        {pattern && <span data-testid="activity-run-pattern">{pattern}</span>}
        {run.source && <span>{SOURCE_TEXT[run.source]}</span>}
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
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  async function exportTrace() {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await call('runs:export', { runId });
      if (saved.saved && saved.path) setMessage({ tone: 'success', text: `Saved to ${saved.path}` });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="run-actions">
      <button type="button" className="button secondary small" disabled={busy} onClick={() => void exportTrace()} data-testid="activity-run-export">
        {busy ? 'Saving…' : 'Export trace (JSON)'}
      </button>
      <FormMessage value={message} testId="activity-run-export-message" />
    </div>
  );
}

function RunOutcome({ run }: { run: RunActivity }) {
  if (run.status === 'failed' && run.error) {
    return (
      <p className="run-outcome failed" data-testid="activity-run-error">
        <span className="failed-tag">failed</span> {run.error.message}
      </p>
    );
  }
  if (run.status === 'cancelled') return <p className="run-outcome">Cancelled after {formatDuration(run.durationMs ?? 0)}.</p>;
  if (!run.result) return null;
  const { usage, costUsd, answeredBy } = run.result;
  return (
    <p className="run-outcome" data-testid="activity-run-usage">
      <span>Answered by {answeredBy}</span>
      <span title={`${usage.inputTokens.toLocaleString()} in, ${usage.outputTokens.toLocaleString()} out`}>{formatTokens(usage.totalTokens)}</span>
      <span>{costUsd === null ? 'price unknown' : formatCost(costUsd)}</span>
    </p>
  );
}
