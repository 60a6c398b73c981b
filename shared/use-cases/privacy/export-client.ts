import type { Adjustment } from '../../domain/billing/adjustment';
import type { Settlement } from '../../domain/billing/settlement';
import type { Client } from '../../domain/client';
import type { Task } from '../../domain/task';
import { NotFoundError } from '../../errors';
import type { SettlementStore } from '../../ports/billing';
import type { Runtime } from '../../ports/clock';
import type { TaskMessage, TaskThread } from '../../ports/intake';
import type { ClientRepository, TaskRepository } from '../../ports/repositories';
import type { StatementStore, StoredStatement } from '../../ports/statements';

export interface ExportDeps {
  clients: ClientRepository;
  tasks: TaskRepository;
  thread: TaskThread;
  settlements: SettlementStore;
  statements: StatementStore;
  runtime: Pick<Runtime, 'now'>;
}

export interface ClientExport {
  format: 'va-router client export 1';
  exportedAt: string;
  client: Omit<Client, 'formTokenHash'>;
  tasks: Array<{
    task: Omit<Task, 'completionToken'>;
    messages: TaskMessage[];
    settlement?: Settlement;
    adjustments?: Adjustment[];
  }>;
  statements: StoredStatement[];
  /** Stored files (raw mail, attachments, uploads, invoices), by key in the agency's bucket. */
  files: string[];
}

/**
 * Everything va-router stores about a client, for their right of access (Art. 15 GDPR): profile,
 * every task with its messages and billing, and every statement. Secrets (link token hashes,
 * workflow tokens) are left out; they identify nothing and would only weaken the links.
 */
export const exportClient = async (clientId: string, deps: ExportDeps): Promise<ClientExport> => {
  const found = await deps.clients.get(clientId);
  if (!found) throw new NotFoundError(`No client with id ${clientId}`);
  const { formTokenHash: _, ...client } = found;
  const tasks: Task[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.tasks.listByClient(clientId, { limit: 100, cursor });
    tasks.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const entries = await Promise.all(
    tasks.map(async ({ completionToken: __, ...task }) => {
      const billing = await deps.settlements.history(task.id);
      return {
        task,
        messages: await deps.thread.list(task.id),
        settlement: billing?.original,
        ...(billing?.adjustments.length ? { adjustments: billing.adjustments } : {}),
      };
    }),
  );
  const statements = await deps.statements.listByClient(clientId);
  const files = [
    ...entries.flatMap((e) => e.messages.flatMap((m) => [m.s3Key, ...m.attachmentKeys])),
    ...statements.flatMap((s) => [s.pdfKey, s.csvKey].filter((k): k is string => Boolean(k))),
  ];
  return {
    format: 'va-router client export 1',
    exportedAt: deps.runtime.now().toISOString(),
    client,
    tasks: entries,
    statements,
    files: [...new Set(files)].sort(),
  };
};
