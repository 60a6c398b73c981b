import type { Settlement } from '../domain/billing/settlement';

export interface PackageUsage {
  minutes: number;
  /** Guards the read-compute-write of a settlement against a concurrent one of the same client. */
  version: number;
}

export type RecordOutcome = 'recorded' | 'already-settled' | 'usage-changed' | 'not-completed';

export interface SettlementStore {
  get(taskId: string): Promise<Settlement | undefined>;
  packageUsage(clientId: string, period: string): Promise<PackageUsage>;
  /**
   * One transaction: the settlement, its postings, the package usage, and the task's move from
   * COMPLETED to BILLED. Any part failing leaves nothing written.
   */
  record(settlement: Settlement, seen: PackageUsage, at: string): Promise<RecordOutcome>;
  /** Postings of one account and month (the ledger's access pattern). */
  postings(account: string, period: string): Promise<Array<{ taskId: string; amountCents: number }>>;
}
