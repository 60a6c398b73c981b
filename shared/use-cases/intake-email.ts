import { ownWords } from '../domain/brief/clean-body';
import { detectLanguage } from '../domain/brief/language';
import { mergeAnswer } from '../domain/brief/merge-answer';
import { parseBrief } from '../domain/brief/parse-brief';
import type { Client } from '../domain/client';
import type { Language } from '../domain/common';
import { newTaskId, TASK_ID_PATTERN } from '../domain/ids';
import type { IntakeOutcome } from '../domain/intake';
import { isLongClosed, type Task } from '../domain/task';
import { taskFromBrief } from '../domain/task-from-brief';
import { MAX_MESSAGE_TEXT_BYTES, truncateUtf8 } from '../domain/text';
import type { Va } from '../domain/va';
import { ConflictError } from '../errors';
import { sha256Hex } from '../hash';
import { vaUnmatchedMail } from '../mail/conversation-templates';
import { type InboundMessage, originOf, parseInboundMessage } from '../mail/inbound-message';
import { type RenderedMail, tooLargeMail, unknownSenderMail } from '../mail/intake-templates';
import { automaticMail, messageIdFor } from '../mail/outbound';
import { firstName } from '../mail/routing-templates';
import type { SettlementStore } from '../ports/billing';
import type { BlobStore } from '../ports/blob-store';
import type { Runtime } from '../ports/clock';
import type { IntakeLog, Outbox, OutboxOptions, SendOutcome, TaskThread, ThreadIndex } from '../ports/intake';
import type { ClientRepository, TaskRepository, VaRepository } from '../ports/repositories';
import type { Workflow } from '../ports/routing';
import { packageMinutesLeft } from './billing/package-balance';
import { briefMail, createTaskOnce } from './new-task';
import { startRouting } from './routing/operator';
import {
  assignedVaOf,
  type PassedOnMessage,
  passOnToClient,
  passOnToOperator,
  passOnToVa,
  vaAuthor,
} from './task-conversation';

export interface IntakeConfig {
  agencyName: string;
  /** From of every automatic mail, e.g. `Agentur Muster <auftrag@agency.example>`. */
  senderAddress: string;
  /** The domain of the Message-IDs va-router writes. */
  mailDomain: string;
  /** Attachments above this in total are not taken over; the client is told. */
  maxAttachmentBytes: number;
  /** Hears of a VA's mail that belongs to no task of theirs (a question about an offer, say). */
  operatorEmail: string;
  operatorLanguage: Language;
}

export interface IntakeDeps {
  blobs: BlobStore;
  clients: ClientRepository;
  /** A VA writing about their task is passed on to the client, and the client's answer to them. */
  vas: Pick<VaRepository, 'get' | 'findByEmail'>;
  tasks: TaskRepository;
  /** Package clients see their hours left in every mail. */
  settlements: Pick<SettlementStore, 'packageUsage'>;
  log: IntakeLog;
  threads: ThreadIndex;
  thread: TaskThread;
  outbox: Outbox;
  workflow: Workflow;
  runtime: Runtime;
  config: IntakeConfig;
}

export interface IntakeResult {
  outcome: IntakeOutcome;
  taskId?: string;
  /** The mail had been processed before (a redelivery); nothing was done again. */
  duplicate: boolean;
}

/** A task reference in a subject, e.g. `Re: [VA-7K2Q9M] ...`, built from the one id pattern. */
const TASK_REFERENCE = new RegExp(`\\[(${TASK_ID_PATTERN.source.slice(1, -1)})\\]`, 'i');

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

interface Context {
  deps: IntakeDeps;
  mail: InboundMessage;
  /** Intake record id. */
  id: string;
  s3Key: string;
  receivedAt: Date;
  /** The id a new task from this mail gets. */
  taskId: string;
}

type Decision = { outcome: IntakeOutcome; reason?: string; taskId?: string };

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

  // Another client's reference never opens their task: it becomes a new task of the sender instead.
  const existing = await findThreadTask(ctx, (task) => task.clientId === client.id);
  return existing && !isLongClosed(existing, ctx.receivedAt)
    ? appendToTask(ctx, client, existing)
    : createTask(ctx, client);
};

/**
 * The task this mail answers, if `mayOpen` lets the sender in: by the reference in the subject, then
 * by In-Reply-To/References.
 */
const findThreadTask = async (ctx: Context, mayOpen: (task: Task) => boolean): Promise<Task | undefined> => {
  const byReference = TASK_REFERENCE.exec(ctx.mail.subject)?.[1]?.toUpperCase();
  const byHeaders = await ctx.deps.threads.find(
    [ctx.mail.inReplyTo, ...[...ctx.mail.references].reverse()].filter((x): x is string => Boolean(x)),
  );
  for (const taskId of [byReference, byHeaders]) {
    if (!taskId || taskId === ctx.taskId) continue;
    const task = await ctx.deps.tasks.get(taskId);
    if (task && mayOpen(task)) return task;
  }
  return undefined;
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
  });
  await replyOnThread(ctx, task.id, ack.ref, ack.content);
  if (routed) await startRouting(ctx.deps.workflow, routed);
  return { outcome: 'brief-completed', taskId: task.id };
};

