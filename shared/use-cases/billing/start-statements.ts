import type { ClientRepository } from '../../ports/repositories';

export interface StatementJob {
  clientId: string;
  period: string;
}

export interface StartStatementsDeps {
  clients: ClientRepository;
  /** Hands each job to its own worker (SQS on AWS and locally). */
  enqueue: (job: StatementJob) => Promise<void>;
}

/**
 * The monthly run fans out: one job per client, each sent on its own and retried on its own. A
 * second start of the same month is harmless; each statement is finalized and mailed once.
 */
export const startStatements = async (period: string, deps: StartStatementsDeps): Promise<number> => {
  const clients = await deps.clients.list();
  for (const client of clients) await deps.enqueue({ clientId: client.id, period });
  return clients.length;
};
