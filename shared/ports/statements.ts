import type { Invoice } from '../domain/billing/invoice';
import type { Payment } from '../domain/billing/payment';

export interface StoredStatement {
  clientId: string;
  period: string;
  status: 'finalized' | 'sent';
  invoice: Invoice;
  pdfKey?: string;
  csvKey?: string;
  sesMessageId?: string;
  sentAt?: string;
  /** What the bank booked on it, in the order entered. */
  payments?: Payment[];
  /** When each payment reminder went out (UTC). */
  reminders?: string[];
  /** When the client last wrote about this invoice (UTC): from then on, reminders are a person's call. */
  clientWroteAt?: string;
  /** Kept after the client's erasure only because tax law says so; for nothing else. */
  blocked?: { since: string; retainUntil: string };
}

export interface StatementStore {
  get(clientId: string, period: string): Promise<StoredStatement | undefined>;
  /** Every statement of a client, oldest month first. */
  listByClient(clientId: string): Promise<StoredStatement[]>;
  /** How many settlements and corrections the client's month has seen; a statement is composed at one. */
  ledgerRevision(clientId: string, period: string): Promise<number>;
  /**
   * Takes the year's next invoice number and stores the statement with it, in one transaction:
   * numbers have no gaps and no duplicates, however many runs race. A statement that exists is
   * returned as it is, with its number. 'ledger-changed': something was posted to the month since
   * `revision`; compose again.
   */
  finalize(
    clientId: string,
    period: string,
    year: number,
    revision: number,
    build: (number: string) => Invoice,
  ): Promise<StoredStatement | 'ledger-changed'>;
  /** The statement whose invoice has this number. */
  findByNumber(number: string): Promise<StoredStatement | undefined>;
  /** Every invoice of every client, by number. */
  listInvoices(): Promise<StoredStatement[]>;
  /**
   * Adds the payment and its postings (bank and the client's account) in one transaction, if the
   * statement still has the `seen` payments it was checked against; 'conflict': read again.
   */
  recordPayment(statement: StoredStatement, payment: Payment, seen: number): Promise<'recorded' | 'conflict'>;
  /** What was transferred to a VA for a month's payout, in the order entered. */
  payoutTransfers(vaId: string, period: string): Promise<Payment[]>;
  /**
   * Adds the transfer and its postings (the VA's account and the bank) in one transaction, if the
   * month still has the `seen` transfers it was checked against; 'conflict': read again.
   */
  recordPayoutTransfer(
    vaId: string,
    period: string,
    transfer: Payment,
    seen: number,
  ): Promise<'recorded' | 'conflict'>;
  /** Notes that the client wrote about the invoice at `at` (by mail or through the form). */
  noteClientMessage(statement: StoredStatement, at: string): Promise<void>;
  /** Notes a reminder sent at `at`, if the statement still has `seen` reminders; 'conflict' otherwise. */
  recordReminder(statement: StoredStatement, at: string, seen: number): Promise<'recorded' | 'conflict'>;
  markSent(
    clientId: string,
    period: string,
    sent: { pdfKey: string; csvKey: string; sesMessageId: string; at: string; number: string },
  ): Promise<void>;
}
