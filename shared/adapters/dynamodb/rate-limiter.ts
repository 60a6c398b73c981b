import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimit, RateLimiter } from '../../ports/rate-limiter';
import { rateCounterKey } from './keys';
import { failedConditionIndex } from './write-errors';

const DAY_SECONDS = 86_400;

/** The start of the fixed window `seconds` long that contains `now`, as epoch seconds. */
export const windowStart = (now: Date, seconds: number) =>
  Math.floor(now.getTime() / 1000 / seconds) * seconds;

export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async consume(subject: string, limits: readonly RateLimit[], now: Date): Promise<boolean> {
    for (const limit of limits) {
      const start = windowStart(now, limit.seconds);
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: rateCounterKey(subject, limit.window, start),
            UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
            ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':max': limit.max,
              ':ttl': start + limit.seconds + DAY_SECONDS,
            },
          }),
        );
      } catch (error) {
        if (failedConditionIndex(error) === undefined) throw error;
        return false;
      }
    }
    return true;
  }
}
