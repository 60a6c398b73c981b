import type { Client } from '../../domain/client';
import type { ClientNote, RenderedMail } from '../../mail/compose';
import { acknowledgementRef, automaticMail, messageIdFor } from '../../mail/outbound';
import type { Outbox } from '../../ports/intake';
import type { RoutingConfig } from './deps';

interface MailDeps {
  outbox: Outbox;
  config: Pick<RoutingConfig, 'mailDomain' | 'senderAddress'>;
}

/**
 * The task's first answer to the client, as their mail program knows it: SES gave it a Message-ID
 * of its own, which a reply names, with ours in References.
 */
export const firstAnswerOf = async (deps: MailDeps, taskId: string) => {
  const ref = acknowledgementRef(taskId);
  const ours = messageIdFor(ref, deps.config.mailDomain);
  const delivered = await deps.outbox.deliveredMessageIdOf(ref);
  return delivered && delivered !== ours
    ? { messageId: delivered, references: [ours] }
    : { messageId: ours, references: [] };
};

/**
 * Sends a workflow mail once per `ref`. Mail to the client answers the task's first answer, so it
 * lands in the same conversation in their mail program, and replies to it find the task.
 */
export const sendWorkflowMail = async (
  deps: MailDeps,
  ref: string,
  to: string,
  content: RenderedMail,
  thread?: { taskId: string },
) => {
  const { mailDomain, senderAddress } = deps.config;
  const inReplyTo = thread ? await firstAnswerOf(deps, thread.taskId) : undefined;
  return deps.outbox.send(
    ref,
    automaticMail(content, { from: senderAddress, to, messageId: messageIdFor(ref, mailDomain), inReplyTo }),
    { unlimited: true, ...(thread ? { thread: thread.taskId } : {}) },
  );
};

/** A note to the client about a task, in their language and in the task's thread, once per `ref`. */
export const sendClientNote = (
  deps: MailDeps & { config: Pick<RoutingConfig, 'agencyName'> },
  ref: string,
  client: Pick<Client, 'language' | 'contactName' | 'emails'>,
  task: { id: string; title: string },
  mail: (note: ClientNote) => RenderedMail,
) =>
  sendWorkflowMail(
    deps,
    ref,
    client.emails[0] ?? '',
    mail({
      language: client.language,
      agency: { name: deps.config.agencyName },
      task,
      clientName: client.contactName,
    }),
    { taskId: task.id },
  );
