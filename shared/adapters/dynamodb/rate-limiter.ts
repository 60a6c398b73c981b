import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimit, RateLimiter } from '../../ports/rate-limiter';
import { rateCounterKey } from './keys';
import { failedConditionIndex } from './write-errors';

const DAY_SECONDS = 86_400;

/** The start of the fixed window `seconds` long that contains `now`, as epoch seconds. */
export const windowStart = (now: Date, seconds: number) =>
  Math.floor(now.getTime() / 1000 / seconds) * seconds;

/**
 * Every limit of one subject counts in one item, kept per window of the longest limit: one
 * conditional update checks and counts all of them, or none when any is reached.
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async consume(subject: string, limits: readonly RateLimit[], now: Date): Promise<boolean> {
    const longest = limits.reduce<RateLimit | undefined>(
      (a, b) => (a && a.seconds >= b.seconds ? a : b),
      undefined,
    );
    if (!longest) return true;
    const start = windowStart(now, longest.seconds);
    const names: Record<string, string> = { '#ttl': 'ttl' };
    const values: Record<string, number> = { ':one': 1, ':ttl': start + longest.seconds + DAY_SECONDS };
    const counters = limits.map((limit, i) => {
      // Windows start at multiples of their length, so a shorter one lies inside the longest's item.
      if (longest.seconds % limit.seconds !== 0)
        throw new Error(`Rate window ${limit.window} does not divide ${longest.window}`);
      names[`#c${i}`] = `${limit.window}#${windowStart(now, limit.seconds)}`;
      values[`:max${i}`] = limit.max;
      return `#c${i}`;
    });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rateCounterKey(subject, longest.window, start),
          UpdateExpression: `ADD ${counters.map((c) => `${c} :one`).join(', ')} SET #ttl = :ttl`,
          ConditionExpression: counters
            .map((c, i) => `(attribute_not_exists(${c}) OR ${c} < :max${i})`)
            .join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (failedConditionIndex(error) === undefined) throw error;
      return false;
    }
  }
}
