import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { TABLE_ACTIONS } from '../../infra/constructs/grants';
import { TEST_DEPLOY_CONTEXT } from '../support/deploy-context';

const CONTEXT = TEST_DEPLOY_CONTEXT;

/** Every statement of every policy attached to the role of the function whose logical id starts with `prefix`. */
const statementsOf = (template: Template, prefix: string) => {
  const roles = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.startsWith(prefix));
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as Array<{ Ref: string }>).some((r) => roles.includes(r.Ref)),
  );
  return policies.flatMap(
    (p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
  );
};

describe('stateless stack', () => {
  let template: Template;
  let stateful: Template;

  beforeAll(() => {
    const built = buildApp(new App({ context: { ...CONTEXT, 'aws:cdk:bundling-stacks': [] } }));
    template = Template.fromStack(built.stateless);
    stateful = Template.fromStack(built.stateful);
  });

  it('runs every function on Node 22, arm64, with tracing and JSON logs', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(6);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
    }
  });

  it('feeds intake-email from the intake queue with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('grants only the actions each function uses, never "*" and never Scan', () => {
    for (const prefix of ['IntakeEmail', 'HttpApiFunction', 'WorkflowFunction']) {
      const statements = statementsOf(template, prefix);
      const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.some((a) => a.includes('*'))).toBe(false);
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).toEqual(expect.arrayContaining([...TABLE_ACTIONS, 'ses:SendRawEmail']));
    }
    const intake = JSON.stringify(statementsOf(template, 'IntakeEmail'));
    expect(intake).toContain('"s3:GetObject"');
    expect(intake).toContain('/raw/*');
    expect(intake).toContain('identity/agency.example');
    const http = JSON.stringify(statementsOf(template, 'HttpApiFunction'));
    expect(http).toContain('/forms/*');
    // It signs downloads of task files for their VA and of invoices for their client, and reads
    // nothing else: never raw mail.
    const reads = statementsOf(template, 'HttpApiFunction').filter((s) =>
      [s.Action].flat().includes('s3:GetObject'),
    );
    expect(JSON.stringify(reads)).toMatch(/attachments\/\*.*uploads\/\*.*statements\/\*/);
    expect(JSON.stringify(reads)).not.toContain('/raw/');
    const workflow = JSON.stringify(statementsOf(template, 'WorkflowFunction'));
    expect(workflow).not.toContain('s3:');
  });

  it('routes exactly the form and link endpoints to the HTTP API function', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
      .map((r) => r.Properties.RouteKey)
      .sort();
    expect(routes).toEqual([
      'GET /confirm/{token}',
      'GET /health',
      'GET /invoices/{file}',
      'GET /o/{token}',
      'GET /submit',
      'GET /t/{token}/done',
      'GET /t/{token}/files/{index}',
      'GET /t/{token}/give-back',
      'GET /v/{token}',
      'GET /w/{token}',
      'POST /confirm/{token}',
      'POST /o/{token}/{decision}',
      'POST /t/{token}/done',
      'POST /t/{token}/give-back',
      'POST /tasks',
      'POST /v/{token}/time-off',
      'POST /v/{token}/time-off/remove',
      'POST /w/{token}',
    ]);
  });

  it('alarms the operator by email on dead letters, function errors and throttles, failed workflows and bounces', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@agency.example',
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const metrics = alarms.map((a) => `${a.Namespace}:${a.MetricName}`).sort();
    expect(metrics).toEqual(
      [
        ...Array(2).fill('AWS/SQS:ApproximateNumberOfMessagesVisible'),
        ...Array(6).fill('AWS/Lambda:Errors'),
        ...Array(6).fill('AWS/Lambda:Throttles'),
        'AWS/States:ExecutionsFailed',
        'AWS/States:ExecutionsTimedOut',
        'AWS/SES:Reputation.BounceRate',
      ].sort(),
    );
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
    const dlqs = alarms.filter((a) => a.Namespace === 'AWS/SQS').map((a) => JSON.stringify(a.Dimensions));
    expect(dlqs.join()).toContain('va-router-test-intake-dlq');
    expect(dlqs.join()).toContain('va-router-test-statements-dlq');
  });

  it('starts the statements at 06:00 Berlin time on the 1st and sends them one per client from a queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 1 * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([':va-router-test-statements'])]),
      }),
    });
    const sender = JSON.stringify(statementsOf(template, 'StatementsSend'));
    expect(sender).toContain('/statements/*');
    expect(sender).not.toContain('/raw/*');
  });

  it("mails the operator's digest at 08:00 Berlin time on working days, reading only the invoice PDFs a reminder attaches", () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
    });
    const digest = statementsOf(template, 'OperatorDigest');
    const actions = digest.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining([...TABLE_ACTIONS, 'ses:SendRawEmail', 's3:GetObject']));
    expect(actions.some((a) => a === 's3:PutObject' || a.startsWith('states:') || a.includes('*'))).toBe(
      false,
    );
    const objects = JSON.stringify(digest.filter((s) => [s.Action].flat().includes('s3:GetObject')));
    expect(objects).toContain('/statements/*');
    expect(objects).not.toMatch(/\/(raw|attachments|uploads|forms)\//);
  });

  it('runs the task lifecycle as a Standard state machine with logging and tracing, named per stage', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'va-router-test-task-lifecycle',
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('lets only the state machine ARN be started or answered, and the workflow function nothing else of it', () => {
    const sfnStatements = (prefix: string) =>
      statementsOf(template, prefix).filter((s) => [s.Action].flat().some((a) => a.startsWith('states:')));
    for (const [prefix, actions] of [
      ['IntakeEmail', ['states:StartExecution']],
      [
        'HttpApiFunction',
        [
          'states:StartExecution',
          'states:SendTaskFailure',
          'states:SendTaskHeartbeat',
          'states:SendTaskSuccess',
        ],
      ],
      ['WorkflowFunction', ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']],
    ] as const) {
      const statements = sfnStatements(prefix);
      expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual([...actions].sort());
      for (const s of statements)
        expect(JSON.stringify(s.Resource)).toMatch(
          /:states:[\w-]+:".*:stateMachine:va-router-test-task-lifecycle"/,
        );
    }
  });

  it('receives mail with SES into S3 raw/ (TLS, spam and virus scan) and notifies the intake queue', () => {
    stateful.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Recipients: ['auftrag@agency.example'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [{ S3Action: Match.objectLike({ ObjectKeyPrefix: 'raw/' }) }],
      }),
    });
    stateful.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'raw/' }] } },
          }),
        ],
      },
    });
  });

  it('names a missing setting when synth cannot go on', () => {
    const { inboxAddress: _missing, ...rest } = CONTEXT;
    expect(() => buildApp(new App({ context: { ...rest, inboxAddress: undefined } }))).toThrowError(
      /-c inboxAddress: is required/,
    );
  });
});
