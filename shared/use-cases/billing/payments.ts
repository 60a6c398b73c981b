import {
  automaticReminderRefusal,
  type InvoiceStanding,
  invoiceStanding,
  isSamePayment,
  type Payment,
  paymentFor,
  payoutTransferFor,
  reminderRefusal,
} from '../../domain/billing/payment';
import { berlinDateOf } from '../../domain/billing/settlement';
import { formatCents } from '../../domain/money';
import type { Va } from '../../domain/va';
import { ConflictError, NotFoundError } from '../../errors';
import { automaticMail, messageIdFor } from '../../mail/outbound';
import { paymentReminderMail } from '../../mail/statement-templates';
import type { StatementStore, StoredStatement } from '../../ports/statements';
import type { StatementDeps } from './run-statements';

export type PaymentDeps = Pick<StatementDeps, 'statements' | 'runtime'>;
/** A reminder needs no seller: the operator's morning digest sends it too. */
export type ReminderDeps = Pick<StatementDeps, 'statements' | 'runtime' | 'blobs' | 'outbox' | 'threads'> & {
  clients: Pick<StatementDeps['clients'], 'get'>;
  config: Pick<StatementDeps['config'], 'agencyName' | 'senderAddress' | 'mailDomain'>;
};

/** A racing entry or reminder on the same invoice makes the other read again; a few tries settle it. */
const ATTEMPTS = 5;

export interface InvoiceRow {
  number: string;
  clientId: string;
  buyer: string;
  period: string;
  issueDate: string;
  dueDate: string;
  grossCents: number;
  standing: InvoiceStanding;
  /** The invoice mail has gone out (a run that stopped before mailing leaves it numbered, unsent). */
  sent: boolean;
  reminders: string[];
  /** When the client last wrote about it. */
  clientWroteAt?: string;
  payments: Payment[];
}

/** Now, as bookings are dated: the instant they are recorded at, and the day in Berlin. */
const clockOf = (deps: Pick<StatementDeps, 'runtime'>) => {
  const at = deps.runtime.now().toISOString();
  return { at, today: berlinDateOf(at) };
};

const rowOf = (statement: StoredStatement, on: string): InvoiceRow => {
  const { invoice } = statement;
  const payments = statement.payments ?? [];
  return {
    number: invoice.number,
    clientId: statement.clientId,
    buyer: invoice.buyer.company ?? invoice.buyer.contactName,
    period: statement.period,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    grossCents: invoice.grossCents,
    standing: invoiceStanding(invoice, payments, on),
    sent: statement.status === 'sent',
    reminders: statement.reminders ?? [],
    ...(statement.clientWroteAt ? { clientWroteAt: statement.clientWroteAt } : {}),
    payments,
  };
};

const statementNumbered = async (number: string, deps: PaymentDeps) => {
  const statement = await deps.statements.findByNumber(number.trim().toUpperCase());
  if (!statement) throw new NotFoundError(`No invoice ${number}`);
  return statement;
};

/** Invoices by number, with where each stands today; `open`: only those with money outstanding. */
export const listInvoices = async (
  deps: PaymentDeps,
  filter: { open?: boolean; clientId?: string } = {},
): Promise<InvoiceRow[]> => {
  const statements = filter.clientId
    ? await deps.statements.listByClient(filter.clientId)
    : await deps.statements.listInvoices();
  const on = clockOf(deps).today;
  return statements
    .map((s) => rowOf(s, on))
    .filter((r) => !filter.open || r.standing.state === 'open' || r.standing.state === 'part-paid')
    .sort((a, b) => a.number.localeCompare(b.number));
};

/** Open invoices past their due date, longest overdue first: what the operator's digest lists. */
export const overdueInvoices = async (deps: {
  statements: Pick<StatementStore, 'listInvoices'>;
  runtime: PaymentDeps['runtime'];
}): Promise<InvoiceRow[]> => {
  const on = clockOf(deps).today;
  return (await deps.statements.listInvoices())
    .map((s) => rowOf(s, on))
    .filter((r) => r.sent && r.grossCents > 0 && r.standing.daysOverdue > 0)
    .sort((a, b) => b.standing.daysOverdue - a.standing.daysOverdue || a.number.localeCompare(b.number));
};

export type PaymentOutcome = { kind: 'recorded' | 'already-recorded'; invoice: InvoiceRow };

/**
 * Records what the bank booked on an invoice (a refund on a credit note), with its ledger postings.
 * The same entry twice (same day, amount and reference) is recorded once, however the two race.
 */
