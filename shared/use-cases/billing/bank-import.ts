import type { BankEntry, BankStatement } from '../../documents/camt-statement';
import { invoiceStanding, isSamePayment } from '../../domain/billing/payment';
import {
  type Allocation,
  decideEntry,
  decidePayoutEntry,
  type MatchableInvoice,
} from '../../domain/billing/payment-matching';
import { payoutEndToEndId, payoutPeriodOf } from '../../domain/billing/payout';
import { berlinDateOf } from '../../domain/billing/settlement';
import { electronicIban, printedIban } from '../../domain/iban';
import { ValidationError } from '../../errors';
import {
  type InvoiceRow,
  listInvoices,
  type PaymentDeps,
  type PayoutDeps,
  recordPayment,
  recordPayout,
} from './payments';
import type { StatementDeps } from './run-statements';

export type ImportDeps = PaymentDeps & PayoutDeps & Pick<StatementDeps, 'config'>;

export type ImportOutcome = 'booked' | 'already-booked' | 'needs-a-person' | 'not-an-invoice-payment';

export interface ImportedEntry {
  entry: BankEntry;
  outcome: ImportOutcome;
  /** What was (or, in a dry run, would be) recorded on which invoice. */
  allocations: Allocation[];
  reason?: string;
  /** Open invoices with the booking's amount, when its purpose names none: for a person to choose. */
  candidates?: string[];
  /** A transfer of a VA's payout, known by the end-to-end id of the agency's payout file. */
  payout?: { vaId: string; period: string };
}

const matchable = (row: InvoiceRow): MatchableInvoice & { dueDate: string } => ({
  number: row.number,
  dueDate: row.dueDate,
  clientId: row.clientId,
  grossCents: row.grossCents,
  standing: row.standing,
  payments: row.payments,
});

/**
 * Books what a bank statement says the clients paid: each booking whose purpose names an invoice
 * and whose amount fits what is open is recorded as `invoice pay` would record it; the rest is
 * listed for a person, with why. Importing the same statement again (or an overlapping one)
 * records nothing twice. `dryRun` says what would happen and changes nothing.
 */
export const importBankStatement = async (
  statement: BankStatement,
  deps: ImportDeps,
  options: { dryRun?: boolean; anyAccount?: boolean } = {},
): Promise<ImportedEntry[]> => {
  const agencyIban = electronicIban(deps.config.seller.iban);
  if (statement.accountIban && statement.accountIban !== agencyIban && !options.anyAccount) {
    const message = `This is the statement of ${printedIban(statement.accountIban)}, not of the account invoices name (${printedIban(agencyIban)}); --any-account imports it anyway`;
    throw new ValidationError(message, [{ path: 'file', message }]);
  }
  // Kept up to date as bookings land, so two part payments in one file both see what is open.
  const invoices = new Map((await listInvoices(deps)).map((row) => [row.number, matchable(row)]));
  const today = berlinDateOf(deps.runtime.now().toISOString());
  const results: ImportedEntry[] = [];
  const vaIds = (await deps.vas.list()).map((va) => va.id);
  for (const entry of statement.entries) {
    const period = payoutPeriodOf(entry.endToEndId);
    if (period) {
      results.push(await importPayout(entry, period, vaIds, today, deps, options.dryRun ?? false));
      continue;
    }
    const decision = decideEntry(entry, [...invoices.values()], today);
    if (decision.kind === 'not-an-invoice-payment' || decision.kind === 'needs-a-person') {
      const { kind, ...said } = decision;
      results.push({ entry, outcome: kind, allocations: [], ...said });
      continue;
    }
    if (decision.kind === 'already-booked') {
      results.push({ entry, outcome: 'already-booked', allocations: [] });
      continue;
    }
    if (options.dryRun) {
      results.push({ entry, outcome: 'booked', allocations: decision.allocations });
      for (const a of decision.allocations) settleLocally(invoices, a, entry, today);
      continue;
    }
    const recorded: Allocation[] = [];
    let repeated = false;
    try {
      for (const allocation of decision.allocations) {
        const { kind, invoice } = await recordPayment(
          allocation.number,
          { amountCents: allocation.amountCents, receivedOn: entry.bookedOn, reference: entry.reference },
          deps,
        );
        invoices.set(invoice.number, matchable(invoice));
        if (kind === 'recorded') recorded.push(allocation);
        else repeated = true;
      }
    } catch (error) {
      // Someone booked onto the invoice since it was read (another import, `invoice pay`): the
      // invoice's own rules refused this entry, and a person sees why; the rest of the file goes on.
      if (!(error instanceof ValidationError)) throw error;
      results.push({ entry, outcome: 'needs-a-person', allocations: recorded, reason: error.message });
      continue;
    }
    results.push({
      entry,
      outcome: recorded.length || !repeated ? 'booked' : 'already-booked',
      allocations: decision.allocations,
    });
  }
  return results;
};

/** A dry run's own picture of an invoice after a booking it would make, for the next entries. */
const settleLocally = (
  invoices: Map<string, MatchableInvoice & { dueDate: string }>,
  allocation: Allocation,
  entry: BankEntry,
  today: string,
) => {
  const invoice = invoices.get(allocation.number);
  if (!invoice) return;
  const payments = [
    ...invoice.payments,
    {
      amountCents: allocation.amountCents * Math.sign(invoice.grossCents),
      receivedOn: entry.bookedOn,
      reference: entry.reference,
      recordedAt: new Date(0).toISOString(),
    },
  ];
  invoices.set(allocation.number, {
    ...invoice,
    payments,
    standing: invoiceStanding(invoice, payments, today),
  });
};

/** Records the transfer of a VA's payout the statement shows, as `payout pay` would, once. */
const importPayout = async (
  entry: BankEntry,
  period: string,
  vaIds: readonly string[],
  today: string,
  deps: ImportDeps,
  dryRun: boolean,
): Promise<ImportedEntry> => {
  const vaId = vaIds.find((id) => payoutEndToEndId(id, period) === entry.endToEndId);
  const decision = decidePayoutEntry(entry, vaId, today);
  if (decision.kind !== 'book-payout') {
    const { kind, reason } = decision;
    return { entry, outcome: kind, allocations: [], reason };
  }
  const payout = { vaId: decision.vaId, period };
  const booking = {
    amountCents: decision.amountCents,
    receivedOn: entry.bookedOn,
    reference: entry.reference,
  };
  if (dryRun) {
    const transfers = await deps.statements.payoutTransfers(payout.vaId, period);
    const seen = transfers.some((t) => isSamePayment(t, booking));
    return { entry, outcome: seen ? 'already-booked' : 'booked', allocations: [], payout };
  }
  try {
    const { kind } = await recordPayout(payout.vaId, period, booking, deps);
    return { entry, outcome: kind === 'recorded' ? 'booked' : 'already-booked', allocations: [], payout };
  } catch (error) {
    // More than the month owes the VA: paid twice, or a correction since; a person sorts it out.
    if (!(error instanceof ValidationError)) throw error;
    return { entry, outcome: 'needs-a-person', allocations: [], reason: error.message, payout };
  }
};
