import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition';
import type { LocalResourceNames } from '../definitions/local-resources';
import { DLQ_RETENTION_DAYS, dlqName, QUEUES } from '../definitions/queues';

const DAY = 86_400;

/** The CreateTable request for the single table, from the same definition the CDK stack uses. */
export const createTableInput = (tableName: string): CreateTableCommandInput => {
  const keyAttributes = new Set<string>([TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey]);
  for (const index of TABLE_DEFINITION.globalIndexes)
    keyAttributes.add(index.partitionKey).add(index.sortKey);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyAttributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_DEFINITION.globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
};

/** Creates the table with its GSIs and TTL unless it exists. Returns whether it was created. */
export const ensureTable = async (dynamodb: DynamoDBClient, tableName: string): Promise<boolean> => {
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await dynamodb.send(new CreateTableCommand(createTableInput(tableName)));
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
    }),
  );
  return true;
};

/** Creates every queue with its DLQ and redrive policy; returns queue URLs by logical name. */
export const ensureQueues = async (
  sqs: SQSClient,
  names: LocalResourceNames['queueNames'],
): Promise<Record<keyof typeof QUEUES, string>> => {
  const urls = {} as Record<keyof typeof QUEUES, string>;
  for (const [logical, definition] of Object.entries(QUEUES) as [
    keyof typeof QUEUES,
    (typeof QUEUES)[keyof typeof QUEUES],
  ][]) {
    const dlq = await sqs.send(
      new CreateQueueCommand({
        QueueName: dlqName(names[logical]),
        Attributes: { MessageRetentionPeriod: String(DLQ_RETENTION_DAYS * DAY) },
      }),
    );
    const dlqArn = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: names[logical],
        Attributes: {
          VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
          MessageRetentionPeriod: String(definition.retentionDays * DAY),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn.Attributes?.QueueArn,
            maxReceiveCount: definition.maxReceiveCount,
          }),
        },
      }),
    );
    urls[logical] = queue.QueueUrl ?? '';
  }
  return urls;
};

export const ensureBucket = async (s3: S3Client, bucketName: string): Promise<void> => {
  await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
};
