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
}

const invoiceRow = (language: Language, r: DigestInvoice): [string, string] => {
  const de = language === 'de';
  const due = formatDate(r.dueDate, language);
  const reminded = r.reminders ? (de ? `, ${r.reminders}× erinnert` : `, reminded ${r.reminders}×`) : '';
  return [
    `${r.number} (${r.buyer})`,
    de
      ? `${formatCents(r.openCents, 'de')} offen, fällig seit ${due} (${r.daysOverdue} Tage)${reminded}`
      : `${formatCents(r.openCents, 'en')} open, due since ${due} (${r.daysOverdue} days)${reminded}`,
  ];
};

/**
 * The operator's morning list: open tasks that need them, most pressing first, then the invoices
 * past their due date, longest overdue first.
 */
export const operatorDigestMail = (m: {
  language: Language;
  agency: Agency;
  timeZone: string;
  items: readonly DigestItem[];
  invoices?: readonly DigestInvoice[];
}): RenderedMail => {
  const de = m.language === 'de';
  const count = m.items.length;
  const invoices = m.invoices ?? [];
  const overdue = invoices.length;
  const tasksSubject = de
    ? `${count} ${count === 1 ? 'Auftrag braucht' : 'Aufträge brauchen'} Sie heute`
    : `${count} ${count === 1 ? 'task needs' : 'tasks need'} you today`;
  const invoicesSubject = de
    ? `${overdue} ${overdue === 1 ? 'Rechnung' : 'Rechnungen'} überfällig`
    : `${overdue} ${overdue === 1 ? 'invoice' : 'invoices'} overdue`;
  const subject = [count ? tasksSubject : '', overdue ? invoicesSubject : '']
    .filter(Boolean)
    .join(de ? ', ' : '; ');
  const intro = [
    count
      ? de
        ? 'diese offenen Aufträge kommen ohne Sie nicht weiter'
        : 'these open tasks will not move on without you'
      : '',
    overdue
      ? de
        ? 'diese Rechnungen sind nicht (ganz) bezahlt'
        : 'these invoices are not (fully) paid'
      : '',
  ]
    .filter(Boolean)
    .join(de ? ', und ' : ', and ');
  const next = [
    count ? (de ? 'Aufträge: npm run cli -- task attention' : 'Tasks: npm run cli -- task attention') : '',
    overdue
      ? de
        ? 'Rechnungen: npm run cli -- invoice list --open; Zahlung erfassen: invoice pay <Nummer> --amount …; erinnern: invoice remind <Nummer>'
        : 'Invoices: npm run cli -- invoice list --open; record a payment: invoice pay <number> --amount …; remind: invoice remind <number>'
      : '',
  ].filter(Boolean);
  return render(
    m.language,
    m.agency,
    subject,
    de ? 'Guten Morgen,' : 'Good morning,',
    `${intro}:`,
    [
      ...m.items.map((item): [string, string] => [
        `[${item.task.id}] ${item.task.title} (${item.clientName})`,
        `${WHY[m.language][item.reason]} ${formatDateTime(item.since, m.language, m.timeZone)}`,
      ]),
      ...invoices.map((r) => invoiceRow(m.language, r)),
    ],
    `${de ? 'Einzelheiten und was zu tun ist' : 'Details and what to do'} – ${next.join('. ')}`,
  );
};
