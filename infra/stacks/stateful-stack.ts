import { Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { DeployConfig } from '../config';
import { DataTable } from '../constructs/data-table';
import { InboundMail } from '../constructs/inbound-mail';
import { MailBucket } from '../constructs/mail-bucket';
import { acknowledge } from '../constructs/nag';
import { QueueWithDlq } from '../constructs/queue-with-dlq';
import { deployedNames } from '../definitions/deployed-names';
import { QUEUES } from '../definitions/queues';

export interface StatefulStackProps extends StackProps {
  readonly config: DeployConfig;
}

/** Everything that holds data. Retained on delete; deployed rarely. */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly bucket: Bucket;
  readonly intakeQueue: Queue;
  readonly intakeDeadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const names = deployedNames(props.config.stage);
    this.table = new DataTable(this, 'Data', { tableName: names.tableName }).table;
    this.bucket = new MailBucket(this, 'Mail', {
      rawMailRetentionDays: props.config.rawMailRetentionDays,
      bucketName: names.bucketName,
      accessLogBucketName: names.accessLogBucketName,
    }).bucket;
    const intake = new QueueWithDlq(this, 'Intake', QUEUES.intake, {
      queueName: names.intakeQueueName,
      deadLetterQueueName: names.intakeDeadLetterQueueName,
    });
    this.intakeQueue = intake.queue;
    this.intakeDeadLetterQueue = intake.deadLetterQueue;
    new QueueWithDlq(this, 'Statements', QUEUES.statements, {
      queueName: names.statementsQueueName,
      deadLetterQueueName: names.statementsDeadLetterQueueName,
    });
    new InboundMail(this, 'InboundMail', {
      inboxAddress: props.config.inboxAddress,
      bucket: this.bucket,
      intakeQueue: this.intakeQueue,
      ruleSetName: `va-router-${props.config.stage}`,
    });
    // CDK's own function that configures the bucket notification lives at stack level.
    acknowledge(
      this,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Only the CDK-provided S3 notification configurator uses it, for its logs.',
    );
  }
}
