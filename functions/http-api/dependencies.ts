import { z } from 'zod';
import { createCommonAdapters } from '../../shared/adapters/aws-wiring';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter';
import { DynamoSubmissionStore } from '../../shared/adapters/dynamodb/submission-repository';
import { IntakeConfigSchema, loadConfig } from '../../shared/config';
import type { FormDeps } from '../../shared/use-cases/submit-form';

const HttpConfigSchema = IntakeConfigSchema.extend({
  PUBLIC_BASE_URL: z.url({ message: 'must be the public URL of the HTTP API' }),
  CONFIRM_HOURS: z.coerce.number().int().positive().default(48),
});

/** Wires the web form to AWS. Called once per cold start. */
export const createFormDeps = (env: NodeJS.ProcessEnv = process.env): FormDeps => {
  const config = loadConfig(HttpConfigSchema, env);
  const { db, table, mail, ...adapters } = createCommonAdapters(config);
  return {
    ...adapters,
    submissions: new DynamoSubmissionStore(db, table),
    limiter: new DynamoRateLimiter(db, table),
    config: {
      ...mail,
      publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''),
      confirmHours: config.CONFIRM_HOURS,
    },
  };
};
