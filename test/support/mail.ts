import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { inject } from 'vitest';
import { intakeRecordId } from '../../shared/use-cases/intake-email';

export interface SentMail {
  messageId: string;
  from: string;
  replyTo?: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments?: Array<{ filename: string; content: string }>;
  at: number;
}

/** Delivers a mail to the local SMTP inbox, as a client's mail server would. */
export const sendToInbox = async (
  mail: Mail.Options | { raw: string | Buffer; envelope: { from: string; to: string } },
) => {
  const transport = nodemailer.createTransport({ url: inject('localUrls').smtp, ignoreTLS: true });
  try {
    return await transport.sendMail({ to: 'auftrag@agency.example', ...mail });
  } finally {
    transport.close();
  }
};

/** Delivers `mail` under a fresh Message-ID from its sender's domain, and returns that ID. */
export const deliver = async (mail: Mail.Options & { from: string }) => {
  const messageId = uniqueMessageId(mail.from.split('@')[1] ?? 'example');
  await sendToInbox({ ...mail, messageId: `<${messageId}>` });
  return messageId;
};

/** Every mail the local SES has "sent", from its JSON store. */
export const sentMails = async (): Promise<SentMail[]> => {
  const response = await fetch(`${inject('localUrls').sesInbox}/store`);
  return ((await response.json()) as { emails: SentMail[] }).emails;
};

export const sentTo = async (address: string) =>
  (await sentMails()).filter((m) =>
    m.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())),
  );

/** Mails to `address` about task `taskId`: each has its reference in the subject. */
export const sentAbout = async (address: string, taskId: string) =>
  (await sentTo(address)).filter((m) => m.subject.includes(`[${taskId}]`));

/** The mails whose text says `phrase`: mails about one task share a subject, so the text tells them apart. */
export const saying = <M extends { body: { text?: string } }>(mails: readonly M[], phrase: string) =>
  mails.filter((m) => m.body.text?.includes(phrase));

/** Polls until `check` returns something truthy; intake runs asynchronously behind the queue. */
export const eventually = async <T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await sleep(100);
  }
};

/** Waits long enough for a mail that should NOT cause anything to have been fully processed. */
export const settle = () => sleep(1_500);

export const uniqueDomain = () => `t${randomUUID().slice(0, 8)}.example`;
export const uniqueMessageId = (domain: string) => `${randomUUID()}@${domain}`;

/** The intake log id of a mail, as intake computes it. */
export const intakeId = (messageId: string) => intakeRecordId({ messageId, contentHash: '' });
