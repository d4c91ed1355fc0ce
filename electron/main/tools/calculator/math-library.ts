/**
 * The constants and functions an expression may name. Trigonometry works in radians;
 * write `30 deg` (or `30°`, "30 degrees") for degrees. Every function checks its own
 * domain so the person hears "square root of a negative number", not "NaN".
 */
import { CalculatorError } from './calculator-error';

export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
  ['tau', 2 * Math.PI],
]);

export interface MathFunction {
  minArgs: number;
  maxArgs: number;
  /** Throws CalculatorError when an argument is outside the function's domain. */
  apply(args: number[]): number;
}

const unary = (apply: (x: number) => number): MathFunction => ({
  minArgs: 1,
  maxArgs: 1,
  apply: (args) => apply(args[0]!),
});

export const FUNCTIONS: ReadonlyMap<string, MathFunction> = new Map<string, MathFunction>([
  [
    'sqrt',
    unary((x) => {
      if (x < 0) throw new CalculatorError(`The square root of a negative number (${x}) is not a real number.`);
      return Math.sqrt(x);
    }),
  ],
  ['cbrt', unary(Math.cbrt)],
  ['abs', unary(Math.abs)],
  ['floor', unary(Math.floor)],
  ['ceil', unary(Math.ceil)],
  ['exp', unary(Math.exp)],
  ['round', { minArgs: 1, maxArgs: 2, apply: ([x, digits]) => roundTo(x!, digits ?? 0) }],
  ['sin', unary(sin)],
  ['cos', unary(cos)],
  ['tan', unary(tan)],
  ['asin', unary((x) => inverseTrig('asin', x, Math.asin))],
  ['acos', unary((x) => inverseTrig('acos', x, Math.acos))],
  ['atan', unary(Math.atan)],
  ['ln', unary((x) => logarithm('ln', x, Math.log))],
  ['log', unary((x) => logarithm('log', x, Math.log10))],
  ['log10', unary((x) => logarithm('log10', x, Math.log10))],
  ['log2', unary((x) => logarithm('log2', x, Math.log2))],
  ['min', { minArgs: 1, maxArgs: Infinity, apply: (args) => Math.min(...args) }],
  ['max', { minArgs: 1, maxArgs: Infinity, apply: (args) => Math.max(...args) }],
]);

export const MAX_FACTORIAL = 170; // 171! overflows a double

export function factorial(n: number): number {
  // (0.1 + 0.2) * 10 is 3.0000000000000004; a person means 3.
  const whole = Math.abs(n - Math.round(n)) < 1e-9 ? Math.round(n) : n;
  if (!Number.isInteger(whole) || whole < 0 || whole > MAX_FACTORIAL) {
    throw new CalculatorError(`Factorial needs a whole number from 0 to ${MAX_FACTORIAL}; got ${n}.`);
  }
  let product = 1;
  for (let k = 2; k <= whole; k += 1) product *= k;
  return product;
}

/** Rounds half away from zero, to `digits` decimals (negative digits round to tens, …). */
function roundTo(x: number, digits: number): number {
  if (!Number.isInteger(digits) || Math.abs(digits) > 15) {
    throw new CalculatorError(`round's second argument is the number of decimals, a whole number from -15 to 15; got ${digits}.`);
  }
  const factor = 10 ** Math.abs(digits);
  const scaled = digits >= 0 ? x * factor : x / factor;
  // 1.005 * 100 is 100.49999999999999 in binary; 15 significant digits recover 100.5.
  const cleaned = Number(Math.abs(scaled).toPrecision(15));
  const rounded = Math.sign(x) * Math.round(cleaned);
  return digits >= 0 ? rounded / factor : rounded * factor;
}

// Math.sin(Math.PI) is 1.2e-16, not 0. Angles that are (almost exactly) multiples of
// π or π/2 get their exact value so "sin(180°)" answers 0.
function nearMultipleOfPi(x: number, offset: number): boolean {
  const k = x / Math.PI - offset;
  const n = Math.round(k);
  return (n !== 0 || offset !== 0) && Math.abs(k - n) < 1e-12 * Math.max(1, Math.abs(n));
}

function sin(x: number): number {
  return nearMultipleOfPi(x, 0) ? 0 : Math.sin(x);
}

function cos(x: number): number {
  return nearMultipleOfPi(x, 0.5) ? 0 : Math.cos(x);
}

function tan(x: number): number {
  if (nearMultipleOfPi(x, 0.5)) {
    throw new CalculatorError('The tangent of a right angle (90°, 270°, …) is undefined.');
  }
  return nearMultipleOfPi(x, 0) ? 0 : Math.tan(x);
}

function inverseTrig(name: string, x: number, f: (x: number) => number): number {
  if (x < -1 || x > 1) throw new CalculatorError(`${name} is only defined from -1 to 1; got ${x}.`);
  return f(x);
}

function logarithm(name: string, x: number, f: (x: number) => number): number {
  if (x <= 0) throw new CalculatorError(`${name} is only defined for positive numbers; got ${x}.`);
  return f(x);
}
