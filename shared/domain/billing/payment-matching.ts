import { formatCents } from '../money';
import type { InvoiceStanding, Payment } from './payment';

/**
 * Invoice numbers in a transfer's purpose, as payers and banks mangle them: "RE-2026-000042",
 * "re 2026 000042", "RE2026000042", or split where the bank wrapped the line ("RE-2026-00 0042").
 */
export const invoiceNumbersIn = (purpose: string): string[] => {
  const found = new Set<string>();
  const pattern = /(?<![A-Za-z])RE[\s\-_/.]*(\d{4})[\s\-_/.]*(\d(?:\s?\d){5})(?!\d)/gi;
  for (const m of purpose.matchAll(pattern)) found.add(`RE-${m[1]}-${m[2]?.replace(/\s/g, '')}`);
  return [...found];
};

/** What the matcher needs to know of an invoice the purpose names. */
export interface MatchableInvoice {
  number: string;
  clientId: string;
  grossCents: number;
  standing: InvoiceStanding;
  payments: readonly Payment[];
}

/** A booking that pays invoices: how much goes onto each. */
export interface Allocation {
  number: string;
  /** As the operator would type it into `invoice pay`: positive, turned to the invoice's direction. */
  amountCents: number;
}

export type EntryDecision =
  | { kind: 'book'; allocations: Allocation[] }
  | { kind: 'already-booked'; numbers: string[] }
  /** `candidates`: the open invoices the booking might be for, when the purpose names none. */
  | { kind: 'needs-a-person'; reason: string; candidates?: string[] }
  | { kind: 'not-an-invoice-payment'; reason: string };

/** A booking on the agency's bank account, as the statement reports it. */
export interface BankBooking {
  /** The day the bank booked it, YYYY-MM-DD. */
  bookedOn: string;
  /** Cents, positive for money in, negative for money out. */
  amountCents: number;
  currency: string;
  /** BOOK for booked; PDNG (pending) and INFO entries have not moved money yet. */
  status: string;
  /** The booking undoes an earlier one (a returned direct debit, a recalled transfer). */
  reversal: boolean;
  /**
   * Tells this booking apart from every other one: the bank's own reference where it gives one,
   * else the payer's end-to-end id, else a digest of what the booking says.
   */
  reference: string;
  /** The purpose the payer typed (Verwendungszweck), lines joined. */
  purpose: string;
}

const open = (i: MatchableInvoice) => Math.abs(i.standing.openCents);

/** What no booking can be used for yet, whatever it pays. */
type Refusal = Extract<EntryDecision, { kind: 'needs-a-person' | 'not-an-invoice-payment' }>;

const notYetUsable = (entry: BankBooking, today: string): Refusal | undefined => {
  if (entry.status !== 'BOOK')
    return { kind: 'not-an-invoice-payment', reason: `not booked yet (${entry.status})` };
  // A bank books nothing ahead: such a date is a wrong file or a wrong clock, never a payment.
  if (entry.bookedOn > today)
    return { kind: 'needs-a-person', reason: `booked on ${entry.bookedOn}, which is still to come` };
  if (entry.amountCents === 0) return { kind: 'not-an-invoice-payment', reason: 'a booking of 0,00 €' };
  return undefined;
};

export type PayoutDecision = { kind: 'book-payout'; vaId: string; amountCents: number } | Refusal;

/**
 * What a booking carrying one of the agency's payout ids (`payoutEndToEndId`) is: the transfer of
 * a VA's payout to record, or, coming back in, a payout the VA's bank returned, for a person.
 */
export const decidePayoutEntry = (
  entry: BankBooking,
  vaId: string | undefined,
  today: string,
): PayoutDecision => {
  const unusable = notYetUsable(entry, today);
  if (unusable) return unusable;
  if (!vaId) return { kind: 'needs-a-person', reason: 'a payout id of no VA of this agency' };
  if (entry.amountCents > 0)
    return {
      kind: 'needs-a-person',
      reason: `a payout to ${vaId} came back from their bank; check their IBAN, then pay again`,
    };
  if (entry.reversal)
    return { kind: 'needs-a-person', reason: 'a reversal of an earlier booking; check it by hand' };
  if (entry.currency !== 'EUR')
    return { kind: 'needs-a-person', reason: `in ${entry.currency}; payouts are in EUR` };
  return { kind: 'book-payout', vaId, amountCents: -entry.amountCents };
};

/**
 * What one bank booking does to the invoices: pays one or several, was booked before, is for a
 * person to look at (with why), or is no invoice payment at all. A guess is never booked: the
 * purpose must name the invoice, and the amount must fit what is open.
 */
