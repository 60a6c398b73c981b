import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseBrief } from '../../shared/domain/brief/parse-brief';
import { TimeZoneSchema, UtcInstantSchema } from '../../shared/domain/common';
import { parseOrThrow } from '../../shared/domain/validation';
import { ValidationError } from '../../shared/errors';
import { formatDateTime } from '../../shared/mail/format';
import { originOf, parseInboundMessage } from '../../shared/mail/inbound-message';
import { formatJson } from '../output';

interface ParseOptions {
  file: string;
  now?: string;
  tz: string;
  json?: boolean;
}

/** Reads a mail file and prints what intake would understand, without any stack running. */
export const describeMail = async (raw: Uint8Array, options: { now?: string; tz: string }) => {
  const timeZone = parseOrThrow(TimeZoneSchema, options.tz, '--tz');
  const mail = await parseInboundMessage(raw);
  const origin = originOf(mail);
  const now = options.now
    ? new Date(parseOrThrow(UtcInstantSchema, options.now, '--now'))
    : new Date(mail.date ?? Date.now());
  const brief =
    origin.kind === 'person'
      ? parseBrief({ subject: mail.subject, body: mail.text, now, timeZone, fallbackLanguage: 'de' })
      : undefined;
  return {
    messageId: mail.messageId,
    from: mail.from?.address,
    subject: mail.subject,
    origin,
    attachments: mail.attachments.map((a) => ({ filename: a.filename, mimeType: a.mimeType, size: a.size })),
    referenceTime: now.toISOString(),
    timeZone,
    brief,
  };
};

export const registerParseCommand = (program: Command) => {
  program
    .command('parse')
    .description('Show the brief va-router would make of a mail file (.eml); needs no running stack')
    .requiredOption('--file <mail.eml>', 'the raw mail')
    .option('--now <iso>', 'reference time for "bis Freitag" (default: the mail\'s Date header)')
    .option('--tz <zone>', "the client's time zone", 'Europe/Berlin')
    .option('--json', 'print JSON')
    .action(async (o: ParseOptions) => {
      let raw: Buffer;
      try {
        raw = readFileSync(o.file);
      } catch {
        throw new ValidationError(`--file: cannot read ${o.file}`, [
          { path: '--file', message: `cannot read ${o.file}` },
        ]);
      }
      const result = await describeMail(raw, o);
      if (o.json) return console.log(formatJson(result));
      const b = result.brief;
      const lines = [
        `From:      ${result.from ?? '-'}`,
        `Subject:   ${result.subject}`,
        `Origin:    ${result.origin.kind}${'reason' in result.origin ? ` (${result.origin.reason})` : ''}`,
      ];
      if (b) {
        lines.push(
          `Title:     ${b.title}`,
          `Language:  ${b.language}`,
          `Skills:    ${b.skills.map((s) => `${s.skill} ${Math.round(s.confidence * 100)}%`).join(', ') || '-'}`,
          `Deadline:  ${b.deadline ? `${formatDateTime(b.deadline.at, 'en', result.timeZone)} ("${b.deadline.text}", ${Math.round(b.deadline.confidence * 100)}%)` : '-'}`,
          `Effort:    ${b.effortMinutes ? `${b.effortMinutes} min` : '-'}`,
          `Priority:  ${b.priority}`,
          `Missing:   ${b.missing.join(', ') || '-'}${b.needsInfo ? '  -> the client is asked once' : ''}`,
        );
      }
      console.log(lines.join('\n'));
    });
};
