import { RunContext } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { calculateForTool, calculatorTool } from '../../electron/main/tools/calculator';

describe('calculate tool', () => {
  it('is a strict function tool named calculate whose schema requires the expression', () => {
    expect(calculatorTool.type).toBe('function');
    expect(calculatorTool.name).toBe('calculate');
    expect(calculatorTool.strict).toBe(true);
    expect(calculatorTool.parameters).toMatchObject({
      type: 'object',
      required: ['expression'],
      properties: { expression: { type: 'string' } },
      additionalProperties: false,
    });
  });

  it('answers through the SDK with the expression and its result', async () => {
    const output = await calculatorTool.invoke(new RunContext(), JSON.stringify({ expression: '15 percent of 80' }));
    expect(output).toBe('15 % of 80 = 12');
  });

  it('returns the calculator’s explanation so the model can relay or fix it', async () => {
    const output = await calculatorTool.invoke(new RunContext(), JSON.stringify({ expression: '1 / (2 - 2)' }));
    expect(output).toBe('Could not calculate "1 / (2 - 2)": Division by zero is undefined.');
  });
});

describe('calculateForTool (used by the voice tool runner)', () => {
  it('calculates from plain arguments', () => {
    expect(calculateForTool({ expression: '0.1 + 0.2' })).toBe('0.1 + 0.2 = 0.3');
    expect(calculateForTool({ expression: 'what is 2 to the power of 10?' })).toBe('2 ^ 10 = 1024');
  });

  it('points at the problem in the expression', () => {
    expect(calculateForTool({ expression: '2 + * 3' })).toBe('Could not calculate "2 + * 3": Unexpected \'*\' at position 5.');
  });

  it('explains an empty or over-long expression', () => {
    expect(calculateForTool({ expression: '' })).toBe('Could not calculate "": There is no expression to calculate.');
    expect(calculateForTool({ expression: 'x'.repeat(501) })).toMatch(/The expression is 501 characters long; the limit is 500\.$/);
  });

  it.each([[undefined], [null], [{}], [{ expression: 42 }]])(
    'refuses malformed arguments %j with a message instead of throwing',
    (args) => {
      expect(calculateForTool(args)).toBe('The calculator needs an "expression": text of 1 to 500 characters.');
    },
  );
});
