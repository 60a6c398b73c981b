import { detectLanguage } from '../../domain/brief/language';
import type { Client } from '../../domain/client';
import { billingReceivedMail, clientBillingToOperatorMail } from '../../mail/conversation-templates';
import type { StoredStatement } from '../../ports/statements';
import { toOperator } from '../task-conversation';
import { attachmentsFit, type Context, type Decision, passedOn, sendAutomatic } from './mail-context';

/**
 * A client's mail about one of their invoices ("already paid", "is this hour right?") is the
 * operator's: it goes to them with its attachments, and the client hears a person has it. A task
 * made of it would reach a VA, and the client would be billed for asking about their bill.
 */
export const takeBillingMessage = async (
  ctx: Context,
  client: Client,
  sender: string,
  statement: StoredStatement,
): Promise<Decision> => {
  const { deps, mail } = ctx;
  const number = statement.invoice.number;
  await deps.statements.noteClientMessage(statement, deps.runtime.now().toISOString());
  const message = passedOn(ctx, attachmentsFit(ctx));
  const ref = `billing:${ctx.id}`;
  const content = clientBillingToOperatorMail({
    language: deps.config.operatorLanguage,
    agency: { name: deps.config.agencyName },
    clientId: client.id,
    clientName: client.company ? `${client.contactName} (${client.company})` : client.contactName,
    clientEmail: sender,
    invoiceNumber: number,
    subject: mail.subject,
    text: message.text,
    attachmentNames: message.attachments.map((a) => a.filename),
  });
  await deps.outbox.send(
    ref,
    { ...toOperator(deps, ref, content), replyTo: sender, attachments: message.attachments },
    { unlimited: true },
  );
  const language = detectLanguage(`${mail.subject}\n${mail.text}`, client.language);
  await sendAutomatic(
    ctx,
    `billing-received:${ctx.id}`,
    sender,
    billingReceivedMail(
      language,
      { name: deps.config.agencyName },
      { contactName: client.contactName, invoiceNumber: number },
    ),
    { oncePerDay: 'billing-received', thread: number },
  );
  return { outcome: 'billing-message', reason: `about ${number}; passed on to the operator` };
};