export const recordPayment = async (
  number: string,
  entry: { amountCents: number; receivedOn: string; reference?: string },
  deps: PaymentDeps,
): Promise<PaymentOutcome> => {
  const now = clockOf(deps);
  const on = now.today;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const statement = await statementNumbered(number, deps);
    const payments = statement.payments ?? [];
    // A repeat is known before it is checked: the entry that paid the invoice in full, made again,
    // is the same booking, not a payment of more than is open.
    const signed = {
      amountCents: entry.amountCents * Math.sign(statement.invoice.grossCents),
      receivedOn: entry.receivedOn,
      reference: entry.reference?.trim(),
    };
    if (payments.some((p) => isSamePayment(p, signed)))
      return { kind: 'already-recorded', invoice: rowOf(statement, on) };
    const payment = paymentFor(statement.invoice, payments, entry, now);
    if ((await deps.statements.recordPayment(statement, payment, payments.length)) === 'recorded')
      return {
        kind: 'recorded',
        invoice: rowOf({ ...statement, payments: [...payments, payment] }, on),
      };
  }
  throw new ConflictError(`${number} keeps changing; try again`);
};

export const reminderRef = (number: string, seq: number) => `payment-reminder:${number}:${seq}`;

/**
 * Mails the client a reminder of an overdue invoice, in the invoice's thread, with the PDF again:
 * at most one a week, never for a paid invoice, a credit note or a client whose data is erased.
 * A reminder that stopped after mailing is recorded, not sent again, when repeated.
 */
export const sendPaymentReminder = async (number: string, deps: ReminderDeps): Promise<InvoiceRow> => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const statement = await statementNumbered(number, deps);
    const now = clockOf(deps);
    const on = now.today;
    const row = rowOf(statement, on);
    if (statement.blocked)
      throw new ConflictError(
        `${row.number}: the client's data is erased; it is kept for the tax office only`,
      );
    if (!row.sent || !statement.pdfKey)
      throw new ConflictError(`${row.number} has not been mailed yet: statements run --month ${row.period}`);
    const seq = row.reminders.length + 1;
    const ref = reminderRef(row.number, seq);
    // A try that mailed and stopped before noting it finishes here, whatever the week's rule says.
    const mailed = await deps.outbox.wasSent(ref);
    if (!mailed) {
      const refusal = reminderRefusal(statement.invoice, row.standing, row.reminders, on);
      if (refusal) throw new ConflictError(refusal);
      // The client's address now, as invoices go to it: one they dropped since would not reach them.
      const to = (await deps.clients.get(statement.clientId))?.emails[0] ?? statement.invoice.buyer.email;
      const pdf = await deps.blobs.get(statement.pdfKey);
      if (!pdf) throw new Error(`The PDF of ${row.number} is missing at ${statement.pdfKey}`);
      const invoiceRef = `statement:${statement.clientId}:${statement.period}`;
      const invoiceMailId = await deps.outbox.deliveredMessageIdOf(invoiceRef);
      const messageId = messageIdFor(ref, deps.config.mailDomain);
      await deps.threads.link(messageId, row.number);
      const mail = automaticMail(
        paymentReminderMail(statement.invoice, row.standing, { name: deps.config.agencyName }),
        {
          from: deps.config.senderAddress,
          to,
          messageId,
          ...(invoiceMailId ? { inReplyTo: { messageId: invoiceMailId, references: [] } } : {}),
        },
      );
      try {
        await deps.outbox.send(
          ref,
          {
            ...mail,
            // It follows up our own mail, it answers none of theirs.
            autoSubmitted: 'auto-generated',
            attachments: [{ filename: `${row.number}.pdf`, contentType: 'application/pdf', content: pdf }],
          },
          { unlimited: true, thread: row.number },
        );
      } catch (error) {
        // A racing reminder holds this very mail's claim: it sends it, this one only notes it.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    const { at } = now;
    if ((await deps.statements.recordReminder(statement, at, seq - 1)) === 'recorded')
      return { ...row, reminders: [...row.reminders, at] };
  }
  throw new ConflictError(`${number} keeps changing; try again`);
};

/** An open invoice as the automatic reminders see it: due one today, or why not. */
export interface ReminderPlanRow {
  number: string;
  buyer: string;
  openCents: number;
  daysOverdue: number;
  reminders: number;
  refusal?: string;
}

/**
 * Every open, mailed invoice with what `automaticReminderRefusal` says about it today after
 * `afterDays`: the ones without a refusal are due a reminder. Reads and sends nothing else.
 */
export const automaticReminderPlan = async (
  afterDays: number,
  deps: Pick<ReminderDeps, 'statements' | 'runtime'>,
): Promise<ReminderPlanRow[]> => {
  const { today } = clockOf(deps);
  return (await deps.statements.listInvoices())
    .filter((s) => s.status === 'sent' && s.pdfKey !== undefined && !s.blocked && s.invoice.grossCents > 0)
    .map((s) => ({ statement: s, row: rowOf(s, today) }))
    .filter(({ row }) => row.standing.state === 'open' || row.standing.state === 'part-paid')
    .map(({ statement, row }) => {
      const refusal = automaticReminderRefusal(statement.invoice, row.standing, row, today, afterDays);
      return {
        number: row.number,
        buyer: row.buyer,
        openCents: row.standing.openCents,
        daysOverdue: row.standing.daysOverdue,
        reminders: row.reminders.length,
        ...(refusal ? { refusal } : {}),
      };
    })
    .sort((a, b) => a.number.localeCompare(b.number));
};

