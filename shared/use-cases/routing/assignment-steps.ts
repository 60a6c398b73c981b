import { planIn } from '../../domain/billing/plan-schedule';
import { billingPeriodOf } from '../../domain/billing/settlement';
import type { Client } from '../../domain/client';
import { newLinkToken } from '../../domain/ids';
import {
  completionTimeoutSeconds,
  DONE_LINK_DAYS,
  firstCompletionCheckSeconds,
  isBeforeDeadline,
  REMINDER_INTERVAL_HOURS,
  secondsUntilDueSoon,
} from '../../domain/routing/policy';
import type { Task } from '../../domain/task';
import type { Va } from '../../domain/va';
import { sha256Hex } from '../../hash';
import {
  assignedClientMail,
  assignedVaMail,
  type ClientNoticeInput,
  completedClientMail,
  firstName,
  packageLowMail,
  type TaskMailKind,
} from '../../mail/routing-templates';
import { donePath, filePath } from '../../web/link-paths';
import { packageMinutesLeft } from '../billing/package-balance';
import { settleTask } from '../billing/settle-task';
import { followUpsBeforeAssignment } from '../task-conversation';
import { DEADLINE_MOVED, type RoutingDeps, TaskCancelledError } from './deps';
import { fileNameOf } from './done-links';
import { sendWorkflowMail } from './mail';
import type { WorkflowState } from './offer-steps';
import { withdrawPendingOffers } from './pending-offers';

const DAY = 86_400;

const assignedTask = async (deps: RoutingDeps, taskId: string, vaId: string): Promise<Task> => {
  const task = await deps.tasks.get(taskId);
  if (!task || task.assignedVaId !== vaId || !['ASSIGNED', 'COMPLETED', 'BILLED'].includes(task.status))
    throw new TaskCancelledError(`Task ${taskId} is not assigned to ${vaId}`);
  return task;
};

interface Participants {
  va: Va;
  client: Client;
}

/** The task's VA and client, read once for every mail of a step; undefined when either is gone. */
const participantsOf = async (
  deps: RoutingDeps,
  task: Task,
  vaId: string,
): Promise<Participants | undefined> => {
  const [va, client] = await Promise.all([deps.vas.get(vaId), deps.clients.get(task.clientId)]);
  return va && client ? { va, client } : undefined;
};

/** Mails the VA the whole task with a fresh "Mark done" link (the token lives only in the mail). */
const mailTaskToVa = async (
  deps: RoutingDeps,
  task: Task,
  { va, client }: Participants,
  ref: string,
  kind: TaskMailKind,
) => {
  if (await deps.outbox.wasSent(ref)) return;
  const messages = await deps.thread.list(task.id);
  const token = newLinkToken(deps.runtime.randomBytes);
  const now = Math.floor(deps.runtime.now().getTime() / 1000);
  await deps.links.put(
    sha256Hex(token),
    { kind: 'done', taskId: task.id, vaId: va.id },
    now + DONE_LINK_DAYS * DAY,
  );
  await sendWorkflowMail(
    deps,
    ref,
    va.email,
    assignedVaMail({
      language: va.language,
      agency: { name: deps.config.agencyName },
      vaName: firstName(va.name),
      timeZone: va.timeZone,
      task,
      client: { name: client.contactName, company: client.company, email: client.emails[0] ?? '' },
      followUps: followUpsBeforeAssignment(messages, task),
      attachments: messages
        .flatMap((m) => m.attachmentKeys)
        .map((key, i) => ({
          name: fileNameOf(key),
          url: `${deps.config.publicBaseUrl}${filePath(token, i)}`,
        })),
      doneUrl: `${deps.config.publicBaseUrl}${donePath(token)}`,
      kind,
    }),
  );
};

/**
 * Assign: the accept link already made the one conditional write that gave the task to this VA;
 * this step closes the other offers of the round, counts the assignment, and tells VA and client.
 */
export const assign = async (
  state: WorkflowState,
  deps: RoutingDeps,
): Promise<NonNullable<WorkflowState['completion']>> => {
  const vaId = state.assignment?.vaId ?? '';
  const task = await assignedTask(deps, state.taskId, vaId);
  const at = deps.runtime.now().toISOString();
  await withdrawPendingOffers(deps.offers, task.id, at);
  await deps.stats.apply(
    vaId,
    { kind: 'answered', taskId: task.id, outcome: 'accepted', at },
    { kind: 'assigned', taskId: task.id },
  );
  const people = await participantsOf(deps, task, vaId);
  if (people) {
    await mailTaskToVa(deps, task, people, `assigned:${task.id}:${task.routingRun}`, 'assigned');
    const notice = await clientNotice(deps, task, people);
    await sendWorkflowMail(
      deps,
      `assigned-client:${task.id}:${task.routingRun}`,
      notice.to,
      assignedClientMail(notice.input),
      { taskId: task.id },
    );
  }
  return { timeoutSeconds: firstCompletionCheckSeconds(task, deps.runtime.now()), reminders: 0 };
};

