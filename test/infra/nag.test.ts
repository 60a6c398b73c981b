import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { TEST_DEPLOY_CONTEXT } from '../support/deploy-context';

const context = { ...TEST_DEPLOY_CONTEXT, stage: 'dev', 'aws:cdk:bundling-stacks': [] };

/**
 * The app runs cdk-nag's AWS Solutions rules on every synth: every finding is fixed or acknowledged,
 * with its reason, where it arises (infra/constructs/nag.ts). An unacknowledged one fails synth.
 */
describe('AWS Solutions checks', () => {
  it('let the app synthesize', () => {
    expect(() => buildApp(new App({ context })).app.synth()).not.toThrow();
  });

  it('fail synth on a new unacknowledged finding', async () => {
    const { app, stateless } = buildApp(new App({ context }));
    const { Queue } = await import('aws-cdk-lib/aws-sqs');
    // A queue without a DLQ and without TLS enforcement breaks SQS3/SQS4.
    new Queue(stateless, 'Careless');
    expect(() => app.synth()).toThrowError(/AwsSolutions-SQS3|Validation failed/);
  });

  it('keeps the stacks free of CloudFormation exports', () => {
    const { app } = buildApp(new App({ context }));
    const assembly = app.synth();
    for (const stack of assembly.stacks) {
      const outputs = Object.values(
        (stack.template as { Outputs?: Record<string, { Export?: unknown }> }).Outputs ?? {},
      );
      expect(outputs.filter((o) => o.Export)).toEqual([]);
    }
  });
});
