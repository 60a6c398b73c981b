import { invoiceNumberNamed } from '../../domain/billing/invoice';
import { ownWords } from '../../domain/brief/clean-body';
import type { Language } from '../../domain/common';
import { TASK_ID_PATTERN } from '../../domain/ids';
import type { IntakeOutcome } from '../../domain/intake';
import type { Task } from '../../domain/task';
import { MAX_MESSAGE_TEXT_BYTES, truncateUtf8 } from '../../domain/text';
import type { InboundMessage } from '../../mail/inbound-message';
import { type RenderedMail, tooLargeMail } from '../../mail/intake-templates';
import { automaticMail, messageIdFor } from '../../mail/outbound';
import type { SettlementStore } from '../../ports/billing';
import type { BlobStore } from '../../ports/blob-store';
import type { Runtime } from '../../ports/clock';
import type {
  IntakeLog,
  Outbox,
  OutboxOptions,
  SendOutcome,
  TaskThread,
  ThreadIndex,
} from '../../ports/intake';
import type {
  ClientRepository,
  OfferRepository,
  TaskRepository,
  VaRepository,
} from '../../ports/repositories';
import type { LinkRepository, Workflow } from '../../ports/routing';
import type { StatementStore, StoredStatement } from '../../ports/statements';
import type { PassedOnMessage } from '../task-conversation';

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
  /** Where the client's withdraw link points: the HTTP API, without a trailing slash. */
  publicBaseUrl: string;
}

export interface IntakeDeps {
  blobs: BlobStore;
  clients: ClientRepository;
  /** A VA writing about their task is passed on to the client, and the client's answer to them. */
  vas: Pick<VaRepository, 'get' | 'findByEmail'>;
  tasks: TaskRepository;
  /** A VA who writes about a task that is not theirs is told how they stand to it. */
  offers: Pick<OfferRepository, 'get'>;
  /** Package clients see their hours left in every mail. */
  settlements: Pick<SettlementStore, 'packageUsage'>;
  log: IntakeLog;
  threads: ThreadIndex;
  thread: TaskThread;
  outbox: Outbox;
  /** The withdraw link in the client's first mail about a task. */
  links: Pick<LinkRepository, 'put'>;
  /** A client's mail about an invoice goes to the operator; it is no task. */
  /** A client's mail about an invoice is noted on it: automatic reminders stop for a person to answer. */
  statements: Pick<StatementStore, 'findByNumber' | 'noteClientMessage'>;
  workflow: Workflow;
  runtime: Runtime;
  config: IntakeConfig;
}

/**
 * What intake knows about the one mail it is working on. The functions here are what every kind of
 * mail shares: its files stored, its place on a task's thread, answers on the sender's thread.
 */
export interface Context {
  deps: IntakeDeps;
  mail: InboundMessage;
  /** Intake record id. */
  id: string;
  s3Key: string;
  receivedAt: Date;
  /** The id a new task from this mail gets. */
  taskId: string;
}

export type Decision = { outcome: IntakeOutcome; reason?: string; taskId?: string };

/** A task reference in a subject, e.g. `Re: [VA-7K2Q9M] ...`, built from the one id pattern. */
const TASK_REFERENCE = new RegExp(`\\[(${TASK_ID_PATTERN.source.slice(1, -1)})\\]`, 'i');

const threads = new WeakMap<Context, Promise<string | undefined>>();
/** What In-Reply-To/References link to (a task, or an invoice's number), looked up once per mail. */
const threadOf = (ctx: Context) => {
  let found = threads.get(ctx);
  if (!found) {
    found = ctx.deps.threads.find(
      [ctx.mail.inReplyTo, ...[...ctx.mail.references].reverse()].filter((x): x is string => Boolean(x)),
    );
    threads.set(ctx, found);
  }
  return found;
};

/**
 * The client's invoice this mail is about, when it names no task: the number in its subject, or
 * an answer to the invoice's (or a reminder's) mail. Another client's number opens nothing.
 */
export const findThreadInvoice = async (
  ctx: Context,
  clientId: string,
): Promise<StoredStatement | undefined> => {
  if (TASK_REFERENCE.test(ctx.mail.subject)) return undefined;
  const bySubject = invoiceNumberNamed(ctx.mail.subject);
  for (const number of [bySubject, bySubject ? undefined : await threadOf(ctx)]) {
    // The thread index also knows tasks: only what reads as an invoice number is one.
    if (!number || invoiceNumberNamed(number) !== number) continue;
    const statement = await ctx.deps.statements.findByNumber(number);
    if (statement?.clientId === clientId) return statement;
  }
  return undefined;
};

/**
 * The task this mail answers, if `mayOpen` lets the sender in: by the reference in the subject, then
 * by In-Reply-To/References.
 */
export const findThreadTask = async (
  ctx: Context,
  mayOpen: (task: Task) => boolean,
): Promise<Task | undefined> => {
  const byReference = TASK_REFERENCE.exec(ctx.mail.subject)?.[1]?.toUpperCase();
  const byHeaders = await threadOf(ctx);
  for (const taskId of [byReference, byHeaders]) {
    if (!taskId || taskId === ctx.taskId) continue;
    const task = await ctx.deps.tasks.get(taskId);
    if (task && mayOpen(task)) return task;
  }
  return undefined;
};

export const passedOn = (ctx: Context, withAttachments: boolean): PassedOnMessage => ({
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

export const passedOnReason = (sent: SendOutcome, to: string) =>
  sent === 'sent' || sent === 'already-sent' ? `passed on to ${to}` : `kept, not passed on to ${to}: ${sent}`;

/** A file name that is safe as an S3 key part and in a MIME header, whatever the sender sent. */
export const safeFileName = (name: string) =>
  name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || 'attachment';

/** Attachments above the limit in total are not taken over, nor passed on. */
export const attachmentsFit = ({ mail, deps }: Context) =>
  mail.attachments.reduce((sum, a) => sum + a.size, 0) <= deps.config.maxAttachmentBytes;

export const storeAttachments = async (
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

export const recordMessage = async (
  ctx: Context,
  taskId: string,
  attachmentKeys: string[],
  from?: string,
) => {
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
export const replyOnThread = async (ctx: Context, taskId: string, ref: string, content: RenderedMail) => {
  const to = ctx.mail.replyTo?.address ?? ctx.mail.from?.address;
  if (!to) return;
  // Linked before sending: a reply that arrives at once must already find its task.
  await ctx.deps.threads.link(messageIdFor(ref, ctx.deps.config.mailDomain), taskId);
  await sendAutomatic(ctx, ref, to, content, { thread: taskId });
};

/** Every automatic mail of intake answers the client's mail, on its thread. */
export const sendAutomatic = (
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
