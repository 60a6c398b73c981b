import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';

/**
 * cdk-nag's AWS Solutions rules over the whole app: every finding is fixed or acknowledged, with
 * its reason, where it arises (see infra/constructs/nag.ts). Checked on the construct tree, where
 * cross-stack references still carry their logical ids.
 */
describe('AWS Solutions checks', () => {
  it('leave no unacknowledged finding', () => {
    const { app } = buildApp(
      new App({
        context: {
          'aws:cdk:bundling-stacks': [],
          inboxAddress: 'auftrag@agency.example',
          senderAddress: 'Agentur Muster <auftrag@agency.example>',
          agencyName: 'Agentur Muster',
          operatorEmail: 'ops@agency.example',
        },
      }),
    );
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});
