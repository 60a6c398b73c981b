import { convert } from 'html-to-text';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { classifyOrigin, type MailOrigin } from '../domain/automatic-mail';
import { sha256Hex } from '../hash';

export interface MailAddress {
  name: string;
  address: string;
}

export interface InboundAttachment {
  filename: string;
  mimeType: string;
  size: number;
  content: Uint8Array;
}

/** What va-router needs to know about one received mail, independent of the MIME library. */
export interface InboundMessage {
  /** Without angle brackets; absent on broken mail. */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  from?: MailAddress;
  replyTo?: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  /** The SMTP envelope sender as the Return-Path header recorded it; "" for the null sender `<>`. */
  returnPath?: string;
  subject: string;
  /** ISO 8601, when the Date header could be read. */
  date?: string;
  /** Readable text: the text part, or the HTML part turned into text (scripts and styles dropped). */
  text: string;
  hadHtml: boolean;
  attachments: InboundAttachment[];
  /** Lower-case header name to all its values. */
  headers: Map<string, string[]>;
  /** Top-level Content-Type, for delivery reports. */
  contentType: string;
  /** SHA-256 of the raw bytes: identity of a message that has no usable Message-ID. */
  contentHash: string;
}

const stripBrackets = (id: string) => id.trim().replace(/^<|>$/g, '');
const messageIds = (value: string | undefined) => (value?.match(/<[^<>\s]+>/g) ?? []).map(stripBrackets);

const flatten = (addresses: readonly Address[] | undefined): MailAddress[] =>
  (addresses ?? []).flatMap((a) =>
    a.group ? a.group : a.address ? [{ name: a.name, address: a.address }] : [],
  );

/** Visible text of an HTML body. html-to-text never runs anything; script and style are skipped. */
export const htmlToText = (html: string): string =>
  convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { ignoreHref: true } },
    ],
  }).trim();

const bytesOf = (content: Email['attachments'][number]['content']): Uint8Array =>
  typeof content === 'string' ? Buffer.from(content, 'base64') : new Uint8Array(content as ArrayBuffer);

/** Parses raw RFC 5322 bytes. Never throws on broken mail: what cannot be read stays empty. */
export const parseInboundMessage = async (raw: Uint8Array): Promise<InboundMessage> => {
  const contentHash = sha256Hex(raw);
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxHeadersSize: 512 * 1024 });
  } catch {
    email = { headers: [], headerLines: [], attachments: [], text: Buffer.from(raw).toString('latin1') };
  }
  const headers = new Map<string, string[]>();
  for (const { key, value } of email.headers) headers.set(key, [...(headers.get(key) ?? []), value]);
  const from = flatten(email.from ? [email.from] : [])[0];
  const html = email.html?.trim();
  const text = email.text?.trim() || (html ? htmlToText(html) : '');
  const date =
    email.date && !Number.isNaN(Date.parse(email.date)) ? new Date(email.date).toISOString() : undefined;
  const returnPath = headers.get('return-path')?.[0];
  return {
    messageId:
      messageIds(email.messageId)[0] ??
      (email.messageId?.trim() ? stripBrackets(email.messageId) : undefined),
    inReplyTo: messageIds(email.inReplyTo)[0],
    references: messageIds(email.references),
    from,
    replyTo: flatten(email.replyTo)[0],
    to: flatten(email.to),
    cc: flatten(email.cc),
    returnPath: returnPath === undefined ? undefined : returnPath.trim().replace(/^<|>$/g, ''),
    subject: (email.subject ?? '').replace(/\s+/g, ' ').trim(),
    date,
    text,
    hadHtml: Boolean(html),
    attachments: email.attachments
      .filter((a) => a.disposition !== 'inline' || a.filename)
      .map((a) => {
        const content = bytesOf(a.content);
        return {
          filename: a.filename ?? 'attachment',
          mimeType: a.mimeType,
          size: content.byteLength,
          content,
        };
      }),
    headers,
    contentType: headers.get('content-type')?.[0]?.toLowerCase() ?? 'text/plain',
    contentHash,
  };
};

/** Who wrote this mail: a person, or a machine va-router must not answer. */
export const originOf = (mail: InboundMessage): MailOrigin =>
  classifyOrigin({
    headers: mail.headers,
    fromAddress: mail.from?.address,
    returnPath: mail.returnPath,
    subject: mail.subject,
    contentType: mail.contentType,
  });
