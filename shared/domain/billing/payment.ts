import * as z from 'zod';
import { ValidationError } from '../../errors';
import { LocalDateSchema, UtcInstantSchema } from '../common';
import { berlinDateOf, type Posting } from './settlement';

/**
 * Money that came in on an invoice (or went out on a credit note), as the operator reads it off the
 * bank statement. Recorded, never edited: a payment entered by mistake is undone by a reversal.
 */
export const PaymentSchema = z.object({
  /** Signed like the invoice's gross: positive from the client, negative to them (a refund). */
  amountCents: z
    .number()
    .int()
    .refine((n) => n !== 0, 'must not be zero'),
  /** The day the bank booked it (the bank statement's date). */
  receivedOn: LocalDateSchema,
  /** The bank's reference or the transfer's purpose, to find it again. */
  reference: z.string().trim().max(140).optional(),
  recordedAt: UtcInstantSchema,
});
export type Payment = z.infer<typeof PaymentSchema>;

export type InvoiceState = 'open' | 'part-paid' | 'paid' | 'nothing-due';

export interface InvoiceStanding {
  state: InvoiceState;
  /** Signed like the invoice: what the client still owes, or (credit note) what they are still owed. */
  openCents: number;
  paidCents: number;
  /** Days past the due date while something is open; 0 before it and once paid. */
  daysOverdue: number;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Where an invoice stands on `today` (a date in Berlin), from the payments recorded against it. */
export const invoiceStanding = (
  invoice: { grossCents: number; dueDate: string },
  payments: readonly Pick<Payment, 'amountCents'>[],
  today: string,
): InvoiceStanding => {
  const paidCents = payments.reduce((sum, p) => sum + p.amountCents, 0);
  const openCents = invoice.grossCents - paidCents;
  const state: InvoiceState =
    invoice.grossCents === 0
      ? 'nothing-due'
      : openCents === 0
        ? 'paid'
        : paidCents === 0
          ? 'open'
          : 'part-paid';
  const open = state === 'open' || state === 'part-paid';
  return {
    state,
    openCents,
    paidCents,
    daysOverdue: open ? Math.max(0, daysBetween(invoice.dueDate, today)) : 0,
  };
};

/** Two entries of the same day, amount and reference are one bank booking entered twice. */
export const isSamePayment = (a: Payment, b: Omit<Payment, 'recordedAt'>) =>
  a.amountCents === b.amountCents &&
  a.receivedOn === b.receivedOn &&
  (a.reference ?? '') === (b.reference ?? '');

type Fail = (path: string, message: string) => ValidationError;
const failing =
  (what: string): Fail =>
  (path, message) =>
    new ValidationError(`${what}: ${message}`, [{ path, message }]);

/** A bank booking as entered, recorded now; a day still to come has booked nothing yet. */
const bookingOf = (
  entry: { amountCents: number; receivedOn: string; reference?: string },
  now: { today: string; at: string },
  fail: Fail,
): Payment => {
  if (entry.receivedOn > now.today) throw fail('on', `${entry.receivedOn} is in the future`);
  return PaymentSchema.parse({
    amountCents: entry.amountCents,
    receivedOn: entry.receivedOn,
    ...(entry.reference ? { reference: entry.reference } : {}),
    recordedAt: now.at,
  });
};

/**
 * The payment an operator's entry makes: `amountCents` as typed (positive; negative undoes an
 * earlier entry), turned to the invoice's direction. Refused when it would pay more than is open,
 * or undo more than was paid, or when it is dated in the future.
 */
export const paymentFor = (
  invoice: { number: string; grossCents: number; dueDate: string },
  payments: readonly Payment[],
  entry: { amountCents: number; receivedOn: string; reference?: string },
  now: { today: string; at: string },
): Payment => {
  const fail = failing(invoice.number);
  if (invoice.grossCents === 0) throw fail('number', 'the invoice is for 0,00 €; nothing is due');
  const direction = Math.sign(invoice.grossCents);
  const payment = bookingOf({ ...entry, amountCents: entry.amountCents * direction }, now, fail);
  const { paidCents } = invoiceStanding(invoice, payments, now.today);
  const after = (paidCents + payment.amountCents) * direction;
  if (after > Math.abs(invoice.grossCents))
    throw fail(
      'amount',
      'that is more than is open; record what this invoice got, the rest on its own invoice',
    );
  if (after < 0) throw fail('amount', 'that undoes more than was recorded');
  return payment;
};

/** Money in the bank, out of the client's account (a refund the other way round): sums to zero. */
export const paymentPostings = (clientId: string, payment: Pick<Payment, 'amountCents'>): Posting[] => [
  { account: 'bank', amountCents: payment.amountCents },
  { account: `receivable:${clientId}`, amountCents: -payment.amountCents },
];

/** The ledger month a payment lands in: the month the bank booked it. */
export const paymentPeriod = (payment: Pick<Payment, 'receivedOn'>) => payment.receivedOn.slice(0, 7);

/** A reminder goes out at most once a week: a second one within days reads as a dunning machine. */
export const REMINDER_INTERVAL_DAYS = 7;

/** Why a payment reminder cannot go out now, or undefined when it can. */
export const reminderRefusal = (
  invoice: { number: string; grossCents: number; dueDate: string },
  standing: InvoiceStanding,
  reminders: readonly string[],
  today: string,
): string | undefined => {
  if (invoice.grossCents < 0) return `${invoice.number} is a credit note: the agency owes this client`;
  if (standing.state === 'paid' || standing.state === 'nothing-due') return `${invoice.number} is paid`;
  if (standing.daysOverdue === 0) return `${invoice.number} is not due before ${invoice.dueDate}`;
  const last = reminders.at(-1);
  const lastDay = last ? berlinDateOf(last) : undefined;
  if (lastDay && daysBetween(lastDay, today) < REMINDER_INTERVAL_DAYS)
    return `${invoice.number} had a reminder on ${lastDay}; the next one ${REMINDER_INTERVAL_DAYS} days after it`;
  return undefined;
};

/** Automatic reminders stop after this many: what comes next is a dunning letter, and a person's call. */
export const AUTOMATIC_REMINDERS = 2;

/**
 * Why the morning run sends no automatic reminder of this invoice today, or undefined when it does:
 * what `invoice remind` would refuse, then less than `afterDays` overdue, a client who wrote about
 * it ("already paid", "this hour is wrong": a person answers that), or enough reminders already.
 */
export const automaticReminderRefusal = (
  invoice: { number: string; grossCents: number; dueDate: string },
  standing: InvoiceStanding,
  history: { reminders: readonly string[]; clientWroteAt?: string },
  today: string,
  afterDays: number,
): string | undefined => {
  const manual = reminderRefusal(invoice, standing, history.reminders, today);
  if (manual) return manual;
  if (standing.daysOverdue < afterDays)
    return `${invoice.number} is ${standing.daysOverdue} days overdue; automatic reminders start after ${afterDays}`;
  if (history.clientWroteAt)
    return `the client wrote about ${invoice.number} on ${berlinDateOf(history.clientWroteAt)}; a person answers`;
  if (history.reminders.length >= AUTOMATIC_REMINDERS)
    return `${invoice.number} had ${history.reminders.length} reminders; what follows is a person's call`;
  return undefined;
};

/** What the agency transferred to a VA for a month's payout statement: payable down, bank down. */
export const payoutPostings = (vaId: string, transfer: Pick<Payment, 'amountCents'>): Posting[] => [
  { account: `payable:${vaId}`, amountCents: transfer.amountCents },
  { account: 'bank', amountCents: -transfer.amountCents },
];

/**
 * A transfer to a VA as the operator enters it: at most what is still owed for the month (a
 * negative amount undoes an earlier entry), never dated in the future.
 */
export const payoutTransferFor = (
  owed: { vaId: string; period: string; owedCents: number },
  transfers: readonly Payment[],
  entry: { amountCents: number; receivedOn: string; reference?: string },
  now: { today: string; at: string },
): Payment => {
  const fail = failing(`${owed.vaId} ${owed.period}`);
  const transfer = bookingOf(entry, now, fail);
  const after = transfers.reduce((sum, t) => sum + t.amountCents, 0) + transfer.amountCents;
  if (after > owed.owedCents) throw fail('amount', 'that is more than the month still owes this VA');
  if (after < 0) throw fail('amount', 'that undoes more than was recorded');
  return transfer;
};
