import type { TestProject } from 'vitest/node';
import { loadAppHandlers } from '../../infra/local/app-handlers';
import { startLocalStack } from '../../infra/local/local-stack';

declare module 'vitest' {
  export interface ProvidedContext {
    localEnv: Record<string, string>;
    localUrls: { httpApi: string; sesInbox: string; smtp: string; dynamodb: string; sqs: string };
  }
}

/** One in-memory local stack per test run, on random ports; test files isolate by resource names. */
export default async function setup(project: TestProject) {
  // Handlers run in this process; their info lines would interleave with the test report.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const stack = await startLocalStack({
    ports: { http: 0, smtp: 0, ses: 0, dynamodb: 0, sqs: 0, sfn: 0 },
    prefix: 'va-test',
    handlers: loadAppHandlers,
  });
  project.provide('localEnv', stack.env);
  project.provide('localUrls', stack.urls);
  return () => stack.stop();
}
