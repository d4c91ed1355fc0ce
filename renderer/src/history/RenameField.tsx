/** Renaming in place: Enter saves, Escape cancels (Save and Cancel buttons do the same). */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface RenameFieldProps {
  title: string;
  saving: boolean;
  onSave(title: string): void;
  onCancel(): void;
}

export function RenameField({ title, saving, onSave, onCancel }: RenameFieldProps) {
  const { t } = useTranslation('history');
  const [value, setValue] = useState(title);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <form
      className="history-rename"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(value);
      }}
    >
      <input
        ref={input}
        className="history-rename-input"
        aria-label={t('row.newName')}
        value={value}
        maxLength={200}
        disabled={saving}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
        data-testid="history-rename-input"
      />
      <button type="submit" className="button primary small" disabled={saving} data-testid="history-rename-save">
        {t('common:actions.save')}
      </button>
      <button type="button" className="button secondary small" onClick={onCancel} disabled={saving} data-testid="history-rename-cancel">
        {t('common:actions.cancel')}
      </button>
    </form>
  );
}
