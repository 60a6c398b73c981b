import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeInvoice,
  finalizationPostings,
  finalizeInvoice,
  invoiceNumber,
  invoiceNumberNamed,
  timeReportCsv,
} from '../../../shared/domain/billing/invoice';
import { settle } from '../../../shared/domain/billing/settlement';
import { type Client, type Plan, type VatMode, VatModeSchema } from '../../../shared/domain/client';
import { aClient, anAddressFor, aSeller } from '../../support/builders';

const settled = (client: Client, minutes: number[]) => {
  let used = 0;
  return minutes.map((m, i) => {
    const s = settle({
      task: {
        id: `VA-T${String(i).padStart(5, '0')}`,
        workedMinutes: m,
        completedAt: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`,
      },
      client,
      va: { id: 'va_A', payoutRateCents: 2800 },
      packageMinutesUsed: used,
    });
    used += s.packageMinutes + s.overageMinutes;
    return {
      ...s,
      title: `Aufgabe ${i}`,
      vaFirstName: 'Sophie',
      completedAt: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`,
    };
  });
};

describe('invoices', () => {
  it('numbers per year with six digits', () => {
    expect(invoiceNumber(2026, 42)).toBe('RE-2026-000042');
  });

  it('finds the number a subject or title names, in any case, and no lookalike', () => {
    expect(invoiceNumberNamed('AW: Frage zur Rechnung re-2026-000042 (November)')).toBe('RE-2026-000042');
    expect(invoiceNumberNamed(`Question about invoice ${invoiceNumber(2027, 7)}`)).toBe('RE-2027-000007');
    for (const other of ['RE-2026-00042', 'PRE-2026-000042', 'RE-2026-0000420', '[VA-7K2Q9M] Rechnung'])
      expect(invoiceNumberNamed(other)).toBeUndefined();
  });

  it('computes VAT once on the net total and keeps what the settlements posted, for the rounding posting', () => {
    const client = aClient({ plan: { kind: 'hourly', hourlyRateCents: 4500 } });
    const draft = composeInvoice({
      client,
      period: '2026-11',
      settlements: settled(client, [75, 20]),
      packageMinutesUsed: 0,
    });
    expect(draft).toMatchObject({
      netCents: 7875,
      vatCents: 1496,
      grossCents: 9371,
      postedVatCents: 1497,
      periodEnd: '2026-11-30',
    });
    expect(
      finalizeInvoice(draft, { number: 'RE-2026-000001', issueDate: '2026-12-01', seller: aSeller() })
        .dueDate,
    ).toBe('2026-12-15');
  });

  it('adds the package fee and tells how much of the package was used', () => {
    const plan: Plan = {
      kind: 'package',
      monthlyFeeCents: 90_000,
      includedMinutes: 1200,
      overageRateCents: 5000,
      rollover: false,
    };
    const client = aClient({ plan });
    const draft = composeInvoice({
      client,
      period: '2026-11',
      settlements: settled(client, [600, 700]),
      packageMinutesUsed: 1305,
    });
    expect(draft.packageFee).toEqual({
      netCents: 90_000,
      includedMinutes: 1200,
      usedMinutes: 1305,
      carriedMinutes: 0,
    });
    expect(draft.netCents).toBe(90_000 + draft.lines.reduce((n, l) => n + l.netCents, 0));
    // A rolling package shows what it carried in from last month; a plain one carries nothing.
    const rolling = aClient({ plan: { ...plan, rollover: true } });
    const withCarry = (c: Client) =>
      composeInvoice({
        client: c,
        period: '2026-11',
        settlements: [],
        packageMinutesUsed: 0,
        packageMinutesCarried: 90,
      });
    expect(withCarry(rolling).packageFee?.carriedMinutes).toBe(90);
    expect(withCarry(client).packageFee?.carriedMinutes).toBe(0);
  });

  it('for any plan, VAT mode and month of work: totals are the sum of the lines, VAT as documented', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 40 }),
        fc.constantFrom<VatMode>(...VatModeSchema.options),
        fc.integer({ min: 0, max: 20_000 }),
        fc.boolean(),
        (minutes, vatMode, rate, packagePlan) => {
          const plan: Plan = packagePlan
            ? {
                kind: 'package',
                monthlyFeeCents: rate * 10,
                includedMinutes: 600,
                overageRateCents: rate,
                rollover: false,
              }
            : { kind: 'hourly', hourlyRateCents: rate };
          const client = aClient({
            plan,
            vatMode,
            ...(vatMode === 'reverse-charge' ? { vatId: 'ATU12345678' } : {}),
            address: anAddressFor(vatMode),
          });
          const draft = composeInvoice({
            client,
            period: '2026-11',
            settlements: settled(client, minutes),
            packageMinutesUsed: 0,
          });
          const lines = draft.lines.reduce((n, l) => n + l.netCents, 0) + (draft.packageFee?.netCents ?? 0);
          expect(draft.netCents).toBe(lines);
          expect(draft.grossCents).toBe(draft.netCents + draft.vatCents);
          const rate100 = vatMode === 'standard' ? 19 : 0;
          expect(draft.vatCents).toBe(Math.floor((draft.netCents * rate100 * 2 + 100) / 200));
          // Per-task rounding may differ from the total's by at most half a cent per task.
          if (!packagePlan)
            expect(Math.abs(draft.vatCents - draft.postedVatCents)).toBeLessThanOrEqual(
              Math.ceil(minutes.length / 2) + 1,
            );
          // Settlements plus finalization post exactly the invoice: receivable = gross, balanced.
          const extra = finalizationPostings(draft);
          expect(extra.reduce((n, p) => n + p.amountCents, 0)).toBe(0);
          const posted = draft.lines.reduce((n, l) => n + l.netCents, 0) + draft.postedVatCents;
          const receivable = extra.find((p) => p.account.startsWith('receivable:'))?.amountCents ?? 0;
          expect(posted + receivable).toBe(draft.grossCents);
          const csv = timeReportCsv(draft)
            .replace(/^\uFEFF/, '')
            .trim()
            .split('\r\n');
          expect(csv).toHaveLength(draft.lines.length + 2);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('defuses spreadsheet formulas and quotes separators in the time report', () => {
    const client = aClient({ plan: { kind: 'hourly', hourlyRateCents: 6000 } });
    const rows = settled(client, [60]).map((s) => ({ ...s, title: '=HYPERLINK("http://evil")' }));
    const csv = timeReportCsv(
      composeInvoice({ client, period: '2026-11', settlements: rows, packageMinutesUsed: 0 }),
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.endsWith('Summe;;;;60;0;60,00\r\n')).toBe(true);
  });
});
