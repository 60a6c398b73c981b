import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  automaticReminderRefusal,
  invoiceStanding,
  type Payment,
  paymentFor,
  paymentPeriod,
  paymentPostings,
  payoutPostings,
  payoutTransferFor,
  reminderRefusal,
} from '../../../shared/domain/billing/payment';
import { ValidationError } from '../../../shared/errors';

const invoice = { number: 'RE-2026-000042', grossCents: 9_371, dueDate: '2026-12-15' };
const creditNote = { ...invoice, number: 'RE-2026-000043', grossCents: -2_380 };
const now = { today: '2026-12-20', at: '2026-12-20T09:00:00.000Z' };
const paid = (amountCents: number, receivedOn = '2026-12-10'): Payment => ({
  amountCents,
  receivedOn,
  recordedAt: now.at,
});

describe('invoiceStanding', () => {
  it.each([
    [[], 'open', 9_371, 5],
    [[paid(5_000)], 'part-paid', 4_371, 5],
    [[paid(5_000), paid(4_371)], 'paid', 0, 0],
    // A payment undone (a reversal) leaves the invoice open again.
    [[paid(9_371), paid(-9_371)], 'open', 9_371, 5],
  ] as const)('with %j it is %s, %i cents open, %i days overdue', (payments, state, open, days) => {
    expect(invoiceStanding(invoice, payments, now.today)).toMatchObject({
      state,
      openCents: open,
      daysOverdue: days,
    });
  });

  it('is not overdue on its due date, and an invoice of 0,00 € owes nothing', () => {
    expect(invoiceStanding(invoice, [], '2026-12-15').daysOverdue).toBe(0);
    expect(invoiceStanding(invoice, [], '2026-12-16').daysOverdue).toBe(1);
    expect(invoiceStanding({ ...invoice, grossCents: 0 }, [], now.today)).toMatchObject({
      state: 'nothing-due',
      daysOverdue: 0,
    });
  });

  it('counts a credit note as what the agency still owes, signed like it', () => {
    expect(invoiceStanding(creditNote, [paid(-1_000)], now.today)).toMatchObject({
      state: 'part-paid',
      openCents: -1_380,
      paidCents: -1_000,
    });
  });
});

describe('paymentFor', () => {
  const entry = (amountCents: number, receivedOn = '2026-12-18') => ({ amountCents, receivedOn });

  it('takes what is open, signed like the invoice: a refund on a credit note goes out', () => {
    expect(paymentFor(invoice, [], entry(9_371), now)).toMatchObject({ amountCents: 9_371 });
    expect(paymentFor(creditNote, [], entry(2_380), now)).toMatchObject({ amountCents: -2_380 });
    expect(paymentFor(invoice, [paid(5_000)], entry(-5_000), now)).toMatchObject({ amountCents: -5_000 });
  });

  it.each([
    ['pays more than is open', invoice, [paid(5_000)], entry(4_372), 'amount'],
    ['refunds more than the credit note', creditNote, [], entry(2_381), 'amount'],
    ['undoes more than was recorded', invoice, [paid(1_000)], entry(-1_001), 'amount'],
    ['is dated after today', invoice, [], entry(100, '2026-12-21'), 'on'],
    ['is on an invoice of 0,00 €', { ...invoice, grossCents: 0 }, [], entry(100), 'number'],
  ] as const)('refuses an entry that %s, naming the field', (_, inv, payments, e, path) => {
    const attempt = () => paymentFor(inv, payments, e, now);
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe(path);
    }
  });

  it('never lets the recorded payments pass the invoice, whatever entries come', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20_000, max: 20_000 }), { maxLength: 30 }), (amounts) => {
        const payments: Payment[] = [];
        for (const amountCents of amounts) {
          try {
            payments.push(paymentFor(invoice, payments, entry(amountCents), now));
          } catch (error) {
            if (!(error instanceof Error)) throw error;
          }
        }
        const { paidCents } = invoiceStanding(invoice, payments, now.today);
        expect(paidCents).toBeGreaterThanOrEqual(0);
        expect(paidCents).toBeLessThanOrEqual(invoice.grossCents);
      }),
    );
  });
});

describe('paymentPostings', () => {
  it('moves the money from the client account to the bank, balanced, in the month the bank booked it', () => {
    const postings = paymentPostings('cli_1', { amountCents: 9_371 });
    expect(postings).toEqual([
      { account: 'bank', amountCents: 9_371 },
      { account: 'receivable:cli_1', amountCents: -9_371 },
    ]);
    expect(postings.reduce((s, p) => s + p.amountCents, 0)).toBe(0);
    expect(paymentPeriod({ receivedOn: '2027-01-02' })).toBe('2027-01');
  });
});

