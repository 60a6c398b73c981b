import { describe, expect, it } from 'vitest';
import { generateXRechnung, renderXRechnung, toEInvoice } from '../../../shared/documents/e-invoice';
import {
  composeInvoice,
  finalizeInvoice,
  hasEInvoice,
  type Invoice,
} from '../../../shared/domain/billing/invoice';
import { settle } from '../../../shared/domain/billing/settlement';
import type { Plan, VatMode } from '../../../shared/domain/client';
import { aClient, anAddressFor, aSeller } from '../../support/builders';

const invoiceFor = (vatMode: VatMode, plan: Plan = { kind: 'hourly', hourlyRateCents: 4500 }): Invoice => {
  const client = aClient({
    company: 'Bäckerei Sommer GmbH',
    plan,
    vatMode,
    ...(vatMode === 'reverse-charge' ? { vatId: 'ATU12345678' } : {}),
    address: anAddressFor(vatMode),
  });
  const settlements = [75, 20, 130].map((minutes, i) => ({
    ...settle({
      task: { id: `VA-XR000${i}`, workedMinutes: minutes, completedAt: `2026-11-0${i + 3}T10:00:00Z` },
      client,
      va: { id: 'va_A', payoutRateCents: 2800 },
      packageMinutesUsed: 0,
    }),
    title: i === 0 ? 'Reise <buchen> & "Hotel"' : `Aufgabe ${i}`,
    vaFirstName: 'Sophie',
    completedAt: `2026-11-0${i + 3}T10:00:00Z`,
  }));
  return finalizeInvoice(composeInvoice({ client, period: '2026-11', settlements, packageMinutesUsed: 0 }), {
    number: 'RE-2026-000007',
    issueDate: '2026-12-01',
    seller: aSeller(),
  });
};

const all = (xml: string, element: string) =>
  [...xml.matchAll(new RegExp(`<${element}[^>]*>([^<]*)</${element}>`, 'g'))].map((m) => m[1] ?? '');
const cents = (value: string | undefined) => Math.round(Number(value) * 100);

/**
 * The XRechnung of each VAT mode passes e-invoice-eu's EN 16931 schema for the format (it refuses
 * to render otherwise), and its amounts follow the EN 16931 calculation rules checked below.
 */
describe('XRechnung e-invoice', () => {
  it.each(['standard', 'reverse-charge', 'small-business'] as const)(
    '%s: valid, and the sums add up',
    async (mode) => {
      const invoice = invoiceFor(
        mode,
        mode === 'standard' ? undefined : { kind: 'hourly', hourlyRateCents: 6000 },
      );
      const xml = await renderXRechnung(invoice);
      expect(xml).toContain('urn:xeinkauf.de:kosit:xrechnung_3.0');
      expect(xml).toContain('<cbc:ID>RE-2026-000007</cbc:ID>');
      expect(xml).toContain('Reise &lt;buchen&gt; &amp; "Hotel"');
      const lineAmounts = all(xml, 'cbc:LineExtensionAmount');
      // BR-CO-10: the sum of the line net amounts is the invoice's line extension amount.
      const [total, ...lines] = lineAmounts;
      expect(lines.map(cents).reduce((a, b) => a + b, 0)).toBe(cents(total));
      expect(cents(total)).toBe(invoice.netCents);
      // BR-CO-15: tax inclusive = tax exclusive + VAT; BR-S-09/BR-AE-09/BR-E-09: VAT = base x rate.
      const [taxExclusive] = all(xml, 'cbc:TaxExclusiveAmount');
      const [taxInclusive] = all(xml, 'cbc:TaxInclusiveAmount');
      const [vat] = all(xml, 'cbc:TaxAmount');
      expect(cents(taxInclusive)).toBe(cents(taxExclusive) + cents(vat));
      const category = { standard: ['S', 19], 'reverse-charge': ['AE', 0], 'small-business': ['E', 0] }[mode];
      expect(xml).toContain(`<cbc:ID>${category[0]}</cbc:ID>`);
      expect(cents(vat)).toBe(Math.floor((invoice.netCents * Number(category[1]) * 2 + 100) / 200));
      if (mode === 'reverse-charge') expect(xml).toContain('VATEX-EU-AE');
      if (mode === 'small-business') expect(xml).toContain('§ 19 UStG');
    },
  );

  it('goes with every invoice but a third-country client’s, which it refuses to render', async () => {
    for (const mode of ['standard', 'reverse-charge', 'small-business'] as const)
      expect(hasEInvoice(invoiceFor(mode))).toBe(true);
    const swiss = invoiceFor('third-country');
    expect(swiss).toMatchObject({ vatNote: 'third-country', vatCents: 0 });
    expect(hasEInvoice(swiss)).toBe(false);
    await expect(renderXRechnung(swiss)).rejects.toThrowError(/third-country client/);
  });

  it('is refused by the schema when a required part is missing', async () => {
    const data = toEInvoice(invoiceFor('standard')) as unknown as { 'ubl:Invoice': Record<string, unknown> };
    delete data['ubl:Invoice']['cac:AccountingCustomerParty'];
    await expect(generateXRechnung(data as never, 'de')).rejects.toThrowError(/AccountingCustomerParty/);
  });
});
