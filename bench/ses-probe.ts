import { startCountingProxy } from './counting-proxy';

/** The SES message id in a SendEmail answer (SES v2 JSON or v1 XML). */
export const sesMessageIdOf = (responseBody: Buffer) => {
  const match = /"MessageId"\s*:\s*"([^"]+)"|<MessageId>([^<]+)<\/MessageId>/.exec(
    responseBody.toString('utf8'),
  );
  return match ? (match[1] ?? match[2]) : undefined;
};

/**
 * Sits between the functions and the local SES and notes, to the millisecond, when each mail was
 * handed over (the local SES itself keeps only seconds). Keyed by the SES message id it answered.
 */
export const startSesProbe = async (target: string) => {
  const sentAt = new Map<string, number>();
  const proxy = await startCountingProxy(target, ({ at, responseBody }) => {
    const id = sesMessageIdOf(responseBody);
    if (id) sentAt.set(id, at);
  });
  return { ...proxy, sentAt };
};

/** A mail as the local SES keeps it (its JSON store at /store). */
export interface StoredMail {
  messageId: string;
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
}

/** Every mail the local SES has "sent". */
export const storedMails = async (sesInbox: string): Promise<StoredMail[]> =>
  ((await (await fetch(`${sesInbox}/store`)).json()) as { emails: StoredMail[] }).emails;
