import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import {
  runPayoutStatements,
  runStatements,
  type StatementDeps,
} from '../../../shared/use-cases/billing/run-statements';
import { type SettleDeps, settleTask } from '../../../shared/use-cases/billing/settle-task';
import { aClient, anAddressFor, aTask, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { sentTo } from '../../support/mail';
import { pdfQrText, pdfText } from '../../support/pdf';

const id = randomUUID().slice(0, 6);

/** The monthly run on the local stack's SES: invoices with PDF and CSV, once, with gap-free numbers. */
describe('monthly statements', () => {
  let deps: StatementDeps;
  const karin = `karin-${id}@baeckerei.example`;

  beforeAll(async () => {
    const { tableName } = await createTestTable();
    deps = createStatementDeps(loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }), {
      runtime: { now: () => new Date('2026-12-01T05:00:00Z'), randomBytes: (n) => new Uint8Array(n) },
    });
    const settleDeps: SettleDeps = { ...deps, config: {} };
    await deps.vas.create(aVa({ id: 'va_STMT', name: 'Sophie Keller', email: `sophie-${id}@va.example` }));
    await deps.clients.create(
      aClient({
        id: 'cli_STMT1',
        contactName: 'Karin Sommer',
        company: 'Bäckerei Sommer GmbH',
        emails: [karin],
        address: { street: 'Hauptstraße 1', postalCode: '04109', city: 'Leipzig', country: 'DE' },
      }),
    );
    await deps.clients.create(
      aClient({
        id: 'cli_STMT2',
        contactName: 'Urs Meier',
        company: 'Meier Treuhand AG',
        emails: [`client2-${id}@firma.example`],
        vatMode: 'third-country',
        vatId: 'CHE-123.456.789 MWST',
        address: anAddressFor('third-country'),
      }),
    );
    await deps.clients.create(
      aClient({
        id: 'cli_STMT3',
        emails: [`client3-${id}@firma.example`],
        plan: {
          kind: 'package',
          monthlyFeeCents: 40_000,
          includedMinutes: 600,
          overageRateCents: 5000,
          rollover: false,
        },
      }),
    );
    for (let n = 4; n <= 6; n++)
      await deps.clients.create(aClient({ id: `cli_STMT${n}`, emails: [`client${n}-${id}@firma.example`] }));
    const done: Array<[string, string, number, string, string]> = [
      ['VA-STM001', 'cli_STMT1', 75, '2026-11-03T10:00:00.000Z', 'Reise nach Hamburg buchen'],
      ['VA-STM002', 'cli_STMT1', 20, '2026-11-12T10:00:00.000Z', 'Folien; "Bankgespräch"'],
      // 00:30 on 1 December in Berlin: December's, not November's.
      ['VA-STM003', 'cli_STMT1', 60, '2026-11-30T23:30:00.000Z', 'Dezember-Aufgabe'],
      ...[2, 3, 4, 5, 6].map((n): [string, string, number, string, string] => [
        `VA-STM01${n}`,
        `cli_STMT${n}`,
        30,
        '2026-11-20T10:00:00.000Z',
        `Aufgabe ${n}`,
      ]),
    ];
    for (const [taskId, clientId, minutes, completedAt, title] of done) {
      await deps.tasks.create(
        aTask({
          id: taskId,
          clientId,
          title,
          status: 'COMPLETED',
          assignedVaId: 'va_STMT',
          workedMinutes: minutes,
          completedAt,
        }),
      );
      await settleTask(taskId, settleDeps);
    }
  });

  it('mails the invoice with its PDF and time report, and a re-run sends nothing again', async () => {
    const [first] = await runStatements('2026-11', deps, { clientId: 'cli_STMT1' });
    expect(first).toMatchObject({ kind: 'sent', number: 'RE-2026-000001', grossCents: 9371 });
    const mails = (await sentTo(karin)).filter((m) => m.subject.includes('RE-2026-000001'));
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.subject).toBe('Ihre Rechnung RE-2026-000001 für November 2026');
    const pdf = mail?.attachments?.find((a) => a.filename === 'RE-2026-000001.pdf');
    const text = pdfText(pdf?.content ?? '');
    // A German address has no country line on a German invoice.
    expect(text).not.toMatch(/^\s*(DE|DEUTSCHLAND)\s*$/m);
    for (const expected of [
      'Rechnung',
      'RE-2026-000001',
      'Bäckerei Sommer GmbH',
      '01.11.2026 – 30.11.2026',
      '78,75 €',
      '14,96 €',
      '93,71 €',
      'DE000000000',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Dezember-Aufgabe');
    // The payment code a banking app scans: payee, IBAN, the amount due and the invoice number.
    expect(pdfQrText(pdf?.content ?? '')).toBe(
      [
        ...['BCD', '002', '1', 'SCT', ''],
        deps.config.seller.name,
        deps.config.seller.iban.replaceAll(' ', ''),
        'EUR93.71',
        ...['', '', 'RE-2026-000001'],
      ].join('\n'),
    );

    const csv = Buffer.from(
      mail?.attachments?.find((a) => a.filename.endsWith('.csv'))?.content ?? '',
      'base64',
    )
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const rows = csv.trim().split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('"Folien; ""Bankgespräch"""');
    const cents = rows.map((r) => Math.round(Number(r.split(';').at(-1)?.replace(',', '.')) * 100));
    expect(cents.reduce((a, b) => a + b, 0)).toBe(7875);

    expect((await runStatements('2026-11', deps, { clientId: 'cli_STMT1' }))[0]).toMatchObject({
      kind: 'already-sent',
    });
    expect((await sentTo(karin)).filter((m) => m.subject.includes('RE-2026'))).toHaveLength(1);
    expect(await deps.statements.get('cli_STMT1', '2026-11')).toMatchObject({
      status: 'sent',
      pdfKey: 'statements/2026-11/cli_STMT1/RE-2026-000001.pdf',
      sesMessageId: expect.any(String),
    });
  });

  it('bills a Swiss business without German VAT, says why, and sends no XRechnung', async () => {
    const [swiss] = await runStatements('2026-11', deps, { clientId: 'cli_STMT2' });
    // 30 minutes at 45 EUR an hour, and nothing on top.
    expect(swiss).toMatchObject({ kind: 'sent', grossCents: 2250 });
    const [mail] = (await sentTo(`client2-${id}@firma.example`)).filter((m) => m.subject.includes('RE-2026'));
    expect(mail?.attachments?.map((a) => a.filename.replace(/RE-\d{4}-\d{6}/, 'RE'))).toEqual([
      'RE.pdf',
      'RE-Zeitnachweis.csv',
    ]);
    expect(mail?.body.text).not.toContain('XRechnung');
    const text = pdfText(mail?.attachments?.[0]?.content ?? '', { layout: false });
    for (const expected of [
      'Meier Treuhand AG',
      '8001 Zürich',
      'SCHWEIZ',
      'Steuer-ID des Kunden',
      'CHE-123.456.789 MWST',
      'USt. 0 %',
      'Nicht im Inland steuerbare Leistung',
      '§ 3a Abs. 2 UStG',
    ])
      expect(text).toContain(expected);
    // The German client's mail names the e-invoice it carries.
    expect((await sentTo(karin)).find((m) => m.subject.includes('RE-2026-000001'))?.body.text).toContain(
      'als E-Rechnung (XRechnung)',
    );
  });

  it('lists the tasks a package paid for, which cost nothing on their own, with their time', async () => {
    const [pkg] = await runStatements('2026-11', deps, { clientId: 'cli_STMT3' });
    // The fee and its VAT: 400 EUR + 76 EUR; the task's 30 minutes are inside the package.
    expect(pkg).toMatchObject({ kind: 'sent', grossCents: 47_600 });
    expect((await deps.statements.get('cli_STMT3', '2026-11'))?.invoice.lines).toMatchObject([
      { taskId: 'VA-STM013', billedMinutes: 30, packageMinutes: 30, netCents: 0 },
    ]);
    const [mail] = (await sentTo(`client3-${id}@firma.example`)).filter((m) => m.subject.includes('RE-2026'));
    expect(mail?.body.text).toContain('Aufträge: 1');
    expect(mail?.body.text).toContain('Paket: übrig im Monat: 9 Std. 30 Min.');
    const csv = Buffer.from(
      mail?.attachments?.find((a) => a.filename.endsWith('.csv'))?.content ?? '',
      'base64',
    );
    expect(csv.toString('utf8')).toContain('VA-STM013');
  });

  it('numbers without gaps or duplicates when five runs race over all clients', async () => {
    const runs = await Promise.all(Array.from({ length: 5 }, () => runStatements('2026-11', deps)));
    const numbers = new Map<string, string>();
    for (const outcome of runs.flat()) {
      if (outcome.kind !== 'sent' && outcome.kind !== 'already-sent') continue;
      const seen = numbers.get(outcome.clientId);
      if (seen) expect(outcome.number).toBe(seen);
      numbers.set(outcome.clientId, outcome.number);
    }
    expect([...numbers.values()].sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `RE-2026-${String(i + 1).padStart(6, '0')}`),
    );
    for (let n = 2; n <= 6; n++)
      expect(
        (await sentTo(`client${n}-${id}@firma.example`)).filter((m) => m.subject.includes('RE-2026')),
      ).toHaveLength(1);
  });

  it("mails each VA a payout statement of the month's tasks once, with the PDF", async () => {
    const outcomes = await runPayoutStatements('2026-11', deps);
    // 75 + 20 + 5 x 30 minutes (20 billed as 30) in November (the task of 1 December is December's); 25 EUR an hour.
    expect(outcomes).toEqual([{ vaId: 'va_STMT', kind: 'sent', totalCents: 10_625 }]);
    const mails = (await sentTo(`sophie-${id}@va.example`)).filter((m) =>
      m.subject.includes('Auszahlungsübersicht'),
    );
    expect(mails).toHaveLength(1);
    const text = pdfText(mails[0]?.attachments?.[0]?.content ?? '');
    expect(text).toContain('Auszahlungsübersicht November 2026');
    expect(text).toContain('106,25 €');
    expect(text).not.toContain('Dezember-Aufgabe');
    expect(await runPayoutStatements('2026-11', deps)).toEqual([
      { vaId: 'va_STMT', kind: 'already-sent', totalCents: 10_625 },
    ]);
    expect(
      (await sentTo(`sophie-${id}@va.example`)).filter((m) => m.subject.includes('Auszahlungsübersicht')),
    ).toHaveLength(1);
  });
});
