/**
 * Every conversation, typed and spoken: by day, newest first, searchable, to open and
 * continue, rename, export or delete (with Undo while main still keeps it, 30 s).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, ExportFormat } from '@shared/history';
import { ConversationRow } from '../history/ConversationRow';
import { ExportMenu } from '../history/ExportMenu';
import { focusAfterRemoval, groupByDay } from '../history/history-model';
import { SearchResults } from '../history/SearchResults';
import { UndoDeleteBanner } from '../history/UndoDeleteBanner';
import { useHistoryList } from '../history/use-history-list';
import { useHistorySearch } from '../history/use-history-search';
import { call, errorMessage } from '../ipc';

/** As long as main keeps a deleted conversation (UNDO_WINDOW_MS in main). */
const UNDO_MS = 30_000;

export interface HistoryScreenProps {
  onOpen(conversationId: string): void;
}

export function HistoryScreen({ onOpen }: HistoryScreenProps) {
  const { t } = useTranslation('history');
  const [query, setQuery] = useState('');
  const search = useHistorySearch(query);
  const list = useHistoryList(search.refresh);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleted, setDeleted] = useState<{ id: string; title: string } | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const screen = useRef<HTMLElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  // Where focus goes once the list has re-rendered: a row's Open (or Rename) button, or the search box.
  const focusTarget = useRef<{ id: string; control: 'open' | 'rename' } | { id: null } | null>(null);
  const focusNext = (target: NonNullable<typeof focusTarget.current>) => {
    focusTarget.current = target;
  };

  const items = (list.items ?? []).filter((c) => !hidden.has(c.id));

  // After every render: the row may only now be there (an undo waits for the list to refresh).
  useEffect(() => {
    const target = focusTarget.current;
    const root = screen.current;
    if (!target || !root) return;
    if (target.id === null) {
      searchInput.current?.focus();
      focusTarget.current = null;
      return;
    }
    const selector = target.control === 'rename' ? `[data-history-rename="${CSS.escape(target.id)}"]` : `[data-history-focus="${CSS.escape(target.id)}"]`;
    const el = root.querySelector<HTMLElement>(selector);
    if (el) {
      el.focus();
      focusTarget.current = null;
    }
  });

  // The Undo offer ends when main deletes the conversation for good.
  useEffect(() => {
    if (!deleted) return undefined;
    const timer = setTimeout(() => setDeleted(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  async function rename(c: ConversationSummary, title: string) {
    if (title.trim() === c.title) {
      setRenaming(null);
      focusNext({ id: c.id, control: 'rename' });
      return;
    }
    setSaving(true);
    try {
      await call('history:rename', { id: c.id, title });
      setRenaming(null);
      setProblem(null);
      focusNext({ id: c.id, control: 'rename' });
      list.reload();
    } catch (err) {
      setProblem(t('errors.rename', { reason: errorMessage(err) }));
    } finally {
      setSaving(false);
    }
  }

  async function remove(c: ConversationSummary) {
    const next = focusAfterRemoval(
      items.map((i) => i.id),
      c.id,
    );
    try {
      await call('history:delete', { id: c.id });
      setHidden((h) => new Set(h).add(c.id));
      setDeleted({ id: c.id, title: c.title });
      setProblem(null);
      focusNext(next ? { id: next, control: 'open' } : { id: null });
      search.refresh();
    } catch (err) {
      setProblem(t('errors.delete', { reason: errorMessage(err) }));
    }
  }

  async function undo() {
    if (!deleted) return;
    setUndoing(true);
    try {
      await call('history:undoDelete', { id: deleted.id });
      const id = deleted.id;
      setHidden((h) => {
        const copy = new Set(h);
        copy.delete(id);
        return copy;
      });
      setDeleted(null);
      setProblem(null);
      focusNext({ id, control: 'open' });
      list.reload();
      search.refresh();
    } catch (err) {
      setDeleted(null);
      setProblem(errorMessage(err));
    } finally {
      setUndoing(false);
    }
  }

  async function exportConversations(format: ExportFormat, id?: string) {
    setSaved(null);
    try {
      const result = await call('history:export', { format, ...(id ? { id } : {}) });
      setProblem(null);
      // Cancelled in the save dialog: nothing to say.
      if (result.saved && result.path) setSaved(result.path);
    } catch (err) {
      setProblem(t('errors.export', { reason: errorMessage(err) }));
    }
  }

  const searching = query.trim() !== '';

  return (
    <section ref={screen} className="screen history-screen" data-testid="screen-history" aria-labelledby="screen-history-title">
      <header className="screen-header">
        <h1 id="screen-history-title" tabIndex={-1}>
          {t('title')}
        </h1>
        <ExportMenu
          label={t('exportAll')}
          subject={t('everyConversation')}
          disabled={list.items === null || list.total === 0}
          testId="history-export-all"
          onExport={(format) => void exportConversations(format)}
        />
      </header>

      <form role="search" className="history-search" onSubmit={(e) => e.preventDefault()} aria-label={t('search.label')}>
        <label htmlFor="history-search-input">{t('search.label')}</label>
        <input
          ref={searchInput}
          id="history-search-input"
          type="search"
          value={query}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          data-testid="history-search"
        />
      </form>

      {deleted && <UndoDeleteBanner title={deleted.title} undoing={undoing} onUndo={() => void undo()} onDismiss={() => setDeleted(null)} />}
      {saved && (
        <p className="message success" role="status" data-testid="history-export-saved">
          {t('export.savedTo')} <code>{saved}</code>{' '}
          <button type="button" className="link-button" onClick={() => setSaved(null)}>
            {t('dismiss')}
          </button>
        </p>
      )}
      {problem && (
        <p className="message error" role="alert" data-testid="history-error">
          {problem}{' '}
          <button type="button" className="link-button" onClick={() => setProblem(null)}>
            {t('dismiss')}
          </button>
        </p>
      )}

      {searching ? (
        <>
          {search.error && (
            <p className="message error" role="alert" data-testid="history-search-error">
              {t('search.failed', { reason: search.error })}{' '}
              <button type="button" className="link-button" onClick={search.refresh}>
                {t('common:actions.retry')}
              </button>
            </p>
          )}
          {search.hits && (
            <SearchResults
              query={query.trim()}
              hits={search.hits.filter((h) => !hidden.has(h.conversationId))}
              onOpen={onOpen}
            />
          )}
        </>
      ) : (
        <ConversationList
          items={list.items === null ? null : items}
          hasMore={list.items !== null && list.items.length < list.total}
          loadingMore={list.loadingMore}
          error={list.error}
          renaming={renaming}
          saving={saving}
          onReload={list.reload}
          onLoadMore={list.loadMore}
          onOpen={onOpen}
          onStartRename={(id) => setRenaming(id)}
          onCancelRename={(id) => {
            setRenaming(null);
            focusNext({ id, control: 'rename' });
          }}
          onRename={(c, title) => void rename(c, title)}
          onExport={(c, format) => void exportConversations(format, c.id)}
          onDelete={(c) => void remove(c)}
        />
      )}
    </section>
  );
}

interface ConversationListProps {
  items: ConversationSummary[] | null;
  hasMore: boolean;
  loadingMore: boolean;
  error: string | null;
  renaming: string | null;
  saving: boolean;
  onReload(): void;
  onLoadMore(): void;
  onOpen(id: string): void;
  onStartRename(id: string): void;
  onCancelRename(id: string): void;
  onRename(c: ConversationSummary, title: string): void;
  onExport(c: ConversationSummary, format: ExportFormat): void;
  onDelete(c: ConversationSummary): void;
}

/** The conversations by day, with "Load more" under them. */
function ConversationList(props: ConversationListProps) {
  const { t } = useTranslation('history');
  const { items } = props;
  const error = props.error && (
    <p className="message error" role="alert" data-testid="history-load-error">
      {t('list.loadFailed', { reason: props.error })}{' '}
      <button type="button" className="link-button" onClick={props.onReload}>
        {t('common:actions.retry')}
      </button>
    </p>
  );
  if (items === null) {
    return error || <p className="hint" data-testid="history-loading">{t('list.loading')}</p>;
  }
  if (items.length === 0 && !props.hasMore) {
    return (
      <>
        {error}
        <p className="history-empty" data-testid="history-empty">
          {t('list.empty')}
        </p>
      </>
    );
  }
  const groups = groupByDay(items, new Date());
  return (
    <>
      {error}
      <div className="history-days" data-testid="history-list">
        {groups.map((group) => (
          <section key={group.key} className="history-day" aria-labelledby={`history-day-${group.key}`} data-testid="history-day">
            <h2 id={`history-day-${group.key}`} className="history-day-title" data-testid="history-day-title">
              {group.label}
            </h2>
            <ul className="history-items">
              {group.items.map((c) => (
                <ConversationRow
                  key={c.id}
                  conversation={c}
                  renaming={props.renaming === c.id}
                  saving={props.saving && props.renaming === c.id}
                  busy={props.renaming !== null && props.renaming !== c.id}
                  onOpen={() => props.onOpen(c.id)}
                  onStartRename={() => props.onStartRename(c.id)}
                  onCancelRename={() => props.onCancelRename(c.id)}
                  onRename={(title) => props.onRename(c, title)}
                  onExport={(format) => props.onExport(c, format)}
                  onDelete={() => props.onDelete(c)}
                />
              ))}
            </ul>
          </section>
        ))}
      </div>
      {props.hasMore && (
        <button type="button" className="button secondary history-more" onClick={props.onLoadMore} disabled={props.loadingMore} data-testid="history-load-more">
          {props.loadingMore ? t('list.loadingMore') : t('list.loadMore')}
        </button>
      )}
    </>
  );
}
