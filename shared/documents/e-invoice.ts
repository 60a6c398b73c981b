import { type Invoice as EInvoice, InvoiceService } from '@e-invoice-eu/core';
import { type Invoice, lineTitle } from '../domain/billing/invoice';

/** Amounts as EN 16931 writes them: decimal strings, from integer cents, never through floats. */
const amount = (cents: number) => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
const eur = (field: string, cents: number) => ({ [field]: amount(cents), [`${field}@currencyID`]: 'EUR' });

/**
 * VAT category per mode (EN 16931 code list UNCL5305): S standard rate; AE reverse charge, with
 * its exemption reason; E exempt, which is how §19 UStG small businesses are expressed.
 */
const taxCategory = (invoice: Invoice) => {
  switch (invoice.vatNote) {
    case 'reverse-charge':
      return {
        'cbc:ID': 'AE',
        'cbc:Percent': '0',
        'cbc:TaxExemptionReasonCode': 'VATEX-EU-AE',
        'cbc:TaxExemptionReason': 'Reverse charge',
      };
    case 'small-business':
      return {
        'cbc:ID': 'E',
        'cbc:Percent': '0',
        'cbc:TaxExemptionReason': 'Kleinunternehmer gemäß § 19 UStG',
      };
    case 'third-country':
      throw new Error(`${invoice.number} is for a third-country client, which gets no e-invoice`);
    case undefined:
      return { 'cbc:ID': 'S', 'cbc:Percent': String(invoice.vatRatePercent) };
  }
};

/** A task line's time in hours; price and line amount are both for that whole quantity. */
const hoursOf = (minutes: number) => {
  const hours = (minutes / 60).toFixed(4).replace(/\.?0+$/, '');
  return { quantity: hours, baseQuantity: hours };
};

