/**
 * Under a finished answer: who helped, in people's words ("With help from Home and
 * Research"), any specialist that failed and why, how long it took, the tokens, the cost,
 * and a Copy button for the whole answer.
 */
import type { AgentConfig, AskResult } from '@shared/agents';
import { useTranslation } from 'react-i18next';
import type { RunActivity } from '../activity/activity-model';
import { formatCost, formatDuration, formatTokens } from '../activity/format';
import { shortSpecialistName } from '../activity/specialist-label';
import { currentLanguage } from '../i18n';
import { formatNumber } from '../i18n/format';
import { AnswerCopyButton } from '../markdown/CopyButton';
import { answerHelpers, type AnswerHelper } from './answer-helpers';
import './AnswerMeta.css';

export interface AnswerMetaProps {
  result: AskResult;
  /** The run as this window saw it: which specialists failed, and why. */
  run: RunActivity | null;
  config: AgentConfig | null;
  /** The model the cost would be priced by, named in the "price unknown" hint. */
  model: string;
}

export function AnswerMeta({ result, run, config, model }: AnswerMetaProps) {
  const { t } = useTranslation('answers');
  const helpers = answerHelpers(result, run);
  const name = (h: AnswerHelper) => shortSpecialistName(h.specialist, config);
  return (
    <div className="answer-meta" data-testid="answer-footer">
      <Helpers names={helpers.filter((h) => h.ok).map(name)} nobodyFailed={helpers.every((h) => h.ok)} />
      <FailedHelpers failed={helpers.filter((h) => !h.ok).map((h) => ({ id: h.specialist, name: name(h), reason: h.reason }))} />
      <span className="answer-figures">
        <span data-testid="answer-duration">{formatDuration(result.durationMs)}</span>
        <span aria-hidden="true"> · </span>
        <span
          data-testid="answer-tokens"
          title={t('footer.tokensTitle', { input: formatNumber(result.usage.inputTokens), output: formatNumber(result.usage.outputTokens) })}
        >
          {formatTokens(result.usage.totalTokens)}
        </span>
        <span aria-hidden="true"> · </span>
        {result.costUsd === null ? (
          <span className="price-unknown" data-testid="answer-cost" title={t('footer.priceUnknownTitle', { model })}>
            {t('footer.priceUnknown')}
          </span>
        ) : (
          <span data-testid="answer-cost">{formatCost(result.costUsd)}</span>
        )}
      </span>
      <AnswerCopyButton text={result.response} />
      {result.costUsd === null && (
        <p className="hint answer-cost-hint" data-testid="answer-cost-hint">
          {t('footer.noPrice', { model })}
        </p>
      )}
    </div>
  );
}

/** A kept answer whose run this window did not see: only the helpers' names are known. */
export function RestoredAnswerMeta({ text, helpers }: { text: string; helpers: readonly string[] }) {
  // Kept names are the specialists' full names ("Memory specialist"); the sentence says "specialist" for them.
  const names = helpers.map((h) => h.replace(/\s+specialist$/i, ''));
  return (
    <div className="answer-meta" data-testid="answer-footer">
      {names.length > 0 && <Helpers names={names} nobodyFailed={false} testId="answer-helpers" />}
      <AnswerCopyButton text={text} />
    </div>
  );
}

/** "With help from Home and Research", each name its own element for tests and styling. */
function Helpers({ names, nobodyFailed, testId = 'answer-helpers' }: { names: string[]; nobodyFailed: boolean; testId?: string }) {
  const { t } = useTranslation('answers');
  if (names.length === 0) {
    // Nobody was asked: say so in words, never the agent's name ("FROK orchestrator").
    return nobodyFailed ? (
      <p className="answer-helpers" data-testid={testId}>
        {t('footer.onItsOwn')}
      </p>
    ) : null;
  }
  const MARK = '\u0000';
  const [before = '', after = ''] = t('footer.withHelp', { names: MARK }).split(MARK);
  return (
    <p className="answer-helpers" data-testid={testId}>
      {before}
      {listParts(names).map((part, i) =>
        part.type === 'element' ? (
          <span key={i} className="answer-helper" data-testid="answer-specialist">
            {part.value}
          </span>
        ) : (
          part.value
        ),
      )}
      {after}
    </p>
  );
}

function FailedHelpers({ failed }: { failed: { id: string; name: string; reason: string | null }[] }) {
  const { t } = useTranslation('answers');
  if (failed.length === 0) return null;
  return (
    <ul className="answer-failures">
      {failed.map((f) => (
        <li key={f.id} className="answer-failure" data-specialist={f.id} data-testid="answer-specialist-failed">
          <span className="answer-failure-mark" aria-hidden="true">
            !
          </span>
          {f.reason ? t('footer.failed', { name: f.name, reason: f.reason }) : t('footer.failedNoReason', { name: f.name })}
        </li>
      ))}
    </ul>
  );
}

/** "Home, Memory and Research" in the person's language. */
function listParts(names: string[]): { type: 'element' | 'literal'; value: string }[] {
  return new Intl.ListFormat(currentLanguage(), { style: 'long', type: 'conjunction' }).formatToParts(names);
}

