import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createRoutingDeps } from '../../shared/adapters/routing-wiring';
import { loadConfig, RoutingConfigSchema } from '../../shared/config';
import { createLogger } from '../../shared/logger';
import { runStep, StepEventSchema } from './steps';

const logger = createLogger('workflow');
const deps = createRoutingDeps(loadConfig(RoutingConfigSchema));

/**
 * The task lifecycle's steps. Errors propagate: the state machine retries them, and an error named
 * TaskCancelled ends the workflow quietly (see the Catch clauses of the definition).
 */
export const handler = middy(async (event: unknown) => {
  const step = StepEventSchema.parse(event);
  logger.appendKeys({ taskId: step.state.taskId, step: step.step });
  const result = await runStep(step, deps);
  logger.info('Step done');
  return result ?? {};
}).use(injectLambdaContext(logger, { resetKeys: true }));
