/**
 * The memories shown: the first page at once, then ~250 ms after the person stops typing
 * in the search box (best match first), more with loadMore. An answer that arrives after
 * the query changed is dropped; edits and deletes change the list in place.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MemoryView } from '@shared/history';
import { call, errorMessage } from '../ipc';
import { appendMemories, MEMORY_PAGE_SIZE } from './memory-model';

export const MEMORY_SEARCH_DEBOUNCE_MS = 250;

export interface MemoryListState {
  /** null until the first answer for this query. */
  items: MemoryView[] | null;
  total: number;
  /** The query the items answer ('' for every memory). */
  answered: string;
  error: string | null;
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
  /** An edited memory, in its place. */
  replace(memory: MemoryView): void;
  /** A deleted memory, gone (and the total one less). */
  remove(id: string): void;
}

export function useMemoryList(text: string): MemoryListState {
  const query = text.trim().slice(0, 500);
  const [items, setItems] = useState<MemoryView[] | null>(null);
  const [total, setTotal] = useState(0);
  const [answered, setAnswered] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [version, setVersion] = useState(0);
  const generation = useRef(0);
  const lastQuery = useRef<string | null>(null);

  useEffect(() => {
    const mine = ++generation.current;
    // The first load and a reload go at once; a changed query waits for the typing to stop.
    const delay = lastQuery.current === null || lastQuery.current === query ? 0 : MEMORY_SEARCH_DEBOUNCE_MS;
    lastQuery.current = query;
    const timer = setTimeout(() => {
      call('memory:list', { ...(query ? { query } : {}), limit: MEMORY_PAGE_SIZE }).then(
        (page) => {
          if (mine !== generation.current) return;
          setItems(page.items);
          setTotal(page.total);
          setAnswered(query);
          setError(null);
          setLoadingMore(false);
        },
        (err: unknown) => {
          if (mine !== generation.current) return;
          setError(errorMessage(err));
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [query, version]);

  const shown = items?.length ?? 0;
  const loadMore = useCallback(() => {
    const mine = generation.current;
    setLoadingMore(true);
    call('memory:list', { ...(answered ? { query: answered } : {}), limit: MEMORY_PAGE_SIZE, offset: shown }).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((before) => appendMemories(before ?? [], page.items));
        setTotal(page.total);
        setError(null);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(errorMessage(err));
        setLoadingMore(false);
      },
    );
  }, [answered, shown]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const replace = useCallback((memory: MemoryView) => {
    setItems((before) => before?.map((m) => (m.id === memory.id ? memory : m)) ?? before);
  }, []);
  // Only called for a memory that is shown, so the total is one less.
  const remove = useCallback((id: string) => {
    setItems((before) => before?.filter((m) => m.id !== id) ?? before);
    setTotal((t) => Math.max(0, t - 1));
  }, []);

  return { items, total, answered, error, loadingMore, loadMore, reload, replace, remove };
}
