import { ValidationError } from '../../errors';
import type { Invoice } from './invoice';
import { PERIOD_PATTERN, type VatNote } from './settlement';

/**
 * What the agency's VAT return (Umsatzsteuer-Voranmeldung) and EC sales list (Zusammenfassende
 * Meldung) need from its invoices. Each invoice covers one month of work, the month its VAT
 * arises in; a correction of an earlier month is on the invoice of the month it was made in,
 * which is where § 17 UStG counts it too.
 */

/** "2026-11" is one month; "2026-Q4" the quarter's three, for agencies that file quarterly. */
export const returnPeriodMonths = (spec: string): string[] => {
  if (PERIOD_PATTERN.test(spec)) return [spec];
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(spec);
  if (!quarter)
    throw new ValidationError('Invalid period', [
      { path: 'period', message: `"${spec}" must be a month (2026-11) or a quarter (2026-Q4)` },
    ]);
  const first = (Number(quarter[2]) - 1) * 3 + 1;
  return [first, first + 1, first + 2].map((m) => `${quarter[1]}-${String(m).padStart(2, '0')}`);
};

export interface VatReturnLine {
  netCents: number;
  vatCents: number;
  invoices: string[];
}

export interface EcSalesLine {
  /** As the VAT ID begins: a member state's code, EL for Greece. */
  countryCode: string;
  vatNumber: string;
  netCents: number;
  invoices: string[];
}

/** The lines by the VAT return's boxes (Kennzahlen), from the invoices of the months. */
export interface VatReturn {
  months: string[];
  /** Kz 81: taxable at 19 %, with the VAT the invoices charged. */
  standard: VatReturnLine;
  /** Kz 21: services to EU businesses, which owe the VAT themselves (§ 18b UStG). */
  reverseCharge: VatReturnLine;
  /** Kz 45: other services not taxable in Germany, to businesses outside the EU. */
  thirdCountry: VatReturnLine;
  /** § 19 UStG: on no VAT return; counts toward the small-business limit. */
  smallBusiness: VatReturnLine;
  /** The reverse-charge services again, per client VAT ID, as the EC sales list reports them. */
  ecSalesList: EcSalesLine[];
}

/** "IE 1234567T", "ie1234567t" -> IE and 1234567T. */
export const splitVatId = (vatId: string) => {
  const compact = vatId.replace(/[\s.-]/g, '').toUpperCase();
  return { countryCode: compact.slice(0, 2), vatNumber: compact.slice(2) };
};

/** ELSTER takes the return's bases in whole euros, the cents dropped. */
export const wholeEuros = (cents: number) => Math.trunc(cents / 100);

const emptyLine = (): VatReturnLine => ({ netCents: 0, vatCents: 0, invoices: [] });

const BOX: Record<VatNote | 'standard', keyof Omit<VatReturn, 'months' | 'ecSalesList'>> = {
  standard: 'standard',
  'reverse-charge': 'reverseCharge',
  'third-country': 'thirdCountry',
  'small-business': 'smallBusiness',
};

export const vatReturnOf = (invoices: readonly Invoice[], months: readonly string[]): VatReturn => {
  const result: VatReturn = {
    months: [...months],
    standard: emptyLine(),
    reverseCharge: emptyLine(),
    thirdCountry: emptyLine(),
    smallBusiness: emptyLine(),
    ecSalesList: [],
  };
  const ecSales = new Map<string, EcSalesLine>();
  const inMonths = invoices
    .filter((i) => months.includes(i.period))
    .sort((a, b) => a.number.localeCompare(b.number));
  for (const invoice of inMonths) {
    const line = result[BOX[invoice.vatNote ?? 'standard']];
    line.netCents += invoice.netCents;
    line.vatCents += invoice.vatCents;
    line.invoices.push(invoice.number);
    if (invoice.vatNote !== 'reverse-charge' || !invoice.buyer.vatId) continue;
    const { countryCode, vatNumber } = splitVatId(invoice.buyer.vatId);
    const key = countryCode + vatNumber;
    const sales = ecSales.get(key) ?? { countryCode, vatNumber, netCents: 0, invoices: [] };
    sales.netCents += invoice.netCents;
    sales.invoices.push(invoice.number);
    ecSales.set(key, sales);
  }
  result.ecSalesList = [...ecSales.values()].sort(
    (a, b) => a.countryCode.localeCompare(b.countryCode) || a.vatNumber.localeCompare(b.vatNumber),
  );
  return result;
};
