import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type IntakeOutcome, type IntakeRecord, IntakeRecordSchema } from '../../domain/intake';
import { sha256Hex } from '../../hash';
import type { IntakeLog, TaskMessage, TaskThread, ThreadIndex } from '../../ports/intake';
import { fromItem, toItem } from './item-codec';
import { dedupeKey, TASK_MESSAGE_PREFIX, taskKey, taskMessageKey, threadLinkKey } from './keys';
import { failedConditionIndex } from './write-errors';

const DAY_SECONDS = 86_400;

export class DynamoIntakeLog implements IntakeLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Longer than SQS keeps a message (14 days), so any redelivery still finds the record. */
    private readonly retentionDays = 90,
  ) {}

  async claim(record: IntakeRecord): Promise<IntakeRecord> {
    const ttl = Math.floor(Date.parse(record.receivedAt) / 1000) + this.retentionDays * DAY_SECONDS;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...toItem('intake', dedupeKey(record.id), record), ttl },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return record;
    } catch (error) {
      if (failedConditionIndex(error) === undefined) throw error;
      const existing = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: dedupeKey(record.id), ConsistentRead: true }),
      );
      return fromItem(IntakeRecordSchema, existing.Item ?? {});
    }
  }

  async finish(
    id: string,
    outcome: IntakeOutcome,
    details: { reason?: string; taskId?: string } = {},
  ): Promise<void> {
    const values: Record<string, string> = { ':done': 'done', ':outcome': outcome };
    const sets = ['#state = :done', 'outcome = :outcome'];
    for (const field of ['reason', 'taskId'] as const) {
      const value = details[field];
      if (value === undefined) continue;
      values[`:${field}`] = value;
      sets.push(`${field} = :${field}`);
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: dedupeKey(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: values,
      }),
    );
  }
}

export class DynamoThreadIndex implements ThreadIndex {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async link(messageId: string, taskId: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...threadLinkKey(sha256Hex(messageId)), type: 'thread-link', taskId },
      }),
    );
  }

  async find(messageIds: readonly string[]): Promise<string | undefined> {
    const ids = [...new Set(messageIds)].slice(0, 100);
    if (ids.length === 0) return undefined;
    const out = await this.db.send(
      new BatchGetCommand({
        RequestItems: {
          [this.tableName]: { Keys: ids.map((id) => threadLinkKey(sha256Hex(id))), ConsistentRead: true },
        },
      }),
    );
    const found = new Map(
      (out.Responses?.[this.tableName] ?? []).map((item) => [item.PK as string, item.taskId as string]),
    );
    // The newest reference is the most specific: In-Reply-To is passed first, then References from the end.
    for (const id of ids) {
      const taskId = found.get(threadLinkKey(sha256Hex(id)).PK);
      if (taskId) return taskId;
    }
    return undefined;
  }
}

export class DynamoTaskThread implements TaskThread {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async append(taskId: string, message: TaskMessage): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: toItem('task-message', taskMessageKey(taskId, message.receivedAt, message.id), message),
      }),
    );
  }

  async list(taskId: string): Promise<TaskMessage[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :p AND begins_with(SK, :m)',
        ExpressionAttributeValues: { ':p': taskKey(taskId).PK, ':m': TASK_MESSAGE_PREFIX },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(({ PK: _pk, SK: _sk, type: _type, ...message }) => message as TaskMessage);
  }
}
