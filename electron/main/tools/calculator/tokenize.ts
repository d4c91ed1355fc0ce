/**
 * Splits a normalised expression into numbers, names and operator symbols, remembering
 * where each one starts so errors can point at it.
 */
import { CalculatorError } from './calculator-error';
import { FUNCTIONS } from './math-library';

export type Token =
  | { kind: 'number'; value: number; text: string; pos: number }
  | { kind: 'name'; name: string; text: string; pos: number }
  | { kind: 'symbol'; symbol: SymbolText; text: string; pos: number }
  | { kind: 'end'; text: ''; pos: number };

export type SymbolText = '+' | '-' | '*' | '/' | '^' | '%' | '!' | '(' | ')' | ',';

/** Names that end in digits; any other name is letters only, so "2x3" reads as 2 x 3. */
const NAMES_WITH_DIGITS = new Set(['log2', 'log10']);

const SINGLE_SYMBOLS = new Set<string>(['+', '-', '*', '/', '^', '%', '!', '(', ')', ',']);

/** Positions in tokens and errors are 1-based, the way a person counts characters. */
export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  // For each open parenthesis: does it hold function arguments? Inside those, a comma
  // separates arguments; elsewhere it may only separate thousands ("1,234.5").
  const parens: boolean[] = [];
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i]!;
    if (ch === ' ') {
      i += 1;
      continue;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(expression[i + 1]))) {
      const inArguments = parens.at(-1) === true;
      const { text, end } = readNumber(expression, i, !inArguments);
      const value = Number(text.replaceAll(',', ''));
      if (!Number.isFinite(value)) {
        throw new CalculatorError(`The number '${text}' at position ${i + 1} is too large.`, i + 1, expression);
      }
      tokens.push({ kind: 'number', value, text, pos: i + 1 });
      i = end;
      continue;
    }
    if (isLetter(ch)) {
      let end = i;
      while (end < expression.length && isLetter(expression[end])) end += 1;
      let digitsEnd = end;
      while (digitsEnd < expression.length && isDigit(expression[digitsEnd])) digitsEnd += 1;
      if (digitsEnd > end && NAMES_WITH_DIGITS.has(expression.slice(i, digitsEnd))) end = digitsEnd;
      const name = expression.slice(i, end);
      tokens.push({ kind: 'name', name, text: name, pos: i + 1 });
      i = end;
      continue;
    }
    if (ch === '*' && expression[i + 1] === '*') {
      tokens.push({ kind: 'symbol', symbol: '^', text: '**', pos: i + 1 });
      i += 2;
      continue;
    }
    if (SINGLE_SYMBOLS.has(ch)) {
      const symbol = ch as SymbolText;
      if (symbol === '(') {
        const previous = tokens.at(-1);
        parens.push(previous?.kind === 'name' && FUNCTIONS.has(previous.name));
      } else if (symbol === ')') {
        parens.pop();
      }
      tokens.push({ kind: 'symbol', symbol, text: ch, pos: i + 1 });
      i += 1;
      continue;
    }
    const shown = String.fromCodePoint(expression.codePointAt(i)!);
    throw new CalculatorError(
      `The character '${shown}' at position ${i + 1} is not something I can calculate with.`,
      i + 1,
      expression,
    );
  }
  tokens.push({ kind: 'end', text: '', pos: expression.length + 1 });
  return tokens;
}

function readNumber(s: string, start: number, allowThousands: boolean): { text: string; end: number } {
  let i = start;
  while (isDigit(s[i])) i += 1;
  // "1,234,567" only when every group after a 1–3 digit lead has exactly three digits;
  // anything else ("1,23") leaves the comma for the parser to reject with a clear message.
  if (allowThousands && i - start <= 3 && isThousandsGroup(s, i)) {
    while (isThousandsGroup(s, i)) i += 4;
  }
  if (s[i] === '.' && isDigit(s[i + 1])) {
    i += 1;
    while (isDigit(s[i])) i += 1;
  } else if (s[i] === '.' && i > start) {
    i += 1; // "5." is five
  }
  // Scientific notation only when digits follow, so "2e" stays 2 × e.
  if ((s[i] === 'e' || s[i] === 'E') && i > start) {
    const signed = s[i + 1] === '+' || s[i + 1] === '-';
    const digitAt = i + (signed ? 2 : 1);
    if (isDigit(s[digitAt])) {
      i = digitAt;
      while (isDigit(s[i])) i += 1;
    }
  }
  return { text: s.slice(start, i), end: i };
}

function isThousandsGroup(s: string, commaAt: number): boolean {
  return (
    s[commaAt] === ',' &&
    isDigit(s[commaAt + 1]) &&
    isDigit(s[commaAt + 2]) &&
    isDigit(s[commaAt + 3]) &&
    !isDigit(s[commaAt + 4])
  );
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_');
}
