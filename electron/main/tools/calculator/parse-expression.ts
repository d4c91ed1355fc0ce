/**
 * A Pratt parser from tokens to a small syntax tree. Precedence, loosest first:
 *   + -                       left-associative
 *   * / mod x "of", implicit  left-associative ("2pi", "3(4+1)", "2 sqrt 9")
 *   unary - +, function name without parentheses ("sqrt 9")
 *   ^ **                      right-associative; binds tighter than unary minus: -2^2 = -4
 *   postfix ! % deg rad
 */
import { CalculatorError } from './calculator-error';
import { CONSTANTS, FUNCTIONS } from './math-library';
import type { Token } from './tokenize';

export type SyntaxNode =
  | { type: 'number'; value: number }
  | { type: 'constant'; name: string }
  | { type: 'negate'; operand: SyntaxNode }
  | { type: 'binary'; op: BinaryOperator; left: SyntaxNode; right: SyntaxNode }
  | { type: 'postfix'; op: PostfixOperator; operand: SyntaxNode }
  | { type: 'call'; name: string; args: SyntaxNode[] };

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | 'mod';
export type PostfixOperator = '!' | '%' | 'deg' | 'rad';

export const MAX_PARENTHESES_DEPTH = 100;
// Operator chains ("- - - - 1", "2^2^2^…") nest without parentheses; this keeps the
// recursion far from the stack limit whatever the input.
const MAX_RECURSION_DEPTH = 400;

const ADDITIVE = 10;
const MULTIPLICATIVE = 20;
const UNARY = 30;
const POWER = 40;
const POSTFIX = 50;

type Infix =
  | { kind: 'binary'; op: BinaryOperator; power: number; rightPower: number; isOf?: boolean }
  | { kind: 'postfix'; op: PostfixOperator }
  | { kind: 'implicit' };

export function parseExpression(tokens: Token[], expression: string): SyntaxNode {
  return new Parser(tokens, expression).parse();
}

