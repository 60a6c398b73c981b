import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client';
import { DynamoVaRepository } from '../../shared/adapters/dynamodb/va-repository';
import { createSqsClient, sendJson } from '../../shared/adapters/sqs/sqs-json';
import { IntakeConfigSchema, loadConfig } from '../../shared/config';
import { PERIOD_PATTERN, previousBillingPeriod } from '../../shared/domain/billing/settlement';
import { createLogger } from '../../shared/logger';
import { startStatements } from '../../shared/use-cases/billing/start-statements';

const config = loadConfig(IntakeConfigSchema.extend({ STATEMENTS_QUEUE_URL: z.url() }));
const logger = createLogger('statements-start');
// Only the table and the queue: the shared adapters would bundle S3, SES and Step Functions for nothing.
const db = createDocumentClient();
const clients = new DynamoClientRepository(db, config.TABLE_NAME);
const vas = new DynamoVaRepository(db, config.TABLE_NAME);
const sqs = createSqsClient();

/** The schedule's input: nothing (bill last month), or a month to (re)run by hand. */
const EventSchema = z.object({ period: z.string().regex(PERIOD_PATTERN).optional() }).loose();

/** EventBridge Scheduler, 06:00 Berlin on the 1st: one statement job per client and VA for last month. */
export const handler = middy(async (event: unknown) => {
  const period = EventSchema.parse(event ?? {}).period ?? previousBillingPeriod(new Date());
  const jobs = await startStatements(period, {
    clients,
    vas,
    now: () => new Date(),
    enqueue: (job) => sendJson(sqs, config.STATEMENTS_QUEUE_URL, job).then(() => undefined),
  });
  logger.info('Statements run started', { period, jobs });
  return { period, jobs };
}).use(injectLambdaContext(logger));
