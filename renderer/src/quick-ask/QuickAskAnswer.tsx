/**
 * The answer area: the question, then the answer streaming in with the specialists at
 * work; once done, the Markdown answer with who helped, how long it took and what it
 * cost. A recent entry shows the same way (figures only when this window saw the run).
 */
import { useTranslation } from 'react-i18next';
import type { AgentConfig, AskResult } from '@shared/agents';
import type { SpecialistId } from '@shared/domain';
import { runById, specialistProgress, type ActivityState } from '../activity/activity-model';
import { formatCost, formatDuration } from '../activity/format';
import { specialistName } from '../activity/specialist-label';
import { AnswerCopyButton } from '../markdown/CopyButton';
import { Markdown } from '../markdown/Markdown';
import type { ShownAnswer } from './quick-ask-model';
import { SpecialistProgressChips } from '../conversation/SpecialistProgressChips';

export interface QuickAskAnswerProps {
  shown: NonNullable<ShownAnswer>;
  activity: ActivityState;
  config: AgentConfig | null;
  /** Shown with a failed ask: asks the same question again. */
  onRetry?: (() => void) | undefined;
}

export function QuickAskAnswer({ shown, activity, config, onRetry }: QuickAskAnswerProps) {
  const { t } = useTranslation(['quickAsk', 'common']);
  const runId = shown.kind === 'run' ? shown.run.runId : shown.entry.runId;
  const question = shown.kind === 'run' ? shown.run.question : shown.entry.query;
  const live = runById(activity, runId);

  return (
    <article className="qa-answer" aria-labelledby="qa-question" aria-busy={shown.kind === 'run' && shown.run.status === 'running'} data-testid="qa-answer">
      <h2 id="qa-question" className="qa-question" data-testid="qa-question">
        {question}
      </h2>
      {shown.kind === 'entry' ? (
        <Finished text={shown.entry.response} specialists={shown.entry.specialistsUsed} result={live?.result ?? null} config={config} />
      ) : shown.run.status === 'running' ? (
        <div className="qa-streaming" data-testid="qa-streaming">
          {live && <SpecialistProgressChips testId="qa-specialist-progress" progress={specialistProgress(live)} config={config} />}
          {live?.text ? (
            <Markdown text={live.text} className="streaming-text" />
          ) : (
            <p className="thinking">
              <span className="spinner" aria-hidden="true" />
              {live?.status === 'awaiting-approval' ? t('awaitingApproval') : t('thinking')}
            </p>
          )}
        </div>
      ) : shown.run.status === 'finished' && shown.run.result ? (
        <Finished text={shown.run.result.response} specialists={shown.run.result.specialistsUsed} result={shown.run.result} config={config} />
      ) : shown.run.status === 'failed' ? (
        <div className="qa-failed">
          <p className="message error" role="alert" data-testid="qa-error">
            {shown.run.error}
          </p>
          {onRetry && (
            <button type="button" className="button secondary small" onClick={onRetry} data-testid="qa-retry">
              {t('common:actions.retry')}
            </button>
          )}
        </div>
      ) : (
        <p className="hint" data-testid="qa-cancelled">
          {t('cancelled')}
        </p>
      )}
    </article>
  );
}

function Finished({ text, specialists, result, config }: { text: string; specialists: SpecialistId[]; result: AskResult | null; config: AgentConfig | null }) {
  const { t } = useTranslation('quickAsk');
  return (
    <div className="qa-finished" data-testid="qa-finished">
      <Markdown text={text} />
      <div className="answer-meta qa-meta">
        {specialists.length > 0 && (
          <ul className="chip-list" aria-label={t('specialistsHelped')}>
            {specialists.map((id) => (
              <li key={id} className="chip specialist-chip" data-specialist={id} data-testid="qa-specialist">
                {specialistName(id, config)}
              </li>
            ))}
          </ul>
        )}
        {result && (
          <span className="answer-figures">
            <span data-testid="qa-duration">{formatDuration(result.durationMs)}</span>
            <span aria-hidden="true"> · </span>
            {result.costUsd === null ? (
              <span className="price-unknown" data-testid="qa-cost" title={t('priceUnknownHint')}>
                {t('priceUnknown')}
              </span>
            ) : (
              <span data-testid="qa-cost">{formatCost(result.costUsd)}</span>
            )}
          </span>
        )}
        <AnswerCopyButton text={text} />
      </div>
    </div>
  );
}
