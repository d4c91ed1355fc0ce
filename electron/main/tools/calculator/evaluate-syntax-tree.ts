/**
 * Computes a syntax tree's value. Every intermediate value must be a finite real number,
 * so a person hears which step went wrong rather than "Infinity" or "NaN".
 *
 * Percent reads the way a pocket calculator does: `50%` is 0.5, `15% of 80` is 12,
 * and a percentage added to or taken from a number is a share of that number:
 * `80 + 15%` is 92 and `80 - 15%` is 68. Elsewhere (`80 * 15%`) it is just 0.15.
 */
import { CalculatorError } from './calculator-error';
import { formatResult } from './format-result';
import { CONSTANTS, FUNCTIONS, factorial } from './math-library';
import type { BinaryOperator, PostfixOperator, SyntaxNode } from './parse-expression';

export function evaluateSyntaxTree(node: SyntaxNode): number {
  return checked(compute(node));
}

function compute(node: SyntaxNode): number {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'constant':
      return CONSTANTS.get(node.name)!;
    case 'negate':
      return -evaluateSyntaxTree(node.operand);
    case 'postfix':
      return applyPostfix(node.op, evaluateSyntaxTree(node.operand));
    case 'call':
      return FUNCTIONS.get(node.name)!.apply(node.args.map(evaluateSyntaxTree));
    case 'binary': {
      const left = evaluateSyntaxTree(node.left);
      const right = evaluateSyntaxTree(node.right);
      const isPercentShare = node.right.type === 'postfix' && node.right.op === '%';
      return applyBinary(node.op, left, right, isPercentShare);
    }
  }
}

function applyPostfix(op: PostfixOperator, value: number): number {
  switch (op) {
    case '!':
      return factorial(value);
    case '%':
      return value / 100;
    case 'deg':
      return (value * Math.PI) / 180;
    case 'rad':
      return value;
  }
}

function applyBinary(op: BinaryOperator, left: number, right: number, isPercentShare: boolean): number {
  switch (op) {
    case '+':
      return isPercentShare ? left + left * right : left + right;
    case '-':
      return isPercentShare ? left - left * right : left - right;
    case '*':
      return left * right;
    case '/':
      if (right === 0) throw new CalculatorError('Division by zero is undefined.');
      return left / right;
    case 'mod':
      return floorMod(left, right);
    case '^':
      return power(left, right);
  }
}

/** The remainder takes the divisor's sign, as in maths: -7 mod 3 is 2. */
function floorMod(a: number, b: number): number {
  if (b === 0) throw new CalculatorError('Division by zero is undefined.');
  let m = a % b;
  if (m !== 0 && m < 0 !== b < 0) m += b;
  return m;
}

function power(base: number, exponent: number): number {
  if (base === 0 && exponent < 0) throw new CalculatorError('Division by zero is undefined.');
  const value = base ** exponent;
  if (Number.isNaN(value)) {
    throw new CalculatorError(
      `A negative number to a fractional power ((${formatResult(base)})^${formatResult(exponent)}) ` +
        'is not a real number; for a cube root use cbrt.',
    );
  }
  return value;
}

function checked(value: number): number {
  if (Number.isNaN(value)) throw new CalculatorError('The result is not a real number.');
  if (!Number.isFinite(value)) throw new CalculatorError('The result is too large to calculate.');
  return value;
}
