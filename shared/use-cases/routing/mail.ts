import type { RenderedMail } from '../../mail/compose';
import { automaticMail, messageIdFor } from '../../mail/outbound';
import type { RoutingDeps } from './deps';

/**
 * Sends a workflow mail once per `ref`. Mail to the client joins the thread of the task's first
 * answer, so it lands in the same conversation in their mail program.
 */
export const sendWorkflowMail = (
  deps: Pick<RoutingDeps, 'outbox' | 'config'>,
  ref: string,
  to: string,
  content: RenderedMail,
  thread?: { taskId: string },
) => {
  const { mailDomain, senderAddress } = deps.config;
  const inReplyTo = thread
    ? { messageId: messageIdFor(`ack:${thread.taskId}`, mailDomain), references: [] }
    : undefined;
  return deps.outbox.send(
    ref,
    automaticMail(content, { from: senderAddress, to, messageId: messageIdFor(ref, mailDomain), inReplyTo }),
    { unlimited: true, ...(thread ? { thread: thread.taskId } : {}) },
  );
};
