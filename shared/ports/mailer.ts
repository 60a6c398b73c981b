export interface OutboundMail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Our own Message-ID (without brackets), chosen before sending so replies can be threaded. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /**
   * RFC 3834: `auto-replied` for answers to a mail, `auto-generated` for notices. Either tells
   * well-behaved systems not to auto-reply to us, which is how loops are prevented.
   */
  autoSubmitted?: 'auto-replied' | 'auto-generated';
  /** Without a `contentType`, the composer takes it from the file name. */
  attachments?: Array<{ filename: string; contentType?: string; content: Uint8Array }>;
}

export interface Mailer {
  /** Returns the provider's message id (SES). */
  send(mail: OutboundMail): Promise<string>;
  /**
   * The Message-ID (without brackets) recipients see for a sent mail, when the provider replaces
   * ours: SES does, so a reply's In-Reply-To names this one and not `OutboundMail.messageId`.
   */
  deliveredMessageId?(providerId: string): Promise<string | undefined>;
}
