/** Full-text search over every conversation, asked ~150 ms after the person stops typing. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistorySearchHit } from '@shared/history';
import { call, errorMessage } from '../ipc';

export const SEARCH_DEBOUNCE_MS = 150;

export interface HistorySearchState {
  /** null before the first answer; while the person types, the last answer stays until the next arrives. */
  hits: HistorySearchHit[] | null;
  error: string | null;
  /** Asks again now (main said something changed). */
  refresh(): void;
}

export function useHistorySearch(text: string): HistorySearchState {
  const [hits, setHits] = useState<HistorySearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const query = text.trim();

  const run = useCallback((q: string) => {
    const mine = ++generation.current;
    call('history:search', { text: q.slice(0, 500), limit: 50 }).then(
      (found) => {
        if (mine !== generation.current) return;
        setHits(found);
        setError(null);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(errorMessage(err));
      },
    );
  }, []);

  useEffect(() => {
    generation.current += 1;
    // An empty box shows the list instead; nothing to ask.
    if (query === '') return undefined;
    const timer = setTimeout(() => run(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, run]);

  const refresh = useCallback(() => {
    if (query !== '') run(query);
  }, [query, run]);

  return { hits, error, refresh };
}
