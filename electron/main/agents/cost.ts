/** Turns token counts into dollars with the person's editable price table (Settings → Pricing). */
import type { Usage } from '@shared/agents';
import type { ModelPrice } from '@shared/settings';

export function costUsd(usage: Usage, price: ModelPrice | undefined): number | null {
  if (!price) return null;
  // Not rounded here: runs are summed into monthly totals; the window rounds for display.
  return (usage.inputTokens * price.inputPerMillionUsd + usage.outputTokens * price.outputPerMillionUsd) / 1_000_000;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, totalTokens: a.totalTokens + b.totalTokens };
}
