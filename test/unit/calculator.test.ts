import { describe, expect, it } from 'vitest';
import { CalculatorError, evaluateExpression, formatResult } from '../../electron/main/tools/calculator';

function value(input: string): number {
  return evaluateExpression(input).result;
}

function formatted(input: string): string {
  return evaluateExpression(input).formatted;
}

function failure(input: string): CalculatorError {
  try {
    evaluateExpression(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CalculatorError);
    return error as CalculatorError;
  }
  throw new Error(`expected "${input}" to fail`);
}

describe('evaluateExpression: numbers', () => {
  it.each([
    ['42', 42],
    ['3.25', 3.25],
    ['.5', 0.5],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
  ])('%s is %d', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it('reads "2e" as 2 × e, not as unfinished scientific notation', () => {
    expect(value('2e')).toBeCloseTo(2 * Math.E, 12);
  });

  it('rejects a comma that is not a thousands separator, saying where and why', () => {
    const error = failure('1,23');
    expect(error.message).toBe(
      "Unexpected ',' at position 2: a comma separates function arguments, as in max(1, 2), or thousands, as in 1,234.",
    );
    expect(error.position).toBe(2);
  });

  it('inside function arguments a comma separates arguments', () => {
    expect(value('max(1,234)')).toBe(234);
    expect(value('min(1,234.5, 7)')).toBe(1);
  });
});

describe('evaluateExpression: operators', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['2 ^ 3 ^ 2', 512],
    ['2 ** 3 ** 2', 512],
    ['(2 ^ 3) ^ 2', 64],
    ['-2^2', -4],
    ['(-2)^2', 4],
    ['2^-1', 0.5],
    ['2^-2^2', 1 / 16],
    ['3 - -2', 5],
    ['+5 - +2', 3],
    ['- - 3', 3],
    ['2 * -3', -6],
    ['6 × 7', 42],
    ['84 ÷ 2', 42],
    ['50 − 8', 42],
    ['6 x 7', 42],
    ['6x7', 42],
    ['2pi', 2 * Math.PI],
    ['3(4 + 1)', 15],
    ['(1 + 1)(2 + 1)', 6],
    ['2 sqrt 9', 6],
    ['17 mod 5', 2],
    ['-7 mod 3', 2],
    ['7 mod -3', -2],
    ['2 + 12 mod 5 * 2', 6],
    ['5!', 120],
    ['0!', 1],
    ['3!^2', 36],
    ['-3!', -6],
    ['2^3!', 64],
  ])('%s = %d', (input, expected) => {
    expect(value(input)).toBeCloseTo(expected, 12);
  });
});

describe('evaluateExpression: percentages', () => {
  it.each([
    ['50%', 0.5],
    ['15% of 80', 12],
    ['(15%) of 80', 12],
    ['15% of 80 + 5', 17],
    ['80 + 15%', 92],
    ['80 - 15%', 68],
    ['80 * 15%', 12],
    ['80 / 25%', 320],
    ['200 + 10% + 10%', 242],
  ])('%s = %d', (input, expected) => {
    expect(value(input)).toBeCloseTo(expected, 12);
  });

  it('explains that % is a percentage and points to mod for remainders', () => {
    const error = failure('10 % 3');
    expect(error.message).toBe("Unexpected number '3' at position 6. For a remainder write 'mod', as in '10 mod 3'.");
  });

  it("rejects 'of' that does not follow a percentage", () => {
    expect(failure('15 of 80').message).toBe("'of' at position 4 only works after a percentage, as in '15% of 80'.");
  });
});

describe('evaluateExpression: functions and constants', () => {
  it.each([
    ['sqrt(16)', 4],
    ['sqrt 16 + 9', 13],
    ['cbrt(-27)', -3],
    ['abs(-4.5)', 4.5],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(1.005, 2)', 1.01],
    ['round(1234, -2)', 1200],
    ['floor(-1.5)', -2],
    ['ceil(1.2)', 2],
    ['sin(30 deg)', 0.5],
    ['sin 30°', 0.5],
    ['cos(pi)', -1],
    ['tan(45 deg)', 1],
    ['asin(1)', Math.PI / 2],
    ['acos(1)', 0],
    ['atan(1)', Math.PI / 4],
    ['ln(e)', 1],
    ['log(1000)', 3],
    ['log10(0.01)', -2],
    ['log2(1024)', 10],
    ['exp(0)', 1],
    ['min(4, -2, 9)', -2],
    ['max(4, -2, 9)', 9],
    ['tau / pi', 2],
    ['PI', Math.PI],
    ['e^2', Math.E ** 2],
    ['1 rad', 1],
  ])('%s = %d', (input, expected) => {
    expect(value(input)).toBeCloseTo(expected, 12);
  });

  it('gives exact zeros where floating point would leave noise', () => {
    expect(value('sin(pi)')).toBe(0);
    expect(value('sin(180 deg)')).toBe(0);
    expect(value('cos(90°)')).toBe(0);
    expect(value('tan(pi)')).toBe(0);
  });
});

