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
  /** Lambdas the state machine invokes, by function folder. */
  invokable: Record<string, (event: unknown, context: Context) => Promise<unknown>>;
}

export const loadAppHandlers = async (): Promise<AppHandlers> => ({
  httpApi: (await import('../../functions/http-api/handler')).handler,
  intakeEmail: (await import('../../functions/intake-email/handler')).handler as SqsHandler,
  invokable: {
    workflow: (await import('../../functions/workflow/handler')).handler as (
      event: unknown,
      context: Context,
    ) => Promise<unknown>,
  },
});
