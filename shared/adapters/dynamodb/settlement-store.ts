import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Adjustment } from '../../domain/billing/adjustment';
import type { Posting, Settlement } from '../../domain/billing/settlement';
import type {
  AdjustmentOutcome,
  LedgerEntry,
  PackageUsage,
  RecordOutcome,
  SettlementHistory,
  SettlementStore,
} from '../../ports/billing';
import {
  ADJUSTMENT_PREFIX,
  adjustmentKey,
  adjustmentRef,
  ledgerPartition,
  ledgerRevisionKey,
  packageUsageKey,
  postingKey,
  settlementKey,
  statementKey,
} from './keys';
import { queryAll } from './query';
import { taskTransitionUpdate } from './task-repository';
import { type TransactItem, transactWrite } from './write-errors';

export class DynamoSettlementStore implements SettlementStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The settlement item keeps the first settlement; `current` and `adjustments` follow corrections. */
  private async item(taskId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: settlementKey(taskId), ConsistentRead: true }),
    );
    return out.Item;
  }

  async get(taskId: string): Promise<Settlement | undefined> {
    const item = await this.item(taskId);
    return (item?.current ?? item?.settlement) as Settlement | undefined;
  }

  async history(taskId: string): Promise<SettlementHistory | undefined> {
    const item = await this.item(taskId);
    if (!item) return undefined;
    const original = item.settlement as Settlement;
    if (!item.adjustments) return { original, adjustments: [] };
    const rows = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :adj)',
      ExpressionAttributeValues: { ':pk': settlementKey(taskId).PK, ':adj': ADJUSTMENT_PREFIX },
      ConsistentRead: true,
    });
    return { original, adjustments: rows.map((r) => r.adjustment as Adjustment) };
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
      ...settlement.postings.map((p, i) =>
        this.postingPut(p, settlement.period, settlement.taskId, i, at, { taskId: settlement.taskId }),
      ),
      this.revisionBump(settlement.clientId, settlement.period),
    ];
    const packageBilled = settlement.packageMinutes + settlement.overageMinutes;
    if (packageBilled > 0)
      items.push(
        this.usageUpdate(settlement.clientId, settlement.period, seen, seen.minutes + packageBilled),
      );
    const reasons = await transactWrite(this.db, items);
    if (!reasons) return 'recorded';
    if (reasons[1] === 'ConditionalCheckFailed') return 'already-settled';
    if (reasons.at(-1) === 'ConditionalCheckFailed' && items.length > 3 + settlement.postings.length)
      return 'usage-changed';
    if (reasons[0] === 'ConditionalCheckFailed') return 'not-completed';
    // A concurrent transaction on the same items: the caller tries again from the start.
    if (reasons.includes('TransactionConflict')) return 'usage-changed';
    throw new Error(`Settlement of ${settlement.taskId} cancelled: ${reasons.join(', ')}`);
  }

  async recordAdjustment(adjustment: Adjustment, seen: PackageUsage): Promise<AdjustmentOutcome> {
    const { tableName } = this;
    const { taskId, seq, previous, replacement } = adjustment;
    const first = seq === 1;
    const items: TransactItem[] = [
      {
        Update: {
          TableName: tableName,
          Key: settlementKey(taskId),
          UpdateExpression: 'SET #current = :replacement, adjustments = :seq',
          // Corrections of one task are a chain: each one reverses exactly the one before it.
          ConditionExpression: first
            ? 'attribute_exists(PK) AND attribute_not_exists(adjustments)'
            : 'adjustments = :previous',
          ExpressionAttributeNames: { '#current': 'current' },
          ExpressionAttributeValues: {
            ':replacement': replacement,
            ':seq': seq,
            ...(first ? {} : { ':previous': seq - 1 }),
          },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...adjustmentKey(taskId, seq), type: 'adjustment', adjustment, at: adjustment.at },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        // Nothing is posted into a month whose invoice exists: it would never be billed.
        ConditionCheck: {
          TableName: tableName,
          Key: statementKey(adjustment.clientId, adjustment.period),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...adjustment.postings.map((p, i) =>
        this.postingPut(p, adjustment.period, adjustmentRef(taskId, seq), i, adjustment.at, {
          taskId,
          kind: 'adjustment',
          adjustmentSeq: seq,
          originPeriod: adjustment.originPeriod,
        }),
      ),
      this.revisionBump(adjustment.clientId, adjustment.period),
    ];
    const before = previous.packageMinutes + previous.overageMinutes;
    const after = replacement.packageMinutes + replacement.overageMinutes;
    if (before !== after)
      items.push(
        this.usageUpdate(adjustment.clientId, adjustment.originPeriod, seen, seen.minutes + after - before),
      );
    const reasons = await transactWrite(this.db, items);
    if (!reasons) return 'recorded';
    if (reasons[2] === 'ConditionalCheckFailed') return 'period-closed';
    if (reasons.some((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict')) return 'conflict';
    throw new Error(`Correction ${adjustment.seq} of ${taskId} cancelled: ${reasons.join(', ')}`);
  }

  private postingPut(
    posting: Posting,
    period: string,
    ref: string,
    index: number,
    at: string,
    extra: Record<string, unknown>,
  ): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...postingKey(posting.account, period, ref, index),
          type: 'posting',
          account: posting.account,
          period,
          amountCents: posting.amountCents,
          at,
          ...extra,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  private revisionBump(clientId: string, period: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: ledgerRevisionKey(clientId, period),
        UpdateExpression: 'ADD revision :one SET #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'ledger-revision' },
      },
    };
  }

  /** The month's package minutes, guarded by the version the split was computed from. */
  private usageUpdate(clientId: string, period: string, seen: PackageUsage, minutes: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: packageUsageKey(clientId, period),
        UpdateExpression: 'SET minutes = :minutes, #version = :next, #type = :type',
        ConditionExpression: 'attribute_not_exists(PK) OR #version = :seen',
        ExpressionAttributeNames: { '#version': 'version', '#type': 'type' },
        ExpressionAttributeValues: {
          ':minutes': minutes,
          ':next': seen.version + 1,
          ':seen': seen.version,
          ':type': 'package-usage',
        },
      },
    };
  }

  async postings(account: string, period: string): Promise<LedgerEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': ledgerPartition(account, period) },
      ConsistentRead: true,
    });
    return items.map((i) => ({
      taskId: String(i.taskId),
      amountCents: Number(i.amountCents),
      kind: (i.kind as LedgerEntry['kind'] | undefined) ?? 'settlement',
      ...(i.adjustmentSeq === undefined ? {} : { adjustmentSeq: Number(i.adjustmentSeq) }),
    }));
  }
}
