import { sha256Hex } from '../hash';
import type { OutboundMail } from '../ports/mailer';
import type { RenderedMail } from './intake-templates';

/**
 * The outbox ref of a task's acknowledgement (the brief as understood, nothing asked): the later
 * mails to the client answer it, and a task routed by the operator gets it once.
 */
export const acknowledgementRef = (taskId: string) => `ack:${taskId}`;

/** Our Message-ID for an automatic mail, derived from its outbox ref: a retry writes the same one. */
export const messageIdFor = (ref: string, mailDomain: string) =>
  `${sha256Hex(ref).slice(0, 24)}@${mailDomain}`;

/**
 * An automatic mail from the agency. As an answer (`inReplyTo`) it joins the client's thread and is
 * marked auto-replied; otherwise it is an auto-generated notice.
 */
export const automaticMail = (
  content: RenderedMail,
  options: {
    from: string;
    to: string;
    messageId: string;
    inReplyTo?: { messageId: string; references: readonly string[] };
  },
): OutboundMail => ({
  from: options.from,
  to: options.to,
  subject: content.subject,
  text: content.text,
  html: content.html,
  messageId: options.messageId,
  ...(options.inReplyTo
    ? {
        inReplyTo: options.inReplyTo.messageId,
        references: [...options.inReplyTo.references, options.inReplyTo.messageId],
      }
    : {}),
  autoSubmitted: options.inReplyTo ? 'auto-replied' : 'auto-generated',
});
