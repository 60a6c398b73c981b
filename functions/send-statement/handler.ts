import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { createStatementDeps } from '../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../shared/config';
import { createLogger } from '../../shared/logger';
import { PERIOD_PATTERN, sendStatement } from '../../shared/use-cases/billing/run-statements';

const logger = createLogger('send-statement');
const deps = createStatementDeps(loadConfig(StatementConfigSchema));
const processor = new BatchProcessor(EventType.SQS);

const JobSchema = z.object({ clientId: z.string().min(1), period: z.string().regex(PERIOD_PATTERN) });

const recordHandler = async (record: SQSRecord) => {
  const job = JobSchema.parse(JSON.parse(record.body));
  const client = await deps.clients.get(job.clientId);
  if (!client) return logger.warn('Statement for an unknown client skipped', job);
  const outcome = await sendStatement(client, job.period, deps);
  logger.info('Statement done', { ...job, ...outcome });
};

/** One statement per message; a failure goes back to the queue on its own (DLQ after five). */
export const handler = middy((event: SQSEvent, context: Context) =>
  processPartialResponse(event, recordHandler, processor, { context }),
).use(injectLambdaContext(logger));
