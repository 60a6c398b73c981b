import { briefOfTask } from '../../domain/brief/brief-of-task';
import type { Task } from '../../domain/task';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { acknowledgementRef } from '../../mail/outbound';
import { packageMinutesLeft } from '../billing/package-balance';
import { briefMail } from '../new-task';
import { issueWithdrawLink } from '../withdraw-task';
import type { RoutingDeps } from './deps';
import { sendWorkflowMail } from './mail';
import { startRouting } from './operator';

type RouteNowDeps = Pick<
  RoutingDeps,
  'tasks' | 'clients' | 'links' | 'settlements' | 'workflow' | 'outbox' | 'runtime' | 'config'
>;

/** The client gets in writing what the task now is, as their answer would have brought them. */
const confirmToClient = async (task: Task, deps: RouteNowDeps) => {
  const client = await deps.clients.get(task.clientId);
  // Told already (by a first try, or when intake found nothing to ask): no new mail, no new link.
  if (!client || client.erasedAt || (await deps.outbox.wasSent(acknowledgementRef(task.id)))) return;
  const now = deps.runtime.now();
  const ack = briefMail(briefOfTask(task), {
    taskId: task.id,
    client,
    agencyName: deps.config.agencyName,
    language: task.language,
    packageMinutesLeft: await packageMinutesLeft(client, now, deps.settlements),
    withdrawUrl: await issueWithdrawLink(deps, task),
  });
  await sendWorkflowMail(deps, ack.ref, client.emails[0] ?? '', ack.content, { taskId: task.id });
};

/**
 * Routes a task that waits for the client's answer now, with what its brief has: the operator
 * spoke to the client (and set what was missing with `task update`), or decided not to wait. The
 * client gets the confirmation once; a repeat finishes what a first try left undone.
 */
export const routeNow = async (taskId: string, deps: RouteNowDeps): Promise<Task> => {
  let task = await deps.tasks.get(taskId);
  if (!task) throw new NotFoundError(`No task ${taskId}`);
  if (task.status === 'NEEDS_INFO') {
    if (task.skills.length === 0) {
      const hint = `none to search by: task update ${taskId} --skills first`;
      throw new ValidationError(`Task ${taskId} has no skills; ${hint}`, [{ path: 'skills', message: hint }]);
    }
    try {
      task = await deps.tasks.transition(task.id, 'NEEDS_INFO', 'ROUTING', deps.runtime.now().toISOString());
    } catch (error) {
      // The client's answer came in meanwhile and routed it.
      if (!(error instanceof ConflictError)) throw error;
      task = (await deps.tasks.get(taskId)) ?? task;
    }
  }
  if (task.status !== 'ROUTING')
    throw new ConflictError(
      `Task ${taskId} is ${task.status}; task route starts only a task waiting for the client (NEEDS_INFO)`,
    );
  await confirmToClient(task, deps);
  await startRouting(deps.workflow, task);
  return task;
};
