import {
  clientTombstone,
  erasureBlockers,
  INVOICE_RETENTION_YEARS,
  retainUntil,
} from '../../domain/privacy/erasure';
import type { Task } from '../../domain/task';
import { ConflictError, NotFoundError } from '../../errors';
import { acknowledgementRef } from '../../mail/outbound';
import type { SettlementStore } from '../../ports/billing';
import type { BlobStore } from '../../ports/blob-store';
import type { Runtime } from '../../ports/clock';
import type { ErasureStore } from '../../ports/erasure';
import type { TaskThread } from '../../ports/intake';
import type { ClientRepository, TaskRepository } from '../../ports/repositories';
import type { StatementStore } from '../../ports/statements';

export interface EraseDeps {
  clients: ClientRepository;
  tasks: TaskRepository;
  thread: TaskThread;
  settlements: Pick<SettlementStore, 'history'>;
  statements: Pick<StatementStore, 'listByClient'>;
  blobs: BlobStore;
  erasure: ErasureStore;
  runtime: Pick<Runtime, 'now'>;
}

export interface ErasureReport {
  clientId: string;
  /** True when nothing was written (a dry run, or a client erased before). */
  dryRun: boolean;
  alreadyErased: boolean;
  tasks: number;
  messages: number;
  files: string[];
  /** Invoices kept, blocked until the end of their retention period. */
  kept: Array<{ period: string; number: string; retainUntil: string }>;
}

/** Mails to the client about a task, which name it in their subject. Statement mails are kept. */
const clientMailRefs = (task: Task) => [
  acknowledgementRef(task.id),
  `clarify:${task.id}`,
  `completed-client:${task.id}`,
  ...Array.from({ length: task.routingRun }, (_, i) => `assigned-client:${task.id}:${i + 1}`),
];

const allTasksOf = async (clientId: string, tasks: TaskRepository) => {
  const all: Task[] = [];
  let cursor: string | undefined;
  do {
    const page = await tasks.listByClient(clientId, { limit: 100, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
};

/**
 * Erases a client's personal data (Art. 17 GDPR): their mails, briefs, files and contact details.
 * What tax law requires is kept and blocked instead: issued invoices with their documents and
 * ledger postings, for 8 years from the end of the year of issue. The client's addresses stop being
 * recognised, so later mail from them is treated as from a stranger. Refused while work is open or
 * billed work is not yet invoiced. Safe to run again after an interruption; the profile is last.
 */
export const eraseClient = async (
  clientId: string,
  deps: EraseDeps,
  options: { dryRun?: boolean } = {},
): Promise<ErasureReport> => {
  const client = await deps.clients.get(clientId);
  if (!client) throw new NotFoundError(`No client with id ${clientId}`);
  const tasks = await allTasksOf(clientId, deps.tasks);
  const statements = await deps.statements.listByClient(clientId);
  const report: ErasureReport = {
    clientId,
    dryRun: options.dryRun === true || client.erasedAt !== undefined,
    alreadyErased: client.erasedAt !== undefined,
    tasks: tasks.length,
    messages: 0,
    files: [],
    kept: statements.map((s) => ({
      period: s.period,
      number: s.invoice.number,
      retainUntil: retainUntil(s.invoice.issueDate, INVOICE_RETENTION_YEARS),
    })),
  };
  if (client.erasedAt) return report;

  const billedMonths = new Set<string>();
  for (const task of tasks) {
    const history = await deps.settlements.history(task.id);
    if (!history) continue;
    billedMonths.add(history.original.period);
    for (const a of history.adjustments) billedMonths.add(a.period);
  }
  const invoiced = new Set(statements.filter((s) => s.status === 'sent').map((s) => s.period));
  const blockers = erasureBlockers(tasks, [...billedMonths].filter((m) => !invoiced.has(m)).sort());
  if (blockers.length) throw new ConflictError(`Cannot erase ${clientId} yet: ${blockers.join('; ')}`);

  const threads = await Promise.all(
    tasks.map(async (task) => ({ task, messages: await deps.thread.list(task.id) })),
  );
  report.messages = threads.reduce((n, t) => n + t.messages.length, 0);
  report.files = [
    ...new Set(threads.flatMap((t) => t.messages.flatMap((m) => [m.s3Key, ...m.attachmentKeys]))),
  ].sort();
  if (options.dryRun) return report;

  const at = deps.runtime.now().toISOString();
  for (const { task, messages } of threads) {
    for (const m of messages) for (const key of [m.s3Key, ...m.attachmentKeys]) await deps.blobs.delete(key);
    await deps.erasure.anonymiseIntakeRecords(messages.map((m) => m.id));
    await deps.erasure.deleteMessages(task.id, messages);
    if (task.source === 'form' && task.sourceRef) await deps.erasure.deleteSubmission(task.sourceRef);
    await deps.erasure.anonymiseOutbox(clientMailRefs(task));
    await deps.erasure.anonymiseTask(task.id);
  }
  for (const kept of report.kept)
    await deps.erasure.blockStatement(clientId, kept.period, { since: at, retainUntil: kept.retainUntil });
  await deps.erasure.tombstone(client, clientTombstone(client, at));
  return report;
};
