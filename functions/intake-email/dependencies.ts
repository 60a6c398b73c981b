import { createCommonAdapters } from '../../shared/adapters/aws-wiring';
import { DynamoIntakeLog } from '../../shared/adapters/dynamodb/intake-repository';
import { DynamoOfferRepository } from '../../shared/adapters/dynamodb/offer-repository';
import { DynamoStatementStore } from '../../shared/adapters/dynamodb/statement-store';
import { DynamoVaRepository } from '../../shared/adapters/dynamodb/va-repository';
import { S3BlobStore } from '../../shared/adapters/s3/s3-blob-store';
import { IntakeFunctionConfigSchema, loadConfig } from '../../shared/config';
import type { IntakeDeps } from '../../shared/use-cases/intake-email';

/** Wires the intake use case to AWS. Called once per cold start. */
export const createIntakeDeps = (env: NodeJS.ProcessEnv = process.env): IntakeDeps => {
  const config = loadConfig(IntakeFunctionConfigSchema, env);
  const { db, table, mail, ...adapters } = createCommonAdapters(config);
  return {
    ...adapters,
    blobs: new S3BlobStore(config.BUCKET_NAME),
    log: new DynamoIntakeLog(db, table),
    vas: new DynamoVaRepository(db, table),
    offers: new DynamoOfferRepository(db, table),
    statements: new DynamoStatementStore(db, table),
    config: {
      ...mail,
      operatorEmail: config.OPERATOR_EMAIL,
      operatorLanguage: config.OPERATOR_LANGUAGE,
      publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''),
    },
  };
};
