import {
  type DynamoDBDocumentClient,
  GetCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Offer, OfferSchema } from '../../domain/offer';
import { ConflictError, TaskClosedError } from '../../errors';
import type { OfferRepository } from '../../ports/repositories';
import { fromItem, toItem } from './item-codec';
import { linkKey, OFFER_PREFIX, offerKey, taskKey } from './keys';
import { queryAll } from './query';
import { conditionalTransaction, failedConditionIndex } from './write-errors';

type OfferPut = NonNullable<NonNullable<TransactWriteCommandInput['TransactItems']>[number]['Put']>;

export class DynamoOfferRepository implements OfferRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * The offer and its link item are written together: a link never points at nothing. The task must
   * still be open for offers in the same routing run as they are written, so a withdrawal, a
   * cancellation or a reroute that lands while a round is being sent leaves no offer behind it.
   */
  async create(offer: Offer, linkTtlEpochSeconds: number, run: number): Promise<void> {
    await this.write(offer, { ConditionExpression: 'attribute_not_exists(PK)' }, linkTtlEpochSeconds, run);
  }

  async reopen(offer: Offer, previous: Offer, linkTtlEpochSeconds: number, run: number): Promise<void> {
    const { status, round, sentAt, decidedAt, run: previousRun } = previous;
    const earlier = [...(previous.earlier ?? []), { status, round, sentAt, decidedAt, run: previousRun }];
    await this.write(
      { ...offer, earlier },
      {
        // As it was read: a second reopen of the same answer, or an answer meanwhile, loses.
        ConditionExpression: '#status = :was AND sentAt = :sentAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':was': status, ':sentAt': sentAt },
      },
      linkTtlEpochSeconds,
      run,
    );
  }

  /** The offer and its link item are written together, while the task still takes offers in `run`. */
  private async write(
    offer: Offer,
    condition: Pick<
      OfferPut,
      'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
    linkTtlEpochSeconds: number,
    run: number,
  ): Promise<void> {
    await conditionalTransaction(
      this.db,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: toItem('offer', offerKey(offer.taskId, offer.vaId), offer),
            ...condition,
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...linkKey(offer.tokenHash),
              type: 'link',
              kind: 'offer',
              taskId: offer.taskId,
              vaId: offer.vaId,
              offerRun: run,
              ttl: linkTtlEpochSeconds,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: taskKey(offer.taskId),
            ConditionExpression: '#status IN (:routing, :offered) AND routingRun = :run',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':routing': 'ROUTING', ':offered': 'OFFERED', ':run': run },
          },
        },
      ],
      (index) => {
        if (index === 0)
          return new ConflictError(
            `VA ${offer.vaId} already has an offer for task ${offer.taskId}, or it changed since it was read`,
          );
        if (index === 1) return new ConflictError('Link token collision');
        return new TaskClosedError(`Task ${offer.taskId} no longer takes offers`);
      },
    );
  }

  async findByTokenHash(tokenHash: string): Promise<Offer | undefined> {
    const link = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: linkKey(tokenHash), ConsistentRead: true }),
    );
    const { kind, taskId, vaId } = link.Item ?? {};
    if (kind !== 'offer' || typeof taskId !== 'string' || typeof vaId !== 'string') return undefined;
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: offerKey(taskId, vaId), ConsistentRead: true }),
    );
    return out.Item ? fromItem(OfferSchema, out.Item) : undefined;
  }

  async listByTask(taskId: string): Promise<Offer[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :p AND begins_with(SK, :offer)',
      ExpressionAttributeValues: { ':p': taskKey(taskId).PK, ':offer': OFFER_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => fromItem(OfferSchema, item));
  }

  async get(taskId: string, vaId: string): Promise<Offer | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: offerKey(taskId, vaId), ConsistentRead: true }),
    );
    return out.Item ? fromItem(OfferSchema, out.Item) : undefined;
  }

  async markMailed(taskId: string, vaId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: offerKey(taskId, vaId),
        UpdateExpression: 'SET mailedAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  retoken(taskId: string, vaId: string, from: string, to: string): Promise<boolean> {
    return this.updatePending(taskId, vaId, {
      update: 'SET taskToken = :to',
      condition: 'taskToken = :from',
      values: { ':to': to, ':from': from },
    });
  }

  close(
    taskId: string,
    vaId: string,
    to: 'DECLINED' | 'EXPIRED' | 'WITHDRAWN',
    at: string,
  ): Promise<boolean> {
    return this.updatePending(taskId, vaId, {
      update: 'SET #status = :to, decidedAt = :at',
      values: { ':to': to, ':at': at },
    });
  }

  /** An update that applies only while the offer is pending: false when someone decided first. */
  private async updatePending(
    taskId: string,
    vaId: string,
    change: { update: string; condition?: string; values: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: offerKey(taskId, vaId),
          UpdateExpression: change.update,
          ConditionExpression: ['#status = :pending', change.condition].filter(Boolean).join(' AND '),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...change.values, ':pending': 'PENDING' },
        }),
      );
      return true;
    } catch (error) {
      if (failedConditionIndex(error) !== undefined) return false;
      throw error;
    }
  }
}
