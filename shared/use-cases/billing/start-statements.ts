import { assertPeriodOver } from '../../domain/billing/settlement';
import type { ClientRepository, VaRepository } from '../../ports/repositories';

/** One statement to send: a client's invoice or a VA's payout statement. */
export type StatementJob = { clientId: string; period: string } | { vaId: string; period: string };

export interface StartStatementsDeps {
  clients: ClientRepository;
  vas: VaRepository;
  /** Hands each job to its own worker (SQS on AWS and locally). */
  enqueue: (job: StatementJob) => Promise<void>;
  now: () => Date;
}

/**
 * The monthly run fans out: one job per client and per VA, each sent on its own and retried on its own. A
 * second start of the same month is harmless; each statement is finalized and mailed once.
 */
export const startStatements = async (period: string, deps: StartStatementsDeps): Promise<number> => {
  assertPeriodOver(period, deps.now());
  const [clients, vas] = await Promise.all([deps.clients.list(), deps.vas.list()]);
  for (const client of clients) await deps.enqueue({ clientId: client.id, period });
  for (const va of vas) await deps.enqueue({ vaId: va.id, period });
  return clients.length + vas.length;
};
