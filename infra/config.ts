import { z } from 'zod';

/**
 * Deployment settings, from cdk context (`-c stage=prod`) or cdk.json. Validated once, so a missing
 * or wrong value stops synth with a message naming it.
 */
export const DeployConfigSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,15}$/, 'must be lower-case letters, digits or dashes, e.g. "prod"')
    .default('dev'),
  region: z.string().default('eu-central-1'),
  rawMailRetentionDays: z.coerce.number().int().min(1).max(3650).default(90),
});
export type DeployConfig = z.infer<typeof DeployConfigSchema>;

export const loadDeployConfig = (context: (key: string) => unknown): DeployConfig => {
  const raw = Object.fromEntries(
    Object.keys(DeployConfigSchema.shape).map((key) => [key, context(key) ?? undefined]),
  );
  const result = DeployConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  -c ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid va-router deploy configuration:\n${problems}`);
  }
  return result.data;
};
