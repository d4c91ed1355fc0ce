/**
 * An error meant for the person: its code reaches the renderer as `error.code` and its
 * message is shown as written, so it must say what happened and what to do.
 * Any other exception is reported as `internal`.
 */
export class UserFacingError extends Error {
  // A plain field, not a constructor parameter property: the benchmark scripts run this
  // file with Node's type stripping, which only accepts erasable syntax.
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UserFacingError';
    this.code = code;
  }
}
