/**
 * One run as a timeline: a bar per agent, specialist and tool, placed by when it started
 * and ended relative to the run, tools indented under the specialist that called them,
 * and markers for handoffs and approvals. Running bars grow as `now` advances.
 */
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentConfig } from '@shared/agents';
import { flattenSpans, runElapsedMs, spanElapsedMs, type ActivitySpan, type RunActivity } from './activity-model';
import { describeToolCall, formatDuration, formatTokens } from './format';
import { specialistName } from './specialist-label';

export interface RunTimelineProps {
  run: RunActivity;
  now: number;
  config: AgentConfig | null;
}

/** A bar never gets thinner than this, so an instant tool call is still visible and clickable. */
const MIN_WIDTH_PERCENT = 0.8;

function placement(start: number, end: number, runStart: number, total: number): CSSProperties {
  const left = Math.min(100, Math.max(0, ((start - runStart) / total) * 100));
  const width = Math.max(MIN_WIDTH_PERCENT, Math.min(100 - left, ((end - start) / total) * 100));
  return { left: `${left.toFixed(2)}%`, width: `${width.toFixed(2)}%` };
}

function markerAt(at: number, runStart: number, total: number): CSSProperties {
  return { left: `${Math.min(100, Math.max(0, ((at - runStart) / total) * 100)).toFixed(2)}%` };
}

function spanLabel(span: ActivitySpan, config: AgentConfig | null): string {
  if (span.kind === 'specialist' && span.specialist) return specialistName(span.specialist, config);
  if (span.kind === 'tool') return describeToolCall(span.name, span.input);
  return span.name;
}

/**
 * What to show as a failure's cause. The SDK's fixed "An error occurred while running the
 * tool. Please try again." says nothing; main replaces it for specialists, and a tool's own
 * explanation follows its colon ("…: the server said …"), so only that part is kept.
 */
export function failureCause(summary: string | null | undefined): string | null {
  const text = (summary ?? '').trim();
  const generic = /^An error occurred while running the tool(?:\. Please try again\.)?:?\s*/i;
  if (!generic.test(text)) return text || null;
  const rest = text.replace(generic, '').replace(/^Error:\s*/i, '').trim();
  return rest || null;
}

export function RunTimeline({ run, now, config }: RunTimelineProps) {
  const { t } = useTranslation('activity');
  const rows = flattenSpans(run.spans);
  // At least 1 ms, so a run that ended instantly does not divide by zero.
  const total = Math.max(1, runElapsedMs(run, now));
  const runStart = run.startedAt;

  if (rows.length === 0 && run.handoffs.length === 0 && run.approvals.length === 0) {
    return <p className="hint timeline-empty">{run.status === 'running' ? t('timeline.starting') : t('timeline.empty')}</p>;
  }

  return (
    <>
      <ol className="timeline" aria-label={t('timeline.label')}>
        {rows.map(({ span, depth }) => {
          const elapsed = spanElapsedMs(span, now);
          const running = span.endedAt === null;
          const failed = span.ok === false;
          const label = spanLabel(span, config);
          const classes = ['timeline-row', `kind-${span.kind}`, running ? 'running' : '', failed ? 'failed' : ''].filter(Boolean).join(' ');
          return (
            <li
              key={span.spanId}
              className={classes}
              data-testid="activity-span"
              data-kind={span.kind}
              data-specialist={span.kind === 'specialist' ? (span.specialist ?? undefined) : undefined}
              data-state={running ? 'running' : failed ? 'failed' : 'done'}
            >
              <div className="timeline-label" style={{ paddingLeft: `${depth * 1.1}rem` }}>
                {depth > 0 && <span className="timeline-branch" aria-hidden="true" />}
                <span className="timeline-name" title={span.input ? `${label}\n${span.input}` : label}>
                  {label}
                </span>
                <span className="timeline-kind visually-hidden">{` (${t(`timeline.kind.${span.kind}`)})`}</span>
              </div>
              <div className="timeline-track" aria-hidden="true">
                <span className="timeline-bar" style={placement(span.startedAt, span.startedAt + elapsed, runStart, total)} />
              </div>
              <div className="timeline-figures">
                <span className="timeline-duration" data-testid="activity-span-duration">
                  {formatDuration(elapsed)}
                </span>
                {span.usage && <span className="timeline-usage">{formatTokens(span.usage.totalTokens)}</span>}
                {running && <span className="visually-hidden"> {t('timeline.running')}</span>}
              </div>
              {span.kind === 'specialist' && span.input && <p className="timeline-input">“{span.input}”</p>}
              {failed && (
                <p className="timeline-failure" data-testid="activity-span-failure">
                  <span className="failed-tag">{t('timeline.failed')}</span> {failureCause(span.summary) ?? t('timeline.failedNoReason')}
                </p>
              )}
            </li>
          );
        })}
        {run.handoffs.map((h, i) => (
          <li key={`handoff-${i}`} className="timeline-row marker handoff" data-testid="activity-handoff">
            <div className="timeline-label">
              <span className="timeline-name">{t('timeline.handoff', { from: h.from, to: h.to })}</span>
            </div>
            <div className="timeline-track" aria-hidden="true">
              <span className="timeline-marker" style={markerAt(h.at, runStart, total)} />
            </div>
            <div className="timeline-figures">{formatDuration(h.at - runStart)}</div>
          </li>
        ))}
        {run.approvals.map((a) => (
          <li key={a.approvalId} className={`timeline-row marker approval ${a.approved === null ? 'waiting' : a.approved ? 'approved' : 'denied'}`} data-testid="activity-approval">
            <div className="timeline-label">
              <span className="timeline-name">
                {t(`timeline.approval.${a.approved === null ? 'waiting' : a.approved ? 'approved' : 'denied'}`, { action: a.description ?? describeToolCall(a.tool, a.input) })}
              </span>
            </div>
            <div className="timeline-track" aria-hidden="true">
              <span className="timeline-marker" style={markerAt(a.requestedAt, runStart, total)} />
            </div>
            <div className="timeline-figures">{formatDuration(a.requestedAt - runStart)}</div>
          </li>
        ))}
      </ol>
      <div className="timeline-axis" aria-hidden="true">
        <span className="timeline-axis-scale">
          <span>0</span>
          <span>{formatDuration(total / 2)}</span>
          <span>{formatDuration(total)}</span>
        </span>
      </div>
    </>
  );
}
