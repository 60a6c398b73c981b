import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderXRechnung } from '../../../shared/documents/e-invoice';
import {
  type Adjustment,
  adjustSettlement,
  isLaterCorrection,
  settlementAsOf,
} from '../../../shared/domain/billing/adjustment';
import {
  composeInvoice,
  finalizationPostings,
  finalizeInvoice,
  lineTitle,
  timeReportCsv,
} from '../../../shared/domain/billing/invoice';
import { composePayout } from '../../../shared/domain/billing/payout';
import { type Posting, type Settlement, settle } from '../../../shared/domain/billing/settlement';
import { type Client, type Plan, type VatMode, VatModeSchema } from '../../../shared/domain/client';
import { formatMinutes } from '../../../shared/mail/format';
import { aClient, anAddressFor, aSeller } from '../../support/builders';

const COMPLETED = '2026-11-12T10:00:00Z';

const clientWith = (plan: Plan, vatMode: VatMode = 'standard', increment = 15): Client =>
  aClient({
    plan,
    vatMode,
    billingIncrementMinutes: increment,
    ...(vatMode === 'reverse-charge' ? { vatId: 'ATU12345678' } : {}),
    address: anAddressFor(vatMode),
  });

const settled = (client: Client, workedMinutes: number, packageMinutesUsed = 0) =>
  settle({
    task: { id: 'VA-ADJ001', workedMinutes, completedAt: COMPLETED },
    client,
    va: { id: 'va_A', payoutRateCents: 2800 },
    packageMinutesUsed,
  });

const adjust = (previous: Settlement, workedMinutes: number, overrides: Partial<Adjustment> = {}) =>
  adjustSettlement({
    previous,
    seq: 1,
    request: { workedMinutes, reason: 'Zeit doppelt erfasst' },
    completedAt: COMPLETED,
    at: '2026-12-03T09:00:00Z',
    period: overrides.period ?? '2026-11',
    correctsInvoice: overrides.correctsInvoice,
    packageMinutesUsed: previous.packageMinutes + previous.overageMinutes,
    packageMinutesCarried: 0,
    currentTerms: {
      client: previous.terms?.client ?? clientWith({ kind: 'hourly', hourlyRateCents: 1 }),
      payoutRateCents: 1,
    },
  });