/** The invoice in e-invoice-eu's internal format (UBL element names), which it validates and renders. */
export const toEInvoice = (invoice: Invoice): EInvoice => {
  const { seller, buyer } = invoice;
  const category = taxCategory(invoice);
  const lineCategory = {
    'cbc:ID': category['cbc:ID'],
    'cbc:Percent': category['cbc:Percent'],
    'cac:TaxScheme': { 'cbc:ID': 'VAT' },
  };
  const language = invoice.buyer.language;
  const lines = [
    ...invoice.lines.map((l) => ({
      name: `${lineTitle(l, language)} (${l.taskId}, ${l.date}, ${l.vaFirstName})`,
      // A correction is one unit of its (signed) difference: an item price is never negative
      // (BR-27), and the difference in time may be none at all while the amount changes.
      ...(l.correction
        ? { quantity: l.netCents < 0 ? '-1' : '1', baseQuantity: '1', unitCode: 'C62' }
        : { ...hoursOf(l.billedMinutes), unitCode: 'HUR' }),
      netCents: l.netCents,
    })),
    ...(invoice.packageFee
      ? [
          {
            name: `Monatspaket ${invoice.period}`,
            quantity: '1',
            baseQuantity: '1',
            unitCode: 'MON',
            netCents: invoice.packageFee.netCents,
          },
        ]
      : []),
  ];
  const buyerName = buyer.company ?? buyer.contactName;
  const corrected = [
    ...new Set(
      invoice.lines.flatMap((l) => (l.correction?.invoiceNumber ? [l.correction.invoiceNumber] : [])),
    ),
  ];
  return {
    'ubl:Invoice': {
      'cbc:CustomizationID': 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
      'cbc:ProfileID': 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
      'cbc:ID': invoice.number,
      'cbc:IssueDate': invoice.issueDate,
      'cbc:DueDate': invoice.dueDate,
      'cbc:InvoiceTypeCode': '380',
      'cbc:DocumentCurrencyCode': 'EUR',
      ...(corrected.length
        ? {
            // BG-3: the earlier invoices whose amounts this one corrects.
            'cac:BillingReference': corrected.map((n) => ({
              'cac:InvoiceDocumentReference': { 'cbc:ID': n },
            })),
          }
        : {}),
      // XRechnung requires a buyer reference; without a Leitweg-ID, the client's id serves.
      'cbc:BuyerReference': invoice.clientId,
      'cac:InvoicePeriod': { 'cbc:StartDate': invoice.periodStart, 'cbc:EndDate': invoice.periodEnd },
      'cac:AccountingSupplierParty': {
        'cac:Party': {
          'cbc:EndpointID': seller.email,
          'cbc:EndpointID@schemeID': 'EM',
          'cac:PartyName': { 'cbc:Name': seller.name },
          'cac:PostalAddress': {
            'cbc:StreetName': seller.street,
            'cbc:CityName': seller.city,
            'cbc:PostalZone': seller.postalCode,
            'cac:Country': { 'cbc:IdentificationCode': seller.country },
          },
          'cac:PartyTaxScheme': [{ 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }],
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': seller.name },
          'cac:Contact': {
            'cbc:Name': seller.name,
            'cbc:Telephone': seller.phone,
            'cbc:ElectronicMail': seller.email,
          },
        },
      },
      'cac:AccountingCustomerParty': {
        'cac:Party': {
          'cbc:EndpointID': buyer.email,
          'cbc:EndpointID@schemeID': 'EM',
          'cac:PartyName': { 'cbc:Name': buyerName },
          'cac:PostalAddress': {
            ...(buyer.address
              ? {
                  'cbc:StreetName': buyer.address.street,
                  'cbc:CityName': buyer.address.city,
                  'cbc:PostalZone': buyer.address.postalCode,
                }
              : {}),
            'cac:Country': { 'cbc:IdentificationCode': buyer.address?.country ?? 'DE' },
          },
          ...(buyer.vatId
            ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': buyer.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } }
            : {}),
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': buyerName },
        },
      },
      'cac:PaymentMeans': [
        {
          'cbc:PaymentMeansCode': '58',
          'cbc:PaymentID': invoice.number,
          'cac:PayeeFinancialAccount': { 'cbc:ID': seller.iban.replaceAll(' ', ''), 'cbc:Name': seller.name },
        },
      ],
      'cac:PaymentTerms': { 'cbc:Note': `Zahlbar ohne Abzug bis ${invoice.dueDate}.` },
      'cac:TaxTotal': [
        {
          ...eur('cbc:TaxAmount', invoice.vatCents),
          'cac:TaxSubtotal': [
            {
              ...eur('cbc:TaxableAmount', invoice.netCents),
              ...eur('cbc:TaxAmount', invoice.vatCents),
              'cac:TaxCategory': { ...category, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
            },
          ],
        },
      ],
      'cac:LegalMonetaryTotal': {
        ...eur('cbc:LineExtensionAmount', invoice.netCents),
        ...eur('cbc:TaxExclusiveAmount', invoice.netCents),
        ...eur('cbc:TaxInclusiveAmount', invoice.grossCents),
        ...eur('cbc:PayableAmount', invoice.grossCents),
      },
      'cac:InvoiceLine': lines.map((l, i) => ({
        'cbc:ID': String(i + 1),
        'cbc:InvoicedQuantity': l.quantity,
        'cbc:InvoicedQuantity@unitCode': l.unitCode,
        ...eur('cbc:LineExtensionAmount', l.netCents),
        'cac:Item': { 'cbc:Name': l.name, 'cac:ClassifiedTaxCategory': lineCategory },
        // The line's net amount is authoritative; the price is that amount for the whole quantity.
        'cac:Price': {
          ...eur('cbc:PriceAmount', Math.abs(l.netCents)),
          'cbc:BaseQuantity': l.baseQuantity,
          'cbc:BaseQuantity@unitCode': l.unitCode,
        },
      })),
    },
  } as unknown as EInvoice;
};

/**
 * Renders e-invoice-eu data as XRechnung (UBL). The library validates it against its EN 16931
 * schema for the format first; what it finds wrong becomes this error's message.
 */
export const generateXRechnung = async (data: EInvoice, language: 'de' | 'en'): Promise<string> => {
  const problems: string[] = [];
  const logger = { log: () => {}, warn: () => {}, error: (message: string) => void problems.push(message) };
  try {
    const xml = await new InvoiceService(logger).generate(data, {
      format: 'XRECHNUNG-UBL',
      lang: language === 'de' ? 'de-de' : 'en-us',
      noWarnings: true,
    });
    return typeof xml === 'string' ? xml : new TextDecoder().decode(xml);
  } catch (error) {
    throw new Error(`Invalid e-invoice: ${problems.join('; ') || String(error)}`);
  }
};

export const renderXRechnung = async (invoice: Invoice): Promise<string> =>
  generateXRechnung(toEInvoice(invoice), invoice.buyer.language);
