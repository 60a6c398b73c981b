import type { PackageMonth } from '../domain/billing/package-month';
import type { InvoiceStanding } from '../domain/billing/payment';
import { nextPeriod, periodBefore } from '../domain/billing/settlement';
import type { Language } from '../domain/common';
import { EFFORT_CHOICES, type FieldErrorCode, type FieldErrors } from '../domain/form-submission';
import { formatCents } from '../domain/money';
import { SKILL_LABELS, SKILLS } from '../domain/skills';
import { type ClientStage, clientStageOf, type Task } from '../domain/task';
import { formatDate, formatDateTime, formatMinutes, monthName } from '../mail/format';
import { html, type SafeHtml } from '../mail/html';
import { invoiceFilePath } from './link-paths';
import { type PageReader, page } from './page-layout';

const TEXT = {
  de: {
    title: 'Neuen Auftrag einreichen',
    intro: 'Beschreiben Sie, was zu tun ist. Wir suchen die passende Assistenz und melden uns per E-Mail.',
    greeting: (name: string) => `Angemeldet über Ihren persönlichen Link als ${name}.`,
    fields: {
      email: ['Ihre E-Mail-Adresse', 'Wir schicken Ihnen einen Link, mit dem Sie den Auftrag bestätigen.'],
      title: ['Titel', 'Kurz und knapp, z. B. „Reise nach Hamburg buchen“.'],
      description: ['Beschreibung', 'Was genau soll erledigt werden? Alles, was die Assistenz wissen muss.'],
      skill: ['Art der Arbeit', 'Optional. Wenn Sie unsicher sind, ordnen wir es zu.'],
      deadline: ['Frist', 'Optional. Bis wann brauchen Sie das Ergebnis? (Ihre Ortszeit)'],
      effort: ['Geschätzter Aufwand', 'Optional.'],
      priority: ['Priorität', 'Optional.'],
      attachments: ['Anhänge', 'Optional, bis zu 5 Dateien.'],
    },
    skillUnknown: 'Weiß ich nicht – bitte zuordnen',
    effortUnknown: 'Weiß ich nicht',
    effort: (m: number) =>
      m < 60
        ? `bis ${m} Minuten`
        : m === 480
          ? 'etwa ein Tag'
          : `etwa ${m / 60} Stunden`.replace('etwa 1 Stunden', 'etwa 1 Stunde'),
    priorities: {
      '': 'Normal',
      low: 'Niedrig – keine Eile',
      normal: 'Normal',
      high: 'Hoch',
      urgent: 'Dringend',
    },
    submit: 'Auftrag absenden',
    recent: 'Ihre letzten Aufträge',
    recentColumns: ['Auftrag', 'Stand', 'Frist'],
    package: {
      heading: (month: string) => `Ihr Stundenpaket im ${month}`,
      used: (used: string, holds: string) => `genutzt ${used} von ${holds}`,
      carried: (carried: string, month: string) => ` (davon ${carried} aus ${month} übernommen)`,
      left: (left: string) => `Übrig: ${left}`,
      empty: 'Für diesen Monat aufgebraucht',
      counted: 'Gezählt ist, was erledigt und abgerechnet ist.',
      overage: (rate: string) => `Zeit darüber hinaus berechnen wir mit ${rate} je Stunde (netto).`,
      renews: (day: string) => `Am ${day} beginnt ein neues Paket.`,
      rollsOver: (day: string) =>
        `Am ${day} beginnt ein neues Paket; was von diesem Monat übrig ist, nehmen Sie einen Monat mit.`,
    },
    invoices: 'Ihre Rechnungen',
    invoiceColumns: ['Rechnung', 'Betrag', 'Stand'],
    invoiceQuestion: 'Frage dazu',
    invoiceFileLabels: { pdf: 'PDF', xml: 'E-Rechnung', csv: 'Zeitnachweis' },
    invoiceQuestionTitle: (number: string) => `Frage zur Rechnung ${number}`,
    invoiceStates: {
      paid: 'Bezahlt – danke!',
      refunded: 'Erstattet',
      due: (open: string, date: string) => `${open} offen, fällig am ${date}`,
      overdue: (open: string, date: string) => `${open} offen, fällig seit ${date}`,
      refund: (open: string, date: string) => `${open} erstatten wir bis ${date}`,
    },
    stages: {
      'your-answer': 'Wartet auf Ihre Antwort (siehe unsere E-Mail)',
      finding: 'Wir suchen die passende Assistenz',
      'in-progress': 'In Arbeit',
      done: 'Erledigt',
      cancelled: 'Abgesagt',
    } satisfies Record<ClientStage, string>,
    summary: 'Bitte prüfen Sie diese Angaben:',
    honeypot: 'Bitte dieses Feld leer lassen',
    errors: {
      required: 'Bitte ausfüllen.',
      'too-short': 'Bitte etwas ausführlicher.',
      'too-long': 'Das ist zu lang.',
      'invalid-email': 'Bitte eine gültige E-Mail-Adresse angeben, z. B. name@firma.de.',
      'invalid-choice': 'Bitte einen Eintrag aus der Liste wählen.',
      'invalid-deadline': 'Bitte Datum und Uhrzeit angeben.',
      'deadline-past': 'Die Frist liegt in der Vergangenheit.',
      'too-many-files': 'Höchstens 5 Dateien.',
      'files-too-large': 'Die Dateien sind zusammen zu groß.',
    } satisfies Record<FieldErrorCode, string>,
  },
  en: {
    title: 'Submit a new task',
    intro: 'Describe what needs doing. We find the right assistant and get back to you by email.',
    greeting: (name: string) => `Signed in through your personal link as ${name}.`,
    fields: {
      email: ['Your email address', 'We send you a link to confirm the task.'],
      title: ['Title', 'Short, e.g. "Book a trip to Hamburg".'],
      description: ['Description', 'What exactly should be done? Everything the assistant needs to know.'],
      skill: ['Kind of work', 'Optional. If unsure, we will decide.'],
      deadline: ['Deadline', 'Optional. By when do you need the result? (your local time)'],
      effort: ['Estimated effort', 'Optional.'],
      priority: ['Priority', 'Optional.'],
      attachments: ['Attachments', 'Optional, up to 5 files.'],
    },
    skillUnknown: 'Not sure – please decide',
    effortUnknown: 'Not sure',
    effort: (m: number) =>
      m < 60
        ? `up to ${m} minutes`
        : m === 480
          ? 'about a day'
          : `about ${m / 60} hours`.replace('about 1 hours', 'about 1 hour'),
    priorities: { '': 'Normal', low: 'Low – no rush', normal: 'Normal', high: 'High', urgent: 'Urgent' },
    submit: 'Send task',
    recent: 'Your latest tasks',
    recentColumns: ['Task', 'Status', 'Deadline'],
    package: {
      heading: (month: string) => `Your hours package in ${month}`,
      used: (used: string, holds: string) => `${used} of ${holds} used`,
      carried: (carried: string, month: string) => ` (${carried} of it carried over from ${month})`,
      left: (left: string) => `Left: ${left}`,
      empty: 'Used up for this month',
      counted: 'What is done and billed counts.',
      overage: (rate: string) => `Time beyond it is billed at ${rate} per hour (net).`,
      renews: (day: string) => `A new package starts on ${day}.`,
      rollsOver: (day: string) =>
        `A new package starts on ${day}; what is left of this month's carries over for one month.`,
    },
    invoices: 'Your invoices',
    invoiceColumns: ['Invoice', 'Amount', 'Status'],
    invoiceQuestion: 'Ask about it',
    invoiceFileLabels: { pdf: 'PDF', xml: 'E-invoice', csv: 'Time report' },
    invoiceQuestionTitle: (number: string) => `Question about invoice ${number}`,
    invoiceStates: {
      paid: 'Paid – thank you!',
      refunded: 'Refunded',
      due: (open: string, date: string) => `${open} open, due on ${date}`,
      overdue: (open: string, date: string) => `${open} open, due since ${date}`,
      refund: (open: string, date: string) => `${open} to be refunded by ${date}`,
    },
    stages: {
      'your-answer': 'Waiting for your answer (see our email)',
      finding: 'Finding the right assistant',
      'in-progress': 'In progress',
      done: 'Done',
      cancelled: 'Cancelled',
    } satisfies Record<ClientStage, string>,
    summary: 'Please check these fields:',
    honeypot: 'Please leave this field empty',
    errors: {
      required: 'Please fill this in.',
      'too-short': 'Please say a little more.',
      'too-long': 'This is too long.',
      'invalid-email': 'Please enter a valid email address, e.g. name@company.com.',
      'invalid-choice': 'Please choose an entry from the list.',
      'invalid-deadline': 'Please enter a date and time.',
      'deadline-past': 'The deadline is in the past.',
      'too-many-files': 'At most 5 files.',
      'files-too-large': 'The files are too large together.',
    } satisfies Record<FieldErrorCode, string>,
  },
} as const;

