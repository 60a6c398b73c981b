import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { createStatementDeps } from '../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../shared/config';
import { createLogger } from '../../shared/logger';
import {
  PERIOD_PATTERN,
  sendPayoutStatement,
  sendStatement,
} from '../../shared/use-cases/billing/run-statements';

const logger = createLogger('send-statement');
const deps = createStatementDeps(loadConfig(StatementConfigSchema));
const processor = new BatchProcessor(EventType.SQS);

const period = z.string().regex(PERIOD_PATTERN);
const JobSchema = z.union([
  z.object({ clientId: z.string().min(1), period }),
  z.object({ vaId: z.string().min(1), period }),
]);

const recordHandler = async (record: SQSRecord) => {
  const job = JobSchema.parse(JSON.parse(record.body));
  if ('vaId' in job) {
    const va = await deps.vas.get(job.vaId);
    if (!va) return logger.warn('Payout statement for an unknown VA skipped', job);
    return logger.info('Payout statement done', {
      ...job,
      ...(await sendPayoutStatement(va, job.period, deps)),
    });
  }
  const client = await deps.clients.get(job.clientId);
  if (!client) return logger.warn('Statement for an unknown client skipped', job);
  logger.info('Statement done', { ...job, ...(await sendStatement(client, job.period, deps)) });
};

/** One statement per message; a failure goes back to the queue on its own (DLQ after five). */
export const handler = middy((event: SQSEvent, context: Context) =>
  processPartialResponse(event, recordHandler, processor, { context }),
).use(injectLambdaContext(logger));
