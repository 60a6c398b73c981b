import * as z from 'zod';

/**
 * Settings every function reads from its environment, validated once per cold start. On AWS the
 * CDK stack sets them; locally the local stack does.
 */
const AddressWithName = z
  .string()
  .regex(/^[^<>]*<[^@\s<>]+@[^@\s<>]+>$|^[^@\s<>]+@[^@\s<>]+$/, 'must be "Name <address>" or an address');

export const IntakeConfigSchema = z.object({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  AGENCY_NAME: z.string().min(1).default('va-router'),
  SENDER_ADDRESS: AddressWithName,
  MAX_ATTACHMENT_MB: z.coerce.number().int().positive().default(20),
  STATE_MACHINE_ARN: z
    .string()
    .regex(/^arn:aws[\w-]*:states:/, 'must be the task lifecycle state machine ARN'),
});

const OperatorConfig = {
  OPERATOR_EMAIL: z.email({ message: "must be the operator's email address" }),
  OPERATOR_LANGUAGE: z.enum(['de', 'en']).default('de'),
};

const PublicBaseUrl = { PUBLIC_BASE_URL: z.url({ message: 'must be the public URL of the HTTP API' }) };

/**
 * The intake function also tells the operator about a VA's mail that belongs to no task of theirs,
 * and puts the withdraw link (to the HTTP API) in a client's first mail about a task.
 */
export const IntakeFunctionConfigSchema = IntakeConfigSchema.extend({ ...OperatorConfig, ...PublicBaseUrl });

/** What the workflow steps and the link pages need beyond intake: where links point, who the operator is. */
export const RoutingConfigSchema = IntakeConfigSchema.extend({
  ...PublicBaseUrl,
  ...OperatorConfig,
  FIXED_PRICE_VA_SHARE_PERCENT: z.coerce.number().int().min(0).max(100).default(60),
});
export type IntakeEnv = z.infer<typeof IntakeConfigSchema>;

export type RoutingEnv = z.infer<typeof RoutingConfigSchema>;

/** The operator's morning digest: the table, and who mails whom. */
export const DigestConfigSchema = IntakeConfigSchema.pick({
  TABLE_NAME: true,
  BUCKET_NAME: true,
  AGENCY_NAME: true,
  SENDER_ADDRESS: true,
}).extend({
  ...OperatorConfig,
  /** Days overdue after which the morning digest reminds a client by itself; 0 (default): never. */
  REMIND_AFTER_DAYS: z.coerce.number().int().min(0).max(365).default(0),
});
export type DigestEnv = z.infer<typeof DigestConfigSchema>;

/** The agency as seller on invoices (§14 UStG); its name is AGENCY_NAME. */
export const StatementConfigSchema = IntakeConfigSchema.extend({
  SELLER_STREET: z.string().min(1, 'is required (the agency address on invoices)'),
  SELLER_POSTAL_CODE: z.string().min(1, 'is required'),
  SELLER_CITY: z.string().min(1, 'is required'),
  SELLER_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('DE'),
  SELLER_VAT_ID: z.string().min(4, "is required (the agency's VAT ID)"),
  SELLER_EMAIL: z.email(),
  SELLER_PHONE: z.string().min(5, 'is required (XRechnung names a seller contact phone)'),
  SELLER_IBAN: z.string().min(15, 'is required (where clients pay)'),
  PAYMENT_TERMS_DAYS: z.coerce.number().int().min(0).max(90).default(14),
});
export type StatementEnv = z.infer<typeof StatementConfigSchema>;

/** The domain part of an address, for the Message-IDs we write. */
export const domainOf = (address: string): string =>
  /@([^>\s]+)>?\s*$/.exec(address)?.[1] ?? 'va-router.invalid';

export const loadConfig = <S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> => {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`Invalid configuration: ${problems}`);
};
