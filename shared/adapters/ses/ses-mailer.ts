import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailer, OutboundMail } from '../../ports/mailer';

/** Builds the MIME message with nodemailer's composer: headers, encodings, alternatives, attachments. */
export const composeMime = (mail: OutboundMail): Promise<Buffer> =>
  new MailComposer({
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.messageId}>`,
    inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo}>` : undefined,
    references: mail.references?.map((r) => `<${r}>`),
    headers: {
      ...(mail.autoSubmitted ? { 'Auto-Submitted': mail.autoSubmitted } : {}),
      // Asks Exchange and Outlook not to answer with out-of-office notes.
      'X-Auto-Response-Suppress': 'All',
    },
    attachments: mail.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content),
    })),
  })
    .compile()
    .build();

/**
 * The Message-ID SES writes on a mail it sends, in place of ours: its MessageId at the region's
 * amazonses.com host (us-east-1, the oldest region, has `email.amazonses.com`).
 */
export const sesMessageId = (providerId: string, region: string) =>
  `${providerId}@${region === 'us-east-1' ? 'email' : region}.amazonses.com`;

export class SesMailer implements Mailer {
  constructor(private readonly ses: SESv2Client = new SESv2Client({})) {}

  async send(mail: OutboundMail): Promise<string> {
    const raw = await composeMime(mail);
    const out = await this.ses.send(new SendEmailCommand({ Content: { Raw: { Data: raw } } }));
    return out.MessageId ?? '';
  }

  async deliveredMessageId(providerId: string): Promise<string | undefined> {
    return providerId ? sesMessageId(providerId, await this.ses.config.region()) : undefined;
  }
}
