import { createCommonAdapters } from '../../shared/adapters/aws-wiring';
import { DynamoIntakeLog } from '../../shared/adapters/dynamodb/intake-repository';
import { IntakeConfigSchema, loadConfig } from '../../shared/config';
import type { IntakeDeps } from '../../shared/use-cases/intake-email';

/** Wires the intake use case to AWS. Called once per cold start. */
export const createIntakeDeps = (env: NodeJS.ProcessEnv = process.env): IntakeDeps => {
  const { db, table, mail, ...adapters } = createCommonAdapters(loadConfig(IntakeConfigSchema, env));
  return { ...adapters, log: new DynamoIntakeLog(db, table), config: mail };
};
