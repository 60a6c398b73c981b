import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Settlement } from '../../domain/billing/settlement';
import type { PackageUsage, RecordOutcome, SettlementStore } from '../../ports/billing';
import { ledgerPartition, packageUsageKey, postingKey, settlementKey } from './keys';
import { queryAll } from './query';
import { taskTransitionUpdate } from './task-repository';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export class DynamoSettlementStore implements SettlementStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(taskId: string): Promise<Settlement | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: settlementKey(taskId), ConsistentRead: true }),
    );
    return out.Item?.settlement as Settlement | undefined;
  }

  async packageUsage(clientId: string, period: string): Promise<PackageUsage> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: packageUsageKey(clientId, period),
        ConsistentRead: true,
      }),
    );
    return { minutes: Number(out.Item?.minutes ?? 0), version: Number(out.Item?.version ?? 0) };
  }

  async record(settlement: Settlement, seen: PackageUsage, at: string): Promise<RecordOutcome> {
    const { tableName } = this;
    const items: TransactItem[] = [
      {
        Update: taskTransitionUpdate(tableName, {
          taskId: settlement.taskId,
          from: 'COMPLETED',
          to: 'BILLED',
          at,
        }),
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...settlementKey(settlement.taskId), type: 'settlement', settlement, at },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...settlement.postings.map(
        (p, i): TransactItem => ({
          Put: {
            TableName: tableName,
            Item: {
              ...postingKey(p.account, settlement.period, settlement.taskId, i),
              type: 'posting',
              account: p.account,
              period: settlement.period,
              taskId: settlement.taskId,
              amountCents: p.amountCents,
              at,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
      ),
    ];
    if (settlement.packageMinutes > 0 || settlement.overageMinutes > 0) {
      items.push({
        Update: {
          TableName: tableName,
          Key: packageUsageKey(settlement.clientId, settlement.period),
          UpdateExpression: 'SET minutes = :minutes, #version = :next, #type = :type',
          // The split into package and overage minutes was computed from `seen`.
          ConditionExpression: 'attribute_not_exists(PK) OR #version = :seen',
          ExpressionAttributeNames: { '#version': 'version', '#type': 'type' },
          ExpressionAttributeValues: {
            ':minutes': seen.minutes + settlement.packageMinutes + settlement.overageMinutes,
            ':next': seen.version + 1,
            ':seen': seen.version,
            ':type': 'package-usage',
          },
        },
      });
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'recorded';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'already-settled';
      if (reasons.at(-1)?.Code === 'ConditionalCheckFailed' && items.length > 2 + settlement.postings.length)
        return 'usage-changed';
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'not-completed';
      // A concurrent transaction on the same items: the caller tries again from the start.
      if (reasons.some((r) => r.Code === 'TransactionConflict')) return 'usage-changed';
      throw error;
    }
  }

  async postings(account: string, period: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': ledgerPartition(account, period) },
      ConsistentRead: true,
    });
    return items.map((i) => ({ taskId: String(i.taskId), amountCents: Number(i.amountCents) }));
  }
}