/** AwaitCompletion: parks the workflow's token on the task; the done form completes it. */
export const awaitCompletion = async (state: WorkflowState, token: string, deps: RoutingDeps) => {
  if (await deps.assignments.awaitCompletion(state.taskId, token)) return;
  // The VA was quicker than this step, or the task was taken away: answer the token ourselves.
  const task = await deps.tasks.get(state.taskId);
  if (task && (task.status === 'COMPLETED' || task.status === 'BILLED'))
    await deps.workflow.succeed(token, { workedMinutes: task.workedMinutes ?? 0 });
  else await deps.workflow.fail(token, 'TaskCancelled', `Task ${state.taskId} is ${task?.status ?? 'gone'}`);
};

/**
 * The VA has not reported yet, a day before the deadline or after it: a mail saying so, with a new
 * done link, then wait again (until the deadline has passed, or for the next reminder). Woken by a
 * moved deadline, it says nothing (the change was mailed) and waits as if the task were new.
 */
export const remindVa = async (
  state: WorkflowState,
  deps: RoutingDeps,
): Promise<NonNullable<WorkflowState['completion']>> => {
  const vaId = state.assignment?.vaId ?? '';
  const task = await assignedTask(deps, state.taskId, vaId);
  const now = deps.runtime.now();
  const reminders = state.completion?.reminders ?? 0;
  if (state.lastWait?.Error === DEADLINE_MOVED)
    return { timeoutSeconds: firstCompletionCheckSeconds(task, now), reminders };
  // A timer set before the deadline moved later, by a change that stopped before waking the workflow.
  const early = secondsUntilDueSoon(task, now);
  if (early !== undefined) return { timeoutSeconds: early, reminders };
  const people = task.status === 'ASSIGNED' ? await participantsOf(deps, task, vaId) : undefined;
  if (isBeforeDeadline(task, now)) {
    // One per deadline: a deadline moved later earns the VA a reminder of its own.
    if (people)
      await mailTaskToVa(
        deps,
        task,
        people,
        `due-soon:${task.id}:${task.routingRun}:${task.deadline}`,
        'due-soon',
      );
    return { timeoutSeconds: completionTimeoutSeconds(task, now), reminders };
  }
  const overdue = reminders + 1;
  if (people)
    await mailTaskToVa(deps, task, people, `remind:${task.id}:${task.routingRun}:${overdue}`, 'overdue');
  return { timeoutSeconds: REMINDER_INTERVAL_HOURS * 3600, reminders: overdue };
};

/** Settle: bills the task exactly once into the ledger (COMPLETED -> BILLED). */
export const settle = async (state: WorkflowState, deps: RoutingDeps) => {
  await assignedTask(deps, state.taskId, state.assignment?.vaId ?? '');
  const s = await settleTask(state.taskId, deps);
  return { settled: true, billedMinutes: s.billedMinutes, netCents: s.netCents, grossCents: s.grossCents };
};

/** Two hours or less left: the client hears it once a month, before overage starts. */
const PACKAGE_LOW_MINUTES = 120;
const warnWhenPackageLow = async (client: Client, left: number | undefined, deps: RoutingDeps) => {
  const period = billingPeriodOf(deps.runtime.now().toISOString());
  const plan = planIn(client, period);
  if (left === undefined || left > PACKAGE_LOW_MINUTES || plan.kind !== 'package') return;
  await sendWorkflowMail(
    deps,
    `package-low:${client.id}:${period}`,
    client.emails[0] ?? '',
    packageLowMail({
      language: client.language,
      agency: { name: deps.config.agencyName },
      clientName: client.contactName,
      minutesLeft: left,
      includedMinutes: plan.includedMinutes,
    }),
  );
};

/** What every mail to the client about their task says: in their language and zone, naming the VA by first name. */
const clientNotice = async (deps: RoutingDeps, task: Task, { client, va }: Participants) => {
  const input: ClientNoticeInput = {
    language: client.language,
    agency: { name: deps.config.agencyName },
    clientName: client.contactName,
    timeZone: client.timeZone,
    task,
    vaFirstName: firstName(va.name),
    packageMinutesLeft: await packageMinutesLeft(client, deps.runtime.now(), deps.settlements),
  };
  return { client, to: client.emails[0] ?? '', input };
};

/** NotifyClient: the client hears the task is done; the VA's load goes down. */
export const notifyClient = async (state: WorkflowState, deps: RoutingDeps) => {
  const vaId = state.assignment?.vaId ?? '';
  const task = await assignedTask(deps, state.taskId, vaId);
  await deps.stats.apply(vaId, {
    kind: 'released',
    taskId: task.id,
    clientId: task.clientId,
    completed: true,
  });
  const people = await participantsOf(deps, task, vaId);
  if (!people) return { notified: false };
  const notice = await clientNotice(deps, task, people);
  const outcome = await sendWorkflowMail(
    deps,
    `completed-client:${task.id}`,
    notice.to,
    completedClientMail(notice.input),
    { taskId: task.id },
  );
  await warnWhenPackageLow(notice.client, notice.input.packageMinutesLeft, deps);
  return { notified: outcome === 'sent' || outcome === 'already-sent' };
};