/**
 * The automatic reminders (`afterDays` > 0; the morning digest's, or `invoice remind-due`): each
 * invoice the plan finds due gets the reminder `invoice remind` would send, with the same
 * once-only guarantees, so a doubled or retried run reminds nobody twice. One that fails is named,
 * not thrown: a missing PDF must not cost the operator their digest.
 */
export const sendAutomaticReminders = async (
  afterDays: number,
  deps: ReminderDeps,
): Promise<{ reminded: string[]; failed: Array<{ number: string; reason: string }> }> => {
  const reminded: string[] = [];
  const failed: Array<{ number: string; reason: string }> = [];
  if (afterDays <= 0) return { reminded, failed };
  for (const { number, refusal } of await automaticReminderPlan(afterDays, deps)) {
    if (refusal) continue;
    try {
      await sendPaymentReminder(number, deps);
      reminded.push(number);
    } catch (error) {
      // Paid, reminded or erased since the list was read: the next run looks again.
      if (!(error instanceof ConflictError))
        failed.push({ number, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { reminded, failed };
};

export type PayoutDeps = Pick<StatementDeps, 'statements' | 'settlements' | 'vas' | 'runtime'>;

export interface PayoutRow {
  vaId: string;
  name: string;
  period: string;
  /** What the month's payout statement says the VA earned (corrections included). */
  owedCents: number;
  paidCents: number;
  openCents: number;
  transfers: Payment[];
}

/** What a month owes a VA so far, and what was transferred for it. */
export const payoutRow = async (
  va: Pick<Va, 'id' | 'name'>,
  period: string,
  deps: {
    settlements: Pick<PayoutDeps['settlements'], 'postings'>;
    statements: Pick<PayoutDeps['statements'], 'payoutTransfers'>;
  },
): Promise<PayoutRow> => {
  const [postings, transfers] = await Promise.all([
    deps.settlements.postings(`payable:${va.id}`, period),
    deps.statements.payoutTransfers(va.id, period),
  ]);
  // The VA's account is credited (negative) with what they earn; transfers are booked apart.
  const owedCents = -postings.filter((p) => p.kind !== 'payout').reduce((sum, p) => sum + p.amountCents, 0);
  const paidCents = transfers.reduce((sum, t) => sum + t.amountCents, 0);
  return {
    vaId: va.id,
    name: va.name,
    period,
    owedCents,
    paidCents,
    openCents: owedCents - paidCents,
    transfers,
  };
};

/** Every VA the month owes something (or paid something), with what is still to transfer. */
export const listPayouts = async (period: string, deps: PayoutDeps): Promise<PayoutRow[]> => {
  const rows = await Promise.all((await deps.vas.list()).map((va) => payoutRow(va, period, deps)));
  return rows.filter((r) => r.owedCents !== 0 || r.transfers.length > 0);
};

/**
 * Records a transfer to a VA for a month's payout (by default: what is still open), with its
 * postings. The same entry twice (day, amount, reference) is recorded once, however the two race.
 */
export const recordPayout = async (
  vaId: string,
  period: string,
  entry: { amountCents?: number; receivedOn: string; reference?: string },
  deps: PayoutDeps,
): Promise<{ kind: 'recorded' | 'already-recorded'; payout: PayoutRow }> => {
  const va = await deps.vas.get(vaId);
  if (!va) throw new NotFoundError(`No VA ${vaId}`);
  const now = clockOf(deps);
  // "All that is open" is decided once, so a try that lost a race retries the same booking.
  let amountCents = entry.amountCents;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const row = await payoutRow(va, period, deps);
    const booking = { receivedOn: entry.receivedOn, reference: entry.reference?.trim() };
    // Without an amount, "all that is open" entered again is the booking of that day and reference.
    const repeated = row.transfers.some((t) =>
      amountCents === undefined
        ? isSamePayment(t, { ...booking, amountCents: t.amountCents })
        : isSamePayment(t, { ...booking, amountCents }),
    );
    if (repeated) return { kind: 'already-recorded', payout: row };
    amountCents ??= row.openCents;
    if (amountCents === 0)
      throw new ConflictError(
        `Nothing is open for ${vaId} in ${period}: ${formatCents(row.paidCents)} of ${formatCents(row.owedCents)} transferred`,
      );
    const transfer = payoutTransferFor(
      { vaId, period, owedCents: row.owedCents },
      row.transfers,
      { ...entry, amountCents },
      now,
    );
    if (
      (await deps.statements.recordPayoutTransfer(vaId, period, transfer, row.transfers.length)) ===
      'recorded'
    )
      return {
        kind: 'recorded',
        payout: {
          ...row,
          paidCents: row.paidCents + transfer.amountCents,
          openCents: row.openCents - transfer.amountCents,
          transfers: [...row.transfers, transfer],
        },
      };
  }
  throw new ConflictError(`The payout of ${vaId} for ${period} keeps changing; try again`);
};
