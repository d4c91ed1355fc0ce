/** The last quick asks, newest first; choosing one shows its answer above (choosing it again goes back). */
import { useTranslation } from 'react-i18next';
import type { AgentConfig } from '@shared/agents';
import type { QuickAskEntry } from '@shared/desktop';
import { shortSpecialistName } from '../activity/specialist-label';
import { formatWhen } from './quick-ask-model';

export interface RecentQuickAsksProps {
  entries: QuickAskEntry[];
  selectedRunId: string | null;
  onSelect(entry: QuickAskEntry): void;
  config: AgentConfig | null;
}

export function RecentQuickAsks({ entries, selectedRunId, onSelect, config }: RecentQuickAsksProps) {
  const { t } = useTranslation('quickAsk');
  if (entries.length === 0) return null;
  const now = new Date();
  return (
    <section className="qa-recents" aria-labelledby="qa-recents-title">
      <h2 id="qa-recents-title" className="qa-recents-title">
        {t('recent')}
      </h2>
      <ul className="qa-recent-list">
        {entries.map((entry) => {
          const selected = entry.runId === selectedRunId;
          return (
            <li key={entry.runId}>
              <button
                type="button"
                className="qa-recent"
                aria-pressed={selected}
                onClick={() => onSelect(entry)}
                data-testid="qa-recent"
                data-run-id={entry.runId}
              >
                <span className="qa-recent-query">{entry.query}</span>
                <span className="qa-recent-meta">
                  {entry.specialistsUsed.map((id) => shortSpecialistName(id, config)).join(', ')}
                  {entry.specialistsUsed.length > 0 && ' · '}
                  <time dateTime={entry.at}>{formatWhen(entry.at, now)}</time>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
