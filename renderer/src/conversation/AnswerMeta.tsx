/** Under a finished answer: who helped, how long it took, how many tokens, what it cost. */
import type { AgentConfig, AskResult } from '@shared/agents';
import { formatCost, formatDuration, formatTokens } from '../activity/format';
import { specialistName } from '../activity/specialist-label';

export interface AnswerMetaProps {
  result: AskResult;
  config: AgentConfig | null;
  /** The model the cost would be priced by, named in the "price unknown" hint. */
  model: string;
}

export function AnswerMeta({ result, config, model }: AnswerMetaProps) {
  return (
    <div className="answer-meta">
      {result.specialistsUsed.length > 0 ? (
        <ul className="chip-list" aria-label="Specialists who helped">
          {result.specialistsUsed.map((id) => (
            <li key={id} className="chip specialist-chip" data-specialist={id} data-testid="answer-specialist">
              {specialistName(id, config)}
            </li>
          ))}
        </ul>
      ) : (
        <span className="answer-by">Answered by {result.answeredBy}</span>
      )}
      <span className="answer-figures">
        <span data-testid="answer-duration">{formatDuration(result.durationMs)}</span>
        <span aria-hidden="true"> · </span>
        <span data-testid="answer-tokens" title={`${result.usage.inputTokens.toLocaleString()} in, ${result.usage.outputTokens.toLocaleString()} out`}>
          {formatTokens(result.usage.totalTokens)}
        </span>
        <span aria-hidden="true"> · </span>
        {result.costUsd === null ? (
          <span className="price-unknown" data-testid="answer-cost" title={`Set a price for ${model} in Settings → Pricing to see costs.`}>
            price unknown
          </span>
        ) : (
          <span data-testid="answer-cost">{formatCost(result.costUsd)}</span>
        )}
      </span>
      {result.costUsd === null && (
        <p className="hint answer-cost-hint" data-testid="answer-cost-hint">
          FROK has no price for {model}. Add it in Settings → Pricing to see what answers cost.
        </p>
      )}
    </div>
  );
}
