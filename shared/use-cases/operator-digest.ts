import { berlinDateOf } from '../domain/billing/settlement';
import { DEFAULT_TIME_ZONE } from '../domain/common';
import { operatorDigestMail } from '../mail/digest-templates';
import type { TaskRepository } from '../ports/repositories';
import { tasksNeedingAttention } from './attention';
import { overdueInvoices, type ReminderDeps, sendAutomaticReminders } from './billing/payments';
import type { OperatorMailConfig } from './routing/deps';
import { sendWorkflowMail } from './routing/mail';

/** Overdue invoices are listed below the tasks (money the agency waits for), reminded first if turned on. */
export interface DigestDeps extends ReminderDeps {
  tasks: Pick<TaskRepository, 'listByStatus'>;
  config: OperatorMailConfig & {
    /** Days overdue after which the morning reminds the client by itself; 0: only `invoice remind`. */
    remindAfterDays: number;
  };
}

/**
 * The operator's morning digest: the open tasks that need them and the invoices past their due
 * date, mailed at most once a Berlin day (a retried or doubled schedule sends nothing twice), and
 * nothing on a day without any.
 */
export const sendOperatorDigest = async (
  deps: DigestDeps,
): Promise<{ tasks: number; invoices: number; reminded: string[]; sent: boolean }> => {
  const now = deps.runtime.now();
  const { reminded, failed } = await sendAutomaticReminders(deps.config.remindAfterDays, deps);
  const failures = new Map(failed.map((f) => [f.number, f.reason]));
  const found = await tasksNeedingAttention(deps.tasks, now);
  const overdue = await overdueInvoices({ statements: deps.statements, runtime: deps.runtime });
  if (found.length === 0 && overdue.length === 0) return { tasks: 0, invoices: 0, reminded, sent: false };
  const names = new Map<string, string>();
  for (const { task } of found)
    if (!names.has(task.clientId)) {
      const client = await deps.clients.get(task.clientId);
      names.set(task.clientId, client?.company ?? client?.contactName ?? task.clientId);
    }
  const result = await sendWorkflowMail(
    deps,
    `digest:${berlinDateOf(now.toISOString())}`,
    deps.config.operatorEmail,
    operatorDigestMail({
      language: deps.config.operatorLanguage,
      agency: { name: deps.config.agencyName },
      timeZone: DEFAULT_TIME_ZONE,
      items: found.map(({ task, attention }) => ({
        task,
        clientName: names.get(task.clientId) ?? task.clientId,
        reason: attention.reason,
        since: attention.since,
      })),
      invoices: overdue.map((r) => ({
        number: r.number,
        buyer: r.buyer,
        dueDate: r.dueDate,
        daysOverdue: r.standing.daysOverdue,
        openCents: r.standing.openCents,
        reminders: r.reminders.length,
        remindedToday: reminded.includes(r.number),
        reminderFailed: failures.get(r.number),
        ...(r.clientWroteAt ? { clientWroteOn: berlinDateOf(r.clientWroteAt) } : {}),
      })),
    }),
  );
  return { tasks: found.length, invoices: overdue.length, reminded, sent: result === 'sent' };
};
