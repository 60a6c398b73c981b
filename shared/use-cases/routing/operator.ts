import { isClosedOffer } from '../../domain/offer';
import { executionNameFor } from '../../domain/routing/policy';
import { chosenVaOf, type Task, type TaskStatus } from '../../domain/task';
import type { Va } from '../../domain/va';
import { ConflictError, NotFoundError } from '../../errors';
import type { ClientNote, RenderedMail } from '../../mail/compose';
import { givenBackClientMail } from '../../mail/give-back-templates';
import { cancelledClientMail, type TakenAway, takenAwayVaMail } from '../../mail/operator-change-templates';
import { firstName } from '../../mail/routing-templates';
import type { RoutingDeps } from './deps';
import { sendClientNote, sendWorkflowMail } from './mail';
import { withdrawPendingOffers } from './pending-offers';

type OperatorDeps = Pick<
  RoutingDeps,
  'tasks' | 'offers' | 'stats' | 'workflow' | 'runtime' | 'vas' | 'clients' | 'outbox' | 'config'
>;

export interface CancelOptions {
  /** The operator's words on why, for the client and the VA. */
  reason?: string;
  /** False when the client already knows (they asked by phone) or must not hear of it. */
  tellClient?: boolean;
}

/** Starts the task's workflow when it is ready to route; a second start of the same run is a no-op. */
export const startRouting = async (workflow: RoutingDeps['workflow'], task: Task) =>
  task.status === 'ROUTING'
    ? workflow.start(executionNameFor(task.id, task.routingRun), { taskId: task.id, run: task.routingRun })
    : 'not-ready';

/** Besides ROUTING, which reroutes too once its run's workflow is known to have started. */
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
  // Set only while someone holds the task: a reroute clears it after this, a cancel keeps it, so a
  // repeated cancel still finds them (the release counts once).
  if (task.assignedVaId)
    await deps.stats.apply(task.assignedVaId, {
      kind: 'released',
      taskId: task.id,
      clientId: task.clientId,
      completed: false,
    });
};

/** Whoever holds the task, read once for the mails about them. */
const holderOf = (task: Task, deps: OperatorDeps) =>
  task.assignedVaId ? deps.vas.get(task.assignedVaId) : Promise.resolve(undefined);

/** The VA who had the task hears it is no longer theirs, once per routing run they held it in. */
const tellVaTakenAway = async (
  task: Task,
  run: number,
  va: Va | undefined,
  why: TakenAway,
  deps: OperatorDeps,
  reason?: string,
) => {
  if (!va) return;
  await sendWorkflowMail(
    deps,
    `taken-away:${task.id}:${run}`,
    va.email,
    takenAwayVaMail({
      language: va.language,
      agency: { name: deps.config.agencyName },
      task,
      vaName: firstName(va.name),
      why,
      reason,
    }),
  );
};

/** Mails the task's client in its thread, once per `ref`; an erased client is mailed nothing. */
const tellClient = async (
  task: Task,
  ref: string,
  deps: OperatorDeps,
  mail: (note: ClientNote) => RenderedMail,
) => {
  const client = await deps.clients.get(task.clientId);
  if (!client || client.erasedAt) return;
  await sendClientNote(deps, ref, client, task, mail);
};

const tellClientCancelled = (task: Task, deps: OperatorDeps, reason?: string) =>
  tellClient(task, `cancelled:${task.id}:client`, deps, (note) => cancelledClientMail({ ...note, reason }));

const UNNAMED_VA = { de: 'Ihre Assistenz', en: 'your assistant' } as const;

/** The client was told who took the task; now they hear that someone new is being found. */
const tellClientOfNewSearch = (task: Task, run: number, va: Va | undefined, deps: OperatorDeps) =>
  tellClient(task, `rerouted:${task.id}:${run}:client`, deps, (note) =>
    givenBackClientMail({ ...note, vaFirstName: va ? firstName(va.name) : UNNAMED_VA[note.language] }),
  );

/** Tells the VA the operator took the task from, and its client; a repeat sends nothing new. */
const tellOfTakeAway = async (task: Task, deps: OperatorDeps) => {
  if (!task.takenFrom) return;
  const { vaId, run } = task.takenFrom;
  const va = await deps.vas.get(vaId);
  await tellVaTakenAway(task, run, va, 'rerouted', deps);
  await tellClientOfNewSearch(task, run, va, deps);
};

const loadTask = async (taskId: string, deps: OperatorDeps) => {
  const task = await deps.tasks.get(taskId);
  if (!task) throw new NotFoundError(`No task ${taskId}`);
  return task;
};

