/** Prices come only from the table's own keys (issue #8, item 8a). */
import { describe, expect, it } from 'vitest';
import { costUsd, priceFor } from '../../electron/main/agents/cost';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const usage = { inputTokens: 1_000_000, outputTokens: 500_000, totalTokens: 1_500_000 };
const table = { 'gpt-test': { inputPerMillionUsd: 2, outputPerMillionUsd: 8 } };

describe('price lookup', () => {
  it('prices a model that is in the table', () => {
    expect(priceFor(table, 'gpt-test')).toEqual(table['gpt-test']);
    expect(costUsd(usage, priceFor(table, 'gpt-test'))).toBe(6);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    'gives a model named %s no price: null cost, not NaN',
    (model) => {
      expect(priceFor(table, model)).toBeUndefined();
      expect(priceFor(DEFAULT_SETTINGS.pricing, model)).toBeUndefined();
      expect(costUsd(usage, priceFor(table, model))).toBeNull();
    },
  );

  it('gives an unknown model and a missing table no price', () => {
    expect(costUsd(usage, priceFor(table, 'gpt-unknown'))).toBeNull();
    expect(priceFor(undefined, 'gpt-test')).toBeUndefined();
  });

  it('refuses a price that is not made of numbers, even if one slipped in', () => {
    expect(costUsd(usage, {} as never)).toBeNull();
    expect(costUsd(usage, Object.prototype.toString as never)).toBeNull();
  });
});
