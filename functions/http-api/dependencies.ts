import * as z from 'zod';
import { createCommonAdapters } from '../../shared/adapters/aws-wiring';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter';
import { DynamoStatementStore } from '../../shared/adapters/dynamodb/statement-store';
import { DynamoSubmissionStore } from '../../shared/adapters/dynamodb/submission-repository';
import { createRoutingDeps } from '../../shared/adapters/routing-wiring';
import { S3BlobStore } from '../../shared/adapters/s3/s3-blob-store';
import { loadConfig, RoutingConfigSchema } from '../../shared/config';
import type { FormDeps } from '../../shared/use-cases/submit-form';
import type { VaPageDeps } from '../../shared/use-cases/va-page';
import type { LinkDeps } from './link-routes';

const HttpConfigSchema = RoutingConfigSchema.extend({
  CONFIRM_HOURS: z.coerce.number().int().positive().default(48),
});

export interface HttpDeps {
  form: FormDeps;
  links: LinkDeps;
  vaPage: VaPageDeps & { config: { agencyName: string } };
}

/** Wires the web form, the mailed links and the VAs' pages to AWS. Called once per cold start. */
export const createHttpDeps = (env: NodeJS.ProcessEnv = process.env): HttpDeps => {
  const config = loadConfig(HttpConfigSchema, env);
  const blobs = new S3BlobStore(config.BUCKET_NAME);
  const common = createCommonAdapters(config);
  const statements = new DynamoStatementStore(common.db, common.table);
  const routing = createRoutingDeps(config);
  return {
    form: createFormDeps(config, common, { blobs, statements }),
    links: { ...routing, blobs },
    vaPage: { ...routing, statements },
  };
};

const createFormDeps = (
  config: z.infer<typeof HttpConfigSchema>,
  { db, table, mail, ...adapters }: ReturnType<typeof createCommonAdapters>,
  stores: Pick<FormDeps, 'blobs' | 'statements'>,
): FormDeps => ({
  ...adapters,
  ...stores,
  submissions: new DynamoSubmissionStore(db, table),
  limiter: new DynamoRateLimiter(db, table),
  config: {
    ...mail,
    publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, ''),
    confirmHours: config.CONFIRM_HOURS,
    operatorEmail: config.OPERATOR_EMAIL,
    operatorLanguage: config.OPERATOR_LANGUAGE,
  },
});
