import { Logger } from '@aws-lambda-powertools/logger';

/** One JSON logger per cold start; the service name comes from POWERTOOLS_SERVICE_NAME on AWS. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'va-router' });
