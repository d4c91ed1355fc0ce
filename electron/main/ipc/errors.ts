/**
 * An error meant for the person: its code reaches the renderer as `error.code` and its
 * message is shown as written, so it must say what happened and what to do.
 * Any other exception is reported as `internal`.
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}
