/**
 * The History list as main keeps it: the first page, more on "Load more", and the same
 * span again whenever main says a conversation changed (a new turn, a rename, a delete).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '@shared/history';
import { call, errorMessage, useFrokEvent } from '../ipc';
import { appendPage } from './history-model';

export const PAGE_SIZE = 30;
const MAX_LIMIT = 200;

export interface HistoryListState {
  items: ConversationSummary[] | null;
  total: number;
  /** Loading the list failed; the list (if any) is what was shown before. */
  error: string | null;
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
}

export function useHistoryList(onChanged?: () => void): HistoryListState {
  const [items, setItems] = useState<ConversationSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shownCount = useRef(0);
  // Only the newest request may set the list: a slow first load must not undo a later refresh.
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    const limit = Math.min(MAX_LIMIT, Math.max(PAGE_SIZE, shownCount.current));
    call('history:list', { limit }).then(
      (list) => {
        if (mine !== generation.current) return;
        shownCount.current = list.items.length;
        setItems(list.items);
        setTotal(list.total);
        setError(null);
      },
      (err: unknown) => {
        if (mine === generation.current) setError(errorMessage(err));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      generation.current += 1;
    };
  }, [reload]);

  useFrokEvent('history:changed', () => {
    reload();
    onChanged?.();
  });

  const loadMore = useCallback(() => {
    const last = items?.at(-1);
    if (!last || loadingMore) return;
    const mine = ++generation.current;
    setLoadingMore(true);
    call('history:list', { limit: PAGE_SIZE, before: last.updatedAt })
      .then(
        (page) => {
          if (mine !== generation.current) return;
          setItems((shown) => {
            const next = appendPage(shown ?? [], page.items);
            shownCount.current = next.length;
            return next;
          });
          setTotal(page.total);
          setError(null);
        },
        (err: unknown) => {
          if (mine === generation.current) setError(errorMessage(err));
        },
      )
      .finally(() => setLoadingMore(false));
  }, [items, loadingMore]);

  return { items, total, error, loadingMore, loadMore, reload };
}
