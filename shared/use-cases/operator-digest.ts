import { berlinDateOf } from '../domain/billing/settlement';
import { DEFAULT_TIME_ZONE } from '../domain/common';
import { operatorDigestMail } from '../mail/digest-templates';
import type { Runtime } from '../ports/clock';
import type { Outbox } from '../ports/intake';
import type { ClientRepository, TaskRepository } from '../ports/repositories';
import { tasksNeedingAttention } from './attention';
import type { OperatorMailConfig } from './routing/deps';
import { sendWorkflowMail } from './routing/mail';

export interface DigestDeps {
  tasks: Pick<TaskRepository, 'listByStatus'>;
  clients: Pick<ClientRepository, 'get'>;
  outbox: Outbox;
  runtime: Pick<Runtime, 'now'>;
  config: OperatorMailConfig;
}

/**
 * The operator's morning digest: the open tasks that need them, mailed at most once a Berlin day
 * (a retried or doubled schedule sends nothing twice), and nothing on a day without any.
 */
export const sendOperatorDigest = async (deps: DigestDeps): Promise<{ tasks: number; sent: boolean }> => {
  const now = deps.runtime.now();
  const found = await tasksNeedingAttention(deps.tasks, now);
  if (found.length === 0) return { tasks: 0, sent: false };
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
    }),
  );
  return { tasks: found.length, sent: result === 'sent' };
};
