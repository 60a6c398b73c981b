import { executionNameFor } from '../../domain/routing/policy';
import type { Task, TaskStatus } from '../../domain/task';
import { ConflictError, NotFoundError } from '../../errors';
import type { RoutingDeps } from './deps';
import { withdrawPendingOffers } from './pending-offers';

type OperatorDeps = Pick<RoutingDeps, 'tasks' | 'offers' | 'stats' | 'workflow' | 'runtime'>;

/** Starts the task's workflow when it is ready to route; a second start of the same run is a no-op. */
export const startRouting = async (workflow: RoutingDeps['workflow'], task: Task) =>
  task.status === 'ROUTING'
    ? workflow.start(executionNameFor(task.id, task.routingRun), { taskId: task.id, run: task.routingRun })
    : 'not-ready';

const REROUTABLE: ReadonlySet<TaskStatus> = new Set(['OFFERED', 'ASSIGNED', 'UNASSIGNED']);
const CANCELLABLE: ReadonlySet<TaskStatus> = new Set([
  'NEEDS_INFO',
  'ROUTING',
  'OFFERED',
  'ASSIGNED',
  'UNASSIGNED',
]);

/** Stops the running workflow and closes what it left open: pending offers, the VA's load. */
const windDown = async (task: Task, cause: string, deps: OperatorDeps) => {
  await deps.workflow.stop(executionNameFor(task.id, task.routingRun), cause);
  await withdrawPendingOffers(deps.offers, task.id, deps.runtime.now().toISOString());
  // A rerouted or offered task has nobody assigned; a cancelled one keeps whoever had it.
  if (task.assignedVaId)
    await deps.stats.apply(task.assignedVaId, {
      kind: 'released',
      taskId: task.id,
      clientId: task.clientId,
      completed: false,
    });
};

const loadTask = async (taskId: string, deps: OperatorDeps) => {
  const task = await deps.tasks.get(taskId);
  if (!task) throw new NotFoundError(`No task ${taskId}`);
  return task;
};

/**
 * Sends a task through routing again (the VA dropped out, or nobody was found): the old workflow
 * stops, and a new run starts with everyone eligible again except those who declined.
 */
export const rerouteTask = async (taskId: string, deps: OperatorDeps) => {
  const task = await loadTask(taskId, deps);
  if (!REROUTABLE.has(task.status))
    throw new ConflictError(
      `Task ${taskId} is ${task.status}; only ${[...REROUTABLE].join(', ')} tasks can be rerouted`,
    );
  await windDown(task, 'Rerouted by the operator', deps);
  const next = await deps.tasks.transition(
    task.id,
    task.status,
    'ROUTING',
    deps.runtime.now().toISOString(),
    { routingRun: task.routingRun + 1 },
    ['assignedVaId', 'assignedAt', 'completionToken'],
  );
  await startRouting(deps.workflow, next);
  return next;
};

/**
 * Cancels a task wherever it stands short of done. The write comes first: from then on no offer
 * round can store an offer, so winding down misses none. Cancelling a cancelled task changes
 * nothing but finishes what a cancel that stopped after its write left open.
 */
export const cancelTask = async (taskId: string, deps: OperatorDeps) => {
  const task = await loadTask(taskId, deps);
  if (task.status === 'CANCELLED') {
    await windDown(task, 'Cancelled by the operator', deps);
    return task;
  }
  if (!CANCELLABLE.has(task.status))
    throw new ConflictError(`Task ${taskId} is ${task.status} and can no longer be cancelled`);
  const cancelled = await deps.tasks.transition(
    task.id,
    task.status,
    'CANCELLED',
    deps.runtime.now().toISOString(),
    { cancelledBy: 'operator' },
  );
  await windDown(cancelled, 'Cancelled by the operator', deps);
  return cancelled;
};
