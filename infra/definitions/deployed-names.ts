import { Aws } from 'aws-cdk-lib';
import { dlqName, QUEUES } from './queues';

/**
 * Physical names of the stateful resources, derived from the stage. The stateless stack finds them
 * by these names instead of CloudFormation exports, so either stack can change without the other
 * (exports cannot change while imported) and every name is known before deploy.
 */
export const deployedNames = (stage: string) => ({
  tableName: `va-router-${stage}`,
  // Bucket names are global: account and region make them unique (resolved at deploy).
  bucketName: `va-router-${stage}-mail-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
  accessLogBucketName: `va-router-${stage}-logs-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
  intakeQueueName: `va-router-${stage}-${QUEUES.intake.name}`,
  intakeDeadLetterQueueName: dlqName(`va-router-${stage}-${QUEUES.intake.name}`),
  stateMachineName: `va-router-${stage}-task-lifecycle`,
  statementsQueueName: `va-router-${stage}-${QUEUES.statements.name}`,
  statementsDeadLetterQueueName: dlqName(`va-router-${stage}-${QUEUES.statements.name}`),
});
export type DeployedNames = ReturnType<typeof deployedNames>;
