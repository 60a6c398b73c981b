/**
 * Recognises mail written by machines, which va-router keeps but never answers: answering an
 * auto-reply or a bounce is how mail loops start. Signals follow RFC 3834 and the headers the big
 * mail systems (Exchange, Gmail, Postfix, mailing lists) really send.
 */
export type MailOrigin =
  | { kind: 'person' }
  | { kind: 'bounce'; reason: string }
  | { kind: 'auto-reply'; reason: string }
  | { kind: 'bulk'; reason: string };

export interface MailSignals {
  /** Lower-case header names to values. */
  headers: ReadonlyMap<string, readonly string[]>;
  fromAddress?: string;
  /** "" for the null sender `<>`. */
  returnPath?: string;
  subject: string;
  contentType: string;
}

const SYSTEM_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|bounces?|no-?reply|do-?not-?reply)([+@]|$)/i;
const BOUNCE_SUBJECTS =
  /^(undeliver(ed|able)|delivery (status notification|failure|has failed)|returned mail|mail delivery failed|unzustellbar|nicht zustellbar|fehlgeschlagene zustellung)/i;
const AUTO_REPLY_SUBJECTS =
  /^(out of (the )?office|abwesenheitsnotiz|automatische antwort|auto(matic)?[- ]?reply|autoreply|au(ss|ß)er haus|abwesend|urlaubsbedingt|réponse automatique|i am (currently )?(out|away))/i;

const first = (signals: MailSignals, name: string) => signals.headers.get(name)?.[0]?.trim().toLowerCase();

export const classifyOrigin = (signals: MailSignals): MailOrigin => {
  const from = signals.fromAddress?.toLowerCase() ?? '';
  if (signals.returnPath === '') return { kind: 'bounce', reason: 'null return path (<>)' };
  if (/multipart\/report/.test(signals.contentType) && /delivery-status/.test(signals.contentType)) {
    return { kind: 'bounce', reason: 'delivery status report' };
  }
  if (/^(mailer-daemon|postmaster)@/.test(from)) return { kind: 'bounce', reason: `sender ${from}` };
  if (BOUNCE_SUBJECTS.test(signals.subject)) return { kind: 'bounce', reason: 'bounce subject' };

  const autoSubmitted = first(signals, 'auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no')
    return { kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  for (const header of [
    'x-autoreply',
    'x-autorespond',
    'x-autoresponse',
    'x-auto-response-suppress',
    'x-loop',
  ]) {
    if (signals.headers.has(header)) return { kind: 'auto-reply', reason: `${header} header` };
  }
  if (AUTO_REPLY_SUBJECTS.test(signals.subject.replace(/^(re|aw|antw|wg|fwd?):\s*/i, ''))) {
    return { kind: 'auto-reply', reason: 'auto-reply subject' };
  }

  const precedence = first(signals, 'precedence');
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) {
    return { kind: 'bulk', reason: `Precedence: ${precedence}` };
  }
  if (signals.headers.has('list-id') || signals.headers.has('list-unsubscribe'))
    return { kind: 'bulk', reason: 'mailing list' };
  if (SYSTEM_SENDERS.test(from)) return { kind: 'bulk', reason: `system sender ${from}` };
  return { kind: 'person' };
};
