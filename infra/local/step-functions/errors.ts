/** An error of the Step Functions API, with the code the SDK turns into its exception class. */
export class SfnApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** A state failed: the error name is what Retry and Catch match on. */
export class StateFailure extends Error {
  constructor(
    readonly error: string,
    override readonly cause = '',
  ) {
    super(`${error}: ${cause}`);
  }
}
