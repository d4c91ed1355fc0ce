// Settings → Pricing and Specialists: what is checked before saving, in words for the field.
import { describe, expect, it } from 'vitest';
import { checkPriceRows, pricingFromRows, rowsFromPricing, type PriceRow } from '../../renderer/src/screens/settings/PricingSection';
import { checkWholeNumber } from '../../renderer/src/screens/settings/SpecialistsSection';

const row = (key: number, model: string, input: string, output: string): PriceRow => ({ key, model, input, output });

describe('the price table', () => {
  it('round-trips the settings table', () => {
    const pricing = { 'gpt-a': { inputPerMillionUsd: 1.25, outputPerMillionUsd: 10 } };
    const rows = rowsFromPricing(pricing);
    expect(rows).toEqual([row(0, 'gpt-a', '1.25', '10')]);
    expect(checkPriceRows(rows).size).toBe(0);
    expect(pricingFromRows(rows)).toEqual(pricing);
  });

  it('names each mistake on its own row and field', () => {
    const errors = checkPriceRows([row(1, '', '1', '2'), row(2, 'gpt-a', 'two', '-1'), row(3, ' gpt-a ', '0', '20000'), row(4, 'ok', '0', '0')]);
    expect(errors.get(1)).toEqual({ model: expect.stringMatching(/Enter the model name/) });
    expect(errors.get(2)).toEqual({ input: 'Enter a price in dollars, such as 1.25.', output: expect.stringMatching(/from 0 to 10,000/) });
    expect(errors.get(3)).toEqual({ model: 'This model is already in the table.', output: expect.stringMatching(/from 0 to 10,000/) });
    expect(errors.has(4)).toBe(false);
  });

  it('accepts a decimal comma and trims model names', () => {
    expect(pricingFromRows([row(0, '  local-model ', '0,5', '1.5')])).toEqual({ 'local-model': { inputPerMillionUsd: 0.5, outputPerMillionUsd: 1.5 } });
  });
});

describe('limits', () => {
  it('wants whole numbers in range', () => {
    expect(checkWholeNumber('12', 1, 50)).toBeNull();
    expect(checkWholeNumber('0', 1, 50)).toBe('Enter a number from 1 to 50.');
    expect(checkWholeNumber('2.5', 1, 50)).toBe('Enter a whole number from 1 to 50.');
    expect(checkWholeNumber(' ', 1, 50)).toBe('Enter a whole number from 1 to 50.');
  });
});
