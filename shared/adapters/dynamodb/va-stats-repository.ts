import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { type VaStats, VaStatsSchema } from '../../domain/matching/standing';
import { applyStatsEvent, emptyStats, type VaStatsEvent } from '../../domain/matching/stats-events';
import { ConflictError } from '../../errors';
import type { VaStatsReader, VaStatsWriter } from '../../ports/routing';
import { fromItem } from './item-codec';
import { vaStatsKey } from './keys';
import { conditionalWrite } from './write-errors';

const APPLY_ATTEMPTS = 12;

/** A VA's statistics as stored: one item per VA, beside the profile. */
export const vaStatsItem = (stats: VaStats) => ({ ...vaStatsKey(stats.vaId), type: 'va-stats', ...stats });

export class DynamoVaStatsRepository implements VaStatsReader, VaStatsWriter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getMany(vaIds: readonly string[]): Promise<{ stats: Map<string, VaStats>; itemsRead: number }> {
    const stats = new Map<string, VaStats>();
    let itemsRead = 0;
    const unique = [...new Set(vaIds)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => vaStatsKey(id));
      // BatchGet may leave keys unprocessed under load; they are asked for again.
      for (let attempt = 0; keys?.length && attempt < 5; attempt++) {
        const out: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const parsed = fromItem(VaStatsSchema, item);
          stats.set(parsed.vaId, parsed);
          itemsRead++;
        }
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return { stats, itemsRead };
  }

  /**
   * Read, apply, write back if nobody else wrote in between; a lost race reads again after a short
   * random pause, so many steps touching one busy VA take turns instead of colliding again.
   */
  async apply(vaId: string, event: VaStatsEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await sleep(Math.random() * 5 * attempt);
      const out = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: vaStatsKey(vaId), ConsistentRead: true }),
      );
      const current = out.Item ? fromItem(VaStatsSchema, out.Item) : emptyStats(vaId);
      const next = applyStatsEvent(current, event);
      if (next === current) return;
      try {
        await conditionalWrite(
          () =>
            this.db.send(
              new PutCommand({
                TableName: this.tableName,
                Item: vaStatsItem({ ...next, version: current.version + 1 }),
                ConditionExpression: out.Item ? 'version = :seen' : 'attribute_not_exists(PK)',
                ...(out.Item ? { ExpressionAttributeValues: { ':seen': current.version } } : {}),
              }),
            ),
          () => new ConflictError('stats changed'),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= APPLY_ATTEMPTS) throw error;
      }
    }
  }
}
