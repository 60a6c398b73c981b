import { describe, expect, it } from 'vitest';
import { invoiceStanding, type Payment } from '../../../shared/domain/billing/payment';
import {
  decideEntry,
  invoiceNumbersIn,
  type MatchableInvoice,
} from '../../../shared/domain/billing/payment-matching';

const TODAY = '2026-12-20';
const invoice = (
  number: string,
  grossCents: number,
  payments: Payment[] = [],
  clientId = 'cli_weber',
): MatchableInvoice => ({
  number,
  clientId,
  grossCents,
  payments,
  standing: invoiceStanding({ grossCents, dueDate: '2026-12-15' }, payments, TODAY),
});
const paid = (amountCents: number, reference?: string, receivedOn = '2026-12-09'): Payment => ({
  amountCents,
  receivedOn,
  recordedAt: '2026-12-09T10:00:00.000Z',
  ...(reference ? { reference } : {}),
});
const entry = (amountCents: number, purpose: string, more: { reference?: string; status?: string } = {}) => ({
  bookedOn: '2026-12-10',
  amountCents,
  currency: 'EUR',
  status: more.status ?? 'BOOK',
  reversal: false,
  reference: more.reference ?? 'BANK-1',
  purpose,
});
const decide = (e: ReturnType<typeof entry>, invoices: MatchableInvoice[]) => decideEntry(e, invoices, TODAY);

describe('invoiceNumbersIn', () => {
  it.each([
    ['RE-2026-000042', ['RE-2026-000042']],
    ['re 2026 000042 danke', ['RE-2026-000042']],
    ['RE2026000042', ['RE-2026-000042']],
    // The bank wrapped the purpose line inside the number.
    ['Rechnung RE-2026-00 0042', ['RE-2026-000042']],
    ['RE-2026-000042, RE-2026-000043 und RE-2026-000042', ['RE-2026-000042', 'RE-2026-000043']],
    ['Kundennr. 2026000042', []],
    ['RE-2026-0000421', []],
    ['Miete Dezember', []],
  ])('finds %j as %j', (purpose, numbers) => {
    expect(invoiceNumbersIn(purpose)).toEqual(numbers);
  });
});