type FieldName = keyof (typeof TEXT)['de']['fields'];

export interface FormPageInput extends PageReader {
  submissionId: string;
  formToken?: string;
  clientName?: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** Opened through the client's personal link: their latest tasks, newest first, in their time zone. */
  recent?: { tasks: readonly Task[]; timeZone: string };
  /** Through the personal link of a package client: their package this month. */
  packageMonth?: PackageMonth;
  /** Also through the personal link only: their latest invoices, newest first, and where each stands. */
  invoices?: readonly ClientInvoice[];
  /** One of those invoices the client asks about: the title names it, so the question goes to a person. */
  about?: string;
}

export interface ClientInvoice {
  number: string;
  period: string;
  grossCents: number;
  dueDate: string;
  standing: InvoiceStanding;
  /** The files it was mailed with, by name: PDF, the XRechnung where there is one, the time report. */
  files: readonly string[];
}

const invoiceState = (language: Language, x: ClientInvoice) => {
  const t = TEXT[language].invoiceStates;
  if (x.standing.state === 'paid' || x.standing.state === 'nothing-due')
    return x.grossCents < 0 ? t.refunded : t.paid;
  const open = formatCents(Math.abs(x.standing.openCents), language);
  const due = formatDate(x.dueDate, language);
  if (x.grossCents < 0) return t.refund(open, due);
  return x.standing.daysOverdue > 0 ? t.overdue(open, due) : t.due(open, due);
};

