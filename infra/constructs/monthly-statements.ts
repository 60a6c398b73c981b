import { ArnFormat, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from './app-function';
import { grantObjects, grantSendMail, grantTable } from './grants';
import { BUCKET_PREFIXES } from './mail-bucket';
import { acknowledge, nagResource } from './nag';

export interface MonthlyStatementsProps {
  readonly environment: Record<string, string>;
  readonly table: ITableV2;
  readonly bucket: IBucket;
  readonly queueName: string;
  readonly senderDomain: string;
}

/**
 * On the 1st at 06:00 Berlin time (EventBridge Scheduler keeps the zone across DST), one function
 * puts a job per client on the statements queue; another sends each statement, retried on its own.
 */
export class MonthlyStatements extends Construct {
  readonly start: AppFunction;
  readonly send: AppFunction;
  readonly queue: IQueue;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: MonthlyStatementsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.queue = Queue.fromQueueArn(
      this,
      'Queue',
      stack.formatArn({ service: 'sqs', resource: props.queueName, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
    );
    this.start = new AppFunction(this, 'Start', {
      name: 'statements-start',
      environment: { ...props.environment, STATEMENTS_QUEUE_URL: this.queue.queueUrl },
      timeout: Duration.minutes(2),
    });
    grantTable(this.start.fn, props.table);
    this.queue.grantSendMessages(this.start.fn);

    this.send = new AppFunction(this, 'Send', {
      name: 'send-statement',
      environment: props.environment,
      // The statements queue's visibility timeout (360 s) is six times this.
      timeout: Duration.seconds(60),
      memorySize: 1024,
    });
    this.send.fn.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 5, reportBatchItemFailures: true }),
    );
    grantTable(this.send.fn, props.table);
    grantObjects(this.send.fn, props.bucket, { write: [BUCKET_PREFIXES.statements] });
    grantSendMail(this.send.fn, stack, props.senderDomain);

    this.schedule = new Schedule(this, 'Monthly', {
      description: 'va-router: last month’s statements, 06:00 Berlin on the 1st',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '6',
        day: '1',
        month: '*',
        year: '*',
        timeZone: TimeZone.EUROPE_BERLIN,
      }),
      target: new LambdaInvoke(this.start.fn, { retryAttempts: 3 }),
    });
    // The target's role is created at stack level, shared by the stack's schedules.
    acknowledge(
      stack,
      `AwsSolutions-IAM5[Resource::${nagResource(stack, `${this.start.fn.functionArn}:*`)}]`,
      'The scheduler may invoke versions of the one statements-start function; the wildcard covers only those.',
    );
  }
}
