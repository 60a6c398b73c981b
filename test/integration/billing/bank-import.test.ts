import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { parseCamtStatement } from '../../../shared/documents/camt-statement';
import { ValidationError } from '../../../shared/errors';
import { importBankStatement } from '../../../shared/use-cases/billing/bank-import';
import { listInvoices } from '../../../shared/use-cases/billing/payments';
import { runStatements, type StatementDeps } from '../../../shared/use-cases/billing/run-statements';
import { camtStatement, type TestBooking } from '../../support/bank';
import { settledTask } from '../../support/billing';
import { aClient, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';

const id = randomUUID().slice(0, 6);

/** A bank statement read against real invoices on the local stack: booked once, the rest explained. */
describe('importing a bank statement', () => {
  let deps: StatementDeps;
  const clock = new Date('2026-12-19T08:00:00Z');
  const gross = new Map<string, number>();
  const open = async () =>
    Object.fromEntries((await listInvoices(deps)).map((r) => [r.number, r.standing.openCents]));
  const bankPostings = async () =>
    (await deps.settlements.postings('bank', '2026-12')).map((p) => [p.taskId, p.amountCents]);
  const statementOf = (bookings: TestBooking[], iban = deps.config.seller.iban) =>
    parseCamtStatement(camtStatement(iban, bookings));

  beforeAll(async () => {
    const { tableName } = await createTestTable();
    deps = createStatementDeps(loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }), {
      runtime: { now: () => clock, randomBytes: (n) => new Uint8Array(n) },
    });
    await deps.vas.create(aVa({ id: 'va_BANK', email: `va-${id}@va.example` }));
    const clients = ['cli_BANK1', 'cli_BANK2', 'cli_BANK3'];
    for (const [n, clientId] of clients.entries()) {
      await deps.clients.create(aClient({ id: clientId, emails: [`kunde${n}-${id}@bank-import.example`] }));
      await settledTask(deps, {
        id: `VA-BNK00${n}`,
        clientId,
        vaId: 'va_BANK',
        minutes: 60 * (n + 1),
        completedAt: '2026-11-12T10:00:00.000Z',
      });
    }
    await runStatements('2026-11', deps);
    for (const row of await listInvoices(deps)) gross.set(row.number, row.grossCents);
    expect([...gross.keys()]).toEqual(['RE-2026-000001', 'RE-2026-000002', 'RE-2026-000003']);
  });

  const amountOf = (number: string) => gross.get(number) ?? 0;
  const day = (): TestBooking[] => [
    // Paid in full, the number wrapped by the bank.
    { cents: amountOf('RE-2026-000001'), purpose: 'Rechnung RE-2026-00 0001', ref: 'B-1' },
    { cents: -119_000, purpose: 'Miete Dezember', ref: 'B-2', from: 'Hausverwaltung' },
    // A part payment of the second invoice, then the rest of it; the third as payers type it.
    { cents: 1_000, purpose: 're 2026 000002 Teilzahlung', ref: 'B-3' },
    { cents: amountOf('RE-2026-000002') - 1_000, purpose: 'Rest RE-2026-000002', ref: 'B-4' },
    { cents: amountOf('RE-2026-000003'), purpose: 'RE2026000003 Praxis Hahn', ref: 'B-5' },
    // No number, no reference: left to a person.
    { cents: 4_200, purpose: 'Danke für alles' },
  ];

  it('changes nothing in a dry run, and refuses the statement of another account', async () => {
    const before = await open();
    const dry = await importBankStatement(statementOf(day()), deps, { dryRun: true });
    expect(dry.map((r) => r.outcome)).toEqual([
      'booked',
      'not-an-invoice-payment',
      'booked',
      'booked',
      'booked',
      'needs-a-person',
    ]);
    expect(await open()).toEqual(before);
    await expect(
      importBankStatement(statementOf(day(), 'DE89 3704 0044 0532 0130 00'), deps),
    ).rejects.toThrow(ValidationError);
    expect(await bankPostings()).toEqual([]);
  });

  it('books what names an invoice and fits, once, when the same statement is imported twice at once and again later', async () => {
    const statement = statementOf(day());
    const [first, second] = await Promise.all([
      importBankStatement(statement, deps),
      importBankStatement(statement, deps),
    ]);
    // Together the two imports booked each payment once; a lost race reads as booked before.
    const booked = [first, second].flatMap((r) => r.filter((e) => e.outcome === 'booked'));
    expect(booked.map((e) => e.entry.reference).sort()).toEqual(['B-1', 'B-3', 'B-4', 'B-5']);
    expect(await open()).toEqual({ 'RE-2026-000001': 0, 'RE-2026-000002': 0, 'RE-2026-000003': 0 });
    const again = await importBankStatement(statementOf(day()), deps);
    expect(again.map((r) => [r.outcome, r.reason])).toEqual([
      ['already-booked', undefined],
      ['not-an-invoice-payment', 'money out'],
      ['already-booked', undefined],
      ['already-booked', undefined],
      ['already-booked', undefined],
      ['needs-a-person', 'the purpose names no invoice'],
    ]);
    expect((await bankPostings()).sort()).toEqual(
      [
        ['RE-2026-000001', amountOf('RE-2026-000001')],
        ['RE-2026-000002', 1_000],
        ['RE-2026-000002', amountOf('RE-2026-000002') - 1_000],
        ['RE-2026-000003', amountOf('RE-2026-000003')],
      ].sort(),
    );
    const [invoice] = await listInvoices(deps, { clientId: 'cli_BANK1' });
    expect(invoice?.payments).toEqual([
      expect.objectContaining({
        amountCents: amountOf('RE-2026-000001'),
        receivedOn: '2026-12-18',
        reference: 'B-1',
      }),
    ]);
  });

  it('finishes a transfer for several invoices that stopped after booking the first', async () => {
    const [number4, number5] = await (async () => {
      await settledTask(deps, {
        id: 'VA-BNK010',
        clientId: 'cli_BANK1',
        vaId: 'va_BANK',
        minutes: 30,
        completedAt: '2026-10-12T10:00:00.000Z',
      });
      await settledTask(deps, {
        id: 'VA-BNK011',
        clientId: 'cli_BANK1',
        vaId: 'va_BANK',
        minutes: 45,
        completedAt: '2026-09-12T10:00:00.000Z',
      });
      await runStatements('2026-10', deps);
      await runStatements('2026-09', deps);
      const rows = await listInvoices(deps, { open: true });
      return rows.map((r) => r.number);
    })();
    expect([number4, number5]).toEqual(['RE-2026-000004', 'RE-2026-000005']);
    const rows = await listInvoices(deps, { open: true });
    const total = rows.reduce((sum, r) => sum + r.grossCents, 0);
    const statement = statementOf([{ cents: total, purpose: `${number4} ${number5}`, ref: 'B-9' }]);
    // The process dies right after the first invoice's payment is written.
    let writes = 0;
    const crashing: StatementDeps = {
      ...deps,
      statements: Object.assign(Object.create(deps.statements), {
        recordPayment: async (...args: Parameters<StatementDeps['statements']['recordPayment']>) => {
          const outcome = await deps.statements.recordPayment(...args);
          if (++writes === 1) throw new Error('Lambda timed out');
          return outcome;
        },
      }),
    };
    await expect(importBankStatement(statement, crashing)).rejects.toThrow('Lambda timed out');
    expect(Object.values(await open()).filter((cents) => cents > 0)).toHaveLength(1);
    const retried = await importBankStatement(statement, deps);
    expect(retried.map((r) => [r.outcome, r.allocations.map((a) => a.number)])).toEqual([
      ['booked', [number5]],
    ]);
    expect(await open()).toMatchObject({ [number4 ?? '']: 0, [number5 ?? '']: 0 });
    const bank = (await bankPostings()).filter(([n]) => n === number4 || n === number5);
    expect(bank.map(([, cents]) => cents).reduce((s, c) => Number(s) + Number(c), 0)).toBe(total);
    expect(bank).toHaveLength(2);
  });

  it('books one of two statements that both pay an invoice in full, and gives the other to a person', async () => {
    await settledTask(deps, {
      id: 'VA-BNK020',
      clientId: 'cli_BANK2',
      vaId: 'va_BANK',
      minutes: 90,
      completedAt: '2026-08-12T10:00:00.000Z',
    });
    await runStatements('2026-08', deps);
    const row = (await listInvoices(deps, { clientId: 'cli_BANK2' })).find((r) => r.period === '2026-08');
    const number = row?.number ?? '';
    const twice = (ref: string, on: string) =>
      importBankStatement(statementOf([{ cents: row?.grossCents ?? 0, purpose: number, ref, on }]), deps);
    const results = (await Promise.all([twice('A-1', '2026-12-17'), twice('B-1', '2026-12-18')])).flat();
    expect(results.map((r) => r.outcome).sort()).toEqual(['booked', 'needs-a-person']);
    expect(results.find((r) => r.outcome === 'needs-a-person')?.reason).toMatch(/more than|is paid already/);
    expect((await bankPostings()).filter(([n]) => n === number)).toEqual([[number, row?.grossCents]]);
  });
});
