/**
 * What FROK typically costs, worked out from the price table (Settings → Pricing, which
 * starts as the shipped one), so the first-run sentence follows the prices rather than
 * quoting numbers that go stale.
 */
import { shippedPriceFor } from '@shared/prices';
import type { ModelPrice, Settings } from '@shared/settings';

/** A typed question: the instructions, the team's roster and the question in; a short answer out. */
export const TYPICAL_QUESTION_TOKENS = { input: 2_000, output: 500 } as const;

/**
 * A minute of talking, half the person and half FROK. Realtime audio counts 1 token per
 * 100 ms heard and 1 per 50 ms spoken (OpenAI's realtime docs): 30 s heard is 300 tokens,
 * 30 s spoken 600; each reply re-reads the conversation so far, which about doubles what
 * goes in. The realtime models' prices are their audio rates (shared/prices.ts).
 */
export const VOICE_MINUTE_TOKENS = { input: 600, output: 600 } as const;

function priceOf(settings: Pick<Settings, 'pricing'>, model: string): ModelPrice | undefined {
  return Object.hasOwn(settings.pricing, model) ? settings.pricing[model] : shippedPriceFor(model);
}

function cost(tokens: { input: number; output: number }, price: ModelPrice | undefined): number | null {
  if (!price) return null;
  return (tokens.input * price.inputPerMillionUsd + tokens.output * price.outputPerMillionUsd) / 1_000_000;
}

/** US dollars for a typical question and a minute of voice; null where the model's price is unknown. */
export function typicalCosts(settings: Pick<Settings, 'pricing' | 'models'>): { questionUsd: number | null; voiceMinuteUsd: number | null } {
  return {
    questionUsd: cost(TYPICAL_QUESTION_TOKENS, priceOf(settings, settings.models.text)),
    voiceMinuteUsd: cost(VOICE_MINUTE_TOKENS, priceOf(settings, settings.models.realtime)),
  };
}

/** Money in a sentence: two significant digits ("$0.001", "$0.058"), in the person's language. */
export function roughMoney(usd: number, format: (value: number, options: Intl.NumberFormatOptions) => string): string {
  return format(usd, { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 });
}
