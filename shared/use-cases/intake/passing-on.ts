import type { Client } from '../../domain/client';
import type { Offer } from '../../domain/offer';
import type { Task } from '../../domain/task';
import type { Va } from '../../domain/va';
import {
  type VaTaskRelation,
  vaAboutOtherTaskMail,
  vaUnmatchedMail,
} from '../../mail/conversation-templates';
import { firstName } from '../../mail/routing-templates';
import { assignedVaOf, passOnToClient, passOnToOperator, passOnToVa, vaAuthor } from '../task-conversation';
import {
  attachmentsFit,
  type Context,
  type Decision,
  findThreadTask,
  passedOn,
  passedOnReason,
  recordMessage,
  sendAutomatic,
  storeAttachments,
} from './mail-context';

/**
 * A follow-up on a task under way reaches its VA. Before anyone has taken the task, it waits on the
 * thread: the VA's task mail lists it.
 */
export const passOnFollowUp = async (
  ctx: Context,
  client: Client,
  task: Task,
  withAttachments: boolean,
): Promise<Decision> => {
  const vaId = assignedVaOf(task);
  const va = vaId ? await ctx.deps.vas.get(vaId) : undefined;
  if (!va?.active) return { outcome: 'appended', taskId: task.id, reason: keptBecause(task, vaId, va) };
  const sent = await passOnToVa(ctx.deps, { task, client, va, message: passedOn(ctx, withAttachments) });
  return { outcome: 'appended', taskId: task.id, reason: passedOnReason(sent, va.id) };
};

const keptBecause = (task: Task, vaId: string | undefined, va: Va | undefined) => {
  if (vaId) return `kept; its VA ${vaId} is ${va ? 'inactive' : 'gone'}`;
  return task.status === 'ROUTING' || task.status === 'OFFERED'
    ? 'kept for the task mail'
    : `kept; the task is ${task.status}`;
};

const relationOf = (task: Task, offer: Offer): VaTaskRelation => {
  if (offer.status === 'PENDING' && task.status === 'OFFERED') return 'open-offer';
  return offer.status === 'ACCEPTED' || offer.status === 'RELEASED' ? 'no-longer-theirs' : 'not-theirs';
};

/**
 * The task a VA's mail that reached no client is about, if they were offered it: asking about an
 * offer is common, and so is answering a "no longer yours" mail.
 */
const offeredTaskOf = async (ctx: Context, va: Va) => {
  const task = await findThreadTask(ctx, () => true);
  const offer = task && (await ctx.deps.offers.get(task.id, va.id));
  return task && offer ? { task, relation: relationOf(task, offer) } : undefined;
};

/**
 * A VA's mail about a task they work on goes to its client. Anything else of theirs goes to the
 * operator, and the VA is told why no client got it (at most once a day).
 */
export const takeVaMessage = async (ctx: Context, va: Va, sender: string): Promise<Decision> => {
  const { deps } = ctx;
  const task = await findThreadTask(ctx, (t) => assignedVaOf(t) === va.id);
  const client = task ? await deps.clients.get(task.clientId) : undefined;
  if (!task || !client) {
    const message = passedOn(ctx, attachmentsFit(ctx));
    const about = await offeredTaskOf(ctx, va);
    await passOnToOperator(deps, { va, subject: ctx.mail.subject, message, about });
    // The VA hears where their mail went: about the offered task in its thread, else how to write.
    const agency = { name: deps.config.agencyName };
    const vaName = firstName(va.name);
    const answer = about
      ? vaAboutOtherTaskMail(va.language, agency, { vaName, ...about })
      : vaUnmatchedMail(va.language, agency, vaName);
    await sendAutomatic(ctx, `va-unmatched:${ctx.id}`, sender, answer, { oncePerDay: 'va-unmatched' });
    return {
      outcome: 'va-unmatched',
      reason: `${task ? `the client of ${task.id} is gone` : `no task of ${va.id}`}; passed on to the operator`,
    };
  }
  const attachmentKeys = await storeAttachments(ctx, task, va.language);
  await recordMessage(ctx, task.id, attachmentKeys, vaAuthor(va.id));
  const message = passedOn(ctx, attachmentKeys.length > 0);
  const sent = await passOnToClient(deps, { task, client, va, message });
  return { outcome: 'va-message', taskId: task.id, reason: passedOnReason(sent, client.id) };
};
