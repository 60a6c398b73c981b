import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { ConflictError } from '../../../shared/errors';
import { type AdjustDeps, adjustTask } from '../../../shared/use-cases/billing/adjust-task';
import {
  runPayoutStatements,
  runStatements,
  type StatementDeps,
} from '../../../shared/use-cases/billing/run-statements';
import { settledTask } from '../../support/billing';
import { aClient, aTask, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { sentTo } from '../../support/mail';
import { pdfText } from '../../support/pdf';

const id = randomUUID().slice(0, 6);

/** Credit notes on the real table: reverse and re-post, before and after the month is invoiced. */
describe('task adjust: corrections of billed time', () => {
  let deps: StatementDeps & AdjustDeps;
  let clock = new Date('2026-11-20T10:00:00Z');
  const karin = `karin-${id}@baeckerei.example`;
  const sophie = `sophie-${id}@va.example`;

  /** Sum of every posting of an account in a month: what the ledger says is owed. */
  const balance = async (account: string, period: string) =>
    (await deps.settlements.postings(account, period)).reduce((n, p) => n + p.amountCents, 0);

  const completeAndSettle = (taskId: string, clientId: string, minutes: number, completedAt: string) =>
    settledTask(deps, { id: taskId, clientId, vaId: 'va_ADJ', minutes, completedAt });

  beforeAll(async () => {
    const { tableName } = await createTestTable();
    const statementDeps = createStatementDeps(
      loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }),
      { runtime: { now: () => clock, randomBytes: (n) => new Uint8Array(n) } },
    );
    deps = { ...statementDeps, config: { ...statementDeps.config } };
    await deps.vas.create(aVa({ id: 'va_ADJ', name: 'Sophie Keller', email: sophie }));
    await deps.clients.create(
      aClient({
        id: 'cli_ADJ1',
        contactName: 'Karin Sommer',
        company: 'Bäckerei Sommer GmbH',
        emails: [karin],
        address: { street: 'Hauptstraße 1', postalCode: '04109', city: 'Leipzig', country: 'DE' },
      }),
    );
    await deps.clients.create(aClient({ id: 'cli_ADJ2', emails: [`race-${id}@firma.example`] }));
  });

  it('before the invoice: the month is re-posted and its invoice shows the corrected time', async () => {
    const first = await completeAndSettle('VA-ADJ001', 'cli_ADJ1', 75, '2026-11-05T10:00:00.000Z');
    expect(first).toMatchObject({ billedMinutes: 75, grossCents: 6694 });
    expect(await balance('receivable:cli_ADJ1', '2026-11')).toBe(6694);

    const outcome = await adjustTask('VA-ADJ001', { workedMinutes: 50, reason: 'Pause abgezogen' }, deps);
    expect(outcome).toMatchObject({
      kind: 'adjusted',
      adjustment: { seq: 1, period: '2026-11', originPeriod: '2026-11', delta: { billedMinutes: -15 } },
    });
    // Reversal and replacement both sit in November; what is owed is the replacement's.
    expect(await balance('receivable:cli_ADJ1', '2026-11')).toBe(5355);
    expect(await balance('payable:va_ADJ', '2026-11')).toBe(-2500);
    const november = await deps.settlements.postings('receivable:cli_ADJ1', '2026-11');
    expect(november.map((p) => p.amountCents).sort((a, b) => a - b)).toEqual([-6694, 5355, 6694]);
    // The same correction again is no correction.
    expect(await adjustTask('VA-ADJ001', { workedMinutes: 50, reason: 'Pause abgezogen' }, deps)).toEqual({
      kind: 'unchanged',
      minutes: 50,
    });
    expect((await deps.settlements.history('VA-ADJ001'))?.adjustments).toHaveLength(1);

    clock = new Date('2026-12-01T05:00:00Z');
    const [sent] = await runStatements('2026-11', deps, { clientId: 'cli_ADJ1' });
    expect(sent).toMatchObject({ kind: 'sent', grossCents: 5355 });
    const mail = (await sentTo(karin)).find((m) => m.subject.startsWith('Ihre Rechnung'));
    const pdf = pdfText(mail?.attachments?.find((a) => a.filename.endsWith('.pdf'))?.content ?? '');
    expect(pdf).toContain('1 Std.');
    expect(pdf).toContain('53,55 €');
    expect(pdf).not.toContain('Korrektur');
  });

  it('after the invoice: the next statement carries a correction line referring to it', async () => {
    const invoiced = await deps.statements.get('cli_ADJ1', '2026-11');
    const number = invoiced?.invoice.number ?? '';
    const [novemberPayout] = await runPayoutStatements('2026-11', deps);
    expect(novemberPayout).toMatchObject({ kind: 'sent', totalCents: 2500 });

    clock = new Date('2026-12-03T09:00:00Z');
    const outcome = await adjustTask('VA-ADJ001', { workedMinutes: 20, reason: 'Doppelt erfasst' }, deps);
    expect(outcome).toMatchObject({
      kind: 'adjusted',
      adjustment: { seq: 2, period: '2026-12', originPeriod: '2026-11', correctsInvoice: number },
    });
    // November, invoiced and paid out, is untouched; December holds the difference.
    expect(await balance('receivable:cli_ADJ1', '2026-11')).toBe(5355);
    expect(await balance('receivable:cli_ADJ1', '2026-12')).toBe(2678 - 5355);
    expect(await runPayoutStatements('2026-11', deps)).toEqual([
      { vaId: 'va_ADJ', kind: 'already-sent', totalCents: 2500 },
    ]);

    clock = new Date('2027-01-01T05:00:00Z');
    const [december] = await runStatements('2026-12', deps, { clientId: 'cli_ADJ1' });
    expect(december).toMatchObject({ kind: 'sent', grossCents: -2677 });
    const mail = (await sentTo(karin)).find((m) => m.subject.startsWith('Ihre Rechnungskorrektur'));
    expect(mail?.subject).toMatch(/^Ihre Rechnungskorrektur RE-2027-\d{6} für Dezember 2026$/);
    const pdf = pdfText(mail?.attachments?.find((a) => a.filename.endsWith('.pdf'))?.content ?? '');
    for (const expected of [
      'Rechnungskorrektur',
      `Korrektur zu ${number}`,
      '-30 Min.',
      '-26,77 €',
      'erstatten',
    ])
      expect(pdf).toContain(expected);
    const xml = Buffer.from(
      mail?.attachments?.find((a) => a.filename.endsWith('.xml'))?.content ?? '',
      'base64',
    ).toString('utf8');
    expect(xml).toContain(`<cbc:ID>${number}</cbc:ID>`);
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">-26.77</cbc:PayableAmount>');
    const csv = Buffer.from(
      mail?.attachments?.find((a) => a.filename.endsWith('.csv'))?.content ?? '',
      'base64',
    )
      .toString('utf8')
      .trim()
      .split('\r\n');
    expect(csv.at(-1)).toBe('Summe;;;;-30;0;-22,50');

    const [payout] = await runPayoutStatements('2026-12', deps);
    expect(payout).toMatchObject({ kind: 'sent', totalCents: -1250 });
  });

  it('refuses what is not billed, and applies racing corrections one after the other', async () => {
    await deps.tasks.create(aTask({ id: 'VA-ADJOPN', clientId: 'cli_ADJ2', status: 'ASSIGNED' }));
    await expect(adjustTask('VA-ADJOPN', { workedMinutes: 30, reason: 'zu früh' }, deps)).rejects.toThrow(
      ConflictError,
    );

    clock = new Date('2027-01-10T10:00:00Z');
    await completeAndSettle('VA-ADJRACE', 'cli_ADJ2', 60, '2027-01-08T10:00:00.000Z');
    const minutes = [15, 30, 45, 90, 120];
    const outcomes = await Promise.all(
      minutes.map((m) => adjustTask('VA-ADJRACE', { workedMinutes: m, reason: `auf ${m} Minuten` }, deps)),
    );
    expect(outcomes.every((o) => o.kind === 'adjusted')).toBe(true);
    const history = await deps.settlements.history('VA-ADJRACE');
    expect(history?.adjustments.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
    // A chain: each correction reversed exactly the one before it.
    for (const [i, a] of (history?.adjustments ?? []).entries())
      expect(a.previous).toEqual(i === 0 ? history?.original : history?.adjustments[i - 1]?.replacement);
    const final = await deps.settlements.get('VA-ADJRACE');
    expect(await balance('receivable:cli_ADJ2', '2027-01')).toBe(final?.grossCents);
    expect(await balance('revenue', '2027-01')).toBe(-(final?.netCents ?? 0));

    // Five identical corrections at once: one posting set.
    const same = await Promise.all(
      Array.from({ length: 5 }, () =>
        adjustTask('VA-ADJRACE', { workedMinutes: 33, reason: 'gleich' }, deps),
      ),
    );
    expect(same.filter((o) => o.kind === 'adjusted')).toHaveLength(1);
    expect((await deps.settlements.history('VA-ADJRACE'))?.adjustments).toHaveLength(6);
    expect(await balance('receivable:cli_ADJ2', '2027-01')).toBe(4016);
  });
  it('composes again when a correction lands while the statement is being finalized', async () => {
    await deps.clients.create(aClient({ id: 'cli_ADJ3', emails: [`late-${id}@firma.example`] }));
    clock = new Date('2027-02-10T10:00:00Z');
    await completeAndSettle('VA-ADJLATE', 'cli_ADJ3', 60, '2027-02-09T10:00:00.000Z');
    clock = new Date('2027-03-01T05:00:00Z');
    // The correction commits after the run composed its draft and before it takes a number.
    let calls = 0;
    const racing: StatementDeps = {
      ...deps,
      statements: {
        ...deps.statements,
        get: (c, p) => deps.statements.get(c, p),
        listByClient: (c) => deps.statements.listByClient(c),
        ledgerRevision: (c, p) => deps.statements.ledgerRevision(c, p),
        markSent: (c, p, sent) => deps.statements.markSent(c, p, sent),
        findByNumber: (n) => deps.statements.findByNumber(n),
        listInvoices: () => deps.statements.listInvoices(),
        recordPayment: (...args) => deps.statements.recordPayment(...args),
        recordReminder: (...args) => deps.statements.recordReminder(...args),
        finalize: async (...args) => {
          calls += 1;
          if (calls === 1) await adjustTask('VA-ADJLATE', { workedMinutes: 120, reason: 'Nachtrag' }, deps);
          return deps.statements.finalize(...args);
        },
      },
    };
    const [outcome] = await runStatements('2027-02', racing, { clientId: 'cli_ADJ3' });
    expect(calls).toBe(2);
    // 2 hours at 45 EUR plus VAT: the invoice and the ledger agree.
    expect(outcome).toMatchObject({ kind: 'sent', grossCents: 10_710 });
    expect(await balance('receivable:cli_ADJ3', '2027-02')).toBe(10_710);
  });
});