export interface RerouteOptions {
  /** Offer the new run to this VA alone (the operator has spoken to them), whatever the ranking says. */
  offerTo?: string;
}

/** The operator's choice must be someone who can answer an offer for this task. */
const assertCanBeOffered = async (task: Task, vaId: string, deps: OperatorDeps) => {
  const va = await deps.vas.get(vaId);
  if (!va) throw new NotFoundError(`No VA ${vaId}`);
  if (!va.active) throw new ConflictError(`${va.name} (${vaId}) is inactive; va update ${vaId} --active`);
  // One who declined or missed an earlier offer may be asked again; one who has it open, not.
  const offer = (await deps.offers.listByTask(task.id)).find((o) => o.vaId === vaId);
  if (offer && !isClosedOffer(offer))
    throw new ConflictError(
      `${va.name} (${vaId}) was already asked for ${task.id} (${offer.status}): wait for their answer`,
    );
};

/**
 * Sends a task through routing again, now (the VA dropped out, or nobody was found and the wider
 * search is hours away): the old workflow stops, a new run starts with everyone not yet asked for
 * this task (or, given `offerTo`, with that VA alone), and the VA who had it is told to stop. On a
 * task whose run's workflow never started, it finishes instead: that is a reroute (or an intake)
 * that stopped between its write and the start.
 */
export const rerouteTask = async (taskId: string, deps: OperatorDeps, options: RerouteOptions = {}) => {
  const task = await loadTask(taskId, deps);
  const { offerTo } = options;
  if (task.status === 'ROUTING') {
    // What a reroute that stopped halfway left undone comes first: its start, then its mails.
    const sameRun = !offerTo || chosenVaOf(task) === offerTo;
    const unstarted = sameRun && !(await deps.workflow.exists(executionNameFor(task.id, task.routingRun)));
    if (unstarted) await startRouting(deps.workflow, task);
    await tellOfTakeAway(task, deps);
    if (unstarted) return task;
  } else if (!REROUTABLE.has(task.status))
    throw new ConflictError(
      `Task ${taskId} is ${task.status}; only ROUTING, ${[...REROUTABLE].join(', ')} tasks can be ${offerTo ? 'offered again' : 'rerouted'}`,
    );
  if (offerTo) await assertCanBeOffered(task, offerTo, deps);
  await windDown(task, 'Rerouted by the operator', deps);
  // Only an assigned task has someone to tell; an older run's holder was told in that run.
  const holder = task.status === 'ASSIGNED' ? task.assignedVaId : undefined;
  const run = task.routingRun + 1;
  const next = await deps.tasks.transition(
    task.id,
    task.status,
    'ROUTING',
    deps.runtime.now().toISOString(),
    {
      routingRun: run,
      ...(holder ? { takenFrom: { vaId: holder, run: task.routingRun } } : {}),
      ...(offerTo ? { offerOnlyTo: { vaId: offerTo, run } } : {}),
    },
    [
      'assignedVaId',
      'assignedAt',
      'completionToken',
      ...(holder ? [] : (['takenFrom'] as const)),
      ...(offerTo ? [] : (['offerOnlyTo'] as const)),
    ],
  );
  await startRouting(deps.workflow, next);
  await tellOfTakeAway(next, deps);
  return next;
};

/**
 * Cancels a task wherever it stands short of done; the VA who had it and (unless told not to) the
 * client hear of it. The write comes first: from then on no offer round can store an offer, so
 * winding down misses none. Cancelling a cancelled task changes nothing but finishes what a cancel
 * that stopped after its write left open.
 */
export const cancelTask = async (taskId: string, deps: OperatorDeps, options: CancelOptions = {}) => {
  const task = await loadTask(taskId, deps);
  if (task.status !== 'CANCELLED' && !CANCELLABLE.has(task.status))
    throw new ConflictError(`Task ${taskId} is ${task.status} and can no longer be cancelled`);
  const cancelled =
    task.status === 'CANCELLED'
      ? task
      : await deps.tasks.transition(task.id, task.status, 'CANCELLED', deps.runtime.now().toISOString(), {
          cancelledBy: 'operator',
        });
  await windDown(cancelled, 'Cancelled by the operator', deps);
  // A task the client withdrew was confirmed to them then, and had nobody assigned.
  if (cancelled.cancelledBy !== 'operator') return cancelled;
  await tellVaTakenAway(
    cancelled,
    cancelled.routingRun,
    await holderOf(cancelled, deps),
    'cancelled',
    deps,
    options.reason,
  );
  if (options.tellClient !== false) await tellClientCancelled(cancelled, deps, options.reason);
  return cancelled;
};
