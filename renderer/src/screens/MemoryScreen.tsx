/**
 * What FROK remembers about the person: every memory, newest first (or best match while
 * searching), each with who saved it, when, and the conversation it came from — to edit
 * in place or delete (after asking once more; main keeps no copy to undo from).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemoryView } from '@shared/history';
import { call, errorMessage, FrokError } from '../ipc';
import { MemoryItem, type MemoryItemMode } from '../memory/MemoryItem';
import { countText, focusAfterDelete, isUnchanged, shortFact } from '../memory/memory-model';
import { useMemoryList } from '../memory/use-memory-list';

export interface MemoryScreenProps {
  onOpenConversation(conversationId: string): void;
}

type Action = { id: string; mode: Exclude<MemoryItemMode, 'view'> } | null;
/** Where focus goes once the list has re-rendered. */
type FocusTarget = { id: string; control: 'edit' } | { id: null } | null;

export function MemoryScreen({ onOpenConversation }: MemoryScreenProps) {
  const { t } = useTranslation('memory');
  const [query, setQuery] = useState('');
  const list = useMemoryList(query);
  const [chosen, setAction] = useState<Action>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const screen = useRef<HTMLElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const focusTarget = useRef<FocusTarget>(null);

  useEffect(() => {
    const target = focusTarget.current;
    if (!target) return;
    if (target.id === null) {
      searchInput.current?.focus();
      focusTarget.current = null;
      return;
    }
    const el = screen.current?.querySelector<HTMLElement>(`[data-memory-edit="${CSS.escape(target.id)}"]`);
    if (el) {
      el.focus();
      focusTarget.current = null;
    }
  });

  function finish(id: string | null) {
    setAction(null);
    setProblem(null);
    focusTarget.current = id === null ? { id: null } : { id, control: 'edit' };
  }

  async function save(memory: MemoryView, fact: string, tags: string[]) {
    if (isUnchanged(memory, fact, tags)) {
      finish(memory.id);
      return;
    }
    setBusy(true);
    try {
      const edited = await call('memory:update', { id: memory.id, fact, tags });
      list.replace(edited);
      setStatus(t('status.saved', { fact: shortFact(edited.fact) }));
      finish(memory.id);
    } catch (err) {
      setProblem(t('errors.save', { reason: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }

  async function remove(memory: MemoryView) {
    const next = focusAfterDelete(
      (list.items ?? []).map((m) => m.id),
      memory.id,
    );
    setBusy(true);
    try {
      await call('memory:delete', { id: memory.id });
      list.remove(memory.id);
      setStatus(t('status.deleted', { fact: shortFact(memory.fact) }));
      finish(next);
    } catch (err) {
      if (err instanceof FrokError && err.code === 'memory_not_found') {
        // Already gone (deleted elsewhere): what the person asked for is done.
        list.remove(memory.id);
        setStatus(t('status.alreadyDeleted', { fact: shortFact(memory.fact) }));
        finish(next);
        return;
      }
      setProblem(t('errors.delete', { reason: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }

  const searching = list.answered !== '';
  const items = list.items;
  // A memory being edited that a new search no longer shows is no longer being edited.
  const action = chosen && items?.some((m) => m.id === chosen.id) ? chosen : null;

  return (
    <section ref={screen} className="screen memory-screen" data-testid="screen-memory" aria-labelledby="screen-memory-title">
      <header className="screen-header">
        <h1 id="screen-memory-title" tabIndex={-1}>
          {t('title')}
        </h1>
        <p className="hint" data-testid="memory-intro">
          {t('intro')}
        </p>
      </header>

      <form role="search" className="memory-search" aria-label={t('search.label')} onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="memory-search-input">{t('search.label')}</label>
        <input
          ref={searchInput}
          id="memory-search-input"
          type="search"
          value={query}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          data-testid="memory-search"
        />
      </form>

      <p className="visually-hidden" role="status" data-testid="memory-status">
        {status}
      </p>

      {list.error && (
        <p className="message error" role="alert" data-testid="memory-load-error">
          {t('list.loadFailed', { reason: list.error })}{' '}
          <button type="button" className="link-button" onClick={list.reload}>
            {t('common:actions.retry')}
          </button>
        </p>
      )}

      {items === null && !list.error && (
        <p className="hint" aria-busy="true" data-testid="memory-loading">
          {t('list.loading')}
        </p>
      )}

      {items !== null && items.length === 0 && list.total === 0 && !searching && (
        <p className="memory-empty" data-testid="memory-empty">
          {t('list.empty')}
        </p>
      )}
      {items !== null && items.length === 0 && list.total === 0 && searching && (
        <p className="memory-empty" data-testid="memory-no-match">
          {t('list.noMatch', { query: list.answered })}
        </p>
      )}

      {items !== null && items.length > 0 && (
        <>
          <p className="hint memory-count" data-testid="memory-count" aria-live="polite">
            {countText(list.total, items.length, searching)}
          </p>
          <ul className="memory-list" aria-label={searching ? t('list.labelMatching', { query: list.answered }) : t('list.label')} data-testid="memory-list">
            {items.map((memory) => {
              const mode: MemoryItemMode = action?.id === memory.id ? action.mode : 'view';
              return (
                <MemoryItem
                  key={memory.id}
                  memory={memory}
                  mode={mode}
                  busy={busy && mode !== 'view'}
                  locked={action !== null}
                  problem={mode !== 'view' ? problem : null}
                  onStartEdit={() => {
                    setProblem(null);
                    setAction({ id: memory.id, mode: 'editing' });
                  }}
                  onSave={(fact, tags) => void save(memory, fact, tags)}
                  onCancelEdit={() => finish(memory.id)}
                  onAskDelete={() => {
                    setProblem(null);
                    setAction({ id: memory.id, mode: 'confirming-delete' });
                  }}
                  onConfirmDelete={() => void remove(memory)}
                  onCancelDelete={() => finish(memory.id)}
                  onOpenConversation={onOpenConversation}
                />
              );
            })}
          </ul>
          {items.length < list.total && (
            <button type="button" className="button secondary memory-more" onClick={list.loadMore} disabled={list.loadingMore} data-testid="memory-load-more">
              {list.loadingMore ? t('list.loadingMore') : t('list.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
