/** One conversation in the History list: open it, rename it in place, export or delete it. */
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, ExportFormat } from '@shared/history';
import { ExportMenu } from './ExportMenu';
import { messageCountLabel, timeLabel } from './history-model';
import { KindBadge } from './KindBadge';
import { RenameField } from './RenameField';

export interface ConversationRowProps {
  conversation: ConversationSummary;
  renaming: boolean;
  saving: boolean;
  busy: boolean;
  onOpen(): void;
  onStartRename(): void;
  onRename(title: string): void;
  onCancelRename(): void;
  onExport(format: ExportFormat): void;
  onDelete(): void;
}

export function ConversationRow(props: ConversationRowProps) {
  const { t } = useTranslation('history');
  const { conversation: c } = props;
  const quoted = t('row.quoted', { title: c.title });
  return (
    <li className="history-item" data-testid="history-item" data-conversation-id={c.id}>
      <div className="history-item-main">
        {props.renaming ? (
          <RenameField title={c.title} saving={props.saving} onSave={props.onRename} onCancel={props.onCancelRename} />
        ) : (
          <button type="button" className="history-open" onClick={props.onOpen} data-history-focus={c.id} data-testid="history-item-open">
            <span className="history-title" data-testid="history-item-title">
              {c.title}
            </span>
          </button>
        )}
        <p className="history-meta">
          <KindBadge kind={c.kind} />
          <span>{timeLabel(c.updatedAt)}</span>
          <span>{messageCountLabel(c.messageCount)}</span>
        </p>
      </div>
      {!props.renaming && (
        <div className="history-item-actions">
          <button
            type="button"
            className="button secondary small"
            aria-label={t('row.renameNamed', { title: c.title })}
            onClick={props.onStartRename}
            disabled={props.busy}
            data-history-rename={c.id}
            data-testid="history-item-rename"
          >
            {t('row.rename')}
          </button>
          <ExportMenu label={t('row.export')} subject={quoted} disabled={props.busy} testId="history-item-export" onExport={props.onExport} />
          <button
            type="button"
            className="button danger small"
            aria-label={t('row.deleteNamed', { title: c.title })}
            onClick={props.onDelete}
            disabled={props.busy}
            data-testid="history-item-delete"
          >
            {t('common:actions.delete')}
          </button>
        </div>
      )}
    </li>
  );
}
