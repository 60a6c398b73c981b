import { isAppError, ValidationError } from '../shared/errors';
import { TargetError } from './context';

/** Exit codes: 0 done, 1 failed (conflict, not found, AWS trouble), 2 bad input (nothing written). */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** Maps any error to the message and exit code the operator sees: the only place that does. */
export const describeFailure = (error: unknown): { message: string; code: number } => {
  if (error instanceof ValidationError) {
    const lines = error.issues.length
      ? error.issues.map((i) => `  ${i.path}: ${i.message}`)
      : [`  ${error.message}`];
    return { message: `Invalid input, nothing was written:\n${lines.join('\n')}`, code: EXIT.badInput };
  }
  if (isAppError(error) || error instanceof TargetError) return { message: error.message, code: EXIT.failed };
  const name = error instanceof Error ? error.name : 'Error';
  const text = error instanceof Error ? error.message : String(error);
  if (name === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) {
    return { message: 'Cannot reach the local stack. Is `npm start` still running?', code: EXIT.failed };
  }
  return { message: `Unexpected ${name}: ${text}`, code: EXIT.failed };
};
