import type { Client } from '../client';
import { type Task, TERMINAL_STATUSES } from '../task';

/** What erased text reads as, wherever a record has to stay. */
export const ERASED = '[gelöscht / erased]';

/**
 * Invoices and their postings are kept for 8 years (§ 147 AO, § 14b UStG, as amended 2025), from
 * the end of the calendar year they were issued in; until then they are blocked, not deleted.
 */
export const INVOICE_RETENTION_YEARS = 8;

export const retainUntil = (issueDate: string, years = INVOICE_RETENTION_YEARS): string =>
  `${Number(issueDate.slice(0, 4)) + years}-12-31`;

/** A reserved address (RFC 2606 .invalid) that no mail can ever come from or go to. */
export const erasedAddress = (clientId: string) => `erased-${clientId.toLowerCase()}@erased.invalid`;

/**
 * The client as kept after erasure: the id (which invoices and postings refer to), plans and VAT
 * mode (which corrections of kept invoices need), and when it was erased. Nothing that names a
 * person; a reverse-charge client's VAT ID stays, as its kept invoices must state it (§ 14a UStG).
 */
export const clientTombstone = (client: Client, at: string): Client => ({
  id: client.id,
  contactName: ERASED,
  emails: [erasedAddress(client.id)],
  language: client.language,
  timeZone: client.timeZone,
  plan: client.plan,
  planChanges: client.planChanges,
  billingIncrementMinutes: client.billingIncrementMinutes,
  minimumMinutesPerTask: client.minimumMinutesPerTask,
  vatMode: client.vatMode,
  ...(client.vatMode === 'reverse-charge' ? { vatId: client.vatId } : {}),
  preferredVaIds: [],
  createdAt: client.createdAt,
  erasedAt: at,
  version: client.version + 1,
});

/**
 * Why a client cannot be erased yet: work still open would mail them or bill them, and billed work
 * not yet invoiced must still be invoiced (the invoice is kept, the rest goes).
 */
export const erasureBlockers = (
  tasks: readonly Pick<Task, 'id' | 'status'>[],
  uninvoicedMonths: readonly string[],
): string[] => [
  ...tasks
    .filter((t) => !TERMINAL_STATUSES.has(t.status))
    .map((t) => `${t.id} is ${t.status}: finish or cancel it first`),
  ...uninvoicedMonths.map((m) => `${m} is billed but not yet invoiced: run its statement first`),
];
