import type { Client } from '../domain/client';
import { DEFAULT_TIME_ZONE, type Language } from '../domain/common';
import { normalizeEmailAddress } from '../domain/email-address';
import {
  briefFromForm,
  type FieldErrors,
  type Submission,
  type UploadedFile,
  uploadKey,
  validateForm,
} from '../domain/form-submission';
import { newTaskId } from '../domain/ids';
import { taskFromBrief } from '../domain/task-from-brief';
import { sha256Hex } from '../hash';
import { confirmationMail } from '../mail/form-templates';
import { type RenderedMail, unknownSenderMail } from '../mail/intake-templates';
import { automaticMail, messageIdFor } from '../mail/outbound';
import type { SettlementStore } from '../ports/billing';
import type { BlobStore } from '../ports/blob-store';
import type { Runtime } from '../ports/clock';
import type { Outbox, TaskThread, ThreadIndex } from '../ports/intake';
import type { RateLimit, RateLimiter } from '../ports/rate-limiter';
import type { ClientRepository, TaskRepository } from '../ports/repositories';
import type { LinkRepository, Workflow } from '../ports/routing';
import type { StatementStore } from '../ports/statements';
import type { SubmissionStore } from '../ports/submissions';
import { packageMinutesLeft } from './billing/package-balance';
import { invoiceOfSubmission, passFormToOperator } from './form-billing-message';
import { briefMail, createTaskOnce } from './new-task';
import { startRouting } from './routing/operator';
import { issueWithdrawLink } from './withdraw-task';

export interface FormConfig {
  agencyName: string;
  senderAddress: string;
  mailDomain: string;
  maxAttachmentBytes: number;
  /** Where links in mails point, e.g. https://api.agency.example or http://127.0.0.1:3000. */
  publicBaseUrl: string;
  /** How long an emailed confirmation link works. */
  confirmHours: number;
  /** Who gets a client's question about an invoice. */
  operatorEmail: string;
  operatorLanguage: Language;
}

export interface FormDeps {
  clients: ClientRepository;
  tasks: TaskRepository;
  /** Package clients see their hours left in every mail. */
  settlements: Pick<SettlementStore, 'packageUsage'>;
  /** The personal form page lists the client's invoices; a question about one goes to the operator. */
  statements: Pick<StatementStore, 'listByClient' | 'findByNumber' | 'noteClientMessage'>;
  submissions: SubmissionStore;
  blobs: BlobStore;
  outbox: Outbox;
  /** The withdraw link in the client's first mail about a task. */
  links: Pick<LinkRepository, 'put'>;
  threads: ThreadIndex;
  thread: TaskThread;
  limiter: RateLimiter;
  workflow: Workflow;
  runtime: Runtime;
  config: FormConfig;
}

export interface FormInput {
  fields: Record<string, string>;
  files: UploadedFile[];
  /** A file was cut off at the size limit while reading the request. */
  oversized?: boolean;
  /** The personal link's token, when the form was opened through one. */
  formToken?: string;
  language: Language;
  sourceIp: string;
}

export type FormOutcome =
  | { kind: 'created'; taskId: string; needsInfo: boolean; duplicate: boolean }
  | { kind: 'confirmation-sent' }
  /** It asked about one of the client's invoices: the operator has it, no task was made. */
  | { kind: 'passed-on'; invoiceNumber: string }
  /** `clientName` greets the client again on the re-shown form. */
  | { kind: 'invalid'; errors: FieldErrors; clientName?: string }
  | { kind: 'invalid-link' }
  | { kind: 'expired' }
  | { kind: 'rate-limited' };

/** Per sender and per network address; a client filing 20 tasks an hour by hand is already a lot. */
const PER_IP: readonly RateLimit[] = [{ window: '1h', seconds: 3_600, max: 30 }];
const PER_CLIENT: readonly RateLimit[] = [{ window: '1h', seconds: 3_600, max: 20 }];
const PER_ADDRESS: readonly RateLimit[] = [{ window: '1h', seconds: 3_600, max: 5 }];

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A fresh id for a rendered form; the POST carries it back so a double click is one submission. */
export const newSubmissionId = (runtime: Runtime) => hex(runtime.randomBytes(16));

export const submitForm = async (input: FormInput, deps: FormDeps): Promise<FormOutcome> => {
  const now = deps.runtime.now();
  // Bots fill every field, people never see this one; they get the same answer as everyone.
  if (input.fields.website) return { kind: 'confirmation-sent' };
  if (!(await deps.limiter.consume(`form-ip:${input.sourceIp}`, PER_IP, now)))
    return { kind: 'rate-limited' };

  const client = input.formToken ? await deps.clients.findByFormToken(sha256Hex(input.formToken)) : undefined;
  if (input.formToken && !client) return { kind: 'invalid-link' };
  const checked = validateForm(input.fields, input.files, {
    needsEmail: !client,
    now,
    timeZone: client?.timeZone ?? DEFAULT_TIME_ZONE,
    maxAttachmentBytes: deps.config.maxAttachmentBytes,
    oversized: input.oversized,
  });
  if ('errors' in checked) {
    return { kind: 'invalid', errors: checked.errors, clientName: client?.company ?? client?.contactName };
  }

  const subject = client
    ? `form-client:${client.id}`
    : `form-address:${normalizeEmailAddress(checked.fields.email)}`;
  if (!(await deps.limiter.consume(subject, client ? PER_CLIENT : PER_ADDRESS, now)))
    return { kind: 'rate-limited' };

  const id = /^[0-9a-f]{32}$/.test(input.fields.submission ?? '')
    ? (input.fields.submission ?? '')
    : newSubmissionId(deps.runtime);
  // Raw input is never lost: the submission and its files are stored before anything else happens.
  await deps.blobs.put(
    `forms/${id}.json`,
    Buffer.from(JSON.stringify({ fields: input.fields, sourceIp: input.sourceIp, at: now })),
    'application/json',
  );
  const attachmentKeys: string[] = [];
  for (const [index, file] of input.files.entries()) {
    const key = uploadKey(id, index, file.filename);
    await deps.blobs.put(key, file.content, file.mimeType);
    attachmentKeys.push(key);
  }
  const confirmToken = client ? undefined : hex(deps.runtime.randomBytes(16));
  const submission = await deps.submissions.claim(
    {
      id,
      ...(client ? { clientId: client.id } : {}),
      email: client?.emails[0] ?? checked.fields.email,
      language: input.language,
      fields: checked.fields,
      ...(checked.deadlineAt ? { deadlineAt: checked.deadlineAt } : {}),
      attachmentKeys,
      status: 'pending',
      proposedTaskId: newTaskId(deps.runtime.randomBytes),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + deps.config.confirmHours * 3_600_000).toISOString(),
    },
    confirmToken ? sha256Hex(confirmToken) : undefined,
  );
  if (client) return createFromSubmission(submission, client, deps);
  if (confirmToken) await sendConfirmation(submission, confirmToken, deps);
  return { kind: 'confirmation-sent' };
};

