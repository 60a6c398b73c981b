import { randomBytes } from 'node:crypto';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client';
import {
  DynamoIntakeLog,
  DynamoTaskThread,
  DynamoThreadIndex,
} from '../../shared/adapters/dynamodb/intake-repository';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox';
import { DynamoTaskRepository } from '../../shared/adapters/dynamodb/task-repository';
import { S3BlobStore } from '../../shared/adapters/s3/s3-blob-store';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer';
import { domainOf, IntakeConfigSchema, loadConfig } from '../../shared/config';
import type { IntakeDeps } from '../../shared/use-cases/intake-email';

/** Wires the intake use case to AWS. Called once per cold start. */
export const createIntakeDeps = (env: NodeJS.ProcessEnv = process.env): IntakeDeps => {
  const config = loadConfig(IntakeConfigSchema, env);
  const db = createDocumentClient();
  const table = config.TABLE_NAME;
  const now = () => new Date();
  return {
    blobs: new S3BlobStore(config.BUCKET_NAME),
    clients: new DynamoClientRepository(db, table),
    tasks: new DynamoTaskRepository(db, table),
    log: new DynamoIntakeLog(db, table),
    threads: new DynamoThreadIndex(db, table),
    thread: new DynamoTaskThread(db, table),
    outbox: new DynamoOutbox(db, table, new SesMailer(), now),
    runtime: { now, randomBytes: (n) => randomBytes(n) },
    config: {
      agencyName: config.AGENCY_NAME,
      senderAddress: config.SENDER_ADDRESS,
      mailDomain: domainOf(config.SENDER_ADDRESS),
      maxAttachmentBytes: config.MAX_ATTACHMENT_MB * 1_048_576,
    },
  };
};
