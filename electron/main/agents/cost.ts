/** Turns token counts into dollars with the person's editable price table (Settings → Pricing). */
import type { Usage } from '@shared/agents';
import type { ModelPrice } from '@shared/settings';

/**
 * The price of `model` in the table, looked up among the table's own keys only: a model
 * named `toString`, `constructor` or `__proto__` has no price (so its cost is null, not NaN).
 */
export function priceFor(table: Readonly<Record<string, ModelPrice>> | undefined, model: string): ModelPrice | undefined {
  if (!table || !Object.hasOwn(table, model)) return undefined;
  return table[model];
}

export function costUsd(usage: Usage, price: ModelPrice | undefined): number | null {
  if (!price || typeof price.inputPerMillionUsd !== 'number' || typeof price.outputPerMillionUsd !== 'number') return null;
  // Not rounded here: runs are summed into monthly totals; the window rounds for display.
  return (usage.inputTokens * price.inputPerMillionUsd + usage.outputTokens * price.outputPerMillionUsd) / 1_000_000;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, totalTokens: a.totalTokens + b.totalTokens };
}
