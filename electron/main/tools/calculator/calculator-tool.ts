/**
 * The `calculate` tool for the agents and the voice tool runner. An expression the
 * calculator cannot read is an ordinary outcome, not a failure: the tool returns the
 * CalculatorError's message as its result so the model can relay it or fix the
 * expression and call again. Anything else is a bug and is thrown, so the SDK's own
 * error handling reports it.
 */
import { tool } from '@openai/agents';
import { z } from 'zod';
import { CalculatorError } from './calculator-error';
import { MAX_EXPRESSION_LENGTH, evaluateExpression } from './evaluate-expression';

// No min/max on strings: OpenAI's strict tool schemas reject minLength/maxLength, and
// evaluateExpression enforces the length limit with a clearer message anyway.
export const calculatorParameters = z.object({
  expression: z
    .string()
    .describe(
      'The arithmetic to do, e.g. "15% of 80", "(3 + 4) * 2^10", "sqrt(2) / 2", "sin(30 deg)", ' +
        '"17 mod 5", "5!", "round(2/3, 2)". Spoken forms like "3 squared plus 4 squared" work too.',
    ),
});

export const CALCULATOR_DESCRIPTION =
  'Exact arithmetic. Use it for every calculation instead of working it out yourself. ' +
  'Supports + - * / ^, parentheses, percentages (80 + 15% is 92), mod, factorial, ' +
  'pi, e, tau, sqrt, cbrt, abs, round(x, digits), floor, ceil, sin, cos, tan (radians; ' +
  'write "deg" for degrees), asin, acos, atan, ln, log (base 10), log2, exp, min, max.';

/** Runs the calculator on tool arguments; returns "<expression> = <result>" or what went wrong. */
export function calculateForTool(args: unknown): string {
  const parsed = calculatorParameters.safeParse(args);
  if (!parsed.success) {
    return `The calculator needs an "expression": text of 1 to ${MAX_EXPRESSION_LENGTH} characters.`;
  }
  return calculate(parsed.data.expression);
}

function calculate(input: string): string {
  try {
    const { expression, formatted } = evaluateExpression(input);
    return `${expression} = ${formatted}`;
  } catch (error) {
    if (error instanceof CalculatorError) {
      const shown = error.expression ?? input;
      return `Could not calculate "${shown}": ${error.message}`;
    }
    throw error;
  }
}

export const calculatorTool = tool({
  name: 'calculate',
  description: CALCULATOR_DESCRIPTION,
  parameters: calculatorParameters,
  execute: ({ expression }) => calculate(expression),
});
