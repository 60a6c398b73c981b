import type { HttpApiHandler } from './http-api';
import type { SqsHandler } from './sqs-event-source';

/**
 * The Lambda handlers the local stack runs in-process. Imported only after the stack has set the
 * SDK environment, because handlers build their clients and config when their module loads.
 */
export interface AppHandlers {
  httpApi: HttpApiHandler;
  intakeEmail: SqsHandler;
}

export const loadAppHandlers = async (): Promise<AppHandlers> => ({
  httpApi: (await import('../../functions/http-api/handler')).handler,
  intakeEmail: (await import('../../functions/intake-email/handler')).handler as SqsHandler,
});
