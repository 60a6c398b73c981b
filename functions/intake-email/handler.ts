import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { createLogger } from '../../shared/logger';
import { processInboundMail } from '../../shared/use-cases/intake-email';
import { createIntakeDeps } from './dependencies';

const logger = createLogger('intake-email');
const deps = createIntakeDeps();
const processor = new BatchProcessor(EventType.SQS);

/** S3 sends this once when the notification is configured; it names no object. */
const S3TestEvent = z.object({ Event: z.literal('s3:TestEvent') });

/**
 * The part of an S3 event notification intake reads. Not Powertools' `S3Schema`: its schemas import
 * zod's `z` object, which keeps all of zod and its 40 locales in the bundle (450 KB instead of 90).
 */
const S3Notification = z.object({
  Records: z.array(z.object({ s3: z.object({ object: z.object({ key: z.string().min(1) }) }) })),
});

/** S3 event keys are URL-encoded, with `+` for spaces. */
const objectKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

const recordHandler = async (record: SQSRecord) => {
  const body: unknown = JSON.parse(record.body);
  if (S3TestEvent.safeParse(body).success) return;
  for (const s3Record of S3Notification.parse(body).Records) {
    const key = objectKey(s3Record.s3.object.key);
    const result = await processInboundMail(key, deps);
    logger.info('Mail processed', { key, ...result });
  }
};

/** SQS intake queue -> one use case call per stored mail; failures go back to the queue one by one. */
export const handler = middy((event: SQSEvent, context: Context) =>
  processPartialResponse(event, recordHandler, processor, { context }),
).use(injectLambdaContext(logger));
