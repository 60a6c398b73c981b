import { QUEUES } from './queues';

/** Names of the resources the local stack creates; on AWS, CDK names them. */
export const localResourceNames = (prefix = 'va-router') => ({
  tableName: prefix,
  bucketName: `${prefix}-mail`,
  stateMachineName: `${prefix}-task-lifecycle`,
  queueNames: Object.fromEntries(Object.values(QUEUES).map((q) => [q.name, `${prefix}-${q.name}`])) as Record<
    keyof typeof QUEUES,
    string
  >,
});
export type LocalResourceNames = ReturnType<typeof localResourceNames>;