const clientInvoices = (
  language: Language,
  invoices: readonly ClientInvoice[],
  formToken: string,
): SafeHtml | string => {
  if (invoices.length === 0) return '';
  const t = TEXT[language];
  const ask = (number: string) =>
    `/submit?lang=${language}&k=${encodeURIComponent(formToken)}&about=${encodeURIComponent(number)}#title`;
  const [invoice, amount, state] = t.invoiceColumns;
  const label = (filename: string) =>
    t.invoiceFileLabels[(filename.split('.').pop() ?? 'pdf') as keyof typeof t.invoiceFileLabels] ?? filename;
  const files = (x: ClientInvoice) =>
    x.files.map(
      (f, i) => html`${i ? ' · ' : ''}<a href="${invoiceFilePath(f, formToken)}" download>${label(f)}</a>`,
    );
  return html`<h2>${t.invoices}</h2>
<table><thead><tr><th scope="col">${invoice}</th><th scope="col">${amount}</th><th scope="col">${state}</th></tr></thead><tbody>${invoices.map(
    (x) =>
      html`<tr><td>${x.number}<br><span class="hint">${monthName(x.period, language)}</span><br>${files(x)}</td><td>${formatCents(x.grossCents, language)}</td><td>${invoiceState(language, x)}<br><a href="${ask(x.number)}">${t.invoiceQuestion}</a></td></tr>`,
  )}</tbody></table>`;
};

/** The month's package at a glance: a bar, then what is used and left, and what happens next. */
const packageSection = (language: Language, x: PackageMonth): SafeHtml => {
  const t = TEXT[language].package;
  const minutes = (m: number) => formatMinutes(m, language);
  const holds = x.includedMinutes + x.carriedMinutes;
  const day = formatDate(`${nextPeriod(x.period)}-01`, language);
  return html`<section aria-labelledby="package-heading"><h2 id="package-heading">${t.heading(monthName(x.period, language))}</h2>
<progress id="package-used" max="${holds}" value="${x.usedMinutes}" aria-labelledby="package-heading" aria-describedby="package-text">${Math.round((100 * x.usedMinutes) / holds)} %</progress>
<p id="package-text"><strong>${x.leftMinutes ? t.left(minutes(x.leftMinutes)) : t.empty}</strong> – ${t.used(minutes(x.usedMinutes), minutes(holds))}${
    x.carriedMinutes ? t.carried(minutes(x.carriedMinutes), monthName(periodBefore(x.period), language)) : ''
  }<span class="hint">${t.counted}</span></p>
<p>${t.overage(formatCents(x.overageRateCents, language))} ${x.rollover ? t.rollsOver(day) : t.renews(day)}</p></section>`;
};

const recentTasks = (language: Language, recent: NonNullable<FormPageInput['recent']>): SafeHtml | string => {
  if (recent.tasks.length === 0) return '';
  const t = TEXT[language];
  const [task, stage, deadline] = t.recentColumns;
  return html`<h2>${t.recent}</h2>
<table><thead><tr><th scope="col">${task}</th><th scope="col">${stage}</th><th scope="col">${deadline}</th></tr></thead><tbody>${recent.tasks.map(
    (x) =>
      html`<tr><td>${x.title}<br><span class="hint">${x.id}</span></td><td>${t.stages[clientStageOf(x.status)]}</td><td>${x.deadline ? formatDateTime(x.deadline, language, recent.timeZone) : '-'}</td></tr>`,
  )}</tbody></table>`;
};

