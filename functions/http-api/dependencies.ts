import * as z from 'zod';
import { createCommonAdapters } from '../../shared/adapters/aws-wiring';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter';
import { DynamoStatementStore } from '../../shared/adapters/dynamodb/statement-store';
import { DynamoSubmissionStore } from '../../shared/adapters/dynamodb/submission-repository';
import { createRoutingDeps } from '../../shared/adapters/routing-wiring';
import { S3BlobStore } from '../../shared/adapters/s3/s3-blob-store';
import { loadConfig, RoutingConfigSchema } from '../../shared/config';
import type { FormDeps } from '../../shared/use-cases/submit-form';
import type { LinkDeps } from './link-routes';

const HttpConfigSchema = RoutingConfigSchema.extend({
  CONFIRM_HOURS: z.coerce.number().int().positive().default(48),
});

export interface HttpDeps {
  form: FormDeps;
  links: LinkDeps;
}

/** Wires the web form and the mailed links to AWS. Called once per cold start. */
export const createHttpDeps = (env: NodeJS.ProcessEnv = process.env): HttpDeps => {
  const config = loadConfig(HttpConfigSchema, env);
  const blobs = new S3BlobStore(config.BUCKET_NAME);
  return { form: createFormDeps(config, blobs), links: { ...createRoutingDeps(config), blobs } };
};

const createFormDeps = (config: z.infer<typeof HttpConfigSchema>, blobs: S3BlobStore): FormDeps => {
  const { db, table, mail, ...adapters } = createCommonAdapters(config);
  return {
    ...adapters,
    blobs,
    submissions: new DynamoSubmissionStore(db, table),
    statements: new DynamoStatementStore(db, table),
    limiter: new DynamoRateLimiter(db, table),
    config: {
      ...mail,
      publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''),
      confirmHours: config.CONFIRM_HOURS,
      operatorEmail: config.OPERATOR_EMAIL,
      operatorLanguage: config.OPERATOR_LANGUAGE,
    },
  };
};
