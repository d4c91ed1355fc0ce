export { CalculatorError } from './calculator-error';
export { evaluateExpression, MAX_EXPRESSION_LENGTH, type Calculation } from './evaluate-expression';
export { calculateForTool, calculatorParameters, calculatorTool, CALCULATOR_DESCRIPTION } from './calculator-tool';
export { formatResult } from './format-result';
