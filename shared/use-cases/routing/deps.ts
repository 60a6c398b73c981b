import type { Language } from '../../domain/common';
import type { SettlementStore } from '../../ports/billing';
import type { Runtime } from '../../ports/clock';
import type { Outbox, TaskThread } from '../../ports/intake';
import type {
  ClientRepository,
  OfferRepository,
  TaskRepository,
  VaRepository,
} from '../../ports/repositories';
import type {
  AssignmentStore,
  LinkRepository,
  VaStatsReader,
  VaStatsWriter,
  Workflow,
} from '../../ports/routing';

export interface RoutingConfig {
  agencyName: string;
  senderAddress: string;
  mailDomain: string;
  /** Where mailed links point: the HTTP API, without a trailing slash. */
  publicBaseUrl: string;
  operatorEmail: string;
  operatorLanguage: Language;
  /** A VA's share of a fixed-price task, in percent. */
  fixedPriceVaSharePercent?: number;
}

/** What a use case that mails the operator needs to know: who mails, and whom. */
export type OperatorMailConfig = Pick<
  RoutingConfig,
  'agencyName' | 'operatorEmail' | 'operatorLanguage' | 'mailDomain' | 'senderAddress'
>;

/** Everything the workflow steps and the offer and done links need. */
export interface RoutingDeps {
  tasks: TaskRepository;
  clients: ClientRepository;
  vas: VaRepository;
  offers: OfferRepository;
  links: LinkRepository;
  assignments: AssignmentStore;
  stats: VaStatsReader & VaStatsWriter;
  workflow: Workflow;
  outbox: Outbox;
  thread: TaskThread;
  settlements: SettlementStore;
  runtime: Runtime;
  config: RoutingConfig;
}

/**
 * What a changed deadline answers the completion wait with: the workflow checks the task again
 * at once, to time the VA's reminders by the new deadline.
 */
export const DEADLINE_MOVED = 'DeadlineMoved';

/** A workflow step found the task cancelled or gone; the state machine ends quietly on it. */
export class TaskCancelledError extends Error {
  override name = 'TaskCancelled';
}
