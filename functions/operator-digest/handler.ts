import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox';
import { DynamoStatementStore } from '../../shared/adapters/dynamodb/statement-store';
import { DynamoTaskRepository } from '../../shared/adapters/dynamodb/task-repository';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer';
import { DigestConfigSchema, domainOf, loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/logger';
import { sendOperatorDigest } from '../../shared/use-cases/operator-digest';

const config = loadConfig(DigestConfigSchema);
const logger = createLogger('operator-digest');
// The table and SES only: the shared adapters would bundle S3 and Step Functions for nothing.
const db = createDocumentClient();
const now = () => new Date();
const deps = {
  tasks: new DynamoTaskRepository(db, config.TABLE_NAME),
  clients: new DynamoClientRepository(db, config.TABLE_NAME),
  statements: new DynamoStatementStore(db, config.TABLE_NAME),
  outbox: new DynamoOutbox(db, config.TABLE_NAME, new SesMailer(), now),
  runtime: { now },
  config: {
    agencyName: config.AGENCY_NAME,
    senderAddress: config.SENDER_ADDRESS,
    mailDomain: domainOf(config.SENDER_ADDRESS),
    operatorEmail: config.OPERATOR_EMAIL,
    operatorLanguage: config.OPERATOR_LANGUAGE,
  },
};

/** EventBridge Scheduler, 08:00 Berlin on working days: what needs the operator today. */
export const handler = middy(async () => {
  const result = await sendOperatorDigest(deps);
  logger.info('Operator digest', result);
  return result;
}).use(injectLambdaContext(logger));
