/** Shown after a delete for as long as it can be undone (30 s). */
import { useTranslation } from 'react-i18next';

export interface UndoDeleteBannerProps {
  title: string;
  undoing: boolean;
  onUndo(): void;
  onDismiss(): void;
}

export function UndoDeleteBanner({ title, undoing, onUndo, onDismiss }: UndoDeleteBannerProps) {
  const { t } = useTranslation('history');
  return (
    <div className="history-undo" role="status" data-testid="history-undo">
      <span>{t('undo.deleted', { title })}</span>
      <button type="button" className="button secondary small" onClick={onUndo} disabled={undoing} data-testid="history-undo-button">
        {t('undo.undo')}
      </button>
      <button type="button" className="link-button" onClick={onDismiss} aria-label={t('undo.hide')}>
        {t('dismiss')}
      </button>
    </div>
  );
}
