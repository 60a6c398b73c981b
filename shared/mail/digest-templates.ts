import type { AttentionReason } from '../domain/attention';
import { CLIENT_ANSWER_DAYS } from '../domain/attention';
import type { Language } from '../domain/common';
import { formatCents } from '../domain/money';
import { type Agency, type RenderedMail, render } from './compose';
import { formatDate, formatDateTime } from './format';

export interface DigestItem {
  task: { id: string; title: string };
  clientName: string;
  reason: AttentionReason;
  since: string;
}

const WHY: Record<Language, Record<AttentionReason, string>> = {
  de: {
    unassigned: 'niemand hat ihn übernommen, seit',
    overdue: 'Frist vorbei seit',
    'waiting-for-client': `Kunde antwortet nicht (${CLIENT_ANSWER_DAYS}+ Tage), gefragt am`,
  },
  en: {
    unassigned: 'nobody took it, since',
    overdue: 'deadline passed on',
    'waiting-for-client': `client silent (${CLIENT_ANSWER_DAYS}+ days), asked on`,
  },
};

export interface DigestInvoice {
  number: string;
  buyer: string;
  dueDate: string;
  daysOverdue: number;
  openCents: number;
  reminders: number;
  /** This morning's automatic reminder was one of them. */
  remindedToday?: boolean;
  /** Why this morning's automatic reminder of it failed. */
  reminderFailed?: string;
  /** The Berlin day the client last wrote about it: automatic reminders leave it to the operator. */
  clientWroteOn?: string;
}

const invoiceRow = (language: Language, r: DigestInvoice): [string, string] => {
  const de = language === 'de';
  const due = formatDate(r.dueDate, language);
  const today = r.remindedToday ? (de ? ' (heute automatisch)' : ' (automatically today)') : '';
  const reminded = r.reminders
    ? de
      ? `, ${r.reminders}× erinnert${today}`
      : `, reminded ${r.reminders}×${today}`
    : '';
  const failed = r.reminderFailed
    ? de
      ? `; automatische Erinnerung fehlgeschlagen: ${r.reminderFailed}`
      : `; automatic reminder failed: ${r.reminderFailed}`
    : '';
  const wrote = r.clientWroteOn
    ? de
      ? `; Kunde schrieb am ${formatDate(r.clientWroteOn, 'de')}`
      : `; client wrote on ${formatDate(r.clientWroteOn, 'en')}`
    : '';
  return [
    `${r.number} (${r.buyer})`,
    de
      ? `${formatCents(r.openCents, 'de')} offen, fällig seit ${due} (${r.daysOverdue} Tage)${reminded}${wrote}${failed}`
      : `${formatCents(r.openCents, 'en')} open, due since ${due} (${r.daysOverdue} days)${reminded}${wrote}${failed}`,
  ];
};

interface DigestSection {
  subject: (count: number) => string;
  intro: string;
  next: string;
}

const WORDS: Record<
  Language,
  { tasks: DigestSection; invoices: DigestSection; and: string; subjects: string; details: string }
> = {
  de: {
    tasks: {
      subject: (n) => `${n} ${n === 1 ? 'Auftrag braucht' : 'Aufträge brauchen'} Sie heute`,
      intro: 'diese offenen Aufträge kommen ohne Sie nicht weiter',
      next: 'Aufträge: npm run cli -- task attention',
    },
    invoices: {
      subject: (n) => `${n} ${n === 1 ? 'Rechnung' : 'Rechnungen'} überfällig`,
      intro: 'diese Rechnungen sind nicht (ganz) bezahlt',
      next: 'Rechnungen: npm run cli -- invoice list --open; Zahlung erfassen: invoice pay <Nummer> --amount …; erinnern: invoice remind <Nummer>',
    },
    and: ', und ',
    subjects: ', ',
    details: 'Einzelheiten und was zu tun ist',
  },
  en: {
    tasks: {
      subject: (n) => `${n} ${n === 1 ? 'task needs' : 'tasks need'} you today`,
      intro: 'these open tasks will not move on without you',
      next: 'Tasks: npm run cli -- task attention',
    },
    invoices: {
      subject: (n) => `${n} ${n === 1 ? 'invoice' : 'invoices'} overdue`,
      intro: 'these invoices are not (fully) paid',
      next: 'Invoices: npm run cli -- invoice list --open; record a payment: invoice pay <number> --amount …; remind: invoice remind <number>',
    },
    and: ', and ',
    subjects: '; ',
    details: 'Details and what to do',
  },
};

/**
 * The operator's morning list: open tasks that need them, most pressing first, then the invoices
 * past their due date, longest overdue first. A section with nothing in it is left out.
 */
export const operatorDigestMail = (m: {
  language: Language;
  agency: Agency;
  timeZone: string;
  items: readonly DigestItem[];
  invoices?: readonly DigestInvoice[];
}): RenderedMail => {
  const w = WORDS[m.language];
  const invoices = m.invoices ?? [];
  const sections = (
    [
      [w.tasks, m.items.length],
      [w.invoices, invoices.length],
    ] as const
  ).filter(([, count]) => count > 0);
  return render(
    m.language,
    m.agency,
    sections.map(([section, count]) => section.subject(count)).join(w.subjects),
    m.language === 'de' ? 'Guten Morgen,' : 'Good morning,',
    `${sections.map(([section]) => section.intro).join(w.and)}:`,
    [
      ...m.items.map((item): [string, string] => [
        `[${item.task.id}] ${item.task.title} (${item.clientName})`,
        `${WHY[m.language][item.reason]} ${formatDateTime(item.since, m.language, m.timeZone)}`,
      ]),
      ...invoices.map((r) => invoiceRow(m.language, r)),
    ],
    `${w.details} – ${sections.map(([section]) => section.next).join('. ')}`,
  );
};
