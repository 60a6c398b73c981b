import type { Context } from 'aws-lambda';
import type { HttpApiHandler } from './http-api';
import type { SqsHandler } from './sqs-event-source';

/**
 * The Lambda handlers the local stack runs in-process. Imported only after the stack has set the
 * SDK environment, because handlers build their clients and config when their module loads.
 */
export interface AppHandlers {
  httpApi: HttpApiHandler;
  intakeEmail: SqsHandler;
  sendStatement: SqsHandler;
  /** Lambdas the state machine or a schedule invokes, by function folder. */
  invokable: Record<string, (event: unknown, context: Context) => Promise<unknown>>;
}

export const loadAppHandlers = async (): Promise<AppHandlers> => ({
  httpApi: (await import('../../functions/http-api/handler')).handler,
  intakeEmail: (await import('../../functions/intake-email/handler')).handler as SqsHandler,
  sendStatement: (await import('../../functions/send-statement/handler')).handler as SqsHandler,
  invokable: {
    workflow: (await import('../../functions/workflow/handler')).handler as (
      event: unknown,
      context: Context,
    ) => Promise<unknown>,
    'statements-start': (await import('../../functions/statements-start/handler')).handler as (
      event: unknown,
      context: Context,
    ) => Promise<unknown>,
    'operator-digest': (await import('../../functions/operator-digest/handler')).handler as (
      event: unknown,
      context: Context,
    ) => Promise<unknown>,
  },
});
