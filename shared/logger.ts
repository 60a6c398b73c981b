import { Logger } from '@aws-lambda-powertools/logger';

/**
 * A JSON logger for one function. Each handler makes its own: the local stack runs several handlers
 * in one process, and a shared instance would stamp one function's context on another's lines.
 */
export const createLogger = (functionName: string) =>
  new Logger({
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'va-router',
    persistentKeys: { handler: functionName },
  });
