/**
 * The one kind of error the calculator throws. Its message is written to be read out or
 * relayed by the model as is, so it names the problem and, where it helps, what to write
 * instead.
 */
export class CalculatorError extends Error {
  constructor(
    message: string,
    /** 1-based character position in `expression`, when the problem is at one spot. */
    readonly position?: number,
    /** The normalised expression the position refers to. */
    readonly expression?: string,
  ) {
    super(message);
    this.name = 'CalculatorError';
  }
}
