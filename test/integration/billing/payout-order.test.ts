import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { parseCamtStatement } from '../../../shared/documents/camt-statement';
import { ConflictError } from '../../../shared/errors';
import { importBankStatement } from '../../../shared/use-cases/billing/bank-import';
import { listPayouts } from '../../../shared/use-cases/billing/payments';
import { payoutOrder } from '../../../shared/use-cases/billing/payout-order';
import { runStatements, type StatementDeps } from '../../../shared/use-cases/billing/run-statements';
import { camtStatement, type TestBooking } from '../../support/bank';
import { settledTask } from '../../support/billing';
import { aClient, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';

const id = randomUUID().slice(0, 6);

/** VAs paid by one SEPA file; the bank statement that shows the transfers books them, once. */
describe('paying VAs by SEPA file', () => {
  let deps: StatementDeps;
  const clock = new Date('2026-12-04T08:00:00Z');
  const open = async () =>
    Object.fromEntries((await listPayouts('2026-11', deps)).map((r) => [r.vaId, r.openCents]));
  const statementOf = (bookings: TestBooking[]) =>
    parseCamtStatement(camtStatement(deps.config.seller.iban, bookings));

  beforeAll(async () => {
    const { tableName } = await createTestTable();
    deps = createStatementDeps(loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }), {
      runtime: { now: () => clock, randomBytes: (n) => new Uint8Array(n) },
    });
    await deps.vas.create(
      aVa({
        id: 'va_SEPA1',
        name: 'Sophie Wagner',
        email: `s-${id}@va.example`,
        payoutIban: 'de89 3704 0044 0532 0130 00',
      }),
    );
    await deps.vas.create(
      aVa({
        id: 'va_SEPA2',
        name: 'Jonas Berg',
        language: 'en',
        email: `j-${id}@va.example`,
        payoutIban: 'AT61 1904 3002 3457 3201',
        payoutAccountHolder: 'Berg Office Services e.U.',
      }),
    );
    await deps.vas.create(aVa({ id: 'va_SEPA3', name: 'Mia Roth', email: `m-${id}@va.example` }));
    await deps.clients.create(aClient({ id: 'cli_SEPA', emails: [`kunde-${id}@sepa.example`] }));
    for (const [n, vaId] of ['va_SEPA1', 'va_SEPA2', 'va_SEPA3'].entries())
      await settledTask(deps, {
        id: `VA-SEP00${n}`,
        clientId: 'cli_SEPA',
        vaId,
        minutes: 60 * (n + 1),
        completedAt: '2026-11-20T10:00:00.000Z',
      });
    await runStatements('2026-11', deps);
  });

  it('orders what each VA with an IBAN is owed, names who is left out, and books nothing yet', async () => {
    const before = await open();
    const order = await payoutOrder('2026-11', '2026-12-07', deps);
    expect(order.transfers.map((t) => [t.vaId, t.name, t.iban, t.cents, t.endToEndId, t.purpose])).toEqual([
      [
        'va_SEPA1',
        'Sophie Wagner',
        'DE89370400440532013000',
        before.va_SEPA1,
        'VAP-202611-va-SEPA1',
        expect.stringMatching(/^Auszahlung November 2026 /),
      ],
      [
        'va_SEPA2',
        'Berg Office Services e.U.',
        'AT611904300234573201',
        before.va_SEPA2,
        'VAP-202611-va-SEPA2',
        expect.stringMatching(/^Payout November 2026 /),
      ],
    ]);
    expect(order.left).toEqual([
      expect.objectContaining({
        vaId: 'va_SEPA3',
        openCents: before.va_SEPA3,
        reason: expect.stringContaining('no IBAN'),
      }),
    ]);
    expect(order.xml).toContain('<EndToEndId>VAP-202611-va-SEPA1</EndToEndId>');
    // The same payouts make the same file, so a bank can tell an upload made twice.
    expect((await payoutOrder('2026-11', '2026-12-07', deps)).xml?.match(/<MsgId>(.*)<\/MsgId>/)?.[1]).toBe(
      order.xml?.match(/<MsgId>(.*)<\/MsgId>/)?.[1],
    );
    expect(await open()).toEqual(before);
  });

  it('books each transfer once when the bank statement shows it, and a payout that came back goes to a person', async () => {
    const owed = await open();
    const { transfers } = await payoutOrder('2026-11', '2026-12-07', deps);
    const executed: TestBooking[] = transfers.map((t, n) => ({
      cents: -t.cents,
      purpose: t.purpose,
      endToEndId: t.endToEndId,
      ref: `OUT-${n}`,
      on: '2026-12-03',
      from: t.name,
    }));
    const dry = await importBankStatement(statementOf(executed), deps, { dryRun: true });
    expect(dry.map((r) => [r.outcome, r.payout?.vaId])).toEqual([
      ['booked', 'va_SEPA1'],
      ['booked', 'va_SEPA2'],
    ]);
    expect(await open()).toEqual(owed);

    const [first, again] = await Promise.all([
      importBankStatement(statementOf(executed), deps),
      importBankStatement(statementOf(executed), deps),
    ]);
    expect([...(first ?? []), ...(again ?? [])].filter((r) => r.outcome === 'booked')).toHaveLength(2);
    expect(await open()).toEqual({ va_SEPA1: 0, va_SEPA2: 0, va_SEPA3: owed.va_SEPA3 });
    const bank = await deps.settlements.postings('bank', '2026-12');
    expect(bank.map((p) => p.amountCents).sort((a, b) => a - b)).toEqual(
      [-(owed.va_SEPA1 ?? 0), -(owed.va_SEPA2 ?? 0)].sort((a, b) => a - b),
    );
    // Nothing is left to order for them; the next file holds only who got an IBAN since.
    const mia = await deps.vas.get('va_SEPA3');
    if (!mia) throw new Error('va_SEPA3 is gone');
    const withIban = await deps.vas.update({ ...mia, payoutIban: 'CH9300762011623852957' });
    expect(
      (await payoutOrder('2026-11', '2026-12-07', deps)).transfers.map((t) => [t.vaId, t.cents]),
    ).toEqual([['va_SEPA3', owed.va_SEPA3]]);
    // An IBAN typed from the wrong line of a letter: the agency would pay itself.
    await deps.vas.update({ ...withIban, payoutIban: deps.config.seller.iban.replace(/\s/g, '') });
    await expect(payoutOrder('2026-11', '2026-12-07', deps)).rejects.toThrow(ConflictError);

    const returned = await importBankStatement(
      statementOf([
        {
          cents: owed.va_SEPA2 ?? 0,
          purpose: 'RETOURE',
          endToEndId: 'VAP-202611-va-SEPA2',
          ref: 'IN-1',
          on: '2026-12-04',
        },
      ]),
      deps,
    );
    expect(returned.map((r) => [r.outcome, r.reason])).toEqual([
      ['needs-a-person', expect.stringContaining('va_SEPA2 came back from their bank')],
    ]);
    expect(await open()).toMatchObject({ va_SEPA2: 0 });
  });
});
