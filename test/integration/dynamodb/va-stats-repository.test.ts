import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoVaStatsRepository } from '../../../shared/adapters/dynamodb/va-stats-repository';
import { createTestTable } from '../../support/emulators';

describe('DynamoVaStatsRepository', () => {
  let stats: DynamoVaStatsRepository;

  beforeAll(async () => {
    const table = await createTestTable();
    stats = new DynamoVaStatsRepository(table.db, table.tableName);
  });

  const offered = (n: number) => ({
    kind: 'offered' as const,
    taskId: `VA-OFFR${String(n).padStart(2, '0')}`,
    clientId: n % 2 ? 'cli_A' : 'cli_B',
    at: `2026-11-25T09:${String(n).padStart(2, '0')}:00.000Z`,
  });

  it('counts 50 offers made at once exactly once each, even when each arrives twice', async () => {
    const events = Array.from({ length: 50 }, (_, n) => offered(n));
    await Promise.all([...events, ...events].map((event) => stats.apply('va_BUSY', event)));
    const busy = (await stats.getMany(['va_BUSY'])).stats.get('va_BUSY');
    expect(busy?.offers.map((o) => o.taskId).sort()).toEqual(events.map((e) => e.taskId));
    expect(busy?.applied).toHaveLength(50);
    expect(busy?.version).toBe(50);
  });

  it('keeps offers and answers apart when both race: every offer is there, answered where answered', async () => {
    await stats.apply('va_MIXED', offered(0));
    await Promise.all([
      ...Array.from({ length: 10 }, (_, n) => stats.apply('va_MIXED', offered(n + 1))),
      stats.apply('va_MIXED', {
        kind: 'answered',
        taskId: 'VA-OFFR00',
        outcome: 'accepted',
        at: '2026-11-25T10:00:00.000Z',
      }),
      stats.apply('va_MIXED', { kind: 'assigned', taskId: 'VA-OFFR00' }),
    ]);
    const mixed = (await stats.getMany(['va_MIXED'])).stats.get('va_MIXED');
    expect(mixed?.offers).toHaveLength(11);
    expect(mixed?.offers.find((o) => o.taskId === 'VA-OFFR00')?.outcome).toBe('accepted');
    expect(mixed?.openTasks).toBe(1);
  });

  it('applies several events in one write, and a retry of them changes nothing', async () => {
    await stats.apply('va_BOTH', offered(0));
    const accepted = {
      kind: 'answered' as const,
      taskId: 'VA-OFFR00',
      outcome: 'accepted' as const,
      at: '2026-11-25T10:00:00.000Z',
    };
    const assigned = { kind: 'assigned' as const, taskId: 'VA-OFFR00' };
    await stats.apply('va_BOTH', accepted, assigned);
    const once = (await stats.getMany(['va_BOTH'])).stats.get('va_BOTH');
    expect(once).toMatchObject({ version: 2, openTasks: 1 });
    expect(once?.offers[0]?.outcome).toBe('accepted');
    await stats.apply('va_BOTH', accepted, assigned);
    expect((await stats.getMany(['va_BOTH'])).stats.get('va_BOTH')).toEqual(once);
  });
});
