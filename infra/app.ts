import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadDeployConfig } from './config';
import { StatefulStack } from './stacks/stateful-stack';
import { StatelessStack } from './stacks/stateless-stack';

/** Builds the whole CDK app; tests call this with their own context. */
export const buildApp = (app = new App(), options: { validate?: boolean } = {}) => {
  const config = loadDeployConfig((key) => app.node.tryGetContext(key));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const stateful = new StatefulStack(app, `VaRouter-${config.stage}-Stateful`, { env, config });
  const stateless = new StatelessStack(app, `VaRouter-${config.stage}-Stateless`, { env, config });
  // No exports between the stacks (names instead), but the data must exist before the code.
  stateless.addStackDependency(stateful);
  // Every synth is checked against AWS Solutions rules; an unacknowledged finding fails it. Only
  // the local stack, which reads the state machine from the template, skips the check (~0.7 s).
  if (options.validate ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  Tags.of(app).add('app', 'va-router');
  Tags.of(app).add('stage', config.stage);
  return { app, config, stateful, stateless };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp().app.synth();
}
