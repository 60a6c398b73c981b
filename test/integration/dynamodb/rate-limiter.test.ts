import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { rateCounterKey } from '../../../shared/adapters/dynamodb/keys';
import { DynamoRateLimiter, windowStart } from '../../../shared/adapters/dynamodb/rate-limiter';
import { createTestTable } from '../../support/emulators';

describe('DynamoRateLimiter', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let limiter: DynamoRateLimiter;
  beforeAll(async () => {
    table = await createTestTable();
    limiter = new DynamoRateLimiter(table.db, table.tableName);
  });

  const tenMinutes = { window: '10m', seconds: 600, max: 2 };
  const hourly = { window: '1h', seconds: 3_600, max: 3 };
  const limits = [tenMinutes, hourly];
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));

  it('counts every window in one write, and a refused event in none', async () => {
    const allowed = [];
    for (const minute of [0, 1, 2, 10, 11, 60])
      allowed.push(await limiter.consume('mail:k@x', limits, at(minute)));
    // 09:02 finds 09:00-09:10 full; 09:11 finds the hour full; 10:00 starts a new hour.
    expect(allowed).toEqual([true, true, false, true, false, true]);

    const hour = await table.db.send(
      new GetCommand({
        TableName: table.tableName,
        Key: rateCounterKey('mail:k@x', '1h', windowStart(at(0), 3_600)),
      }),
    );
    expect(hour.Item).toMatchObject({
      [`1h#${windowStart(at(0), 3_600)}`]: 3,
      [`10m#${windowStart(at(0), 600)}`]: 2,
      // Refused at 09:11 by the hour's limit, so not counted in its own ten minutes either.
      [`10m#${windowStart(at(10), 600)}`]: 1,
    });
  });

  it('refuses limits whose windows do not nest', async () => {
    await expect(
      limiter.consume('x', [{ window: '7m', seconds: 420, max: 1 }, hourly], at(0)),
    ).rejects.toThrowError('Rate window 7m does not divide 1h');
  });
});
