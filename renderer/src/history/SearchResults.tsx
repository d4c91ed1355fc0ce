/** What a search found, newest first: each hit's conversation, kind, when, and the words around it. */
import { useTranslation } from 'react-i18next';
import type { HistorySearchHit } from '@shared/history';
import { whenLabel } from './history-model';
import { KindBadge } from './KindBadge';
import { Snippet } from './Snippet';

export interface SearchResultsProps {
  query: string;
  hits: HistorySearchHit[];
  onOpen(conversationId: string): void;
}

export function SearchResults({ query, hits, onOpen }: SearchResultsProps) {
  const { t } = useTranslation('history');
  const now = new Date();
  if (hits.length === 0) {
    return (
      <p className="history-empty" data-testid="history-search-empty">
        {t('search.empty', { query })}
      </p>
    );
  }
  return (
    <ul className="history-hits" aria-label={t('search.results', { query })} data-testid="history-hits">
      {hits.map((hit) => (
        <li key={`${hit.conversationId}-${hit.seq}`} className="history-hit" data-testid="history-hit" data-conversation-id={hit.conversationId}>
          <button type="button" className="history-open" onClick={() => onOpen(hit.conversationId)} data-testid="history-hit-open">
            <span className="history-title" data-testid="history-hit-title">
              {hit.title}
            </span>
          </button>
          <p className="history-meta">
            <KindBadge kind={hit.kind} />
            <span>{whenLabel(hit.at, now)}</span>
            <span>{t(hit.role === 'user' ? 'search.role.user' : hit.role === 'tool' ? 'search.role.tool' : 'search.role.assistant')}</span>
          </p>
          <Snippet parts={hit.snippet} />
        </li>
      ))}
    </ul>
  );
}
