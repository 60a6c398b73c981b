import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { listPayouts } from '../../../shared/use-cases/billing/payments';
import { payoutOrder } from '../../../shared/use-cases/billing/payout-order';
import { runPayoutStatements, type StatementDeps } from '../../../shared/use-cases/billing/run-statements';
import { vatReturnFor } from '../../../shared/use-cases/billing/vat-return';
import { settledTask } from '../../support/billing';
import { aClient, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { sentTo } from '../../support/mail';
import { pdfText } from '../../support/pdf';

const id = randomUUID().slice(0, 6);

/** A VA who charges VAT is paid it on top, through the same ledger, statement and SEPA file. */
describe('VAs who charge VAT', () => {
  let deps: StatementDeps;
  const lena = `lena-${id}@va.example`;
  const tom = `tom-${id}@va.example`;

  beforeAll(async () => {
    const { tableName } = await createTestTable();
    deps = createStatementDeps(loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }), {
      runtime: { now: () => new Date('2026-12-02T08:00:00Z'), randomBytes: (n) => new Uint8Array(n) },
    });
    await deps.vas.create(
      aVa({
        id: 'va_VAT1',
        name: 'Lena Vogt',
        email: lena,
        payoutRateCents: 3000,
        vatMode: 'standard',
        taxId: 'DE123456789',
        payoutIban: 'DE89 3704 0044 0532 0130 00',
      }),
    );
    await deps.vas.create(
      aVa({
        id: 'va_VAT2',
        name: 'Tom Kern',
        email: tom,
        payoutRateCents: 3000,
        payoutIban: 'AT61 1904 3002 3457 3201',
      }),
    );
    await deps.clients.create(aClient({ id: 'cli_VAT1', emails: [`c-${id}@firma.example`] }));
    for (const [taskId, vaId, minutes] of [
      ['VA-VAT001', 'va_VAT1', 90],
      ['VA-VAT002', 'va_VAT1', 20],
      ['VA-VAT003', 'va_VAT2', 90],
    ] as const)
      await settledTask(deps, {
        id: taskId,
        clientId: 'cli_VAT1',
        vaId,
        minutes,
        completedAt: '2026-11-12T10:00:00.000Z',
      });
  });

  it('owes, states and transfers the VAT on top for one, and nothing on top for the other', async () => {
    // 90 and 20 (billed 30) minutes at 30 EUR: 45 + 15 = 60 EUR, and 19 % on each task: 8.55 + 2.85.
    const owed = Object.fromEntries((await listPayouts('2026-11', deps)).map((r) => [r.vaId, r.owedCents]));
    expect(owed).toEqual({ va_VAT1: 7140, va_VAT2: 4500 });
    const order = await payoutOrder('2026-11', '2026-12-07', deps);
    expect(order.transfers.map((t) => [t.vaId, t.cents])).toEqual([
      ['va_VAT1', 7140],
      ['va_VAT2', 4500],
    ]);

    expect(await runPayoutStatements('2026-11', deps)).toEqual([
      { vaId: 'va_VAT1', kind: 'sent', totalCents: 7140 },
      { vaId: 'va_VAT2', kind: 'sent', totalCents: 4500 },
    ]);
    const [charging] = (await sentTo(lena)).filter((m) => m.subject.includes('Auszahlungsübersicht'));
    expect(charging?.body.text).toMatch(
      /Netto: 60,00\s€[\s\S]*USt\. 19 %: 11,40\s€[\s\S]*Auszahlung: 71,40\s€/,
    );
    const text = pdfText(charging?.attachments?.[0]?.content ?? '', { layout: false });
    for (const expected of ['USt. 19 %', '11,40 €', '71,40 €', 'Steuernummer (DE123456789)'])
      expect(text).toContain(expected);
    const [small] = (await sentTo(tom)).filter((m) => m.subject.includes('Auszahlungsübersicht'));
    expect(small?.body.text).not.toContain('USt.');
    expect(pdfText(small?.attachments?.[0]?.content ?? '', { layout: false })).toContain('§ 19 UStG');
  });

  it('gives the VAT return the input VAT the payouts carry (Kz 66)', async () => {
    const figures = await vatReturnFor('2026-11', deps);
    expect(figures.inputVatCents).toBe(1140);
    // The client's side is in the invoices' boxes once invoiced, and named until it is.
    expect(figures.notInvoiced).toEqual([{ clientId: 'cli_VAT1', month: '2026-11', why: 'billed work' }]);
  });
});
