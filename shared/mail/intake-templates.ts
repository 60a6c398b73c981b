import type { MissingField, ParsedBrief } from '../domain/brief/parse-brief';
import type { Language } from '../domain/common';
import { SKILL_LABELS } from '../domain/skills';
import type { Priority } from '../domain/task';
import { type Agency, type RenderedMail, render, taskSubject } from './compose';
import { formatDateTime, formatMinutes, packageLeftRows } from './format';

export type { RenderedMail } from './compose';

export const PRIORITY_LABELS: Record<Priority, Record<Language, string>> = {
  low: { de: 'niedrig', en: 'low' },
  normal: { de: 'normal', en: 'normal' },
  high: { de: 'hoch', en: 'high' },
  urgent: { de: 'dringend', en: 'urgent' },
};

const T = {
  de: {
    hello: (name: string) => `Guten Tag ${name},`,
    title: 'Auftrag',
    skills: 'Tätigkeit',
    deadline: 'Frist',
    effort: 'Aufwand',
    priority: 'Priorität',
    unknown: 'noch offen',
    reference: 'Ihre Referenz',
  },
  en: {
    hello: (name: string) => `Hello ${name},`,
    title: 'Task',
    skills: 'Kind of work',
    deadline: 'Deadline',
    effort: 'Effort',
    priority: 'Priority',
    unknown: 'not yet known',
    reference: 'Your reference',
  },
} as const;

/** The brief as va-router understood it, as label/value rows. */
const briefRows = (brief: ParsedBrief, language: Language, timeZone: string): Array<[string, string]> => {
  const t = T[language];
  return [
    [t.title, brief.title],
    [t.skills, brief.skills.map((s) => SKILL_LABELS[s.skill][language]).join(', ') || t.unknown],
    [t.deadline, brief.deadline ? formatDateTime(brief.deadline.at, language, timeZone) : t.unknown],
    [t.effort, brief.effortMinutes ? formatMinutes(brief.effortMinutes, language) : t.unknown],
    [t.priority, PRIORITY_LABELS[brief.priority][language]],
  ];
};

export interface TaskMailInput {
  language: Language;
  agency: Agency;
  clientName: string;
  taskId: string;
  brief: ParsedBrief;
  timeZone: string;
  /** Package clients: minutes left in this month's package. */
  packageMinutesLeft?: number;
  /** The client's link to withdraw the task while nobody has taken it. */
  withdrawUrl?: string;
}

const WITHDRAW = {
  de: {
    label: 'Auftrag zurückziehen',
    text: ' Brauchen Sie ihn doch nicht? Über den Link ziehen Sie ihn zurück, solange niemand ihn übernommen hat.',
  },
  en: {
    label: 'Withdraw the task',
    text: ' No longer needed? The link withdraws it, as long as nobody has taken it.',
  },
} as const;

/** The withdraw link as the mail's one (quiet) button, and the sentence that explains it. */
const withdrawal = (m: TaskMailInput) =>
  m.withdrawUrl
    ? {
        text: WITHDRAW[m.language].text,
        extras: { actions: [{ label: WITHDRAW[m.language].label, url: m.withdrawUrl, secondary: true }] },
      }
    : { text: '', extras: {} };

const packageRows = (m: TaskMailInput) => packageLeftRows(m.packageMinutesLeft, m.language);

/** Sent when a task is accepted: reference plus the brief as understood, so mistakes surface early. */
export const acknowledgementMail = (m: TaskMailInput): RenderedMail => {
  const w = withdrawal(m);
  return m.language === 'de'
    ? render(
        'de',
        m.agency,
        taskSubject({ id: m.taskId, title: m.brief.title }),
        T.de.hello(m.clientName),
        'vielen Dank, wir haben Ihren Auftrag erhalten und suchen jetzt die passende Assistenz. So haben wir ihn verstanden:',
        [[T.de.reference, m.taskId], ...briefRows(m.brief, 'de', m.timeZone), ...packageRows(m)],
        `Stimmt etwas nicht? Antworten Sie einfach auf diese E-Mail. Sobald jemand den Auftrag übernommen hat, melden wir uns.${w.text}`,
        w.extras,
      )
    : render(
        'en',
        m.agency,
        taskSubject({ id: m.taskId, title: m.brief.title }),
        T.en.hello(m.clientName),
        'thank you, we have received your task and are now finding the right assistant. This is how we understood it:',
        [[T.en.reference, m.taskId], ...briefRows(m.brief, 'en', m.timeZone), ...packageRows(m)],
        `Anything wrong? Simply reply to this email. We will let you know as soon as someone has taken the task.${w.text}`,
        w.extras,
      );
};

