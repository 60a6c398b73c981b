import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { DynamoSettlementStore } from '../../../shared/adapters/dynamodb/settlement-store';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../../../shared/adapters/dynamodb/va-repository';
import { type SettleDeps, settleTask } from '../../../shared/use-cases/billing/settle-task';
import { aClient, aTask, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';

const completed = (id: string, clientId: string, workedMinutes: number) =>
  aTask({
    id,
    clientId,
    status: 'COMPLETED',
    assignedVaId: 'va_BILL',
    workedMinutes,
    completedAt: '2026-11-20T10:00:00.000Z',
  });

/** Settlement against DynamoDB Local: retried and raced, every task is billed exactly once. */
describe('settling a task', () => {
  let deps: SettleDeps;
  let store: DynamoSettlementStore;

  beforeAll(async () => {
    const { db, tableName } = await createTestTable();
    store = new DynamoSettlementStore(db, tableName);
    deps = {
      tasks: new DynamoTaskRepository(db, tableName),
      clients: new DynamoClientRepository(db, tableName),
      vas: new DynamoVaRepository(db, tableName),
      settlements: store,
      runtime: { now: () => new Date('2026-11-20T10:05:00Z') },
      config: {},
    };
    await deps.vas.create(aVa({ id: 'va_BILL', email: 'bill@va.example', payoutRateCents: 3000 }));
    await deps.clients.create(
      aClient({
        id: 'cli_HOURLY',
        emails: ['hourly@firma.example'],
        plan: { kind: 'hourly', hourlyRateCents: 6000 },
      }),
    );
    await deps.clients.create(
      aClient({
        id: 'cli_PACKAGE',
        emails: ['package@firma.example'],
        plan: {
          kind: 'package',
          monthlyFeeCents: 50_000,
          includedMinutes: 60,
          overageRateCents: 9000,
          rollover: false,
        },
      }),
    );
  });

  it('retried ten times and raced ten times, posts once and marks the task BILLED', async () => {
    await deps.tasks.create(completed('VA-BILL01', 'cli_HOURLY', 50));
    const raced = await Promise.all(Array.from({ length: 10 }, () => settleTask('VA-BILL01', deps)));
    for (let i = 0; i < 10; i++) raced.push(await settleTask('VA-BILL01', deps));
    for (const s of raced) expect(s).toEqual(raced[0]);
    expect(raced[0]).toMatchObject({
      billedMinutes: 60,
      netCents: 6000,
      vatCents: 1140,
      grossCents: 7140,
      payoutCents: 3000,
    });
    expect((await deps.tasks.get('VA-BILL01'))?.status).toBe('BILLED');
    const receivable = await store.postings('receivable:cli_HOURLY', '2026-11');
    expect(receivable).toEqual([{ taskId: 'VA-BILL01', amountCents: 7140, kind: 'settlement' }]);
    const all = await Promise.all(
      ['receivable:cli_HOURLY', 'revenue', 'vat-payable', 'va-cost', 'payable:va_BILL'].map((a) =>
        store.postings(a, '2026-11'),
      ),
    );
    expect(all.flat().filter((p) => p.taskId === 'VA-BILL01')).toHaveLength(5);
    expect(all.flat().reduce((sum, p) => sum + p.amountCents, 0)).toBe(0);
  });

  it("splits a client's package exactly, even when its tasks settle at the same time", async () => {
    const ids = ['VA-PACK01', 'VA-PACK02', 'VA-PACK03'];
    for (const id of ids) await deps.tasks.create(completed(id, 'cli_PACKAGE', 30));
    const settlements = await Promise.all(ids.flatMap((id) => [settleTask(id, deps), settleTask(id, deps)]));
    const once = new Map(settlements.map((s) => [s.taskId, s]));
    expect([...once.values()].reduce((n, s) => n + s.packageMinutes, 0)).toBe(60);
    expect([...once.values()].reduce((n, s) => n + s.overageMinutes, 0)).toBe(30);
    expect(await store.packageUsage('cli_PACKAGE', '2026-11')).toMatchObject({ minutes: 90 });
    const receivable = await store.postings('receivable:cli_PACKAGE', '2026-11');
    // 30 overage minutes at 90.00 EUR/h = 45.00 EUR, plus 19 % VAT.
    expect(receivable.reduce((n, p) => n + p.amountCents, 0)).toBe(5355);
  });

  it('refuses a task that is not completed, and writes nothing', async () => {
    await deps.tasks.create(
      aTask({ id: 'VA-BILL02', clientId: 'cli_HOURLY', status: 'ASSIGNED', assignedVaId: 'va_BILL' }),
    );
    await expect(settleTask('VA-BILL02', deps)).rejects.toThrowError(/is ASSIGNED/);
    expect(await store.get('VA-BILL02')).toBeUndefined();
  });
});
