import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type VaStats, VaStatsSchema } from '../../domain/matching/standing';
import { applyStatsEvent, emptyStats, eventId, type VaStatsEvent } from '../../domain/matching/stats-events';
import { ConflictError } from '../../errors';
import type { VaStatsReader, VaStatsWriter } from '../../ports/routing';
import { fromItem } from './item-codec';
import { vaStatsKey } from './keys';
import { conditionalWrite, failedConditionIndex } from './write-errors';

const APPLY_ATTEMPTS = 12;

/** Creates the item if need be, appends the offer and its event id, and raises the version. */
const APPEND_OFFER = [
  'SET #type = :type, vaId = :vaId',
  'offers = list_append(if_not_exists(offers, :none), :offer)',
  'applied = list_append(if_not_exists(applied, :none), :ids)',
  'openTasks = if_not_exists(openTasks, :zero)',
  'tasksByClient = if_not_exists(tasksByClient, :noClients)',
]
  .join(', ')
  .concat(' ADD version :one');

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
  async apply(vaId: string, ...events: [VaStatsEvent, ...VaStatsEvent[]]): Promise<void> {
    const [first] = events;
    if (events.length === 1 && first.kind === 'offered') return this.appendOffer(vaId, first);
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await sleep(Math.random() * 5 * attempt);
      const out = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: vaStatsKey(vaId), ConsistentRead: true }),
      );
      const current = out.Item ? fromItem(VaStatsSchema, out.Item) : emptyStats(vaId);
      const next = events.reduce(applyStatsEvent, current);
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

  /**
   * An offer is only ever appended, so it needs no read: one conditional update, which a VA offered
   * many tasks at once cannot lose to a race. It raises the version, so a concurrent
   * read-modify-write of the same VA notices; that one also trims the lists to their limits.
   */
  private async appendOffer(vaId: string, event: Extract<VaStatsEvent, { kind: 'offered' }>) {
    const id = eventId(event);
    const offer = { at: event.at, outcome: 'pending', clientId: event.clientId, taskId: event.taskId };
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: vaStatsKey(vaId),
          UpdateExpression: APPEND_OFFER,
          ConditionExpression: 'attribute_not_exists(applied) OR NOT contains(applied, :id)',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'va-stats',
            ':vaId': vaId,
            ':none': [],
            ':offer': [offer],
            ':ids': [id],
            ':id': id,
            ':zero': 0,
            ':noClients': {},
            ':one': 1,
          },
        }),
      );
    } catch (error) {
      // Applied before: a retried step changes nothing.
      if (failedConditionIndex(error) === undefined) throw error;
    }
  }
}
