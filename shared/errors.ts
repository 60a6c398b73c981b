/**
 * The one error hierarchy of va-router. Use cases throw these; edges (HTTP, workflow, CLI) map them
 * to a status, an error name or an exit code in exactly one place each. Messages are written for the
 * person who has to act on them and never contain raw SDK output.
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `skills.0.level`. */
  readonly path: string;
  readonly message: string;
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION';
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
}

/** The write lost a race or would duplicate something that exists: nothing was changed. */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
}

/** The task moved on (withdrawn, cancelled, taken) before the write could land: nothing was written. */
export class TaskClosedError extends ConflictError {}

/** A link, offer or request is past its time. */
export class ExpiredError extends AppError {
  readonly code = 'EXPIRED';
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
