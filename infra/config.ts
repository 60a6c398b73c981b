import * as z from 'zod';

/** A setting without a default: missing means "is required", not a type error. */
const requiredText = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') });
const address = requiredText().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address');

/**
 * Deployment settings, from cdk context (`-c inboxAddress=...`) or cdk.json. Validated once, so a
 * missing or wrong value stops synth with a message naming it.
 */
export const DeployConfigSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,15}$/, 'must be lower-case letters, digits or dashes, e.g. "prod"')
    .default('dev'),
  region: z.string().default('eu-central-1'),
  rawMailRetentionDays: z.coerce.number().int().min(1).max(3650).default(90),
  /** The address clients send tasks to; SES receives for it. */
  inboxAddress: address,
  /** From of every mail va-router sends, with the agency's name. */
  senderAddress: requiredText().regex(
    /^[^<>]+<[^@\s<>]+@[^@\s<>]+>$/,
    'must look like "Agentur Muster <auftrag@agency.example>"',
  ),
  agencyName: requiredText().min(1, 'must not be empty'),
  operatorEmail: address,
  /** The language of the operator's mails (escalations, VA mail that belongs to no task). */
  operatorLanguage: z.enum(['de', 'en']).default('de'),
  /** The agency as seller on invoices (§14 UStG); the name is agencyName. */
  seller: z.object({
    street: requiredText(),
    postalCode: requiredText(),
    city: requiredText(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code')
      .default('DE'),
    vatId: requiredText(),
    email: address,
    phone: requiredText().min(5, 'must be a phone number'),
    iban: requiredText().min(15, 'must be an IBAN'),
    paymentTermsDays: z.coerce.number().int().min(0).max(90).default(14),
  }),
  /**
   * Days past the due date after which the morning digest mails the client a friendly reminder by
   * itself (at most two, a week apart; none once the client wrote about the invoice); 0: only the
   * operator's `invoice remind`.
   */
  paymentReminderAfterDays: z.coerce.number().int().min(0).max(365).default(0),
  /** The public URL of the HTTP API (custom domain); empty means the API's own execute-api URL. */
  publicBaseUrl: z.union([z.url(), z.literal('')]).default(''),
});
export type DeployConfig = z.infer<typeof DeployConfigSchema>;

export const loadDeployConfig = (context: (key: string) => unknown): DeployConfig => {
  const raw = Object.fromEntries(
    Object.keys(DeployConfigSchema.shape).map((key) => [key, context(key) ?? undefined]),
  );
  const result = DeployConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  -c ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(
      `Invalid va-router deploy configuration (cdk.json "context" or -c key=value):\n${problems}`,
    );
  }
  return result.data;
};
