/**
 * Writes a result the way a person expects to hear it: float noise rounded away
 * (0.1 + 0.2 → "0.3", at most 12 significant digits), plain digits for ordinary
 * magnitudes, and "1.5 × 10^20" for very large or very small ones. No thousands
 * separators, so the text can be fed back into the calculator.
 */
const SIGNIFICANT_DIGITS = 12;
const PLAIN_MIN = 1e-6;
const PLAIN_MAX = 1e15;

export function formatResult(value: number): string {
  if (value === 0) return '0'; // also -0
  if (Number.isSafeInteger(value)) return String(value);
  const rounded = Number(value.toPrecision(SIGNIFICANT_DIGITS));
  const magnitude = Math.abs(rounded);
  // Within this range String() never switches to exponent notation.
  if (magnitude >= PLAIN_MIN && magnitude < PLAIN_MAX) return String(rounded);
  const [mantissa, exponent] = rounded.toExponential().split('e') as [string, string];
  return `${mantissa} × 10^${Number(exponent)}`;
}
