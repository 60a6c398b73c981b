import { randomBytes } from 'node:crypto';
import type { IntakeEnv } from '../config';
import { domainOf } from '../config';
import type { Runtime } from '../ports/clock';
import type { Workflow } from '../ports/routing';
import { DynamoClientRepository } from './dynamodb/client-repository';
import { createDocumentClient } from './dynamodb/document-client';
import { DynamoTaskThread, DynamoThreadIndex } from './dynamodb/intake-repository';
import { DynamoLinkRepository } from './dynamodb/link-repository';
import { DynamoOutbox } from './dynamodb/outbox';
import { DynamoSettlementStore } from './dynamodb/settlement-store';
import { DynamoTaskRepository } from './dynamodb/task-repository';
import { SesMailer } from './ses/ses-mailer';
import { SfnWorkflow } from './sfn/sfn-workflow';

/** What a test (or a benchmark) may swap: the clock, and which Step Functions endpoint to talk to. */
export interface AdapterOverrides {
  runtime?: Runtime;
  workflow?: Workflow;
}

/**
 * The adapters every function that takes in client work shares, built once per cold start. Files
 * (S3) are not among them: the workflow never touches one, and its bundle stays without the S3 client.
 */
export const createCommonAdapters = (config: IntakeEnv, overrides: AdapterOverrides = {}) => {
  const db = createDocumentClient();
  const table = config.TABLE_NAME;
  const runtime: Runtime = overrides.runtime ?? { now: () => new Date(), randomBytes: (n) => randomBytes(n) };
  const now = runtime.now;
  return {
    db,
    table,
    runtime,
    clients: new DynamoClientRepository(db, table),
    tasks: new DynamoTaskRepository(db, table),
    settlements: new DynamoSettlementStore(db, table),
    threads: new DynamoThreadIndex(db, table),
    thread: new DynamoTaskThread(db, table),
    outbox: new DynamoOutbox(db, table, new SesMailer(), now),
    links: new DynamoLinkRepository(db, table, now),
    workflow: overrides.workflow ?? new SfnWorkflow(config.STATE_MACHINE_ARN),
    mail: {
      agencyName: config.AGENCY_NAME,
      senderAddress: config.SENDER_ADDRESS,
      mailDomain: domainOf(config.SENDER_ADDRESS),
      maxAttachmentBytes: config.MAX_ATTACHMENT_MB * 1_048_576,
    },
  };
};
