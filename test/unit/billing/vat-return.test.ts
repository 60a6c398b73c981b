import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeInvoice, finalizeInvoice, type Invoice } from '../../../shared/domain/billing/invoice';
import { settle } from '../../../shared/domain/billing/settlement';
import {
  returnPeriodMonths,
  splitVatId,
  vatReturnOf,
  wholeEuros,
} from '../../../shared/domain/billing/vat-return';
import { type VatMode, VatModeSchema } from '../../../shared/domain/client';
import { ValidationError } from '../../../shared/errors';
import { aClient, anAddressFor, aSeller } from '../../support/builders';

let counter = 0;
const invoiceOf = (vatMode: VatMode, minutes: number, period = '2026-11', vatId?: string): Invoice => {
  counter++;
  const client = aClient({
    id: `cli_V${counter}`,
    vatMode,
    ...(vatId ? { vatId } : vatMode === 'reverse-charge' ? { vatId: 'ATU12345678' } : {}),
    address: anAddressFor(vatMode),
  });
  const settlement = {
    ...settle({
      task: { id: `VA-V${counter}`, workedMinutes: minutes, completedAt: `${period}-10T10:00:00Z` },
      client,
      va: { id: 'va_A', payoutRateCents: 2800 },
      packageMinutesUsed: 0,
    }),
    title: 'Aufgabe',
    vaFirstName: 'Sophie',
    completedAt: `${period}-10T10:00:00Z`,
  };
  return finalizeInvoice(
    composeInvoice({ client, period, settlements: [settlement], packageMinutesUsed: 0 }),
    {
      number: `RE-2026-${String(counter).padStart(6, '0')}`,
      issueDate: '2026-12-01',
      seller: aSeller(),
    },
  );
};

describe('VAT return figures', () => {
  it('takes a month or the three of a quarter, and refuses anything else', () => {
    expect(returnPeriodMonths('2026-11')).toEqual(['2026-11']);
    expect(returnPeriodMonths('2026-q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(returnPeriodMonths('2027-Q1')).toEqual(['2027-01', '2027-02', '2027-03']);
    for (const bad of ['2026-13', '2026-Q5', 'November', '2026-11-01'])
      expect(() => returnPeriodMonths(bad)).toThrowError(ValidationError);
  });

  it('puts each invoice in its box, and each EU client in the EC sales list under its VAT number', () => {
    const home = invoiceOf('standard', 60);
    const vienna = invoiceOf('reverse-charge', 90, '2026-11', 'ATU 123 456 78');
    const viennaAgain = invoiceOf('reverse-charge', 30, '2026-11', 'atu12345678');
    const dublin = invoiceOf('reverse-charge', 60, '2026-11', 'IE1234567T');
    const zurich = invoiceOf('third-country', 120);
    const october = invoiceOf('standard', 600, '2026-10');
    const figures = vatReturnOf([zurich, dublin, viennaAgain, vienna, home, october], ['2026-11']);
    expect(figures.standard).toEqual({ netCents: 4500, vatCents: 855, invoices: [home.number] });
    expect(figures.reverseCharge).toEqual({
      netCents: 13_500,
      vatCents: 0,
      invoices: [vienna.number, viennaAgain.number, dublin.number],
    });
    expect(figures.thirdCountry).toEqual({ netCents: 9000, vatCents: 0, invoices: [zurich.number] });
    expect(figures.ecSalesList).toEqual([
      {
        countryCode: 'AT',
        vatNumber: 'U12345678',
        netCents: 9000,
        invoices: [vienna.number, viennaAgain.number],
      },
      { countryCode: 'IE', vatNumber: '1234567T', netCents: 4500, invoices: [dublin.number] },
    ]);
    expect(vatReturnOf([october], ['2026-10', '2026-11', '2026-12']).standard.netCents).toBe(45_000);
  });

  it('counts every invoice of the months exactly once, whatever the mix', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            mode: fc.constantFrom<VatMode>(...VatModeSchema.options),
            minutes: fc.integer({ min: 1, max: 900 }),
            month: fc.constantFrom('2026-10', '2026-11'),
          }),
          { maxLength: 12 },
        ),
        (specs) => {
          const invoices = specs.map((s) => invoiceOf(s.mode, s.minutes, s.month));
          const figures = vatReturnOf(invoices, ['2026-11']);
          const november = invoices.filter((i) => i.period === '2026-11');
          const boxes = [
            figures.standard,
            figures.reverseCharge,
            figures.thirdCountry,
            figures.smallBusiness,
          ];
          expect(boxes.flatMap((b) => b.invoices).sort()).toEqual(november.map((i) => i.number).sort());
          expect(boxes.reduce((n, b) => n + b.netCents, 0)).toBe(
            november.reduce((n, i) => n + i.netCents, 0),
          );
          expect(figures.ecSalesList.reduce((n, l) => n + l.netCents, 0)).toBe(
            figures.reverseCharge.netCents,
          );
          expect(figures.reverseCharge.vatCents + figures.thirdCountry.vatCents).toBe(0);
        },
      ),
    );
  });

  it('splits a VAT ID into country and number, and drops the cents as ELSTER does', () => {
    expect(splitVatId('EL 123.456.789')).toEqual({ countryCode: 'EL', vatNumber: '123456789' });
    expect(wholeEuros(100_099)).toBe(1000);
    expect(wholeEuros(-1050)).toBe(-10);
  });
});
