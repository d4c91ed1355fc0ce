/**
 * Settings → Pricing: dollars per million tokens for each model, which is how FROK turns
 * a run's tokens into a cost. The whole table is saved at once; mistakes are shown next
 * to the field and nothing typed is lost.
 */
import { Fragment, useId, useState, type FormEvent } from 'react';
import type { Settings } from '@shared/settings';
import { FormMessage, type FormMessageValue } from '../../components/FormMessage';
import { call, errorMessage } from '../../ipc';
import { useFollowedDraft } from './use-followed-draft';

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
  if (!Number.isFinite(value)) return 'Enter a price in dollars, such as 1.25.';
  if (value < 0 || value > MAX_PRICE) return 'Enter a price from 0 to 10,000.';
  return undefined;
}

/** Errors by row key; empty when the table can be saved. */
export function checkPriceRows(rows: readonly PriceRow[]): Map<number, RowErrors> {
  const errors = new Map<number, RowErrors>();
  const seen = new Set<string>();
  for (const row of rows) {
    const e: RowErrors = {};
    const model = row.model.trim();
    if (!model) e.model = 'Enter the model name, as it appears in Settings → Provider and models.';
    else if (model.length > 200) e.model = 'Model names are at most 200 characters.';
    else if (seen.has(model)) e.model = 'This model is already in the table.';
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

export function PricingSection({ settings, onSettings }: PricingSectionProps) {
  const id = useId();
  const saved = rowsFromPricing(settings.pricing);
  const [rows, setRows] = useFollowedDraft(saved, sameRows);
  const [nextKey, setNextKey] = useState(-1);
  const [errors, setErrors] = useState<Map<number, RowErrors>>(new Map());
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<FormMessageValue | null>(null);


  const edit = (key: number, change: Partial<PriceRow>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setMessage(null);
  };

  function add() {
    setRows((rs) => [...rs, { key: nextKey, model: '', input: '', output: '' }]);
    setNextKey((k) => k - 1);
    setMessage(null);
  }

  function remove(key: number) {
    setRows((rs) => rs.filter((r) => r.key !== key));
    setErrors((es) => {
      const next = new Map(es);
      next.delete(key);
      return next;
    });
    setMessage(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const problems = checkPriceRows(rows);
    setErrors(problems);
    if (problems.size) {
      setMessage({ tone: 'error', text: 'Some prices need fixing before they can be saved; see the highlighted fields.' });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const next = await call('settings:update', { pricing: pricingFromRows(rows) });
      onSettings(next);
      setMessage({ tone: 'success', text: 'Prices saved.' });
    } catch (err) {
      setMessage({ tone: 'error', text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }

  const textModel = settings.models.text;
  const unpriced = !Object.hasOwn(settings.pricing, textModel);

  return (
    <section className="card" aria-labelledby="settings-pricing-title" data-testid="settings-pricing">
      <h2 id="settings-pricing-title">Pricing</h2>
      <p className="hint">
        US dollars per million input and output tokens ($/1M), used to show what each answer costs. Check your
        provider's price page: these are estimates, not a bill.
      </p>
      {unpriced && (
        <p className="message warning" data-testid="pricing-missing-text-model">
          Your text model, {textModel}, has no price here, so answers show “price unknown”. Add a row for it.
        </p>
      )}
      <form onSubmit={save} noValidate>
        <table className="pricing-table">
          <thead>
            <tr>
              <th scope="col" id={`${id}-model`}>
                Model
              </th>
              <th scope="col" id={`${id}-input`}>
                Input $/1M
              </th>
              <th scope="col" id={`${id}-output`}>
                Output $/1M
              </th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const e = errors.get(row.key) ?? {};
              const name = row.model.trim() || `row ${index + 1}`;
              const errorId = `${id}-${row.key}-error`;
              const messages = [e.model, e.input, e.output].filter(Boolean);
              return (
                <Fragment key={row.key}>
                <tr data-testid="pricing-row">
                  <td>
                    <input
                      type="text"
                      value={row.model}
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="model name"
                      onChange={(ev) => edit(row.key, { model: ev.target.value })}
                      aria-label={`Model name, ${name}`}
                      aria-invalid={e.model ? true : undefined}
                      aria-describedby={messages.length ? errorId : undefined}
                      data-testid="pricing-model"
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="decimal"
                      value={row.input}
                      placeholder="0.00"
                      onChange={(ev) => edit(row.key, { input: ev.target.value })}
                      aria-label={`Input price per million tokens, ${name}`}
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
                      aria-label={`Output price per million tokens, ${name}`}
                      aria-invalid={e.output ? true : undefined}
                      aria-describedby={messages.length ? errorId : undefined}
                      data-testid="pricing-output"
                    />
                  </td>
                  <td>
                    <button type="button" className="button secondary small" onClick={() => remove(row.key)} aria-label={`Remove ${name}`} data-testid="pricing-remove">
                      Remove
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
        {rows.length === 0 && <p className="hint">No prices: every answer will show “price unknown”.</p>}
        <FormMessage value={message} testId="settings-pricing-message" />
        <div className="actions">
          <button type="button" className="button secondary" onClick={add} data-testid="pricing-add">
            Add model
          </button>
          <button type="submit" className="button primary" disabled={saving} data-testid="pricing-save">
            {saving ? 'Saving…' : 'Save prices'}
          </button>
        </div>
      </form>
    </section>
  );
}
