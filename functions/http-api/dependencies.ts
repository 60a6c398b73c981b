import * as z from 'zod';
import { createCommonAdapters } from '../../shared/adapters/aws-wiring';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter';
import { DynamoSubmissionStore } from '../../shared/adapters/dynamodb/submission-repository';
import { createRoutingDeps } from '../../shared/adapters/routing-wiring';
import { loadConfig, RoutingConfigSchema } from '../../shared/config';
import type { RoutingDeps } from '../../shared/use-cases/routing/deps';
import type { FormDeps } from '../../shared/use-cases/submit-form';

const HttpConfigSchema = RoutingConfigSchema.extend({
  CONFIRM_HOURS: z.coerce.number().int().positive().default(48),
});

export interface HttpDeps {
  form: FormDeps;
  links: RoutingDeps;
}

/** Wires the web form and the mailed links to AWS. Called once per cold start. */
export const createHttpDeps = (env: NodeJS.ProcessEnv = process.env): HttpDeps => {
  const config = loadConfig(HttpConfigSchema, env);
  return { form: createFormDeps(config), links: createRoutingDeps(config) };
};

const createFormDeps = (config: z.infer<typeof HttpConfigSchema>): FormDeps => {
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
