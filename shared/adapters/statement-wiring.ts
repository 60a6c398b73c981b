import { domainOf, type StatementEnv } from '../config';
import type { StatementDeps } from '../use-cases/billing/run-statements';
import { type AdapterOverrides, createCommonAdapters } from './aws-wiring';
import { DynamoStatementStore } from './dynamodb/statement-store';
import { DynamoVaRepository } from './dynamodb/va-repository';
import { S3BlobStore } from './s3/s3-blob-store';

/** The adapters of the monthly statements run (the CLI locally, a function on AWS). */
export const createStatementDeps = (
  config: StatementEnv,
  overrides: AdapterOverrides = {},
): StatementDeps => {
  const { db, table, runtime, clients, tasks, outbox, settlements, threads } = createCommonAdapters(
    config,
    overrides,
  );
  return {
    clients,
    tasks,
    outbox,
    threads,
    blobs: new S3BlobStore(config.BUCKET_NAME),
    runtime,
    vas: new DynamoVaRepository(db, table),
    settlements,
    statements: new DynamoStatementStore(db, table),
    config: {
      agencyName: config.AGENCY_NAME,
      senderAddress: config.SENDER_ADDRESS,
      mailDomain: domainOf(config.SENDER_ADDRESS),
      seller: {
        name: config.AGENCY_NAME,
        street: config.SELLER_STREET,
        postalCode: config.SELLER_POSTAL_CODE,
        city: config.SELLER_CITY,
        country: config.SELLER_COUNTRY,
        vatId: config.SELLER_VAT_ID,
        email: config.SELLER_EMAIL,
        phone: config.SELLER_PHONE,
        iban: config.SELLER_IBAN,
        paymentTermsDays: config.PAYMENT_TERMS_DAYS,
      },
    },
  };
};