/**
 * A follow-up on a task under way reaches its VA. Before anyone has taken the task, it waits on the
 * thread: the VA's task mail lists it.
 */
const passOnFollowUp = async (
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

/**
 * A VA's mail about a task they work on goes to its client. Anything else of theirs goes to the
 * operator, and the VA is told how to write about a task (at most once a day).
 */
const takeVaMessage = async (ctx: Context, va: Va, sender: string): Promise<Decision> => {
  const { deps } = ctx;
  const task = await findThreadTask(ctx, (t) => assignedVaOf(t) === va.id);
  const client = task ? await deps.clients.get(task.clientId) : undefined;
  if (!task || !client) {
    const message = passedOn(ctx, attachmentsFit(ctx));
    await passOnToOperator(deps, { va, subject: ctx.mail.subject, message });
    await sendAutomatic(
      ctx,
      `va-unmatched:${ctx.id}`,
      sender,
      vaUnmatchedMail(va.language, { name: deps.config.agencyName }, firstName(va.name)),
      { oncePerDay: 'va-unmatched' },
    );
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

const passedOn = (ctx: Context, withAttachments: boolean): PassedOnMessage => ({
  id: ctx.id,
  text: truncateUtf8(ownWords(ctx.mail.text, ctx.mail.subject), MAX_MESSAGE_TEXT_BYTES),
  attachments: withAttachments
    ? ctx.mail.attachments.map((a) => ({
        filename: safeFileName(a.filename),
        contentType: a.mimeType,
        content: a.content,
      }))
    : [],
});

const passedOnReason = (sent: SendOutcome, to: string) =>
  sent === 'sent' || sent === 'already-sent' ? `passed on to ${to}` : `kept, not passed on to ${to}: ${sent}`;

/** A file name that is safe as an S3 key part and in a MIME header, whatever the sender sent. */
const safeFileName = (name: string) => name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || 'attachment';

/** Attachments above the limit in total are not taken over, nor passed on. */
const attachmentsFit = ({ mail, deps }: Context) =>
  mail.attachments.reduce((sum, a) => sum + a.size, 0) <= deps.config.maxAttachmentBytes;

const storeAttachments = async (
  ctx: Context,
  task: Pick<Task, 'id' | 'title'>,
  language: Language,
): Promise<string[]> => {
  const { mail, deps } = ctx;
  if (!attachmentsFit(ctx)) {
    await replyOnThread(
      ctx,
      task.id,
      `too-large:${ctx.id}`,
      tooLargeMail(language, { name: deps.config.agencyName }, deps.config.maxAttachmentBytes, task),
    );
    return [];
  }
  const keys: string[] = [];
  for (const [index, attachment] of mail.attachments.entries()) {
    const key = `attachments/${task.id}/${ctx.id.slice(0, 16)}-${index}-${safeFileName(attachment.filename)}`;
    await deps.blobs.put(key, attachment.content, attachment.mimeType);
    keys.push(key);
  }
  return keys;
};

const recordMessage = async (ctx: Context, taskId: string, attachmentKeys: string[], from?: string) => {
  const { mail, deps } = ctx;
  await deps.thread.append(taskId, {
    id: ctx.id,
    receivedAt: ctx.receivedAt.toISOString(),
    from: from ?? mail.from?.address ?? '',
    subject: mail.subject,
    text: truncateUtf8(mail.text, MAX_MESSAGE_TEXT_BYTES),
    s3Key: ctx.s3Key,
    attachmentKeys,
  });
  if (mail.messageId) await deps.threads.link(mail.messageId, taskId);
};

/** Answers on the client's thread, so their reply comes back to this task. */
const replyOnThread = async (ctx: Context, taskId: string, ref: string, content: RenderedMail) => {
  const to = ctx.mail.replyTo?.address ?? ctx.mail.from?.address;
  if (!to) return;
  // Linked before sending: a reply that arrives at once must already find its task.
  await ctx.deps.threads.link(messageIdFor(ref, ctx.deps.config.mailDomain), taskId);
  await sendAutomatic(ctx, ref, to, content, { thread: taskId });
};

/** Every automatic mail of intake answers the client's mail, on its thread. */
const sendAutomatic = (
  ctx: Context,
  ref: string,
  to: string,
  content: RenderedMail,
  options: Pick<OutboxOptions, 'oncePerDay' | 'thread'>,
) =>
  ctx.deps.outbox.send(
    ref,
    automaticMail(content, {
      from: ctx.deps.config.senderAddress,
      to,
      messageId: messageIdFor(ref, ctx.deps.config.mailDomain),
      ...(ctx.mail.messageId
        ? { inReplyTo: { messageId: ctx.mail.messageId, references: ctx.mail.references } }
        : {}),
    }),
    options,
  );
