import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { packageMinutesLeft } from '../../../shared/use-cases/billing/package-balance';
import { runStatements, type StatementDeps } from '../../../shared/use-cases/billing/run-statements';
import { settleTask } from '../../../shared/use-cases/billing/settle-task';
import { schedulePlan } from '../../../shared/use-cases/roster';
import { aClient, aTask, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';

const id = randomUUID().slice(0, 6);
const clock = { now: new Date('2026-11-10T09:00:00Z') };

/** A client moves from hourly billing to a rolling package on 1 December: each month bills by its own plan. */
describe('a plan change from the first of a month', () => {
  let deps: StatementDeps;

  beforeAll(async () => {
    const { tableName } = await createTestTable();
    deps = createStatementDeps(loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }), {
      runtime: { now: () => clock.now, randomBytes: (n) => new Uint8Array(n) },
    });
    await deps.vas.create(aVa({ id: 'va_PLAN', email: `va-${id}@va.example` }));
    await deps.clients.create(aClient({ id: 'cli_PLAN', emails: [`kunde-${id}@firma.example`] }));
    await schedulePlan(
      'cli_PLAN',
      {
        plan: {
          kind: 'package',
          monthlyFeeCents: 40_000,
          includedMinutes: 600,
          overageRateCents: 4200,
          rollover: true,
        },
      },
      deps,
    );
    const done: Array<[string, number, string]> = [
      ['VA-PLN001', 60, '2026-11-20T10:00:00.000Z'],
      // 00:30 on 1 December in Berlin: the package's first month.
      ['VA-PLN002', 120, '2026-11-30T23:30:00.000Z'],
    ];
    for (const [taskId, minutes, completedAt] of done) {
      await deps.tasks.create(
        aTask({
          id: taskId,
          clientId: 'cli_PLAN',
          status: 'COMPLETED',
          assignedVaId: 'va_PLAN',
          workedMinutes: minutes,
          completedAt,
        }),
      );
      await settleTask(taskId, { ...deps, config: {} });
    }
  });

  it('settles each task by the plan of the month it was done in', async () => {
    const november = await deps.settlements.get('VA-PLN001');
    const december = await deps.settlements.get('VA-PLN002');
    expect(november).toMatchObject({ period: '2026-11', netCents: 4500, packageMinutes: 0 });
    expect(november?.terms?.client.plan.kind).toBe('hourly');
    expect(december).toMatchObject({ period: '2026-12', netCents: 0, packageMinutes: 120 });
  });

  it("invoices November by the hour and December's package fee, though both are invoiced after the change", async () => {
    clock.now = new Date('2027-01-01T05:00:00Z');
    const [november] = await runStatements('2026-11', deps, { clientId: 'cli_PLAN' });
    const [december] = await runStatements('2026-12', deps, { clientId: 'cli_PLAN' });
    // 1 h at 45 € plus 19 % VAT; then 400 € for the package, its 2 h included.
    expect(november).toMatchObject({ kind: 'sent', grossCents: 5355 });
    expect(december).toMatchObject({ kind: 'sent', grossCents: 47_600 });
  });

  it('carries into January what December left of the package, and nothing from the hourly November', async () => {
    const client = await deps.clients.get('cli_PLAN');
    if (!client) throw new Error('client missing');
    expect(await packageMinutesLeft(client, new Date('2026-12-15T09:00:00Z'), deps.settlements)).toBe(480);
    expect(await packageMinutesLeft(client, new Date('2027-01-15T09:00:00Z'), deps.settlements)).toBe(
      600 + 480,
    );
    expect(
      await packageMinutesLeft(client, new Date('2026-11-15T09:00:00Z'), deps.settlements),
    ).toBeUndefined();
  });
});
