import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoOfferRepository } from '../../../shared/adapters/dynamodb/offer-repository';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { ConflictError, NotFoundError, TaskClosedError } from '../../../shared/errors';
import { aTask } from '../../support/builders';
import { createTestTable } from '../../support/emulators';

describe('DynamoTaskRepository', () => {
  let tasks: DynamoTaskRepository;
  let offers: DynamoOfferRepository;

  beforeAll(async () => {
    const table = await createTestTable();
    tasks = new DynamoTaskRepository(table.db, table.tableName);
    offers = new DynamoOfferRepository(table.db, table.tableName);
  });

  it('creates the same task twice at once: one item and a ConflictError', async () => {
    const task = aTask({ id: 'VA-RACE01' });
    const results = await Promise.allSettled([tasks.create(task), tasks.create(task), tasks.create(task)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost.map((r) => r.reason)).toEqual([
      new ConflictError('Task VA-RACE01 already exists'),
      new ConflictError('Task VA-RACE01 already exists'),
    ]);
    expect(await tasks.get('VA-RACE01')).toEqual(task);
  });

  it("lists a client's tasks newest first", async () => {
    await tasks.create(
      aTask({ id: 'VA-OLD001', clientId: 'cli_LIST', createdAt: '2026-11-01T08:00:00.000Z' }),
    );
    await tasks.create(
      aTask({ id: 'VA-NEW001', clientId: 'cli_LIST', createdAt: '2026-11-20T08:00:00.000Z' }),
    );
    await tasks.create(aTask({ id: 'VA-OTHER1', clientId: 'cli_OTHER' }));
    const page = await tasks.listByClient('cli_LIST');
    expect(page.items.map((t) => t.id)).toEqual(['VA-NEW001', 'VA-OLD001']);
  });

  it('pages with a cursor', async () => {
    const first = await tasks.listByClient('cli_LIST', { limit: 1 });
    expect(first.items.map((t) => t.id)).toEqual(['VA-NEW001']);
    const second = await tasks.listByClient('cli_LIST', { limit: 1, cursor: first.cursor });
    expect(second.items.map((t) => t.id)).toEqual(['VA-OLD001']);
  });

  it('moves a task between statuses exactly once under concurrency', async () => {
    await tasks.create(aTask({ id: 'VA-MOVE01', status: 'OFFERED' }));
    const at = '2026-11-25T10:00:00.000Z';
    const results = await Promise.allSettled(
      ['va_A', 'va_B', 'va_C', 'va_D'].map((vaId) =>
        tasks.transition('VA-MOVE01', 'OFFERED', 'ASSIGNED', at, { assignedVaId: vaId }),
      ),
    );
    const won = results.filter(
      (r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof tasks.transition>>> =>
        r.status === 'fulfilled',
    );
    expect(won).toHaveLength(1);
    const stored = await tasks.get('VA-MOVE01');
    expect(stored).toMatchObject({
      status: 'ASSIGNED',
      assignedVaId: won[0]?.value.assignedVaId,
      updatedAt: at,
      version: 1,
    });
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toEqual(new ConflictError('Task VA-MOVE01 is no longer OFFERED'));
    }
  });

  it('keeps open tasks in the status index and drops finished ones', async () => {
    await tasks.create(aTask({ id: 'VA-DONE01', status: 'COMPLETED' }));
    expect((await tasks.listByStatus('COMPLETED')).items.map((t) => t.id)).toContain('VA-DONE01');
    await tasks.transition('VA-DONE01', 'COMPLETED', 'BILLED', '2026-11-26T00:00:00.000Z');
    expect((await tasks.listByStatus('COMPLETED')).items.map((t) => t.id)).not.toContain('VA-DONE01');
    expect((await tasks.listByStatus('BILLED')).items).toEqual([]);
    expect((await tasks.get('VA-DONE01'))?.status).toBe('BILLED');
  });

  it('says NotFound for a task that does not exist', async () => {
    await expect(
      tasks.transition('VA-NOPE00', 'ROUTING', 'OFFERED', '2026-11-25T10:00:00.000Z'),
    ).rejects.toThrowError(NotFoundError);
  });

  it('stores an offer with its link hash and finds it by that hash only', async () => {
    const tokenHash = 'a'.repeat(64);
    const offer = {
      taskId: 'VA-RACE01',
      vaId: 'va_A',
      status: 'PENDING' as const,
      rank: 1,
      round: 1,
      tokenHash,
      sentAt: '2026-11-25T10:00:00.000Z',
      expiresAt: '2026-11-25T14:00:00.000Z',
    };
    await offers.create(offer, 1_800_000_000, 1);
    expect(await offers.findByTokenHash(tokenHash)).toEqual(offer);
    expect(await offers.findByTokenHash('b'.repeat(64))).toBeUndefined();
    await expect(
      offers.create({ ...offer, tokenHash: 'c'.repeat(64) }, 1_800_000_000, 1),
    ).rejects.toThrowError(ConflictError);
    expect(await offers.listByTask('VA-RACE01')).toEqual([offer]);
  });

  it('asks a VA again on a closed offer once, keeping the earlier answer, while the task takes offers', async () => {
    await tasks.create(aTask({ id: 'VA-AGAIN1', status: 'ROUTING', routingRun: 2 }));
    const declined = {
      taskId: 'VA-AGAIN1',
      vaId: 'va_A',
      status: 'DECLINED' as const,
      rank: 1,
      round: 1,
      tokenHash: 'd'.repeat(64),
      sentAt: '2026-11-25T10:00:00.000Z',
      expiresAt: '2026-11-25T14:00:00.000Z',
      decidedAt: '2026-11-25T10:30:00.000Z',
      run: 1,
    };
    await offers.create(declined, 1_800_000_000, 2);
    const asked = (hash: string) => ({
      ...declined,
      status: 'PENDING' as const,
      tokenHash: hash,
      sentAt: '2026-11-26T09:00:00.000Z',
      expiresAt: '2026-11-26T13:00:00.000Z',
      decidedAt: undefined,
      run: 2,
    });
    // Two reopens of the same answer at once (a retried step): one wins.
    const results = await Promise.allSettled([
      offers.reopen(asked('e'.repeat(64)), declined, 1_800_000_000, 2),
      offers.reopen(asked('f'.repeat(64)), declined, 1_800_000_000, 2),
    ]);
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason),
    ).toEqual([expect.any(ConflictError)]);
    const [now] = await offers.listByTask('VA-AGAIN1');
    expect(now).toMatchObject({
      status: 'PENDING',
      run: 2,
      earlier: [{ status: 'DECLINED', round: 1, run: 1, decidedAt: '2026-11-25T10:30:00.000Z' }],
    });
    expect(await offers.findByTokenHash(now?.tokenHash ?? '')).toEqual(now);
    // A task that stopped taking offers gets none, also not a reopened one.
    await tasks.transition('VA-AGAIN1', 'ROUTING', 'CANCELLED', '2026-11-26T09:05:00.000Z');
    const later = { ...asked('9'.repeat(64)), sentAt: '2026-11-26T10:00:00.000Z' };
    await expect(offers.reopen(later, now ?? declined, 1_800_000_000, 2)).rejects.toThrowError(
      TaskClosedError,
    );
  });
});
