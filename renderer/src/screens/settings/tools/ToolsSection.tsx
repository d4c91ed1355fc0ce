/**
 * Settings → Tools: the person's own MCP servers. The list comes from `mcp:list` and
 * follows `mcp:changed` (one server at a time: starting, connected, failed…); adding,
 * editing and importing happen in panels inside the card.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { McpServerView } from '@shared/mcp';
import { FormMessage, type FormMessageValue } from '../../../components/FormMessage';
import { call, errorMessage, useFrokEvent } from '../../../ipc';
import { ImportPanel } from './ImportPanel';
import { ServerForm } from './ServerForm';
import { ServerItem } from './ServerItem';
import { emptyDraft, upsertServer } from './tools-model';

type Panel = 'add' | 'import' | null;

export function ToolsSection() {
  const { t } = useTranslation('tools');
  const [servers, setServers] = useState<McpServerView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  // Events that arrive before the list does are applied to it when it comes.
  const early = useRef<McpServerView[]>([]);
  // Where the keyboard focus goes when the panel or server it was in goes away.
  const addButton = useRef<HTMLButtonElement>(null);
  const refocus = () => requestAnimationFrame(() => addButton.current?.focus());

  useEffect(() => {
    let live = true;
    call('mcp:list')
      .then((list) => {
        if (!live) return;
        setServers(early.current.reduce(upsertServer, list.servers));
        early.current = [];
      })
      .catch((err: unknown) => {
        if (live) setLoadError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, []);

  useFrokEvent('mcp:changed', (view) => {
    if (servers === null) early.current.push(view);
    else setServers((s) => (s ? upsertServer(s, view) : s));
  });

  const ids = (servers ?? []).map((s) => s.config.id);
  const open = (next: Panel) => {
    setPanel((p) => (p === next ? null : next));
    setMessage(null);
  };

  return (
    <section className="card tools-section" aria-labelledby="settings-tools-title" data-testid="settings-tools">
      <h2 id="settings-tools-title">{t('section.title')}</h2>
      <p className="hint section-intro">{t('section.intro')}</p>

      {loadError && (
        <p className="message error" role="alert" data-testid="settings-tools-load-error">
          {loadError}
        </p>
      )}
      {servers === null && !loadError && <p className="hint">{t('section.loading')}</p>}
      {servers !== null && servers.length === 0 && (
        <p className="hint" data-testid="settings-tools-empty">
          {t('section.empty')}
        </p>
      )}
      {servers !== null && servers.length > 0 && (
        <ul className="tools-server-list" data-testid="settings-tools-list">
          {servers.map((view) => (
            <ServerItem
              key={view.config.id}
              view={view}
              takenIds={ids.filter((i) => i !== view.config.id)}
              onView={(next) => setServers((s) => upsertServer(s ?? [], next))}
              onRemoved={(removed) => {
                setServers((s) => (s ?? []).filter((x) => x.config.id !== removed));
                setMessage({ tone: 'success', text: t('section.removed', { name: view.config.name }) });
                refocus();
              }}
            />
          ))}
        </ul>
      )}

      <FormMessage value={message} testId="settings-tools-message" />
      <div className="actions">
        <button ref={addButton} type="button" className="button secondary" aria-expanded={panel === 'add'} onClick={() => open('add')} data-testid="settings-tools-add">
          {t('section.add')}
        </button>
        <button type="button" className="button secondary" aria-expanded={panel === 'import'} onClick={() => open('import')} data-testid="settings-tools-import">
          {t('section.import')}
        </button>
      </div>

      {panel === 'add' && (
        <ServerForm
          initial={emptyDraft()}
          takenIds={ids}
          onSaved={(view) => {
            setServers((s) => upsertServer(s ?? [], view));
            setPanel(null);
            setMessage({ tone: 'success', text: t('section.added', { name: view.config.name }) });
            refocus();
          }}
          onCancel={() => {
            setPanel(null);
            refocus();
          }}
        />
      )}
      {panel === 'import' && (
        <ImportPanel
          onImported={(list, added) => {
            setServers(list);
            setPanel(null);
            setMessage({ tone: 'success', text: t('section.addedCount', { count: added }) });
            refocus();
          }}
          onClose={() => {
            setPanel(null);
            refocus();
          }}
        />
      )}
    </section>
  );
}