export const decideEntry = (
  entry: BankBooking,
  invoices: readonly MatchableInvoice[],
  today: string,
): EntryDecision => {
  const unusable = notYetUsable(entry, today);
  if (unusable) return unusable;
  const incoming = entry.amountCents > 0;
  const named = invoiceNumbersIn(entry.purpose);
  const known = invoices.filter((i) => named.includes(i.number));
  // Money out that names no credit note is rent, payouts, fees: none of the invoices' business.
  if (!incoming && !known.some((i) => i.grossCents < 0))
    return { kind: 'not-an-invoice-payment', reason: 'money out' };
  if (entry.reversal)
    return { kind: 'needs-a-person', reason: 'a reversal of an earlier booking; check it by hand' };
  if (entry.currency !== 'EUR')
    return { kind: 'needs-a-person', reason: `in ${entry.currency}; invoices are in EUR` };
  const cents = Math.abs(entry.amountCents);
  // The same booking imported again (or stopped half-way) is found on the invoices themselves.
  const recorded = (i: MatchableInvoice) =>
    i.payments
      .filter((p) => p.reference === entry.reference && p.receivedOn === entry.bookedOn)
      .reduce((sum, p) => sum + Math.abs(p.amountCents), 0);
  // Also one a person booked by hand with its bank reference, onto whichever invoice they chose.
  const booked = invoices.filter((i) => recorded(i) > 0);
  if (booked.length && booked.reduce((sum, i) => sum + recorded(i), 0) === cents)
    return { kind: 'already-booked', numbers: booked.map((i) => i.number) };
  // A number that is none of ours may be a typo of the one meant: a person reads the purpose.
  const strangers = named.filter((n) => !known.some((i) => i.number === n));
  if (strangers.length)
    return { kind: 'needs-a-person', reason: `${strangers.join(', ')}: no invoice of this agency` };
  if (known.length === 0) {
    const fits = invoices.filter((i) => i.grossCents > 0 === incoming && open(i) === cents);
    const hint = fits.length
      ? `; ${formatCents(cents)} is open on ${fits
          .slice(0, 3)
          .map((i) => i.number)
          .join(', ')}`
      : '';
    return {
      kind: 'needs-a-person',
      reason: `the purpose names no invoice${hint}`,
      ...(fits.length ? { candidates: fits.map((i) => i.number) } : {}),
    };
  }
  if (known.some((i) => i.grossCents > 0 !== incoming))
    return {
      kind: 'needs-a-person',
      reason: incoming
        ? 'money in on a credit note: the agency owes this client'
        : 'money out on an invoice: a refund?',
    };
  const clients = new Set(known.map((i) => i.clientId));
  if (clients.size > 1)
    return { kind: 'needs-a-person', reason: `names invoices of ${clients.size} clients` };
  const rest = known.filter((i) => recorded(i) === 0);
  if (rest.length === 0)
    return {
      kind: 'needs-a-person',
      reason: `${formatCents(booked.reduce((sum, i) => sum + recorded(i), 0))} of it is recorded already; check the rest by hand`,
    };
  const [only] = known;
  if (only && known.length === 1) {
    if (only.payments.some((p) => p.receivedOn === entry.bookedOn && Math.abs(p.amountCents) === cents))
      return {
        kind: 'needs-a-person',
        reason: `${only.number} already has ${formatCents(cents)} of ${entry.bookedOn} recorded; if this is a second payment, record it with invoice pay`,
      };
    if (open(only) === 0) return { kind: 'needs-a-person', reason: `${only.number} is paid already` };
    if (cents > open(only))
      return {
        kind: 'needs-a-person',
        reason: `more than ${only.number} has open (${formatCents(open(only))})`,
      };
    return { kind: 'book', allocations: [{ number: only.number, amountCents: cents }] };
  }
  // One transfer for several invoices books each its open amount, when together they are the transfer.
  const left = cents - known.reduce((sum, i) => sum + recorded(i), 0);
  const total = rest.reduce((sum, i) => sum + open(i), 0);
  if (total !== left || rest.some((i) => open(i) === 0))
    return {
      kind: 'needs-a-person',
      reason: `pays ${known.map((i) => i.number).join(', ')}, ${formatCents(total)} open together; how to split ${formatCents(cents)} is for a person`,
    };
  return { kind: 'book', allocations: rest.map((i) => ({ number: i.number, amountCents: open(i) })) };
};
