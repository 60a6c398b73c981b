import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { LOOPBACK } from './ports';

/** SES accepts at most 40 MB per message; we refuse larger mail at the door. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface InboundMail {
  raw: Buffer;
  mailFrom: string | undefined;
  recipients: string[];
}

export interface RunningSmtpInbox {
  port: number;
  stop(): Promise<void>;
}

const address = (a: SMTPServerAddress | false) => (a ? a.address : undefined);

/**
 * The local stand-in for SES receiving: any SMTP client can deliver to it. The mail is accepted
 * (250) only after `deliver` has stored it, so a client never believes a mail arrived that was lost.
 */
export const startSmtpInbox = async (options: {
  port: number;
  deliver: (mail: InboundMail) => Promise<void>;
  onError: (error: unknown) => void;
}): Promise<RunningSmtpInbox> => {
  const server = new SMTPServer({
    name: 'va-router.local',
    banner: 'va-router local inbox',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        // smtp-server announces SIZE but only flags an oversized stream; refusing it is ours to do.
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          const error = Object.assign(new Error('Message exceeds the 40 MB limit'), { responseCode: 552 });
          return callback(error);
        }
        const mail: InboundMail = {
          raw: Buffer.concat(chunks),
          mailFrom: address(session.envelope.mailFrom),
          recipients: session.envelope.rcptTo.map((r) => r.address),
        };
        options.deliver(mail).then(
          () => callback(),
          (error: unknown) => {
            options.onError(error);
            callback(Object.assign(new Error('Temporary failure, please retry'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on('error', options.onError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  const bound = server.server.address();
  return {
    port: typeof bound === 'object' && bound ? bound.port : options.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