/** Sum per account of a list of postings, zero balances dropped. */
const balances = (postings: readonly Posting[]) => {
  const sums = new Map<string, number>();
  for (const p of postings) sums.set(p.account, (sums.get(p.account) ?? 0) + p.amountCents);
  return Object.fromEntries([...sums].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
};

const plans = fc.oneof(
  fc.integer({ min: 0, max: 20_000 }).map((rate): Plan => ({ kind: 'hourly', hourlyRateCents: rate })),
  fc
    .integer({ min: 0, max: 50_000 })
    .map((price): Plan => ({ kind: 'fixed', pricePerTaskCents: price, pricesBySkillCents: {} })),
  fc.record({ fee: fc.integer({ min: 0, max: 200_000 }), included: fc.integer({ min: 1, max: 2400 }) }).map(
    ({ fee, included }): Plan => ({
      kind: 'package',
      monthlyFeeCents: fee,
      includedMinutes: included,
      overageRateCents: 6000,
      rollover: false,
    }),
  ),
);

describe('corrections of a billed task', () => {
  it('reverse the old postings and post the new ones: the ledger then holds exactly the replacement', () => {
    fc.assert(
      fc.property(
        plans,
        fc.constantFrom<VatMode>(...VatModeSchema.options),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 3000 }),
        (plan, vatMode, before, after, usedByOthers) => {
          const client = clientWith(plan, vatMode);
          const previous = settled(client, before, usedByOthers);
          const a = adjustSettlement({
            previous,
            seq: 1,
            request: { workedMinutes: after, reason: 'Korrektur' },
            completedAt: COMPLETED,
            at: '2026-11-20T09:00:00Z',
            period: '2026-11',
            packageMinutesUsed: usedByOthers + previous.packageMinutes + previous.overageMinutes,
            packageMinutesCarried: 0,
            currentTerms: { client, payoutRateCents: 9999 },
          });
          // Each half balances on its own, and so the whole correction does.
          expect(a.postings.reduce((n, p) => n + p.amountCents, 0)).toBe(0);
          expect(balances([...previous.postings, ...a.postings])).toEqual(balances(a.replacement.postings));
          expect(a.delta.grossCents).toBe(a.replacement.grossCents - previous.grossCents);
          expect(a.delta.netCents + a.delta.vatCents).toBe(a.delta.grossCents);
          // The same task billed afresh at the corrected time, on the same terms, in the same month.
          expect(a.replacement).toEqual(settled(client, after, usedByOthers));
          expect(a.replacement.period).toBe(previous.period);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('bills on the terms of the first settlement, not on rates changed since', () => {
    const previous = settled(clientWith({ kind: 'hourly', hourlyRateCents: 4500 }), 60);
    const a = adjustSettlement({
      previous,
      seq: 1,
      request: { workedMinutes: 30, reason: 'Zu viel erfasst' },
      completedAt: COMPLETED,
      at: '2026-11-20T09:00:00Z',
      period: '2026-11',
      packageMinutesUsed: 0,
      packageMinutesCarried: 0,
      currentTerms: { client: clientWith({ kind: 'hourly', hourlyRateCents: 9900 }), payoutRateCents: 5000 },
    });
    expect(a.replacement).toMatchObject({ billedMinutes: 30, netCents: 2250, payoutCents: 1400 });
    expect(a.delta).toMatchObject({
      billedMinutes: -30,
      netCents: -2250,
      vatCents: -427,
      payoutCents: -1400,
    });
  });

  it("corrects a VAT-charging VA's pay with its VAT, on the VAT terms of the first settlement", () => {
    const client = clientWith({ kind: 'hourly', hourlyRateCents: 4500 });
    const previous = settle({
      task: { id: 'VA-ADJ002', workedMinutes: 60, completedAt: COMPLETED },
      client,
      va: { id: 'va_A', payoutRateCents: 2800, vatMode: 'standard' },
      packageMinutesUsed: 0,
    });
    const a = adjustSettlement({
      previous,
      seq: 1,
      request: { workedMinutes: 30, reason: 'Halbe Stunde' },
      completedAt: COMPLETED,
      at: '2026-11-20T09:00:00Z',
      period: '2026-11',
      packageMinutesUsed: 0,
      packageMinutesCarried: 0,
      // Since then the VA stopped charging VAT: the correction still follows the first terms.
      currentTerms: { client, payoutRateCents: 2800, vaVatMode: 'small-business' },
    });
    expect(a.replacement).toMatchObject({ payoutCents: 1400, payoutVatCents: 266 });
    expect(a.delta).toMatchObject({ payoutCents: -1400, payoutVatCents: -266 });
    const ledger = new Map<string, number>();
    for (const p of [...previous.postings, ...a.postings])
      ledger.set(p.account, (ledger.get(p.account) ?? 0) + p.amountCents);
    expect(ledger.get('vat-input')).toBe(266);
    expect(ledger.get('payable:va_A')).toBe(-1666);
  });

  it('puts a package task last in its month: other tasks keep their package minutes', () => {
    const client = clientWith({
      kind: 'package',
      monthlyFeeCents: 90_000,
      includedMinutes: 600,
      overageRateCents: 6000,
      rollover: false,
    });
    // 540 minutes used by others; this task used the last 60 of the package and 60 over it.
    const previous = settled(client, 120, 540);
    expect(previous).toMatchObject({ packageMinutes: 60, overageMinutes: 60, netCents: 6000 });
    const a = adjustSettlement({
      previous,
      seq: 1,
      request: { workedMinutes: 45, reason: 'Pause nicht abgezogen' },
      completedAt: COMPLETED,
      at: '2026-11-20T09:00:00Z',
      period: '2026-11',
      packageMinutesUsed: 660,
      packageMinutesCarried: 0,
      currentTerms: { client, payoutRateCents: 2800 },
    });
    expect(a.replacement).toMatchObject({ packageMinutes: 45, overageMinutes: 0, netCents: 0 });
    expect(a.delta).toMatchObject({ billedMinutes: -75, packageMinutes: -15, netCents: -6000 });
  });

  it('shows a month the last correction posted in it; later ones belong to later months', () => {
    const original = settled(clientWith({ kind: 'hourly', hourlyRateCents: 4500 }), 60);
    const first = adjust(original, 45);
    const second = { ...adjust(first.replacement, 30, { period: '2026-12' }), seq: 2 };
    expect(settlementAsOf(original, [], '2026-11')).toBe(original);
    expect(settlementAsOf(original, [first, second], '2026-11')).toBe(first.replacement);
    expect(settlementAsOf(original, [first, second], '2026-12')).toBe(second.replacement);
    expect([first, second].map(isLaterCorrection)).toEqual([false, true]);
  });
});

describe('a statement with corrections', () => {
  const client = clientWith({ kind: 'hourly', hourlyRateCents: 4500 });
  const november = settled(client, 90);
  const correction = {
    ...adjust(november, 30, { period: '2026-12', correctsInvoice: 'RE-2026-000001' }),
    title: 'Reise nach Hamburg buchen',
    vaFirstName: 'Sophie',
  };

  it('lists the difference as a line of its own that refers to the invoice it corrects', async () => {
    const december = {
      ...settle({
        task: { id: 'VA-ADJ002', workedMinutes: 15, completedAt: '2026-12-10T10:00:00Z' },
        client,
        va: { id: 'va_A', payoutRateCents: 2800 },
        packageMinutesUsed: 0,
      }),
      title: 'Briefe',
      vaFirstName: 'Sophie',
      completedAt: '2026-12-10T10:00:00Z',
    };
    const draft = composeInvoice({
      client,
      period: '2026-12',
      settlements: [december],
      corrections: [correction],
      packageMinutesUsed: 0,
    });
    expect(draft.lines.map((l) => [l.taskId, l.billedMinutes, l.netCents])).toEqual([
      ['VA-ADJ002', 15, 1125],
      ['VA-ADJ001', -60, -4500],
    ]);
    expect(draft).toMatchObject({ netCents: -3375, vatCents: -641, grossCents: -4016 });
    // The VAT the per-task postings carry includes the correction's; finalizing posts the rest.
    expect(draft.postedVatCents).toBe(december.vatCents + correction.delta.vatCents);
    expect(finalizationPostings(draft).reduce((n, p) => n + p.amountCents, 0)).toBe(0);
    const [, line] = draft.lines;
    expect(line && lineTitle(line, 'de')).toBe(
      'Korrektur zu RE-2026-000001: Reise nach Hamburg buchen (Zeit doppelt erfasst)',
    );
    expect(line && lineTitle(line, 'en')).toMatch(/^Correction to RE-2026-000001: /);

    // The time report keeps negative numbers numbers, and its total row is the invoice's lines.
    const rows = timeReportCsv(draft)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[2]).toContain(';-60;0;-45,00');
    expect(rows.at(-1)).toBe('Summe;;;;-45;0;-33,75');

    // The e-invoice passes the schema, refers to the corrected invoice, and keeps prices positive.
    const invoice = finalizeInvoice(draft, {
      number: 'RE-2027-000001',
      issueDate: '2027-01-01',
      seller: aSeller(),
    });
    const xml = await renderXRechnung(invoice);
    expect(xml).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>RE-2026-000001</);
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="C62">-1</cbc:InvoicedQuantity>');
    expect(xml).toContain('<cbc:PriceAmount currencyID="EUR">45.00</cbc:PriceAmount>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">-40.16</cbc:PayableAmount>');
  });

  it("and on the VA's payout statement", () => {
    const payout = composePayout({
      va: { id: 'va_A', name: 'Sophie Keller', language: 'de' },
      period: '2026-12',
      settlements: [],
      corrections: [{ ...correction, client: 'Bäckerei Sommer' }],
    });
    expect(payout).toMatchObject({ totalMinutes: -60, netCents: -2800, vatCents: 0, totalCents: -2800 });
    expect(payout.lines[0]?.correction).toEqual({ reason: 'Zeit doppelt erfasst' });
  });

  it('writes negative time with a real minus sign', () => {
    expect(formatMinutes(-75, 'de')).toBe('−1 Std. 15 Min.');
    expect(formatMinutes(-15, 'en')).toBe('−15 min');
    expect(formatMinutes(0, 'en')).toBe('0 min');
  });
});
