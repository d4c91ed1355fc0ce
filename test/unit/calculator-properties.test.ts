/**
 * Property tests: the calculator agrees with exact BigInt arithmetic on random integer
 * expressions printed in all the notations a person might use, and on any text at all
 * it either answers with a finite number or throws a CalculatorError — nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalculatorError, evaluateExpression } from '../../electron/main/tools/calculator';

type Ast =
  | { k: 'num'; v: bigint }
  | { k: 'neg'; a: Ast }
  | { k: 'bin'; op: '+' | '-' | '*' | 'mod'; a: Ast; b: Ast }
  | { k: 'pow'; a: Ast; e: number }
  | { k: 'fact'; n: number };

const { ast } = fc.letrec<{ ast: Ast }>((tie) => ({
  ast: fc.oneof(
    { maxDepth: 6, depthIdentifier: 'ast' },
    fc.oneof(fc.bigInt(0n, 12n), fc.bigInt(0n, 99_999n)).map((v): Ast => ({ k: 'num', v })),
    tie('ast').map((a): Ast => ({ k: 'neg', a })),
    fc
      .record({ op: fc.constantFrom('+', '-', '*', 'mod'), a: tie('ast'), b: tie('ast') })
      .map((r): Ast => ({ k: 'bin', ...(r as { op: '+' | '-' | '*' | 'mod'; a: Ast; b: Ast }) })),
    fc.record({ a: tie('ast'), e: fc.integer({ min: 0, max: 3 }) }).map((r): Ast => ({ k: 'pow', ...r })),
    fc.integer({ min: 0, max: 10 }).map((n): Ast => ({ k: 'fact', n })),
  ),
}));

class DivisionByZero extends Error {}
class OutsideExactRange extends Error {}

/** Exact value, or throws; refuses anything a double could not hold exactly. */
function reference(node: Ast): bigint {
  const value = ((): bigint => {
    switch (node.k) {
      case 'num':
        return node.v;
      case 'neg':
        return -reference(node.a);
      case 'fact': {
        let product = 1n;
        for (let i = 2n; i <= BigInt(node.n); i += 1n) product *= i;
        return product;
      }
      case 'pow':
        return reference(node.a) ** BigInt(node.e);
      case 'bin': {
        const a = reference(node.a);
        const b = reference(node.b);
        switch (node.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case 'mod': {
            if (b === 0n) throw new DivisionByZero();
            let m = a % b;
            if (m !== 0n && m < 0n !== b < 0n) m += b;
            return m;
          }
        }
      }
    }
  })();
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new OutsideExactRange();
  }
  return value;
}

const PRECEDENCE = { num: 100, fact: 50, pow: 40, neg: 30, mul: 20, add: 10 };

function precedence(node: Ast): number {
  if (node.k === 'bin') return node.op === '+' || node.op === '-' ? PRECEDENCE.add : PRECEDENCE.mul;
  return PRECEDENCE[node.k];
}

const SPELLINGS: Record<string, string[]> = {
  '+': ['+', ' plus '],
  '-': ['-', '−', ' minus '],
  '*': ['*', '×', ' x ', ' times ', ' multiplied by '],
  mod: [' mod ', ' modulo '],
  '^': ['^', '**', ' to the power of '],
  neg: ['-', '−', 'minus ', 'negative '],
};

/** Prints with only the parentheses precedence needs (plus some for good measure). */
function print(node: Ast, choices: number[]): string {
  let cursor = 0;
  const pick = (n: number): number => choices[cursor++ % choices.length]! % n;
  const spell = (op: string): string => {
    const options = SPELLINGS[op]!;
    const text = options[pick(options.length)]!;
    return text.startsWith(' ') || pick(2) === 0 ? text : ` ${text} `;
  };
  const wrap = (child: Ast, needsParens: boolean): string => {
    const text = go(child);
    return needsParens || pick(8) === 0 ? `(${text})` : text;
  };
  const go = (n: Ast): string => {
    switch (n.k) {
      case 'num':
        return n.v >= 1000n && pick(2) === 0 ? n.v.toLocaleString('en-US') : String(n.v);
      case 'fact':
        return `${n.n}!`;
      case 'neg':
        return `${spell('neg')}${wrap(n.a, precedence(n.a) < PRECEDENCE.neg)}`.trimStart();
      case 'pow':
        return `${wrap(n.a, precedence(n.a) <= PRECEDENCE.pow)}${spell('^')}${n.e}`;
      case 'bin': {
        const own = precedence(n);
        return `${wrap(n.a, precedence(n.a) < own)}${spell(n.op)}${wrap(n.b, precedence(n.b) <= own)}`;
      }
    }
  };
  return go(node);
}

describe('calculator properties', () => {
  it('matches exact integer arithmetic on random expressions in any notation', () => {
    fc.assert(
      fc.property(ast, fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), (tree, choices) => {
        const text = print(tree, choices);
        fc.pre(text.length <= 500);
        let expected: bigint | 'division by zero';
        try {
          expected = reference(tree);
        } catch (error) {
          fc.pre(!(error instanceof OutsideExactRange));
          expected = 'division by zero';
        }
        if (expected === 'division by zero') {
          expect(() => evaluateExpression(text)).toThrow(CalculatorError);
          expect(() => evaluateExpression(text)).toThrow('Division by zero is undefined.');
        } else {
          const { result, formatted } = evaluateExpression(text);
          expect(result + 0).toBe(Number(expected));
          expect(formatted).toBe(String(expected));
        }
      }),
      { numRuns: 2000 },
    );
  });

  const FRAGMENTS = [
    '1', '2.5', '0', '1e3', '1,234', '.', ',', '+', '-', '*', '/', '^', '**', '(', ')', '%', '!',
    ' ', 'x', 'mod', 'of', 'deg', 'rad', 'pi', 'e', 'sqrt', 'max', 'round', 'ln', 'tan', 'foo',
    'squared', 'plus', 'divided by', 'square root of', '°', '×', '÷', '−', 'π', '√', '²', '?', '=', '$',
  ];

  function answersOrExplains(text: string): void {
    try {
      const { result, formatted } = evaluateExpression(text);
      expect(Number.isFinite(result)).toBe(true);
      expect(formatted.length).toBeGreaterThan(0);
    } catch (error) {
      expect(error).toBeInstanceOf(CalculatorError);
      expect((error as Error).message.length).toBeGreaterThan(0);
    }
  }

  it('answers or throws a CalculatorError on random token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 120 }), (parts) => {
        answersOrExplains(parts.join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers or throws a CalculatorError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => {
        answersOrExplains(text);
      }),
      { numRuns: 2000 },
    );
  });
});
