import type { Task } from '../../domain/task';
import type { Va } from '../../domain/va';
import { givenBackClientMail, givenBackOperatorMail } from '../../mail/give-back-templates';
import { firstName } from '../../mail/routing-templates';
import { GIVE_BACK_LIMITS, type GiveBackOutcome } from '../../web/link-pages';
import type { RoutingDeps } from './deps';
import { findAssignment } from './done-links';
import { sendClientNote, sendWorkflowMail } from './mail';
import { startRouting } from './operator';

type GiveBackDeps = Pick<
  RoutingDeps,
  | 'links'
  | 'tasks'
  | 'vas'
  | 'clients'
  | 'offers'
  | 'assignments'
  | 'stats'
  | 'workflow'
  | 'outbox'
  | 'runtime'
  | 'config'
>;

export type GiveBackView =
  | { kind: 'open'; task: Task; language: 'de' | 'en' }
  | { kind: 'closed'; outcome: GiveBackOutcome; language?: 'de' | 'en' };

/** Why the link gives nothing back: the task is done, or no longer this VA's, or was given back. */
const closedOutcome = async (
  task: Task,
  va: Va,
  deps: GiveBackDeps,
): Promise<GiveBackOutcome | undefined> => {
  if (task.assignedVaId === va.id && task.status === 'ASSIGNED') return undefined;
  if (task.assignedVaId === va.id && (task.status === 'COMPLETED' || task.status === 'BILLED'))
    return 'already-done';
  const offer = await deps.offers.get(task.id, va.id);
  return offer?.status === 'RELEASED' ? 'already-given-back' : 'not-yours';
};

export const viewGiveBack = async (token: string, deps: GiveBackDeps): Promise<GiveBackView> => {
  const found = await findAssignment(token, deps);
  if (!found) return { kind: 'closed', outcome: 'invalid-link' };
  const closed = await closedOutcome(found.task, found.va, deps);
  return closed
    ? { kind: 'closed', outcome: closed, language: found.va.language }
    : { kind: 'open', task: found.task, language: found.va.language };
};

export type GiveBackResult =
  | { kind: 'closed'; outcome: GiveBackOutcome; language?: 'de' | 'en' }
  | { kind: 'invalid'; task: Task; language: 'de' | 'en'; error: string };

const tooLong = {
  de: `Der Grund darf höchstens ${GIVE_BACK_LIMITS.maxReasonLength} Zeichen lang sein.`,
  en: `The reason may be at most ${GIVE_BACK_LIMITS.maxReasonLength} characters long.`,
} as const;

/**
 * What follows a give-back, each part once however often it runs: the VA's load goes down, a new
 * routing run starts (without them), and client and operator hear of it. A POST that crashed
 * halfway is finished by the next click, which finds the offer RELEASED.
 */
const afterGiveBack = async (task: Task, va: Va, reason: string, deps: GiveBackDeps) => {
  await deps.stats.apply(va.id, {
    kind: 'released',
    taskId: task.id,
    clientId: task.clientId,
    completed: false,
  });
  await startRouting(deps.workflow, task);
  const client = await deps.clients.get(task.clientId);
  const ref = `given-back:${task.id}:${va.id}`;
  const agency = { name: deps.config.agencyName };
  if (client)
    await sendClientNote(deps, `${ref}:client`, client, task, (note) =>
      givenBackClientMail({ ...note, vaFirstName: firstName(va.name) }),
    );
  await sendWorkflowMail(
    deps,
    `${ref}:operator`,
    deps.config.operatorEmail,
    givenBackOperatorMail({
      language: deps.config.operatorLanguage,
      agency,
      task,
      vaName: va.name,
      clientName: client ? (client.company ?? client.contactName) : task.clientId,
      reason,
      run: task.routingRun,
    }),
  );
};

/**
 * POST of the give-back form: the VA cannot do the task after all. One transaction takes it from
 * them (racing the done form, exactly one wins); the workflow waiting for their done report ends,
 * and routing starts again with everyone but them.
 */
export const giveBackTask = async (
  token: string,
  fields: Record<string, string | undefined>,
  deps: GiveBackDeps,
): Promise<GiveBackResult> => {
  const found = await findAssignment(token, deps);
  if (!found) return { kind: 'closed', outcome: 'invalid-link' };
  const { task, va } = found;
  const reason = (fields.reason ?? '').replace(/\r\n/g, '\n').trim();
  const closed = await closedOutcome(task, va, deps);
  if (closed === 'already-given-back') await afterGiveBack(task, va, reason, deps);
  if (closed) return { kind: 'closed', outcome: closed, language: va.language };
  if (reason.length > GIVE_BACK_LIMITS.maxReasonLength)
    return { kind: 'invalid', task, language: va.language, error: tooLong[va.language] };

  const at = deps.runtime.now().toISOString();
  if (!(await deps.assignments.release(task.id, va.id, task.routingRun, at))) {
    const again = await deps.tasks.get(task.id);
    const outcome = again ? await closedOutcome(again, va, deps) : undefined;
    return { kind: 'closed', outcome: outcome ?? 'not-yours', language: va.language };
  }
  // The old run waits for this VA's done report; without this it would end at its next reminder.
  if (task.completionToken)
    await deps.workflow.fail(task.completionToken, 'TaskCancelled', `Given back by ${va.id}`);
  const released = await deps.tasks.get(task.id);
  if (released) await afterGiveBack(released, va, reason, deps);
  return { kind: 'closed', outcome: 'given-back', language: va.language };
};
