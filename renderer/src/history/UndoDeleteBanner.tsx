/** Shown after a delete for as long as it can be undone (30 s). */
export interface UndoDeleteBannerProps {
  title: string;
  undoing: boolean;
  onUndo(): void;
  onDismiss(): void;
}

export function UndoDeleteBanner({ title, undoing, onUndo, onDismiss }: UndoDeleteBannerProps) {
  return (
    <div className="history-undo" role="status" data-testid="history-undo">
      <span>Deleted “{title}”.</span>
      <button type="button" className="button secondary small" onClick={onUndo} disabled={undoing} data-testid="history-undo-button">
        Undo
      </button>
      <button type="button" className="link-button" onClick={onDismiss} aria-label="Hide this message">
        Dismiss
      </button>
    </div>
  );
}
