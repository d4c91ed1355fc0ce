/** A search hit's snippet: the words around the match, the matching words in <mark>. */
import type { HistorySearchHit } from '@shared/history';

export function Snippet({ parts }: { parts: HistorySearchHit['snippet'] }) {
  return (
    <p className="history-snippet" data-testid="history-hit-snippet">
      {parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </p>
  );
}
