import { ownWords } from '../domain/brief/clean-body';
import type { Client } from '../domain/client';
import type { Language } from '../domain/common';
import type { Task, TaskStatus } from '../domain/task';
import type { Va } from '../domain/va';
import type { RenderedMail } from '../mail/compose';
import {
  relayHeldMail,
  relayToClientMail,
  relayToVaMail,
  type VaToOperatorInput,
  vaToOperatorMail,
} from '../mail/conversation-templates';
import { automaticMail, messageIdFor } from '../mail/outbound';
import { firstName } from '../mail/routing-templates';
import type { Outbox, SendOutcome, TaskMessage, ThreadIndex } from '../ports/intake';
import type { OutboundMail } from '../ports/mailer';
import { firstAnswerOf } from './routing/mail';

/**
 * Client and VA talk about a task through the agency's inbox: each mail is kept on the task's
 * thread and passed on to the other side, so the agency sees the whole conversation and the VA's
 * own address stays private.
 */
export interface ConversationDeps {
  outbox: Outbox;
  threads: ThreadIndex;
  config: {
    agencyName: string;
    senderAddress: string;
    mailDomain: string;
    operatorEmail: string;
    operatorLanguage: Language;
  };
}

/** A task has a VA to talk to from assignment on; before that, the VA's task mail carries the client's follow-ups. */
const WITH_VA: readonly TaskStatus[] = ['ASSIGNED', 'COMPLETED', 'BILLED'];

export const assignedVaOf = (task: Task): string | undefined =>
  task.assignedVaId && WITH_VA.includes(task.status) ? task.assignedVaId : undefined;

/**
 * How a VA's mail is recorded on the client's task thread: by the VA's id, because the client may
 * see their thread (right of access) and the VA's address is not theirs to see.
 */
export const vaAuthor = (vaId: string) => `va:${vaId}`;
const isFromVa = (m: TaskMessage) => m.from.startsWith('va:');

/**
 * The client's mails after the brief that came while nobody had the task yet, for the VA's task mail.
 * Later ones went to the VA as they came, so a reminder does not repeat them.
 */
export const followUpsBeforeAssignment = (messages: readonly TaskMessage[], task: Task) =>
  messages
    .filter(
      (m) => m.id !== task.sourceRef && !isFromVa(m) && (!task.assignedAt || m.receivedAt <= task.assignedAt),
    )
    .map((m) => ({ at: m.receivedAt, text: ownWords(m.text, m.subject) }));

export interface PassedOnMessage {
  /** The intake record id of the mail: it is passed on once, however often it is delivered. */
  id: string;
  text: string;
  attachments: NonNullable<OutboundMail['attachments']>;
}

interface Participants {
  task: Task;
  client: Client;
  va: Va;
  message: PassedOnMessage;
}

/** One outbox entry per received mail: a redelivery finds it sent. */
const relayRef = (message: PassedOnMessage) => `relay:${message.id}`;

const send = async (
  deps: ConversationDeps,
  { task, message }: Participants,
  to: { address: string; name: string },
  content: RenderedMail,
  /** The client's thread; mail to the VA starts its own, found again by the subject's reference. */
  inReplyTo?: { messageId: string; references: readonly string[] },
): Promise<SendOutcome> => {
  const ref = relayRef(message);
  const messageId = messageIdFor(ref, deps.config.mailDomain);
  // Linked before sending: an answer that names only this mail still finds the task.
  await deps.threads.link(messageId, task.id);
  const mail = automaticMail(content, {
    from: deps.config.senderAddress,
    to: to.address,
    messageId,
    inReplyTo,
  });
  // Passed-on mail counts against the recipient's limits: two autoresponders that ignore
  // Auto-Submitted would otherwise mail each other through us without end.
  const sent = await deps.outbox.send(
    ref,
    { ...mail, attachments: message.attachments },
    inReplyTo ? { thread: task.id } : {},
  );
  if (sent === 'rate-limited') await tellOperatorHeldBack(deps, { task, recipient: to.name, message });
  return sent;
};

const relayInput = (
  deps: ConversationDeps,
  { task, message }: Participants,
  to: { language: Language; name: string },
  authorName: string,
) => ({
  language: to.language,
  agency: { name: deps.config.agencyName },
  task,
  recipientName: to.name,
  authorName,
  text: message.text,
  attachmentNames: message.attachments.map((a) => a.filename),
});

/** The client wrote about a task their VA works on: the VA gets it, attachments included. */
export const passOnToVa = (deps: ConversationDeps, p: Participants): Promise<SendOutcome> =>
  send(
    deps,
    p,
    { address: p.va.email, name: p.va.name },
    relayToVaMail(
      relayInput(deps, p, { language: p.va.language, name: firstName(p.va.name) }, p.client.contactName),
    ),
  );

/** The VA wrote about the client's task: the client gets it on the task's thread, from the agency. */
export const passOnToClient = async (deps: ConversationDeps, p: Participants): Promise<SendOutcome> =>
  send(
    deps,
    p,
    { address: p.client.emails[0] ?? '', name: p.client.contactName },
    relayToClientMail(
      relayInput(deps, p, { language: p.client.language, name: p.client.contactName }, firstName(p.va.name)),
    ),
    await firstAnswerOf(deps, p.task.id),
  );

/** A mail to the operator from the agency's address. */
export const toOperator = (deps: Pick<ConversationDeps, 'config'>, ref: string, content: RenderedMail) =>
  automaticMail(content, {
    from: deps.config.senderAddress,
    to: deps.config.operatorEmail,
    messageId: messageIdFor(ref, deps.config.mailDomain),
  });

/**
 * A message the recipient's limit held back stays on the thread; the operator hears of it, once a day
 * per task at most, since a loop would otherwise flood them instead.
 */
const tellOperatorHeldBack = (
  deps: ConversationDeps,
  { task, recipient, message }: { task: Task; recipient: string; message: PassedOnMessage },
): Promise<SendOutcome> => {
  const ref = `relay-held:${message.id}`;
  const content = relayHeldMail(
    deps.config.operatorLanguage,
    { name: deps.config.agencyName },
    { task, recipient },
  );
  return deps.outbox.send(ref, toOperator(deps, ref, content), {
    oncePerDay: `relay-held:${task.id}`,
    unlimited: true,
  });
};

/**
 * A VA's mail about none of their tasks (a question about an offer, say) goes to the operator, who
 * answers the VA directly. The operator is the agency's own: the per-recipient limits do not apply.
 */
export const passOnToOperator = (
  deps: ConversationDeps,
  {
    va,
    subject,
    message,
    about,
  }: { va: Va; subject: string; message: PassedOnMessage; about?: VaToOperatorInput['about'] },
): Promise<SendOutcome> => {
  const ref = relayRef(message);
  const content = vaToOperatorMail({
    language: deps.config.operatorLanguage,
    agency: { name: deps.config.agencyName },
    vaName: va.name,
    vaEmail: va.email,
    subject,
    text: message.text,
    attachmentNames: message.attachments.map((a) => a.filename),
    about,
  });
  return deps.outbox.send(
    ref,
    { ...toOperator(deps, ref, content), replyTo: va.email, attachments: message.attachments },
    { unlimited: true },
  );
};