describe('decideEntry', () => {
  const weber = invoice('RE-2026-000001', 9_371);

  it('books a payment that names its invoice and fits what is open, part payments too', () => {
    expect(decide(entry(9_371, 'RE-2026-000001'), [weber])).toEqual({
      kind: 'book',
      allocations: [{ number: 'RE-2026-000001', amountCents: 9_371 }],
    });
    expect(decide(entry(5_000, 'RE-2026-000001'), [weber])).toMatchObject({ kind: 'book' });
  });

  it('books one transfer for several invoices of a client when it is exactly what they have open', () => {
    const second = invoice('RE-2026-000002', 4_000, [paid(1_000)]);
    expect(decide(entry(12_371, 'RE-2026-000001 RE-2026-000002'), [weber, second])).toEqual({
      kind: 'book',
      allocations: [
        { number: 'RE-2026-000001', amountCents: 9_371 },
        { number: 'RE-2026-000002', amountCents: 3_000 },
      ],
    });
    expect(decide(entry(10_000, 'RE-2026-000001 RE-2026-000002'), [weber, second])).toMatchObject({
      kind: 'needs-a-person',
      reason: expect.stringMatching(/how to split 100,00\s€/),
    });
  });

  it('knows a booking it recorded before, also one that stopped half-way through several invoices', () => {
    const booked = invoice('RE-2026-000001', 9_371, [paid(9_371, 'BANK-1', '2026-12-10')]);
    expect(decide(entry(9_371, 'RE-2026-000001'), [booked])).toEqual({
      kind: 'already-booked',
      numbers: ['RE-2026-000001'],
    });
    const second = invoice('RE-2026-000002', 3_000);
    expect(decide(entry(12_371, 'RE-2026-000001 RE-2026-000002'), [booked, second])).toEqual({
      kind: 'book',
      allocations: [{ number: 'RE-2026-000002', amountCents: 3_000 }],
    });
  });

  it('names the open invoices of that amount when the purpose names none', () => {
    const same = invoice('RE-2026-000005', 9_371, [], 'cli_hahn');
    expect(decide(entry(9_371, 'Danke'), [weber, same, invoice('RE-2026-000006', 100)])).toMatchObject({
      candidates: ['RE-2026-000001', 'RE-2026-000005'],
    });
  });

  it('knows a booking a person recorded by hand with its bank reference, onto any invoice', () => {
    const chosen = invoice('RE-2026-000002', 4_000, [paid(4_000, 'BANK-1', '2026-12-10')]);
    expect(decide(entry(4_000, 'Rest November'), [weber, chosen])).toEqual({
      kind: 'already-booked',
      numbers: ['RE-2026-000002'],
    });
    // Part of it recorded by hand: the rest is not guessed.
    const part = invoice('RE-2026-000001', 9_371, [paid(1_000, 'BANK-1', '2026-12-10')]);
    expect(decide(entry(5_000, 'RE-2026-000001'), [part])).toMatchObject({
      kind: 'needs-a-person',
      reason: expect.stringMatching(/10,00\s€ of it is recorded already/),
    });
  });

  it.each([
    ['more than is open', entry(10_000, 'RE-2026-000001'), /more than RE-2026-000001 has open \(93,71\s€\)/],
    [
      'no invoice number',
      entry(9_371, 'Rechnung November'),
      /names no invoice; 93,71\s€ is open on RE-2026-000001/,
    ],
    ['an unknown number', entry(9_371, 'RE-2025-000001'), /RE-2025-000001: no invoice of this agency/],
    [
      'a known and an unknown number',
      entry(9_371, 'RE-2026-000001 RE-2026-000011'),
      /RE-2026-000011: no invoice/,
    ],
    ['another currency', { ...entry(9_371, 'RE-2026-000001'), currency: 'CHF' }, /in CHF/],
    ['a reversal', { ...entry(9_371, 'RE-2026-000001'), reversal: true }, /reversal/],
  ])('leaves %s to a person, saying why', (_, e, reason) => {
    expect(decide(e, [weber])).toMatchObject({
      kind: 'needs-a-person',
      reason: expect.stringMatching(reason),
    });
  });

  it('never books money onto invoices of two clients or onto a paid one', () => {
    const other = invoice('RE-2026-000009', 1_000, [], 'cli_hahn');
    expect(decide(entry(10_371, 'RE-2026-000001 RE-2026-000009'), [weber, other])).toMatchObject({
      kind: 'needs-a-person',
      reason: 'names invoices of 2 clients',
    });
    const paidInFull = invoice('RE-2026-000001', 9_371, [paid(9_371, 'BANK-0')]);
    expect(decide(entry(9_371, 'RE-2026-000001'), [paidInFull])).toMatchObject({
      kind: 'needs-a-person',
      reason: 'RE-2026-000001 is paid already',
    });
  });

  it('asks before booking what looks like an entry typed in by hand already', () => {
    const typed = invoice('RE-2026-000001', 9_371, [paid(5_000, 'SEPA 0815', '2026-12-10')]);
    expect(decide(entry(5_000, 'RE-2026-000001'), [typed])).toMatchObject({
      kind: 'needs-a-person',
      reason: expect.stringMatching(/already has 50,00\s€ of 2026-12-10 recorded/),
    });
  });

  it('books a refund paid out on a credit note, and leaves other money out alone', () => {
    const creditNote = invoice('RE-2026-000007', -2_380);
    expect(decide(entry(-2_380, 'Gutschrift RE-2026-000007'), [creditNote])).toEqual({
      kind: 'book',
      allocations: [{ number: 'RE-2026-000007', amountCents: 2_380 }],
    });
    expect(decide(entry(-119_000, 'Miete Dezember'), [weber])).toEqual({
      kind: 'not-an-invoice-payment',
      reason: 'money out',
    });
    expect(decide(entry(2_380, 'RE-2026-000007'), [creditNote])).toMatchObject({ kind: 'needs-a-person' });
  });

  it('books nothing dated after today', () => {
    expect(decide({ ...entry(9_371, 'RE-2026-000001'), bookedOn: '2026-12-21' }, [weber])).toEqual({
      kind: 'needs-a-person',
      reason: 'booked on 2026-12-21, which is still to come',
    });
  });

  it('leaves bookings the bank has not made yet alone', () => {
    expect(decide(entry(9_371, 'RE-2026-000001', { status: 'PDNG' }), [weber])).toEqual({
      kind: 'not-an-invoice-payment',
      reason: 'not booked yet (PDNG)',
    });
  });
});
