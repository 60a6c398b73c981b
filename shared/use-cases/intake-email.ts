import { detectLanguage } from '../domain/brief/language';
import { mergeAnswer } from '../domain/brief/merge-answer';
import { parseBrief } from '../domain/brief/parse-brief';
import type { Client } from '../domain/client';
import { newTaskId } from '../domain/ids';
import type { IntakeOutcome } from '../domain/intake';
import { isLongClosed, type Task } from '../domain/task';
import { taskFromBrief } from '../domain/task-from-brief';
import { ConflictError } from '../errors';
import { sha256Hex } from '../hash';
import { type InboundMessage, originOf, parseInboundMessage } from '../mail/inbound-message';
import { unknownSenderMail } from '../mail/intake-templates';
import { packageMinutesLeft } from './billing/package-balance';
import { takeBillingMessage } from './intake/billing-message';
import {
  type Context,
  type Decision,
  findThreadInvoice,
  findThreadTask,
  type IntakeDeps,
  recordMessage,
  replyOnThread,
  sendAutomatic,
  storeAttachments,
} from './intake/mail-context';
import { passOnFollowUp, takeVaMessage } from './intake/passing-on';
import { briefMail, createTaskOnce } from './new-task';
import { startRouting } from './routing/operator';
import { issueWithdrawLink } from './withdraw-task';

export type { IntakeConfig, IntakeDeps } from './intake/mail-context';

export interface IntakeResult {
  outcome: IntakeOutcome;
  taskId?: string;
  /** The mail had been processed before (a redelivery); nothing was done again. */
  duplicate: boolean;
}

/** A mail's identity: its Message-ID, or for mail without one, its bytes. */
export const intakeRecordId = (mail: Pick<InboundMessage, 'messageId' | 'contentHash'>) =>
  sha256Hex(mail.messageId ? `mid:${mail.messageId}` : `raw:${mail.contentHash}`);

/** A Date header from the future or long ago is not trusted for "bis morgen". */
const effectiveDate = (mail: InboundMessage, receivedAt: Date): Date => {
  const sent = mail.date ? Date.parse(mail.date) : Number.NaN;
  const ok = sent <= receivedAt.getTime() + 5 * 60_000 && sent >= receivedAt.getTime() - 7 * 86_400_000;
  return ok ? new Date(sent) : receivedAt;
};

/** SES puts its verdicts on top; a sender cannot hide a FAIL under a forged PASS further down. */
const sesVerdictFailed = (mail: InboundMessage): string | undefined => {
  for (const header of ['x-ses-virus-verdict', 'x-ses-spam-verdict']) {
    if (mail.headers.get(header)?.[0]?.trim().toUpperCase() === 'FAIL') return header;
  }
  return undefined;
};

/**
 * Turns one stored raw mail into a task, an addition to a task, or a recorded decision not to. Safe
 * to run any number of times for the same mail: the intake record is claimed first and carries the
 * task id chosen the first time; every write is conditional or idempotent; every mail goes through
 * the outbox, which sends each one once.
 */
export const processInboundMail = async (s3Key: string, deps: IntakeDeps): Promise<IntakeResult> => {
  const raw = await deps.blobs.get(s3Key);
  if (!raw) throw new Error(`No stored mail at ${s3Key}`);
  const mail = await parseInboundMessage(raw);
  const receivedAt = deps.runtime.now();
  const id = intakeRecordId(mail);
  const record = await deps.log.claim({
    id,
    s3Key,
    messageId: mail.messageId,
    from: mail.from?.address,
    subject: mail.subject.slice(0, 500),
    receivedAt: receivedAt.toISOString(),
    proposedTaskId: newTaskId(deps.runtime.randomBytes),
    state: 'received',
  });
  if (record.state === 'done' && record.outcome) {
    return { outcome: record.outcome, taskId: record.taskId, duplicate: true };
  }
  const context = {
    deps,
    mail,
    id,
    s3Key,
    receivedAt: new Date(record.receivedAt),
    taskId: record.proposedTaskId,
  };
  const result = await decide(context);
  await deps.log.finish(id, result.outcome, { reason: result.reason, taskId: result.taskId });
  return { outcome: result.outcome, taskId: result.taskId, duplicate: false };
};

