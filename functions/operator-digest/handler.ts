import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client';
import { DynamoThreadIndex } from '../../shared/adapters/dynamodb/intake-repository';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox';
import { DynamoStatementStore } from '../../shared/adapters/dynamodb/statement-store';
import { DynamoTaskRepository } from '../../shared/adapters/dynamodb/task-repository';
import { S3BlobStore } from '../../shared/adapters/s3/s3-blob-store';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer';
import { DigestConfigSchema, domainOf, loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/logger';
import { sendOperatorDigest } from '../../shared/use-cases/operator-digest';

const config = loadConfig(DigestConfigSchema);
const logger = createLogger('operator-digest');
// The table, SES, and S3 for the invoice PDF a reminder attaches; the shared adapters would bundle
// Step Functions and SQS for nothing.
const db = createDocumentClient();
const now = () => new Date();
const deps = {
  tasks: new DynamoTaskRepository(db, config.TABLE_NAME),
  clients: new DynamoClientRepository(db, config.TABLE_NAME),
  statements: new DynamoStatementStore(db, config.TABLE_NAME),
  outbox: new DynamoOutbox(db, config.TABLE_NAME, new SesMailer(), now),
  threads: new DynamoThreadIndex(db, config.TABLE_NAME),
  blobs: new S3BlobStore(config.BUCKET_NAME),
  runtime: { now },
  config: {
    agencyName: config.AGENCY_NAME,
    senderAddress: config.SENDER_ADDRESS,
    mailDomain: domainOf(config.SENDER_ADDRESS),
    operatorEmail: config.OPERATOR_EMAIL,
    operatorLanguage: config.OPERATOR_LANGUAGE,
    remindAfterDays: config.REMIND_AFTER_DAYS,
  },
};

/** EventBridge Scheduler, 08:00 Berlin on working days: reminders if turned on, then what needs the operator. */
export const handler = middy(async () => {
  const result = await sendOperatorDigest(deps);
  logger.info('Operator digest', result);
  return result;
}).use(injectLambdaContext(logger));