const QUESTIONS: Record<Exclude<MissingField, 'effort'>, Record<Language, string>> = {
  deadline: {
    de: 'Bis wann brauchen Sie das Ergebnis? (z. B. „bis Freitag 12 Uhr“)',
    en: 'By when do you need the result? (e.g. "by Friday noon")',
  },
  skills: {
    de: 'Um welche Art von Arbeit geht es? (z. B. Reiseplanung, Recherche, Buchhaltung, Präsentation)',
    en: 'What kind of work is it? (e.g. travel planning, research, bookkeeping, a presentation)',
  },
};

/** The one question va-router asks when the brief lacks a deadline or the kind of work. */
export const clarificationMail = (m: TaskMailInput): RenderedMail => {
  const questions = m.brief.missing
    .filter((f): f is Exclude<MissingField, 'effort'> => f !== 'effort')
    .map((f) => `• ${QUESTIONS[f][m.language]}`)
    .join('\n');
  const w = withdrawal(m);
  return m.language === 'de'
    ? render(
        'de',
        m.agency,
        taskSubject({ id: m.taskId, title: m.brief.title }),
        T.de.hello(m.clientName),
        `vielen Dank für Ihren Auftrag. Damit wir ihn an die richtige Assistenz geben können, fehlt uns noch:\n\n${questions}\n\nBisher haben wir verstanden:`,
        [...briefRows(m.brief, 'de', m.timeZone), ...packageRows(m)],
        `Antworten Sie einfach auf diese E-Mail; sobald wir Ihre Antwort haben, geht es los.${w.text}`,
        w.extras,
      )
    : render(
        'en',
        m.agency,
        taskSubject({ id: m.taskId, title: m.brief.title }),
        T.en.hello(m.clientName),
        `thank you for your task. To hand it to the right assistant we still need to know:\n\n${questions}\n\nSo far we understood:`,
        [...briefRows(m.brief, 'en', m.timeZone), ...packageRows(m)],
        `Simply reply to this email; as soon as we have your answer, we get started.${w.text}`,
        w.extras,
      );
};

/** Polite answer to an address that is not a client, at most once a day. */
export const unknownSenderMail = (language: Language, agency: Agency & { website?: string }): RenderedMail =>
  language === 'de'
    ? render(
        'de',
        agency,
        `Ihre Nachricht an ${agency.name}`,
        'Guten Tag,',
        `vielen Dank für Ihre Nachricht. Wir konnten Ihre Absenderadresse keinem Kundenkonto zuordnen, deshalb haben wir daraus noch keinen Auftrag gemacht.\n\nSie sind bereits Kunde? Dann schreiben Sie bitte von der Adresse, die bei uns hinterlegt ist, oder bitten Sie uns, diese Adresse hinzuzufügen.\n\nSie möchten Kunde werden? Antworten Sie auf diese E-Mail; wir melden uns persönlich.`,
        [],
        'Ihre Nachricht ist bei uns gespeichert und geht nicht verloren.',
      )
    : render(
        'en',
        agency,
        `Your message to ${agency.name}`,
        'Hello,',
        `thank you for your message. We could not match your sender address to a client account, so we have not turned it into a task yet.\n\nAlready a client? Please write from the address we have on file, or ask us to add this one.\n\nWould you like to become a client? Reply to this email and we will get in touch personally.`,
        [],
        'Your message is stored safely with us.',
      );

const megabytes = (bytes: number, language: Language) =>
  `${new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1_048_576)} MB`;

/** Answer to a mail whose attachments exceed the limit. */
export const tooLargeMail = (
  language: Language,
  agency: Agency,
  limitBytes: number,
  task: { id: string; title: string },
): RenderedMail =>
  language === 'de'
    ? render(
        'de',
        agency,
        taskSubject(task),
        'Guten Tag,',
        `Ihre Nachricht ist angekommen, aber ihre Anhänge sind größer als ${megabytes(limitBytes, 'de')} und wurden nicht übernommen. Bitte senden Sie große Dateien als Link (z. B. Cloud-Freigabe) als Antwort auf diese E-Mail.`,
        [],
        'Ihre Nachricht ist bei uns gespeichert.',
      )
    : render(
        'en',
        agency,
        taskSubject(task),
        'Hello,',
        `Your message arrived, but its attachments are larger than ${megabytes(limitBytes, 'en')} and were not taken over. Please send large files as a link (e.g. a cloud share) in reply to this email.`,
        [],
        'Your message is stored safely with us.',
      );
