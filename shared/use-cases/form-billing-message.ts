import { invoiceNumberNamed } from '../domain/billing/invoice';
import type { Client } from '../domain/client';
import { type Submission, uploadedName } from '../domain/form-submission';
import { billingReceivedMail, clientBillingToOperatorMail } from '../mail/conversation-templates';
import { automaticMail, messageIdFor } from '../mail/outbound';
import type { BlobStore } from '../ports/blob-store';
import type { Runtime } from '../ports/clock';
import type { ThreadIndex } from '../ports/intake';
import type { StatementStore, StoredStatement } from '../ports/statements';
import type { SubmissionStore } from '../ports/submissions';
import type { ConversationDeps } from './task-conversation';

/** Mails as a client's mail about an invoice does, in the operator's language. */
export interface FormBillingDeps extends Pick<ConversationDeps, 'outbox' | 'config'> {
  /** The question is noted on the invoice: automatic reminders stop for a person to answer. */
  statements: Pick<StatementStore, 'findByNumber' | 'noteClientMessage'>;
  runtime: Pick<Runtime, 'now'>;
  submissions: Pick<SubmissionStore, 'markPassedOn'>;
  blobs: Pick<BlobStore, 'get'>;
  threads: Pick<ThreadIndex, 'link'>;
}

/**
 * The client's own invoice a submission's title names ("Frage zur Rechnung RE-2026-000042"), as a
 * mail's subject would. Another client's number is no question about one's own bill: a task as any.
 */
export const invoiceOfSubmission = async (
  submission: Submission,
  client: Client,
  deps: Pick<FormBillingDeps, 'statements'>,
): Promise<StoredStatement | undefined> => {
  const number = invoiceNumberNamed(submission.fields.title);
  const statement = number ? await deps.statements.findByNumber(number) : undefined;
  return statement?.clientId === client.id ? statement : undefined;
};

/**
 * A question about an invoice sent through the form goes to the operator with its files, as the
 * same question by mail does, and the client gets it in writing that a person has it: a task made
 * of it would reach a VA, and the client would be billed for asking about their bill. Each mail is
 * keyed by the submission, so a double click or a retry after a crash sends it once.
 */
export const passFormToOperator = async (
  submission: Submission,
  client: Client,
  statement: StoredStatement,
  deps: FormBillingDeps,
): Promise<{ kind: 'passed-on'; invoiceNumber: string }> => {
  const number = statement.invoice.number;
  const { config } = deps;
  await deps.statements.noteClientMessage(statement, deps.runtime.now().toISOString());
  const files = await Promise.all(
    submission.attachmentKeys.map(async (key) => ({
      filename: uploadedName(key),
      content: await deps.blobs.get(key),
    })),
  );
  const attachments = files.flatMap(({ filename, content }) => (content ? [{ filename, content }] : []));
  const toOperatorRef = `billing:form:${submission.id}`;
  await deps.outbox.send(
    toOperatorRef,
    {
      ...automaticMail(
        clientBillingToOperatorMail({
          language: config.operatorLanguage,
          agency: { name: config.agencyName },
          clientId: client.id,
          clientName: client.company ? `${client.contactName} (${client.company})` : client.contactName,
          clientEmail: submission.email,
          invoiceNumber: number,
          subject: submission.fields.title,
          text: submission.fields.description,
          attachmentNames: attachments.map((a) => a.filename),
        }),
        {
          from: config.senderAddress,
          to: config.operatorEmail,
          messageId: messageIdFor(toOperatorRef, config.mailDomain),
        },
      ),
      replyTo: submission.email,
      attachments,
    },
    { unlimited: true },
  );
  // The receipt opens the invoice's thread: the client's answer to it reaches the operator too.
  const receiptRef = `billing-received:form:${submission.id}`;
  const messageId = messageIdFor(receiptRef, config.mailDomain);
  await deps.threads.link(messageId, number);
  await deps.outbox.send(
    receiptRef,
    automaticMail(
      billingReceivedMail(
        submission.language,
        { name: config.agencyName },
        { contactName: client.contactName, invoiceNumber: number },
      ),
      { from: config.senderAddress, to: submission.email, messageId },
    ),
    { thread: number },
  );
  await deps.submissions.markPassedOn(submission.id, number);
  return { kind: 'passed-on', invoiceNumber: number };
};
