/** "Export" as a small disclosure: Markdown or JSON. Used for one conversation and for all. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '@shared/history';

export interface ExportMenuProps {
  /** The button's text ("Export", "Export all"). */
  label: string;
  /** What is exported, for screen readers: "Export “Weather in Berlin” as Markdown". */
  subject: string;
  disabled?: boolean;
  testId: string;
  onExport(format: ExportFormat): void;
}

/** The formats' own names: the same in every language. */
const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'markdown', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
];

export function ExportMenu({ label, subject, disabled, testId, onExport }: ExportMenuProps) {
  const { t } = useTranslation('history');
  const [open, setOpen] = useState(false);
  const menuId = useId();
  return (
    <span className="history-export">
      <button
        type="button"
        className="button secondary small"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        {label}
      </button>
      {open && (
        <span id={menuId} className="history-export-choices" role="group" aria-label={t('export.menu', { label })}>
          {FORMATS.map((f) => (
            <button
              key={f.format}
              type="button"
              className="button secondary small"
              aria-label={t('export.choice', { subject, format: f.label })}
              onClick={() => {
                setOpen(false);
                onExport(f.format);
              }}
              data-testid={`${testId}-${f.format}`}
            >
              {f.label}
            </button>
          ))}
        </span>
      )}
    </span>
  );
}