describe('reminderRefusal', () => {
  const standing = (payments: Payment[], today = now.today) => invoiceStanding(invoice, payments, today);

  it('lets a reminder go out for an overdue invoice, once a week', () => {
    expect(reminderRefusal(invoice, standing([]), [], now.today)).toBeUndefined();
    expect(reminderRefusal(invoice, standing([paid(1_000)]), [], now.today)).toBeUndefined();
    // 13 December 23:30 UTC is the 14th in Berlin: six days before the 20th.
    expect(reminderRefusal(invoice, standing([]), ['2026-12-13T23:30:00.000Z'], now.today)).toContain(
      'had a reminder on 2026-12-14',
    );
    expect(reminderRefusal(invoice, standing([]), ['2026-12-13T10:00:00.000Z'], now.today)).toBeUndefined();
  });

  it('refuses one before the due date, for a paid invoice and for a credit note', () => {
    expect(reminderRefusal(invoice, standing([], '2026-12-15'), [], '2026-12-15')).toContain(
      'not due before',
    );
    expect(reminderRefusal(invoice, standing([paid(9_371)]), [], now.today)).toContain('is paid');
    expect(reminderRefusal(creditNote, invoiceStanding(creditNote, [], now.today), [], now.today)).toContain(
      'credit note',
    );
  });
});

describe('automaticReminderRefusal', () => {
  // The 20th: five days overdue.
  const open = invoiceStanding(invoice, [], now.today);
  const auto = (history: { reminders: string[]; clientWroteAt?: string }, afterDays = 5) =>
    automaticReminderRefusal(invoice, open, history, now.today, afterDays);

  it('reminds once the invoice is overdue by the days the agency chose', () => {
    expect(auto({ reminders: [] })).toBeUndefined();
    expect(auto({ reminders: [] }, 6)).toBe(
      'RE-2026-000042 is 5 days overdue; automatic reminders start after 6',
    );
  });

  it('keeps what a reminder by hand keeps: a week between them, nothing on a paid invoice', () => {
    expect(auto({ reminders: ['2026-12-16T07:00:00.000Z'] })).toContain('had a reminder on 2026-12-16');
    const settled = invoiceStanding(invoice, [paid(9_371)], now.today);
    expect(automaticReminderRefusal(invoice, settled, { reminders: [] }, now.today, 1)).toContain('is paid');
  });

  it('leaves it to a person once the client wrote about it, or after two reminders', () => {
    expect(auto({ reminders: [], clientWroteAt: '2026-12-17T22:30:00.000Z' })).toBe(
      'the client wrote about RE-2026-000042 on 2026-12-17; a person answers',
    );
    expect(auto({ reminders: ['2026-11-01T07:00:00.000Z', '2026-11-08T07:00:00.000Z'] })).toBe(
      "RE-2026-000042 had 2 reminders; what follows is a person's call",
    );
  });
});

describe('payout transfers', () => {
  const owed = { vaId: 'va_1', period: '2026-11', owedCents: 18_200 };

  it('books a transfer against the VA account and the bank, balanced', () => {
    const postings = payoutPostings('va_1', { amountCents: 18_200 });
    expect(postings).toEqual([
      { account: 'payable:va_1', amountCents: 18_200 },
      { account: 'bank', amountCents: -18_200 },
    ]);
    expect(postings.reduce((s, p) => s + p.amountCents, 0)).toBe(0);
  });

  it('takes up to what the month owes, and undoes no more than was transferred', () => {
    const first = payoutTransferFor(owed, [], { amountCents: 10_000, receivedOn: '2026-12-05' }, now);
    expect(first.amountCents).toBe(10_000);
    expect(() =>
      payoutTransferFor(owed, [first], { amountCents: 8_201, receivedOn: '2026-12-05' }, now),
    ).toThrow('more than the month still owes');
    expect(() =>
      payoutTransferFor(owed, [first], { amountCents: -10_001, receivedOn: '2026-12-05' }, now),
    ).toThrow('undoes more than was recorded');
    expect(() => payoutTransferFor(owed, [], { amountCents: 100, receivedOn: '2026-12-21' }, now)).toThrow(
      'in the future',
    );
  });
});