const decide = async (ctx: Context): Promise<Decision> => {
  const { mail, deps } = ctx;
  const verdict = sesVerdictFailed(mail);
  if (verdict) return { outcome: 'quarantined', reason: `${verdict}: FAIL` };
  const origin = originOf(mail);
  if (origin.kind !== 'person') return { outcome: origin.kind, reason: origin.reason };

  const sender = mail.from?.address;
  const client = sender ? await deps.clients.findBySender(sender) : undefined;
  const va = sender && !client ? await deps.vas.findByEmail(sender) : undefined;
  if (va && sender) return takeVaMessage(ctx, va, sender);
  if (!client || !sender) {
    if (sender) {
      const language = detectLanguage(`${mail.subject}\n${mail.text}`, 'de');
      await sendAutomatic(
        ctx,
        `unknown-sender:${ctx.id}`,
        sender,
        unknownSenderMail(language, { name: deps.config.agencyName }),
        {
          oncePerDay: 'unknown-sender',
        },
      );
    }
    return {
      outcome: 'unknown-sender',
      reason: sender ? `no client or VA for ${sender}` : 'no From address',
    };
  }

  const invoice = await findThreadInvoice(ctx, client.id);
  if (invoice) return takeBillingMessage(ctx, client, sender, invoice);
  // Another client's reference never opens their task: it becomes a new task of the sender instead.
  const existing = await findThreadTask(ctx, (task) => task.clientId === client.id);
  return existing && !isLongClosed(existing, ctx.receivedAt)
    ? appendToTask(ctx, client, existing)
    : createTask(ctx, client);
};

const createTask = async (ctx: Context, client: Client): Promise<Decision> => {
  const { deps, mail } = ctx;
  const brief = parseBrief({
    subject: mail.subject,
    body: mail.text,
    now: effectiveDate(mail, ctx.receivedAt),
    timeZone: client.timeZone,
    fallbackLanguage: client.language,
  });
  const attachmentKeys = await storeAttachments(ctx, { id: ctx.taskId, title: brief.title }, client.language);
  const task = taskFromBrief(brief, {
    id: ctx.taskId,
    clientId: client.id,
    source: 'email',
    sourceRef: ctx.id,
    at: ctx.receivedAt.toISOString(),
  });
  await createTaskOnce(deps.tasks, task);
  await recordMessage(ctx, task.id, attachmentKeys);
  const answer = briefMail(brief, {
    taskId: task.id,
    client,
    agencyName: deps.config.agencyName,
    language: brief.language,
    packageMinutesLeft: await packageMinutesLeft(client, ctx.receivedAt, deps.settlements),
    withdrawUrl: await issueWithdrawLink(deps, task),
  });
  await replyOnThread(ctx, task.id, answer.ref, answer.content);
  await startRouting(deps.workflow, task);
  if (brief.needsInfo) {
    return { outcome: 'needs-info', taskId: task.id, reason: `missing ${brief.missing.join(', ')}` };
  }
  return { outcome: 'task-created', taskId: task.id };
};

/**
 * A reply on a task's thread. When the task waits for the client's answer, the answer completes the
 * brief and the task moves on: va-router asks once, so it routes with what it has after that.
 */
const appendToTask = async (ctx: Context, client: Client, task: Task): Promise<Decision> => {
  const attachmentKeys = await storeAttachments(ctx, task, client.language);
  await recordMessage(ctx, task.id, attachmentKeys);
  if (task.status !== 'NEEDS_INFO') return passOnFollowUp(ctx, client, task, attachmentKeys.length > 0);

  const answer = parseBrief({
    subject: '',
    body: ctx.mail.text,
    now: effectiveDate(ctx.mail, ctx.receivedAt),
    timeZone: client.timeZone,
    fallbackLanguage: task.language,
  });
  const merged = mergeAnswer(task, answer);
  let routed: Task | undefined;
  try {
    routed = await ctx.deps.tasks.transition(
      task.id,
      'NEEDS_INFO',
      'ROUTING',
      ctx.receivedAt.toISOString(),
      merged.changes,
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // A retry of this answer: the task moved on before; its workflow may still need starting.
    routed = await ctx.deps.tasks.get(task.id);
  }
  const ack = briefMail(merged.brief, {
    taskId: task.id,
    client,
    agencyName: ctx.deps.config.agencyName,
    language: task.language,
    packageMinutesLeft: await packageMinutesLeft(client, ctx.receivedAt, ctx.deps.settlements),
    withdrawUrl: await issueWithdrawLink(ctx.deps, task),
  });
  await replyOnThread(ctx, task.id, ack.ref, ack.content);
  if (routed) await startRouting(ctx.deps.workflow, routed);
  return { outcome: 'brief-completed', taskId: task.id };
};
