/**
 * The calculator's front door: text in (typed or transcribed), a number out, or a
 * CalculatorError saying what is wrong and where. Never uses eval.
 */
import { CalculatorError } from './calculator-error';
import { evaluateSyntaxTree } from './evaluate-syntax-tree';
import { formatResult } from './format-result';
import { normaliseExpression } from './normalise-expression';
import { parseExpression } from './parse-expression';
import { tokenize } from './tokenize';

export const MAX_EXPRESSION_LENGTH = 500;

export interface Calculation {
  /** The expression as the calculator read it (lower-case, words turned into symbols). */
  expression: string;
  result: number;
  /** `result` without float noise, ready to say or show. */
  formatted: string;
}

export function evaluateExpression(input: string): Calculation {
  if (typeof input !== 'string') throw new CalculatorError('The expression must be text.');
  if (input.length > MAX_EXPRESSION_LENGTH) {
    throw new CalculatorError(
      `The expression is ${input.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}.`,
    );
  }
  const expression = normaliseExpression(input);
  try {
    const result = evaluateSyntaxTree(parseExpression(tokenize(expression), expression));
    return { expression, result, formatted: formatResult(result) };
  } catch (error) {
    // Guard the promise that only CalculatorError escapes, even from a deep stack.
    if (error instanceof CalculatorError) {
      throw error.expression === undefined ? new CalculatorError(error.message, error.position, expression) : error;
    }
    if (error instanceof RangeError) throw new CalculatorError('The expression is too complex to calculate.');
    throw error;
  }
}
