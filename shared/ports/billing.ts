import type { Adjustment } from '../domain/billing/adjustment';
import type { Settlement } from '../domain/billing/settlement';

export interface PackageUsage {
  minutes: number;
  /** Guards the read-compute-write of a settlement against a concurrent one of the same client. */
  version: number;
}

export type RecordOutcome = 'recorded' | 'already-settled' | 'usage-changed' | 'not-completed';

/** One ledger posting as a month's statement reads it. */
export interface LedgerEntry {
  taskId: string;
  amountCents: number;
  /**
   * settlement: a task's billing; adjustment: a correction (with its number); invoice: a
   * statement's own; payment: money the bank booked on an invoice (`taskId` is its number);
   * payout: a transfer to a VA for a month (`taskId` is `PAYOUT-<vaId>-<month>`).
   */
  kind: 'settlement' | 'adjustment' | 'invoice' | 'payment' | 'payout';
  adjustmentSeq?: number;
}

/** A task's billing as it happened: the first settlement and every correction since, in order. */
export interface SettlementHistory {
  original: Settlement;
  adjustments: Adjustment[];
}

export type AdjustmentOutcome = 'recorded' | 'conflict' | 'period-closed';

export interface SettlementStore {
  /** The task's settlement as it stands now: its last correction's replacement, if any. */
  get(taskId: string): Promise<Settlement | undefined>;
  history(taskId: string): Promise<SettlementHistory | undefined>;
  packageUsage(clientId: string, period: string): Promise<PackageUsage>;
  /**
   * One transaction: the settlement, its postings, the package usage, and the task's move from
   * COMPLETED to BILLED. Any part failing leaves nothing written.
   */
  record(settlement: Settlement, seen: PackageUsage, at: string): Promise<RecordOutcome>;
  /**
   * One transaction: the correction, its reversal and replacement postings, the package usage,
   * and the settlement's new state, guarded by the number of corrections `adjustment.seq - 1`
   * seen before. 'conflict': a concurrent correction won, read again; 'period-closed': the month
   * it would post into has been invoiced meanwhile.
   */
  recordAdjustment(adjustment: Adjustment, seen: PackageUsage): Promise<AdjustmentOutcome>;
  /** Postings of one account and month (the ledger's access pattern). */
  postings(account: string, period: string): Promise<LedgerEntry[]>;
}
