/**
 * Settings → Prices: dollars per million tokens for each model, which is how FROK turns
 * a run's tokens into a cost. FROK ships OpenAI's prices of a known day (shared/prices.ts)
 * and says which day. The table saves when a row is left (or a row removed) and every row
 * is right; mistakes are shown on their row and nothing typed is lost.
 */
import { Fragment, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shippedPriceFor, SHIPPED_PRICES_CHECKED_ON, SHIPPED_PRICES_SOURCE } from '@shared/prices';
import type { Settings } from '@shared/settings';
import { formatDate, formatNumber } from '../../i18n/format';
import { useSettingSave } from './autosave';
import { SaveStatusText } from './SaveStatus';
import { useFollowedDraft } from './use-followed-draft';
import { st } from './words';

export interface PricingSectionProps {
  settings: Settings;
  onSettings(settings: Settings): void;
}

export interface PriceRow {
  /** Stable React key, as rows can be removed from the middle: saved rows count up from 0, added ones down from -1. */
  key: number;
  model: string;
  input: string;
  output: string;
}

export type RowErrors = Partial<Record<'model' | 'input' | 'output', string>>;

/** The settings schema's limit. */
const MAX_PRICE = 10_000;

export function rowsFromPricing(pricing: Settings['pricing']): PriceRow[] {
  return Object.entries(pricing).map(([model, p], key) => ({ key, model, input: String(p.inputPerMillionUsd), output: String(p.outputPerMillionUsd) }));
}

function sameRows(a: readonly PriceRow[], b: readonly PriceRow[]): boolean {
  return a.length === b.length && a.every((r, i) => r.model === b[i]!.model && r.input === b[i]!.input && r.output === b[i]!.output);
}

/** "1,25" is how many people write 1.25. */
function parsePrice(text: string): number {
  const t = text.trim();
  return t === '' ? NaN : Number(t.includes('.') ? t : t.replace(',', '.'));
}

function checkPrice(text: string): string | undefined {
  const value = parsePrice(text);
  if (!Number.isFinite(value)) return st('pricing.priceNotNumber');
  if (value < 0 || value > MAX_PRICE) return st('pricing.priceRange', { max: formatNumber(MAX_PRICE) });
  return undefined;
}

/** Errors by row key; empty when the table can be saved. */
export function checkPriceRows(rows: readonly PriceRow[]): Map<number, RowErrors> {
  const errors = new Map<number, RowErrors>();
  const seen = new Set<string>();
  for (const row of rows) {
    const e: RowErrors = {};
    const model = row.model.trim();
    if (!model) e.model = st('pricing.modelEmpty');
    else if (model.length > 200) e.model = st('pricing.modelTooLong');
    else if (seen.has(model)) e.model = st('pricing.modelTwice');
    seen.add(model);
    const input = checkPrice(row.input);
    const output = checkPrice(row.output);
    if (input) e.input = input;
    if (output) e.output = output;
    if (Object.keys(e).length) errors.set(row.key, e);
  }
  return errors;
}

export function pricingFromRows(rows: readonly PriceRow[]): Settings['pricing'] {
  return Object.fromEntries(rows.map((r) => [r.model.trim(), { inputPerMillionUsd: parsePrice(r.input), outputPerMillionUsd: parsePrice(r.output) }]));
}

/** The shipped day, read in the person's language: "Dec 4, 2026". Parsed as a local date, so no time zone shifts it. */
export function pricesCheckedOn(): string {
  const [y, m, d] = SHIPPED_PRICES_CHECKED_ON.split('-').map(Number);
  return formatDate(new Date(y!, m! - 1, d!), { dateStyle: 'medium' });
}

/** The person's own price for a model FROK ships a price for (or a model it ships none for). */
export function differsFromShipped(row: Pick<PriceRow, 'model' | 'input' | 'output'>): boolean {
  const shipped = shippedPriceFor(row.model.trim());
  return !shipped || shipped.inputPerMillionUsd !== parsePrice(row.input) || shipped.outputPerMillionUsd !== parsePrice(row.output);
}

