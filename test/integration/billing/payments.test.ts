import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { ConflictError, ValidationError } from '../../../shared/errors';
import {
  listInvoices,
  listPayouts,
  overdueInvoices,
  recordPayment,
  recordPayout,
  sendPaymentReminder,
} from '../../../shared/use-cases/billing/payments';
import { runStatements, type StatementDeps } from '../../../shared/use-cases/billing/run-statements';
import { settledTask } from '../../support/billing';
import { aClient, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { sentTo } from '../../support/mail';
import { pdfText } from '../../support/pdf';

const id = randomUUID().slice(0, 6);

/** Open items on the local stack: payments booked once into the ledger, reminders once a week. */
describe('invoice payments and reminders', () => {
  let deps: StatementDeps;
  let clock = new Date('2026-12-01T05:00:00Z');
  const karin = `karin-${id}@baeckerei.example`;
  const tom = `tom-${id}@kanzlei.example`;
  const tomNew = `tom-${id}@neue-kanzlei.example`;
  const reminders = async (to: string) =>
    (await sentTo(to)).filter((m) => /Zahlungserinnerung|Payment reminder/.test(m.subject));

  const completeAndSettle = (taskId: string, clientId: string, minutes: number, completedAt: string) =>
    settledTask(deps, { id: taskId, clientId, vaId: 'va_PAY', minutes, completedAt });

  beforeAll(async () => {
    const { tableName } = await createTestTable();
    deps = createStatementDeps(loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }), {
      runtime: { now: () => clock, randomBytes: (n) => new Uint8Array(n) },
    });
    await deps.vas.create(aVa({ id: 'va_PAY', email: `va-${id}@va.example` }));
    await deps.clients.create(
      aClient({ id: 'cli_PAY1', contactName: 'Karin Sommer', company: 'Bäckerei Sommer', emails: [karin] }),
    );
    await deps.clients.create(
      aClient({ id: 'cli_PAY2', contactName: 'Tom Hill', language: 'en', emails: [tom] }),
    );
    await completeAndSettle('VA-PAY001', 'cli_PAY1', 120, '2026-11-10T10:00:00.000Z');
    await completeAndSettle('VA-PAY002', 'cli_PAY2', 60, '2026-11-11T10:00:00.000Z');
    await runStatements('2026-11', deps);
  });

  it('lists each invoice as open until its due date, then overdue', async () => {
    const rows = await listInvoices(deps);
    expect(rows.map((r) => [r.number, r.clientId, r.dueDate, r.standing.state, r.sent])).toEqual([
      ['RE-2026-000001', 'cli_PAY1', '2026-12-15', 'open', true],
      ['RE-2026-000002', 'cli_PAY2', '2026-12-15', 'open', true],
    ]);
    expect(await overdueInvoices(deps)).toEqual([]);
    clock = new Date('2026-12-20T09:00:00Z');
    expect((await overdueInvoices(deps)).map((r) => [r.number, r.standing.daysOverdue])).toEqual([
      ['RE-2026-000001', 5],
      ['RE-2026-000002', 5],
    ]);
  });

  it('books one payment once when the same entry is made five times at once, and a second one beside it', async () => {
    const [invoice] = await listInvoices(deps, { clientId: 'cli_PAY1' });
    const gross = invoice?.grossCents ?? 0;
    const entry = { amountCents: 5_000, receivedOn: '2026-12-18', reference: 'SEPA 4711' };
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => recordPayment('RE-2026-000001', entry, deps)),
    );
    expect(outcomes.filter((o) => o.kind === 'recorded')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'already-recorded')).toHaveLength(4);

    // The rest, the same day and amount as nothing before: both stand.
    const rest = await recordPayment(
      're-2026-000001',
      { amountCents: gross - 5_000, receivedOn: '2026-12-19' },
      deps,
    );
    expect(rest).toMatchObject({ kind: 'recorded', invoice: { standing: { state: 'paid', openCents: 0 } } });
    // Entered again from the same bank statement: the same booking, not an overpayment.
    expect(
      await recordPayment('RE-2026-000001', { amountCents: gross - 5_000, receivedOn: '2026-12-19' }, deps),
    ).toMatchObject({ kind: 'already-recorded', invoice: { standing: { state: 'paid' } } });

    const bank = await deps.settlements.postings('bank', '2026-12');
    expect(bank.filter((p) => p.taskId === 'RE-2026-000001').map((p) => p.amountCents)).toEqual([
      5_000,
      gross - 5_000,
    ]);
    const account = await deps.settlements.postings('receivable:cli_PAY1', '2026-12');
    expect(account.filter((p) => p.kind === 'payment').reduce((s, p) => s + p.amountCents, 0)).toBe(-gross);
    expect(await listInvoices(deps, { open: true })).toHaveLength(1);
  });

  it('refuses a payment larger than what is open, and writes nothing', async () => {
    await expect(
      recordPayment('RE-2026-000002', { amountCents: 1_000_000, receivedOn: '2026-12-18' }, deps),
    ).rejects.toThrow(ValidationError);
    await expect(
      recordPayment('RE-2099-000001', { amountCents: 100, receivedOn: '2026-12-18' }, deps),
    ).rejects.toThrow('No invoice RE-2099-000001');
    expect((await deps.statements.findByNumber('RE-2026-000002'))?.payments).toBeUndefined();
    expect(await deps.settlements.postings('bank', '2026-12')).toHaveLength(2);
  });

  it('reminds of an overdue invoice with its PDF, once a week, and never of a paid one', async () => {
    const row = await sendPaymentReminder('RE-2026-000002', deps);
    expect(row.reminders).toHaveLength(1);
    const [mail, ...more] = await reminders(tom);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Payment reminder: invoice RE-2026-000002');
    expect(mail?.body.text).toContain('Payment reference: RE-2026-000002');
    expect(mail?.body.text).toContain('Due since: 15 December 2026');
    expect(
      pdfText(mail?.attachments?.find((a) => a.filename === 'RE-2026-000002.pdf')?.content ?? ''),
    ).toContain('RE-2026-000002');

    clock = new Date('2026-12-24T09:00:00Z');
    await expect(sendPaymentReminder('RE-2026-000002', deps)).rejects.toThrow('had a reminder on 2026-12-20');
    await expect(sendPaymentReminder('RE-2026-000001', deps)).rejects.toThrow('is paid');
    expect(await reminders(karin)).toEqual([]);

    // Tom's office moved to a new address since the invoice: the next reminder goes there.
    const client = await deps.clients.get('cli_PAY2');
    if (client) await deps.clients.update({ ...client, emails: [tomNew] });
    clock = new Date('2026-12-28T09:00:00Z');
    expect((await sendPaymentReminder('RE-2026-000002', deps)).reminders).toHaveLength(2);
    expect(await reminders(tomNew)).toHaveLength(1);
    expect(await reminders(tom)).toHaveLength(1);
  });

  it('notes a reminder that was mailed before a crash when repeated, without mailing it again', async () => {
    clock = new Date('2027-01-05T09:00:00Z');
    const crashing: StatementDeps = {
      ...deps,
      statements: Object.assign(Object.create(deps.statements), {
        recordReminder: async () => {
          throw new Error('crash after the mail');
        },
      }),
    };
    await expect(sendPaymentReminder('RE-2026-000002', crashing)).rejects.toThrow('crash after the mail');
    expect(await reminders(tomNew)).toHaveLength(2);
    // The week's rule does not stop the repeat: the mail is out, only the note is missing.
    expect((await sendPaymentReminder('RE-2026-000002', deps)).reminders).toHaveLength(3);
    expect(await reminders(tomNew)).toHaveLength(2);
    await expect(sendPaymentReminder('RE-2026-000002', deps)).rejects.toThrow(ConflictError);
  });

  it("keeps payments out of the next month's invoice, which bills only that month's work", async () => {
    await completeAndSettle('VA-PAY003', 'cli_PAY1', 60, '2026-12-21T10:00:00.000Z');
    const [december] = await runStatements('2026-12', deps, { clientId: 'cli_PAY1' });
    const november = await deps.statements.findByNumber('RE-2026-000001');
    expect(december).toMatchObject({ kind: 'sent', number: 'RE-2027-000001' });
    // One hour, as November's two were twice that: the payments of December are no line.
    expect(december && 'grossCents' in december ? december.grossCents * 2 : 0).toBe(
      november?.invoice.grossCents,
    );
  });

  it("records what was transferred to the VA for the month's payout once, however often it is entered", async () => {
    const [row, ...others] = await listPayouts('2026-11', deps);
    expect(others).toEqual([]);
    // Two tasks in November, three hours: what the payout statement says.
    expect(row).toMatchObject({ vaId: 'va_PAY', paidCents: 0 });
    const owed = row?.owedCents ?? 0;
    expect(owed).toBeGreaterThan(0);
    expect(row?.openCents).toBe(owed);

    const entry = { receivedOn: '2027-01-05', reference: 'Auszahlung 11/2026' };
    const outcomes = await Promise.all(
      Array.from({ length: 3 }, () => recordPayout('va_PAY', '2026-11', entry, deps)),
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already-recorded', 'already-recorded', 'recorded']);
    expect((await listPayouts('2026-11', deps))[0]).toMatchObject({ paidCents: owed, openCents: 0 });
    await expect(recordPayout('va_PAY', '2026-11', { receivedOn: '2027-01-05' }, deps)).rejects.toThrow(
      'Nothing is open for va_PAY in 2026-11',
    );
    // Booked in January, the month of the transfer: the VA's account for November is even, the bank paid it.
    const january = await deps.settlements.postings('payable:va_PAY', '2027-01');
    expect(january.filter((p) => p.kind === 'payout').map((p) => p.amountCents)).toEqual([owed]);
    const bank = await deps.settlements.postings('bank', '2027-01');
    expect(bank.filter((p) => p.kind === 'payout').map((p) => p.amountCents)).toEqual([-owed]);
  });
});
