/**
 * The prices FROK ships with: US dollars per million tokens, as OpenAI's model pages list
 * them on the day below. They are the starting table of Settings → Budget & prices (and so
 * what main's cost accounting uses until the person edits them); update the date with them.
 *
 * FROK keeps one input and one output rate per model. A voice session's tokens are nearly
 * all audio, so the realtime models carry their audio rates: the estimate leans high rather
 * than low.
 */

export interface ShippedPrice {
  inputPerMillionUsd: number;
  outputPerMillionUsd: number;
}

/** The day these prices were checked against OpenAI's pages (ISO date, no time zone). */
export const SHIPPED_PRICES_CHECKED_ON = '2026-12-04';

/** Where a person checks them again. */
export const SHIPPED_PRICES_SOURCE = 'https://developers.openai.com/api/docs/pricing';

export const SHIPPED_PRICES: Readonly<Record<string, Readonly<ShippedPrice>>> = Object.freeze({
  // Text models (standard requests up to 272K input tokens).
  'gpt-5.6-luna': { inputPerMillionUsd: 0.2, outputPerMillionUsd: 1.2 },
  'gpt-5.6-terra': { inputPerMillionUsd: 2, outputPerMillionUsd: 12 },
  'gpt-5.6-sol': { inputPerMillionUsd: 5, outputPerMillionUsd: 30 },
  // Realtime (voice) models, audio rates.
  'gpt-realtime-2.1': { inputPerMillionUsd: 32, outputPerMillionUsd: 64 },
  'gpt-realtime-2.1-mini': { inputPerMillionUsd: 10, outputPerMillionUsd: 20 },
});

/** A fresh, editable copy of the shipped table. */
export function shippedPriceTable(): Record<string, ShippedPrice> {
  return Object.fromEntries(Object.entries(SHIPPED_PRICES).map(([model, p]) => [model, { ...p }]));
}

/** The shipped price of a model (own keys only, like main's lookup), if FROK ships one. */
export function shippedPriceFor(model: string): ShippedPrice | undefined {
  return Object.hasOwn(SHIPPED_PRICES, model) ? SHIPPED_PRICES[model] : undefined;
}