class Parser {
  private index = 0;
  private parentheses = 0;
  private recursion = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly expression: string,
  ) {}

  parse(): SyntaxNode {
    if (this.peek().kind === 'end') throw new CalculatorError('There is no expression to calculate.');
    const node = this.parseBelow(0);
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next);
    return node;
  }

  /** Parses operators that bind tighter than `minPower`. */
  private parseBelow(minPower: number): SyntaxNode {
    this.recursion += 1;
    if (this.recursion > MAX_RECURSION_DEPTH) {
      throw new CalculatorError('The expression is nested too deeply to calculate.');
    }
    let left = this.parsePrefix();
    for (;;) {
      const token = this.peek();
      const infix = this.infixAt(token);
      if (!infix) break;
      const power = infix.kind === 'binary' ? infix.power : infix.kind === 'postfix' ? POSTFIX : MULTIPLICATIVE;
      if (power <= minPower) break;
      if (infix.kind === 'postfix') {
        this.index += 1;
        left = { type: 'postfix', op: infix.op, operand: left };
      } else if (infix.kind === 'implicit') {
        left = { type: 'binary', op: '*', left, right: this.parseBelow(MULTIPLICATIVE) };
      } else {
        if (infix.isOf && !(left.type === 'postfix' && left.op === '%')) {
          throw this.fail(`'of' at position ${token.pos} only works after a percentage, as in '15% of 80'.`, token.pos);
        }
        this.index += 1;
        left = { type: 'binary', op: infix.op, left, right: this.parseBelow(infix.rightPower) };
      }
    }
    this.recursion -= 1;
    return left;
  }

  private parsePrefix(): SyntaxNode {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: token.value };
      case 'end':
        throw this.endedEarly();
      case 'symbol':
        if (token.symbol === '-') return { type: 'negate', operand: this.parseBelow(UNARY) };
        if (token.symbol === '+') return this.parseBelow(UNARY);
        if (token.symbol === '(') {
          this.open(token);
          const inner = this.parseBelow(0);
          this.close(token);
          return inner;
        }
        throw this.unexpected(token);
      case 'name':
        return this.parseName(token);
    }
  }

  private parseName(token: Extract<Token, { kind: 'name' }>): SyntaxNode {
    if (CONSTANTS.has(token.name)) return { type: 'constant', name: token.name };
    const fn = FUNCTIONS.get(token.name);
    if (!fn) {
      if (this.isOperatorWord(token.name)) throw this.unexpected(token);
      const what = this.peekSymbol('(') ? 'function' : 'name';
      throw this.fail(`Unknown ${what} '${token.name}' at position ${token.pos}.`, token.pos);
    }
    const args: SyntaxNode[] = [];
    if (this.peekSymbol('(')) {
      const open = this.next();
      this.open(open);
      if (!this.peekSymbol(')')) {
        args.push(this.parseBelow(0));
        while (this.peekSymbol(',')) {
          this.index += 1;
          args.push(this.parseBelow(0));
        }
      }
      this.close(open);
    } else {
      // "sqrt 9", "sin 30 deg": one argument, binding like unary minus.
      if (this.peek().kind === 'end') {
        throw this.fail(`'${token.name}' at position ${token.pos} needs a value, as in ${token.name}(2).`, token.pos);
      }
      args.push(this.parseBelow(UNARY));
    }
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const expected =
        fn.maxArgs === Infinity
          ? `at least ${fn.minArgs} argument${fn.minArgs === 1 ? '' : 's'}`
          : fn.minArgs === fn.maxArgs
            ? `${fn.minArgs} argument${fn.minArgs === 1 ? '' : 's'}`
            : `${fn.minArgs} or ${fn.maxArgs} arguments`;
      throw this.fail(`${token.name} at position ${token.pos} takes ${expected}; got ${args.length}.`, token.pos);
    }
    return { type: 'call', name: token.name, args };
  }

  /** What the token means when it follows a complete operand; null ends the operand. */
  private infixAt(token: Token): Infix | null {
    if (token.kind === 'symbol') {
      switch (token.symbol) {
        case '+':
          return { kind: 'binary', op: '+', power: ADDITIVE, rightPower: ADDITIVE };
        case '-':
          return { kind: 'binary', op: '-', power: ADDITIVE, rightPower: ADDITIVE };
        case '*':
          return { kind: 'binary', op: '*', power: MULTIPLICATIVE, rightPower: MULTIPLICATIVE };
        case '/':
          return { kind: 'binary', op: '/', power: MULTIPLICATIVE, rightPower: MULTIPLICATIVE };
        case '^':
          return { kind: 'binary', op: '^', power: POWER, rightPower: POWER - 1 };
        case '!':
          return { kind: 'postfix', op: '!' };
        case '%':
          return { kind: 'postfix', op: '%' };
        case '(':
          return { kind: 'implicit' };
        default:
          return null;
      }
    }
    if (token.kind === 'name') {
      switch (token.name) {
        case 'x': // "3 x 4" — there are no variables, so x between operands is a times sign
          return { kind: 'binary', op: '*', power: MULTIPLICATIVE, rightPower: MULTIPLICATIVE };
        case 'mod':
          return { kind: 'binary', op: 'mod', power: MULTIPLICATIVE, rightPower: MULTIPLICATIVE };
        case 'of':
          return { kind: 'binary', op: '*', power: MULTIPLICATIVE, rightPower: MULTIPLICATIVE, isOf: true };
        case 'deg':
          return { kind: 'postfix', op: 'deg' };
        case 'rad':
          return { kind: 'postfix', op: 'rad' };
        default:
          return CONSTANTS.has(token.name) || FUNCTIONS.has(token.name) ? { kind: 'implicit' } : null;
      }
    }
    return null;
  }

  private isOperatorWord(name: string): boolean {
    return name === 'x' || name === 'mod' || name === 'of' || name === 'deg' || name === 'rad';
  }

  private open(token: Token): void {
    this.parentheses += 1;
    if (this.parentheses > MAX_PARENTHESES_DEPTH) {
      throw this.fail(
        `Too many nested parentheses at position ${token.pos}; the limit is ${MAX_PARENTHESES_DEPTH}.`,
        token.pos,
      );
    }
  }

  private close(open: Token): void {
    const token = this.peek();
    if (token.kind === 'symbol' && token.symbol === ')') {
      this.index += 1;
      this.parentheses -= 1;
      return;
    }
    if (token.kind === 'end') {
      throw this.fail(`The '(' at position ${open.pos} is never closed; add a ')'.`, open.pos);
    }
    throw this.unexpected(token);
  }

  private unexpected(token: Token): CalculatorError {
    if (token.kind === 'end') return this.endedEarly();
    const previous = this.tokens[this.tokens.indexOf(token) - 1];
    let hint = '';
    if (token.kind === 'symbol' && token.symbol === ',') {
      return this.fail(
        `Unexpected ',' at position ${token.pos}: a comma separates function arguments, as in max(1, 2), or thousands, as in 1,234.`,
        token.pos,
      );
    }
    if (token.kind === 'number' && previous?.kind === 'symbol' && previous.symbol === '%') {
      hint = ` For a remainder write 'mod', as in '10 mod 3'.`;
    } else if (token.kind === 'symbol' && token.symbol === ')' && this.parentheses === 0) {
      hint = ` There is no '(' for it to close.`;
    }
    const what = token.kind === 'number' ? `number '${token.text}'` : `'${token.text}'`;
    return this.fail(`Unexpected ${what} at position ${token.pos}.${hint}`, token.pos);
  }

  private endedEarly(): CalculatorError {
    const last = this.tokens[this.tokens.length - 2];
    const after = last ? ` after '${last.text}'` : '';
    return this.fail(
      `The expression ends too early${after}; a number, a name or '(' should follow.`,
      this.expression.length + 1,
    );
  }

  private fail(message: string, position?: number): CalculatorError {
    return new CalculatorError(message, position, this.expression);
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private peekSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.symbol === symbol;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }
}
