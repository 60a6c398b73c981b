import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client';
import { DynamoTaskThread, DynamoThreadIndex } from '../../shared/adapters/dynamodb/intake-repository';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter';
import { DynamoSubmissionStore } from '../../shared/adapters/dynamodb/submission-repository';
import { DynamoTaskRepository } from '../../shared/adapters/dynamodb/task-repository';
import { S3BlobStore } from '../../shared/adapters/s3/s3-blob-store';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer';
import { domainOf, IntakeConfigSchema, loadConfig } from '../../shared/config';
import type { FormDeps } from '../../shared/use-cases/submit-form';

const HttpConfigSchema = IntakeConfigSchema.extend({
  PUBLIC_BASE_URL: z.url({ message: 'must be the public URL of the HTTP API' }),
  CONFIRM_HOURS: z.coerce.number().int().positive().default(48),
});

/** Wires the web form to AWS. Called once per cold start. */
export const createFormDeps = (env: NodeJS.ProcessEnv = process.env): FormDeps => {
  const config = loadConfig(HttpConfigSchema, env);
  const db = createDocumentClient();
  const table = config.TABLE_NAME;
  const now = () => new Date();
  return {
    clients: new DynamoClientRepository(db, table),
    tasks: new DynamoTaskRepository(db, table),
    submissions: new DynamoSubmissionStore(db, table),
    blobs: new S3BlobStore(config.BUCKET_NAME),
    outbox: new DynamoOutbox(db, table, new SesMailer(), now),
    threads: new DynamoThreadIndex(db, table),
    thread: new DynamoTaskThread(db, table),
    limiter: new DynamoRateLimiter(db, table),
    runtime: { now, randomBytes: (n) => randomBytes(n) },
    config: {
      agencyName: config.AGENCY_NAME,
      senderAddress: config.SENDER_ADDRESS,
      mailDomain: domainOf(config.SENDER_ADDRESS),
      maxAttachmentBytes: config.MAX_ATTACHMENT_MB * 1_048_576,
      publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''),
      confirmHours: config.CONFIRM_HOURS,
    },
  };
};
