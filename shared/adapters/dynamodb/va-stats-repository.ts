import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { type VaStats, VaStatsSchema } from '../../domain/matching/standing';
import type { VaStatsReader } from '../../ports/routing';
import { fromItem } from './item-codec';
import { vaStatsKey } from './keys';

export class DynamoVaStatsRepository implements VaStatsReader {
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
}