/** The submit form: labelled fields, hints and errors tied to their inputs, works without JavaScript. */
export const formPage = (input: FormPageInput): string => {
  const t = TEXT[input.language];
  const asked = input.invoices?.find((x) => x.number === input.about);
  const values = input.values ?? (asked ? { title: t.invoiceQuestionTitle(asked.number) } : {});
  const errors = input.errors ?? {};
  const describedBy = (name: FieldName) =>
    [`${name}-hint`, errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
  const labelFor = (name: FieldName): SafeHtml =>
    html`<label for="${name}">${t.fields[name][0]}<span class="hint" id="${name}-hint">${t.fields[name][1]}</span></label>${
      errors[name] ? html`<p class="error" id="${name}-error">${t.errors[errors[name]]}</p>` : ''
    }`;
  const invalid = (name: FieldName) => (errors[name] ? 'true' : 'false');
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
  const errorNames = (Object.keys(errors) as FieldName[]).filter((n) => n in t.fields);

  const main = html`<h1>${t.title}</h1>
<p>${input.clientName ? t.greeting(input.clientName) : t.intro}</p>
${
  errorNames.length
    ? html`<div class="summary" role="alert" aria-labelledby="summary-title"><p id="summary-title"><strong>${t.summary}</strong></p><ul>${errorNames.map(
        (n) => html`<li><a href="#${n}">${t.fields[n][0]}: ${t.errors[errors[n] ?? 'required']}</a></li>`,
      )}</ul></div>`
    : ''
}
${input.packageMonth ? packageSection(input.language, input.packageMonth) : ''}
<form method="post" action="/tasks?lang=${input.language}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="submission" value="${input.submissionId}">
${input.formToken ? html`<input type="hidden" name="k" value="${input.formToken}">` : ''}
<div class="trap" aria-hidden="true"><label for="website">${t.honeypot}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
${
  input.formToken
    ? ''
    : html`${labelFor('email')}<input id="email" name="email" type="email" autocomplete="email" required aria-required="true" aria-invalid="${invalid('email')}" aria-describedby="${describedBy('email')}" value="${values.email ?? ''}">`
}
${labelFor('title')}<input id="title" name="title" type="text" maxlength="200" required aria-required="true" aria-invalid="${invalid('title')}" aria-describedby="${describedBy('title')}" value="${values.title ?? ''}">
${labelFor('description')}<textarea id="description" name="description" required aria-required="true" aria-invalid="${invalid('description')}" aria-describedby="${describedBy('description')}">${values.description ?? ''}</textarea>
<div class="row">
<div>${labelFor('skill')}<select id="skill" name="skill" aria-invalid="${invalid('skill')}" aria-describedby="${describedBy('skill')}">${option('', t.skillUnknown, values.skill ?? '')}${SKILLS.map((s) => option(s, SKILL_LABELS[s][input.language], values.skill ?? ''))}</select></div>
<div>${labelFor('deadline')}<input id="deadline" name="deadline" type="datetime-local" aria-invalid="${invalid('deadline')}" aria-describedby="${describedBy('deadline')}" value="${values.deadline ?? ''}"></div>
<div>${labelFor('effort')}<select id="effort" name="effort" aria-invalid="${invalid('effort')}" aria-describedby="${describedBy('effort')}">${option('', t.effortUnknown, values.effort ?? '')}${EFFORT_CHOICES.map((m) => option(String(m), t.effort(m), values.effort ?? ''))}</select></div>
<div>${labelFor('priority')}<select id="priority" name="priority" aria-describedby="${describedBy('priority')}">${(['', 'low', 'high', 'urgent'] as const).map((p) => option(p, t.priorities[p], values.priority ?? ''))}</select></div>
</div>
${labelFor('attachments')}<input id="attachments" name="attachments" type="file" multiple aria-invalid="${invalid('attachments')}" aria-describedby="${describedBy('attachments')}">
<button type="submit">${t.submit}</button>
</form>
${input.recent ? recentTasks(input.language, input.recent) : ''}
${input.invoices && input.formToken ? clientInvoices(input.language, input.invoices, input.formToken) : ''}`;
  const otherLanguage = input.language === 'de' ? 'en' : 'de';
  const switchLink = `/submit?lang=${otherLanguage}${input.formToken ? `&k=${encodeURIComponent(input.formToken)}` : ''}`;
  return page(input, t.title, main, switchLink);
};

const RESULTS = {
  de: {
    created: [
      'Danke! Ihr Auftrag ist eingegangen.',
      'Ihre Referenz:',
      'Sie bekommen gleich eine Bestätigung per E-Mail. Sobald eine Assistenz den Auftrag übernommen hat, melden wir uns.',
    ],
    'created-needs-info': [
      'Danke! Ihr Auftrag ist eingegangen.',
      'Ihre Referenz:',
      'Uns fehlt noch eine Angabe; wir haben Ihnen dazu eine E-Mail geschickt.',
    ],
    'passed-on': [
      'Danke! Ihre Nachricht zur Rechnung ist bei uns.',
      'Rechnung:',
      'Unser Team meldet sich persönlich bei Ihnen; eine Bestätigung ist per E-Mail unterwegs. Daraus wird kein Auftrag, und sie wird nicht berechnet.',
    ],
    'confirmation-sent': [
      'Bitte bestätigen Sie Ihren Auftrag.',
      '',
      'Wenn die Adresse zu einem Kundenkonto gehört, haben wir einen Bestätigungslink geschickt. Erst nach der Bestätigung wird der Auftrag bearbeitet.',
    ],
    'invalid-link': [
      'Dieser Link ist nicht gültig.',
      '',
      'Vielleicht wurde er ersetzt oder falsch kopiert. Bitte nutzen Sie den Link aus Ihrer letzten E-Mail oder schreiben Sie uns.',
    ],
    expired: ['Dieser Link ist abgelaufen.', '', 'Bitte reichen Sie den Auftrag noch einmal ein.'],
    'rate-limited': [
      'Zu viele Aufträge in kurzer Zeit.',
      '',
      'Bitte versuchen Sie es in einer Stunde noch einmal oder schreiben Sie uns eine E-Mail.',
    ],
    confirm: [
      'Auftrag bestätigen',
      '',
      'Bitte bestätigen Sie, dass dieser Auftrag von Ihnen kommt.',
      'Jetzt bestätigen',
    ],
    another: 'Weiteren Auftrag einreichen',
  },
  en: {
    created: [
      'Thank you! Your task has arrived.',
      'Your reference:',
      'A confirmation is on its way by email. We will let you know as soon as an assistant has taken the task.',
    ],
    'created-needs-info': [
      'Thank you! Your task has arrived.',
      'Your reference:',
      'We still need one detail; we have sent you an email about it.',
    ],
    'passed-on': [
      'Thank you! Your message about the invoice has arrived.',
      'Invoice:',
      'Our team will get back to you in person; a confirmation is on its way by email. It is not handled or billed as a task.',
    ],
    'confirmation-sent': [
      'Please confirm your task.',
      '',
      'If the address belongs to a client account, we have sent a confirmation link. The task is worked on only after you confirm it.',
    ],
    'invalid-link': [
      'This link is not valid.',
      '',
      'It may have been replaced or copied incompletely. Please use the link from your latest email or write to us.',
    ],
    expired: ['This link has expired.', '', 'Please submit the task again.'],
    'rate-limited': [
      'Too many tasks in a short time.',
      '',
      'Please try again in an hour or send us an email.',
    ],
    confirm: ['Confirm the task', '', 'Please confirm that this task comes from you.', 'Confirm now'],
    another: 'Submit another task',
  },
} as const;

export type ResultKind = Exclude<keyof (typeof RESULTS)['de'], 'confirm' | 'another'>;

export const resultPage = (
  reader: PageReader,
  kind: ResultKind,
  reference?: string,
  formToken?: string,
): string => {
  const { language } = reader;
  const [heading, referenceLabel, text] = RESULTS[language][kind];
  const again = `/submit?lang=${language}${formToken ? `&k=${encodeURIComponent(formToken)}` : ''}`;
  const main = html`<h1>${heading}</h1>${reference ? html`<p>${referenceLabel} <span class="ref">${reference}</span></p>` : ''}<p>${text}</p>${
    kind.startsWith('created') || kind === 'passed-on'
      ? html`<p><a href="${again}">${RESULTS[language].another}</a></p>`
      : ''
  }`;
  return page(reader, heading, main);
};

/** GET on a confirmation link shows a button: mail scanners open links, only a person presses it. */
export const confirmPage = (reader: PageReader, token: string): string => {
  const { language } = reader;
  const [heading, , text, button] = RESULTS[language].confirm;
  const main = html`<h1>${heading}</h1><p>${text}</p><form method="post" action="/confirm/${token}?lang=${language}"><button type="submit">${button}</button></form>`;
  return page(reader, heading, main);
};