export function PricingSection({ settings, onSettings }: PricingSectionProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const saved = rowsFromPricing(settings.pricing);
  const [rows, setRows] = useFollowedDraft(saved, sameRows);
  const [nextKey, setNextKey] = useState(-1);
  const [errors, setErrors] = useState<Map<number, RowErrors>>(new Map());
  const saver = useSettingSave(onSettings);
  const focusRow = useRef<number | null>(null);

  const edit = (key: number, change: Partial<PriceRow>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
    saver.edited();
  };

  async function commit(table: readonly PriceRow[]) {
    if (sameRows(table, saved)) {
      setErrors(new Map());
      return;
    }
    const problems = checkPriceRows(table);
    setErrors(problems);
    if (problems.size) return;
    await saver.save({ pricing: pricingFromRows(table) });
  }

  function add() {
    focusRow.current = nextKey;
    setRows((rs) => [...rs, { key: nextKey, model: '', input: '', output: '' }]);
    setNextKey((k) => k - 1);
  }

  function remove(key: number) {
    const next = rows.filter((r) => r.key !== key);
    setRows(next);
    void commit(next);
  }

  /** Leaving a row (not moving within it) saves the table. */
  function leftRow(event: FocusEvent<HTMLTableRowElement>) {
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    void commit(rows);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit(rows);
    }
  }

  const textModel = settings.models.text;
  const unpriced = !Object.hasOwn(settings.pricing, textModel);
  const tableProblem = errors.size > 0 ? t('pricing.fixRows') : null;

  return (
    <section className="card" aria-labelledby="settings-pricing-title" data-testid="settings-pricing">
      <h2 id="settings-pricing-title">{t('pricing.title')}</h2>
      <p className="pricing-as-of" data-testid="settings-pricing-as-of">
        {t('pricing.asOf', { date: pricesCheckedOn() })}
      </p>
      <p className="hint">
        {t('pricing.intro')}{' '}
        <span className="visually-hidden">{t('pricing.source', { url: SHIPPED_PRICES_SOURCE })}</span>
      </p>
      {unpriced && (
        <p className="message warning" data-testid="pricing-missing-text-model">
          {t('pricing.missingTextModel', { model: textModel })}
        </p>
      )}
      <table className="pricing-table">
        <thead>
          <tr>
            <th scope="col">{t('pricing.model')}</th>
            <th scope="col">{t('pricing.input')}</th>
            <th scope="col">{t('pricing.output')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('pricing.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const e = errors.get(row.key) ?? {};
            const name = row.model.trim() || t('pricing.rowN', { n: index + 1 });
            const errorId = `${id}-${row.key}-error`;
            const messages = [e.model, e.input, e.output].filter(Boolean);
            const own = row.model.trim() !== '' && differsFromShipped(row);
            return (
              <Fragment key={row.key}>
                <tr data-testid="pricing-row" onBlur={leftRow}>
                  <td>
                    <input
                      type="text"
                      value={row.model}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder={t('pricing.modelPlaceholder')}
                      ref={(el) => {
                        if (el && focusRow.current === row.key) {
                          focusRow.current = null;
                          el.focus();
                        }
                      }}
                      onChange={(ev) => edit(row.key, { model: ev.target.value })}
                      onKeyDown={onKeyDown}
                      aria-label={t('pricing.modelLabel', { name })}
                      aria-invalid={e.model ? true : undefined}
                      aria-describedby={messages.length ? errorId : undefined}
                      data-testid="pricing-model"
                    />
                    {own && (
                      <span className="pricing-edited" data-testid="pricing-own">
                        {' '}
                        {t('pricing.own')}
                      </span>
                    )}
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="decimal"
                      value={row.input}
                      placeholder="0.00"
                      onChange={(ev) => edit(row.key, { input: ev.target.value })}
                      onKeyDown={onKeyDown}
                      aria-label={t('pricing.inputLabel', { name })}
                      aria-invalid={e.input ? true : undefined}
                      aria-describedby={messages.length ? errorId : undefined}
                      data-testid="pricing-input"
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="decimal"
                      value={row.output}
                      placeholder="0.00"
                      onChange={(ev) => edit(row.key, { output: ev.target.value })}
                      onKeyDown={onKeyDown}
                      aria-label={t('pricing.outputLabel', { name })}
                      aria-invalid={e.output ? true : undefined}
                      aria-describedby={messages.length ? errorId : undefined}
                      data-testid="pricing-output"
                    />
                  </td>
                  <td>
                    <button type="button" className="button secondary small" onClick={() => remove(row.key)} aria-label={t('pricing.removeLabel', { name })} data-testid="pricing-remove">
                      {t('pricing.remove')}
                    </button>
                  </td>
                </tr>
                {messages.length > 0 && (
                  <tr className="pricing-error-row">
                    <td colSpan={4} className="field-error" id={errorId} data-testid="pricing-row-error">
                      {messages.join(' ')}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="hint">{t('pricing.empty')}</p>}
      <SaveStatusText status={saver.status} problem={tableProblem} testId="settings-pricing-status" />
      <div className="actions">
        <button type="button" className="button secondary" onClick={add} data-testid="pricing-add">
          {t('pricing.add')}
        </button>
      </div>
    </section>
  );
}
