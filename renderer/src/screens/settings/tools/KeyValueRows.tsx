/**
 * Environment variables or headers as rows: name, value, and a "secret" box that sends the
 * value to the keychain instead. A saved secret shows only as "set"; its field stays empty
 * and leaving it empty keeps it.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { newRow, type DraftField, type KeyValueRow } from './tools-model';

export interface KeyValueRowsProps {
  kind: 'env' | 'headers';
  rows: KeyValueRow[];
  /** Secret names the keychain holds for the saved server. */
  stored: readonly string[];
  errors: Partial<Record<DraftField, string>>;
  onChange(rows: KeyValueRow[]): void;
}

export function KeyValueRows({ kind, rows, stored, errors, onChange }: KeyValueRowsProps) {
  const { t } = useTranslation('tools');
  const id = useId();
  const isEnv = kind === 'env';
  const update = (key: string, change: Partial<KeyValueRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  return (
    <fieldset className="field-group tools-rows" data-testid={`tools-form-${kind}`}>
      <legend>
        {t(isEnv ? 'rows.envLegend' : 'rows.headersLegend')} <span className="optional">{t('form.optional')}</span>
      </legend>
      <p className="hint">
        {t(isEnv ? 'rows.envHint' : 'rows.headersHint')}
      </p>
      {rows.length > 0 && (
        <ul className="tools-row-list">
          {rows.map((row, index) => {
            const n = index + 1;
            const error = errors[`${kind}:${row.key}`];
            const isStored = row.secret && stored.includes(row.name.trim());
            const rowId = `${id}-${row.key}`;
            return (
              <li key={row.key} className="tools-row" data-testid={`tools-form-${kind}-row`}>
                <div className="tools-row-inputs">
                  <label className="visually-hidden" htmlFor={`${rowId}-name`}>
                    {t(isEnv ? 'rows.envName' : 'rows.headerName', { n })}
                  </label>
                  <input
                    id={`${rowId}-name`}
                    type="text"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={t(isEnv ? 'rows.envNamePlaceholder' : 'rows.headerNamePlaceholder')}
                    value={row.name}
                    onChange={(e) => update(row.key, { name: e.target.value })}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${rowId}-error` : undefined}
                    data-testid={`tools-form-${kind}-name`}
                  />
                  <label className="visually-hidden" htmlFor={`${rowId}-value`}>
                    {t(`rows.${isEnv ? 'env' : 'header'}Value${row.secret ? 'Secret' : ''}`, { n })}
                  </label>
                  <input
                    id={`${rowId}-value`}
                    type={row.secret ? 'password' : 'text'}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={t(isStored ? 'rows.storedPlaceholder' : 'rows.valuePlaceholder')}
                    value={row.value}
                    onChange={(e) => update(row.key, { value: e.target.value })}
                    data-testid={`tools-form-${kind}-value`}
                  />
                  <label className="tools-row-secret">
                    <input
                      type="checkbox"
                      checked={row.secret}
                      onChange={(e) => update(row.key, { secret: e.target.checked })}
                      data-testid={`tools-form-${kind}-secret`}
                    />
                    {t('rows.secret')}
                  </label>
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                    aria-label={t(isEnv ? 'rows.removeEnv' : 'rows.removeHeader', { name: row.name.trim() || n })}
                  >
                    {t('rows.remove')}
                  </button>
                </div>
                {isStored && !row.value && (
                  <p className="hint" data-testid={`tools-form-${kind}-set`}>
                    {t('rows.stored', { name: row.name.trim() })}
                  </p>
                )}
                {error && (
                  <p className="field-error" id={`${rowId}-error`} data-testid={`tools-form-${kind}-error`}>
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <button type="button" className="button secondary small" onClick={() => onChange([...rows, newRow()])} data-testid={`tools-form-${kind}-add`}>
          {t(isEnv ? 'rows.addEnv' : 'rows.addHeader')}
        </button>
      </div>
    </fieldset>
  );
}