/** The emailed link: only the address's owner can turn the submission into a task. */
export const confirmSubmission = async (token: string, deps: FormDeps): Promise<FormOutcome> => {
  const submission = await deps.submissions.findByConfirmToken(sha256Hex(token));
  if (!submission) return { kind: 'invalid-link' };
  const settled = settledOutcome(submission);
  if (settled) return settled;
  if (deps.runtime.now().getTime() > Date.parse(submission.expiresAt)) return { kind: 'expired' };
  const client = await deps.clients.findBySender(submission.email);
  if (!client) return { kind: 'invalid-link' };
  return createFromSubmission(submission, client, deps);
};

/** What a submission already became: a double click or a second confirmation shows it again. */
const settledOutcome = (submission: Submission): FormOutcome | undefined => {
  if (submission.status === 'created' && submission.taskId)
    return { kind: 'created', taskId: submission.taskId, needsInfo: false, duplicate: true };
  if (submission.status === 'passed-on' && submission.invoiceNumber)
    return { kind: 'passed-on', invoiceNumber: submission.invoiceNumber };
  return undefined;
};

const createFromSubmission = async (
  submission: Submission,
  client: Client,
  deps: FormDeps,
): Promise<FormOutcome> => {
  const settled = settledOutcome(submission);
  if (settled) return settled;
  const invoice = await invoiceOfSubmission(submission, client, deps);
  if (invoice) return passFormToOperator(submission, client, invoice, deps);
  const now = deps.runtime.now();
  const brief = briefFromForm(submission.fields, submission.deadlineAt, {
    now,
    timeZone: client.timeZone,
    language: submission.language,
  });
  const task = taskFromBrief(brief, {
    id: submission.proposedTaskId,
    clientId: client.id,
    source: 'form',
    sourceRef: submission.id,
    at: now.toISOString(),
  });
  await createTaskOnce(deps.tasks, task);
  await deps.thread.append(task.id, {
    id: submission.id,
    receivedAt: submission.createdAt,
    from: submission.email,
    subject: submission.fields.title,
    text: submission.fields.description,
    s3Key: `forms/${submission.id}.json`,
    attachmentKeys: submission.attachmentKeys,
  });
  await startRouting(deps.workflow, task);
  await deps.submissions.markCreated(submission.id, task.id);
  const mail = briefMail(brief, {
    taskId: task.id,
    client,
    agencyName: deps.config.agencyName,
    language: submission.language,
    packageMinutesLeft: await packageMinutesLeft(client, deps.runtime.now(), deps.settlements),
    withdrawUrl: await issueWithdrawLink(deps, task),
  });
  await send(deps, mail.ref, client.emails[0] ?? submission.email, mail.content, task.id);
  return { kind: 'created', taskId: task.id, needsInfo: brief.needsInfo, duplicate: false };
};

const sendConfirmation = async (submission: Submission, token: string, deps: FormDeps) => {
  const client = await deps.clients.findBySender(submission.email);
  const link = `${deps.config.publicBaseUrl}/confirm/${token}?lang=${submission.language}`;
  if (client) {
    await send(
      deps,
      `confirm:${submission.id}`,
      submission.email,
      confirmationMail(
        submission.language,
        { name: deps.config.agencyName },
        submission.fields.title,
        link,
        deps.config.confirmHours,
      ),
    );
  } else {
    // Not a client: the same answer on the page (no one learns who is a client), a note by mail.
    const ref = `unknown-sender:form:${submission.id}`;
    const content = unknownSenderMail(submission.language, { name: deps.config.agencyName });
    await deps.outbox.send(
      ref,
      automaticMail(content, {
        from: deps.config.senderAddress,
        to: submission.email,
        messageId: messageIdFor(ref, deps.config.mailDomain),
      }),
      { oncePerDay: 'unknown-sender' },
    );
  }
};

const send = async (deps: FormDeps, ref: string, to: string, content: RenderedMail, taskId?: string) => {
  const messageId = messageIdFor(ref, deps.config.mailDomain);
  if (taskId) await deps.threads.link(messageId, taskId);
  await deps.outbox.send(
    ref,
    automaticMail(content, { from: deps.config.senderAddress, to, messageId }),
    taskId ? { thread: taskId } : {},
  );
};
