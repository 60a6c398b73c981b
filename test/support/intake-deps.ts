import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/client-repository';
import {
  DynamoIntakeLog,
  DynamoTaskThread,
  DynamoThreadIndex,
} from '../../shared/adapters/dynamodb/intake-repository';
import { DynamoLinkRepository } from '../../shared/adapters/dynamodb/link-repository';
import { DynamoOfferRepository } from '../../shared/adapters/dynamodb/offer-repository';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox';
import { DynamoSettlementStore } from '../../shared/adapters/dynamodb/settlement-store';
import { DynamoStatementStore } from '../../shared/adapters/dynamodb/statement-store';
import { DynamoTaskRepository } from '../../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../../shared/adapters/dynamodb/va-repository';
import type { BlobStore } from '../../shared/ports/blob-store';
import type { Mailer } from '../../shared/ports/mailer';
import type { IntakeDeps } from '../../shared/use-cases/intake-email';
import { RecordingWorkflow } from './recording-workflow';

/**
 * The intake use case wired to a test table on DynamoDB Local and the local S3, as the Lambda wires
 * it, with the mailer and the clock the test controls and a workflow that only records starts.
 */
export const intakeDepsOn = (
  { db, tableName }: { db: DynamoDBDocumentClient; tableName: string },
  { blobs, mailer, now }: { blobs: BlobStore; mailer: Mailer; now: () => Date },
) =>
  ({
    blobs,
    clients: new DynamoClientRepository(db, tableName),
    vas: new DynamoVaRepository(db, tableName),
    tasks: new DynamoTaskRepository(db, tableName),
    offers: new DynamoOfferRepository(db, tableName),
    statements: new DynamoStatementStore(db, tableName),
    settlements: new DynamoSettlementStore(db, tableName),
    log: new DynamoIntakeLog(db, tableName),
    threads: new DynamoThreadIndex(db, tableName),
    thread: new DynamoTaskThread(db, tableName),
    outbox: new DynamoOutbox(db, tableName, mailer, now),
    links: new DynamoLinkRepository(db, tableName, now),
    workflow: new RecordingWorkflow(),
    runtime: { now, randomBytes: (n: number) => randomBytes(n) },
    config: {
      agencyName: 'Agentur Test',
      senderAddress: 'Agentur Test <auftrag@agency.example>',
      mailDomain: 'agency.example',
      maxAttachmentBytes: 1_000_000,
      operatorEmail: 'operator@agency.example',
      operatorLanguage: 'de' as const,
      publicBaseUrl: 'https://api.agency.example',
    },
  }) satisfies IntakeDeps;

/** Stores a mail to the inbox under raw/, as SES does, and returns its key for intake. */
export const storeInbound = async (blobs: BlobStore, mail: Mail.Options, date: Date) => {
  const raw = await new MailComposer({
    to: 'auftrag@agency.example',
    messageId: `<${randomUUID()}@sender.example>`,
    date,
    ...mail,
  })
    .compile()
    .build();
  const key = `raw/test/${randomUUID()}`;
  await blobs.put(key, raw, 'message/rfc822');
  return key;
};
