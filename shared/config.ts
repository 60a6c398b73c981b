import { z } from 'zod';

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
});
export type IntakeEnv = z.infer<typeof IntakeConfigSchema>;

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