describe('evaluateExpression: spoken and typed word forms', () => {
  it.each([
    ['what is 3 squared plus 4 squared?', '3^2 + 4^2', 25],
    ["what's 12 times 7", '12 * 7', 84],
    ['10 divided by 4', '10 / 4', 2.5],
    ['2 to the power of 10', '2 ^ 10', 1024],
    ['2 raised to the power of 3', '2 ^ 3', 8],
    ['2 cubed', '2^3', 8],
    ['the square root of 144', 'sqrt 144', 12],
    ['cube root of 27', 'cbrt 27', 3],
    ['15 percent of 80', '15 % of 80', 12],
    ['9 minus 12', '9 - 12', -3],
    ['negative 4 times 2', '- 4 * 2', -8],
    ['17 modulo 5', '17 mod 5', 2],
    ['5 factorial', '5!', 120],
    ['sine of 30 degrees', 'sin 30 deg', 0.5],
    ['3 multiplied by 4 =', '3 * 4', 12],
    ['Calculate 7 Plus 8.', '7 + 8', 15],
    ['√2 × π', 'sqrt 2 * pi', Math.SQRT2 * Math.PI],
    ['3²', '3^2', 9],
  ])('"%s" reads as "%s"', (input, expression, expected) => {
    const calculation = evaluateExpression(input);
    expect(calculation.expression).toBe(expression);
    expect(calculation.result).toBeCloseTo(expected, 12);
  });
});

describe('evaluateExpression: errors say what and where', () => {
  it.each([
    ['1/0', 'Division by zero is undefined.', undefined],
    ['5 mod 0', 'Division by zero is undefined.', undefined],
    ['0^-1', 'Division by zero is undefined.', undefined],
    ['2 + x', "Unexpected 'x' at position 5.", 5],
    ['2 3', "Unexpected number '3' at position 3.", 3],
    ['foo(2)', "Unknown function 'foo' at position 1.", 1],
    ['2 * bar', "Unknown name 'bar' at position 5.", 5],
    ['2 +', "The expression ends too early after '+'; a number, a name or '(' should follow.", 4],
    ['(1 + 2', "The '(' at position 1 is never closed; add a ')'.", 1],
    ['1 + 2)', "Unexpected ')' at position 6. There is no '(' for it to close.", 6],
    ['2 $ 3', "The character '$' at position 3 is not something I can calculate with.", 3],
    ['sqrt', "'sqrt' at position 1 needs a value, as in sqrt(2).", 1],
    ['round(1, 2, 3)', 'round at position 1 takes 1 or 2 arguments; got 3.', 1],
    ['max()', 'max at position 1 takes at least 1 argument; got 0.', 1],
    ['sqrt(-4)', 'The square root of a negative number (-4) is not a real number.', undefined],
    ['ln(0)', 'ln is only defined for positive numbers; got 0.', undefined],
    ['asin(2)', 'asin is only defined from -1 to 1; got 2.', undefined],
    ['tan(90 deg)', 'The tangent of a right angle (90°, 270°, …) is undefined.', undefined],
    ['171!', 'Factorial needs a whole number from 0 to 170; got 171.', undefined],
    ['2.5!', 'Factorial needs a whole number from 0 to 170; got 2.5.', undefined],
    ['10^400', 'The result is too large to calculate.', undefined],
    ['10^300 * 10^300', 'The result is too large to calculate.', undefined],
    ['   ', 'There is no expression to calculate.', undefined],
  ])('%s → %s', (input, message, position) => {
    const error = failure(input);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.expression).toBe(input.trim());
  });

  it('explains that a negative base cannot take a fractional power and suggests cbrt', () => {
    expect(failure('(-8)^(1/3)').message).toBe(
      'A negative number to a fractional power ((-8)^0.333333333333) is not a real number; for a cube root use cbrt.',
    );
    expect(value('cbrt(-8)')).toBe(-2);
  });

  it('positions refer to the normalised expression, which the error carries', () => {
    const error = failure('3 plus plus');
    expect(error.expression).toBe('3 + +');
    expect(error.message).toBe("The expression ends too early after '+'; a number, a name or '(' should follow.");
  });

  it('accepts 500 characters and refuses 501', () => {
    const fits = `1${'+1'.repeat(249)}0`;
    expect(fits).toHaveLength(500);
    expect(value(fits)).toBe(1 + 248 + 10);
    expect(failure(`${fits} `).message).toBe('The expression is 501 characters long; the limit is 500.');
  });

  it('allows 100 nested parentheses and refuses 101', () => {
    expect(value(`${'('.repeat(100)}7${')'.repeat(100)}`)).toBe(7);
    expect(failure(`${'('.repeat(101)}7${')'.repeat(101)}`).message).toBe(
      'Too many nested parentheses at position 101; the limit is 100.',
    );
  });

  it('refuses long operator chains with a CalculatorError rather than a crash', () => {
    expect(failure(`${'-'.repeat(499)}1`).message).toBe('The expression is nested too deeply to calculate.');
    expect(failure(`${'√'.repeat(499)}4`).message).toBe('The expression is nested too deeply to calculate.');
  });
});

describe('formatted results', () => {
  it.each([
    ['0.1 + 0.2', '0.3'],
    ['1/3', '0.333333333333'],
    ['2/3', '0.666666666667'],
    ['-0 * 5', '0'],
    ['2^53 - 1', '9007199254740991'],
    ['1234567 * 1000', '1234567000'],
    ['1e-7', '1 × 10^-7'],
    ['123456789 * 1e12', '1.23456789 × 10^20'],
    ['0.000123', '0.000123'],
    ['170!', '7.25741561531 × 10^306'],
    ['sqrt(2)', '1.41421356237'],
  ])('%s → %s', (input, expected) => {
    expect(formatted(input)).toBe(expected);
  });

  it('formats numbers it was handed directly', () => {
    expect(formatResult(-1.5e-9)).toBe('-1.5 × 10^-9');
    expect(formatResult(1e15 + 0.5)).toBe('1 × 10^15');
  });
});
