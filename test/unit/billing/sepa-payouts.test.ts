import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sepaTransferOrder } from '../../../shared/documents/sepa-payouts';
import { decidePayoutEntry } from '../../../shared/domain/billing/payment-matching';
import { payoutEndToEndId, payoutPeriodOf } from '../../../shared/domain/billing/payout';

const order = () =>
  sepaTransferOrder({
    messageId: 'VAP-202611-0123456789ABCDEF',
    createdAt: new Date('2026-12-02T09:00:00Z'),
    executeOn: '2026-12-03',
    debtor: { name: 'Beispiel Assistenz GmbH', iban: 'DE02 1203 0000 0000 2020 51' },
    transfers: [
      {
        name: 'Sophie Wagner',
        iban: 'DE89370400440532013000',
        cents: 18_250,
        endToEndId: payoutEndToEndId('va_DEMO01', '2026-11'),
        purpose: 'Auszahlung November 2026 Beispiel Assistenz',
      },
      {
        name: 'Jürgen Groß & Söhne',
        iban: 'AT611904300234573201',
        cents: 7_005,
        endToEndId: payoutEndToEndId('va_DEMO02', '2026-11'),
        purpose: 'Auszahlung November 2026 Beispiel Assistenz',
      },
    ],
  });

/** One transfer of the order as fast-xml-parser reads it back. */
interface ParsedTransfer {
  PmtId: { EndToEndId: string };
  Amt: { InstdAmt: { '#text': string; '@_Ccy': string } };
  Cdtr: { Nm: string };
  CdtrAcct: { Id: { IBAN: string } };
  RmtInf: { Ustrd: string };
}

describe('sepaTransferOrder', () => {
  it('writes a pain.001.001.09 order of one transfer per VA, each booked on its own', () => {
    const xml = order();
    expect(xml).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"');
    const doc = new XMLParser({
      parseTagValue: false,
      ignoreAttributes: false,
      isArray: (n) => n === 'CdtTrfTxInf',
    }).parse(xml).Document.CstmrCdtTrfInitn;
    expect(doc.GrpHdr).toMatchObject({
      MsgId: 'VAP-202611-0123456789ABCDEF',
      NbOfTxs: '2',
      CtrlSum: '252.55',
    });
    expect(doc.PmtInf).toMatchObject({
      PmtMtd: 'TRF',
      BtchBookg: 'false',
      ReqdExctnDt: { Dt: '2026-12-03' },
      Dbtr: { Nm: 'Beispiel Assistenz GmbH' },
      DbtrAcct: { Id: { IBAN: 'DE02120300000000202051' } },
    });
    expect(
      doc.PmtInf.CdtTrfTxInf.map((t: ParsedTransfer) => [
        t.PmtId.EndToEndId,
        t.Amt.InstdAmt['#text'],
        t.Amt.InstdAmt['@_Ccy'],
        t.Cdtr.Nm,
        t.CdtrAcct.Id.IBAN,
        t.RmtInf.Ustrd,
      ]),
    ).toEqual([
      [
        'VAP-202611-va-DEMO01',
        '182.50',
        'EUR',
        'Sophie Wagner',
        'DE89370400440532013000',
        'Auszahlung November 2026 Beispiel Assistenz',
      ],
      [
        'VAP-202611-va-DEMO02',
        '70.05',
        'EUR',
        'Jürgen Groß & Söhne',
        'AT611904300234573201',
        'Auszahlung November 2026 Beispiel Assistenz',
      ],
    ]);
  });
});

describe('payout end-to-end ids', () => {
  it('name the VA and the month within what SEPA allows, and give the month back', () => {
    expect(payoutEndToEndId('va_DEMO01', '2026-11')).toBe('VAP-202611-va-DEMO01');
    const long = payoutEndToEndId('va_eine-sehr-lange-kennung-über-35-zeichen', '2026-11');
    expect(long).toMatch(/^VAP-202611-[0-9a-f]{24}$/);
    expect(long).toHaveLength(35);
    expect(payoutPeriodOf(long)).toBe('2026-11');
    expect(payoutPeriodOf('NOTPROVIDED')).toBeUndefined();
    expect(payoutPeriodOf(undefined)).toBeUndefined();
  });
});

describe('decidePayoutEntry', () => {
  const debit = {
    bookedOn: '2026-12-03',
    amountCents: -18_250,
    currency: 'EUR',
    status: 'BOOK',
    reversal: false,
    reference: 'B-7',
    purpose: 'Auszahlung',
  };

  it('books money out as the payout it carries the id of, and leaves the rest to a person', () => {
    expect(decidePayoutEntry(debit, 'va_DEMO01', '2026-12-04')).toEqual({
      kind: 'book-payout',
      vaId: 'va_DEMO01',
      amountCents: 18_250,
    });
    expect(decidePayoutEntry(debit, undefined, '2026-12-04')).toMatchObject({ kind: 'needs-a-person' });
    expect(decidePayoutEntry({ ...debit, amountCents: 18_250 }, 'va_DEMO01', '2026-12-04')).toMatchObject({
      kind: 'needs-a-person',
      reason: expect.stringContaining('came back from their bank'),
    });
    expect(decidePayoutEntry(debit, 'va_DEMO01', '2026-12-02')).toMatchObject({ kind: 'needs-a-person' });
    expect(decidePayoutEntry({ ...debit, status: 'PDNG' }, 'va_DEMO01', '2026-12-04')).toMatchObject({
      kind: 'not-an-invoice-payment',
    });
  });
});
