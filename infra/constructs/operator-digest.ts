import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { AppFunction } from './app-function';
import { grantObjects, grantSendMail, grantTable } from './grants';
import { BUCKET_PREFIXES } from './mail-bucket';
import { acknowledge, nagResource } from './nag';

export interface OperatorDigestProps {
  readonly environment: Record<string, string>;
  readonly table: ITableV2;
  /** A payment reminder attaches the invoice's PDF again. */
  readonly bucket: IBucket;
  readonly senderDomain: string;
}

/**
 * At 08:00 Berlin time on working days, the operator gets the open tasks that need them (nobody
 * took them, their deadline passed, or the client has not answered for days) and the overdue
 * invoices; when the agency turned them on, the clients of those get their reminder first.
 */
export class OperatorDigest extends Construct {
  readonly fn: AppFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: OperatorDigestProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.fn = new AppFunction(this, 'Digest', {
      name: 'operator-digest',
      environment: props.environment,
      timeout: Duration.minutes(1),
    });
    grantTable(this.fn.fn, props.table);
    grantObjects(this.fn.fn, props.bucket, { read: [BUCKET_PREFIXES.statements] });
    grantSendMail(this.fn.fn, stack, props.senderDomain);

    this.schedule = new Schedule(this, 'WorkingDays', {
      description: 'va-router: what needs the operator today, 08:00 Berlin, Monday to Friday',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '8',
        weekDay: 'MON-FRI',
        month: '*',
        year: '*',
        timeZone: TimeZone.EUROPE_BERLIN,
      }),
      target: new LambdaInvoke(this.fn.fn, { retryAttempts: 3 }),
    });
    acknowledge(
      stack,
      `AwsSolutions-IAM5[Resource::${nagResource(stack, `${this.fn.fn.functionArn}:*`)}]`,
      'The scheduler may invoke versions of the one operator-digest function; the wildcard covers only those.',
    );
  }
}
