import type { Language } from '../domain/common';
import { formatCents } from '../domain/money';
import type { Task } from '../domain/task';
import { MAX_TIME_OFF_NOTE, type TimeOffErrorCode, type TimeOffField } from '../domain/time-off-change';
import type { TimeOff } from '../domain/va';
import { formatDate, formatDateTime, monthName } from '../mail/format';
import { html, type SafeHtml } from '../mail/html';
import type { PayoutRow } from '../use-cases/billing/payments';
import type { VaPageOutcome, VaPageView } from '../use-cases/va-page';
import { vaPagePath, vaTimeOffPath, vaTimeOffRemovePath } from './link-paths';
import { type PageReader, page } from './page-layout';

const TEXT = {
  de: {
    title: 'Ihre Seite',
    greeting: (name: string) =>
      `Hallo ${name}, hier sehen Sie Ihre Aufträge und tragen freie Tage selbst ein.`,
    tasks: 'Ihre Aufträge in Arbeit',
    noTasks: 'Gerade keine.',
    taskColumns: ['Auftrag', 'Frist'],
    taskHint: 'Erledigt melden oder zurückgeben: mit dem Link in der E-Mail zum Auftrag.',
    timeOff: 'Ihre freien Tage',
    timeOffHint:
      'In diesen Tagen bekommen Sie keine Angebote, und Angebote warten, bis Sie zurück sind. Ganze Tage, in Ihrer Zeitzone',
    noTimeOff: 'Keine eingetragen.',
    timeOffColumns: ['Von', 'Bis', 'Notiz', ''],
    remove: 'Entfernen',
    add: 'Freie Tage eintragen',
    fields: {
      from: ['Erster freier Tag', 'Ab heute.'],
      to: ['Letzter freier Tag', 'Leer lassen für einen einzelnen Tag.'],
      note: ['Notiz', `Optional, nur für das Team, höchstens ${MAX_TIME_OFF_NOTE} Zeichen.`],
    } satisfies Record<TimeOffField, [string, string]>,
    save: 'Eintragen',
    earnings: 'Ihre Vergütung',
    earningColumns: ['Monat', 'Verdient', 'Überwiesen', 'Offen'],
    soFar: 'bisher',
    earningsHint:
      'Gezählt ist, was erledigt und abgerechnet ist. Nach dem Monatsende kommt die Abrechnung per E-Mail, dann die Überweisung.',
    holidays: (region: string) => `Feiertage (${region}) in den nächsten drei Monaten`,
    holidaysHint: 'An Feiertagen bekommen Sie ebenfalls keine Angebote.',
    done: {
      added: (p: string) => `Eingetragen: ${p}.`,
      removed: (p: string) => `Entfernt: ${p}. Sie können wieder Angebote für diese Tage bekommen.`,
      unchanged: 'Das war schon so eingetragen; nichts geändert.',
    },
    clash:
      'Bitte beachten: Diese Aufträge sind in Ihrer freien Zeit fällig. Erledigen Sie sie vorher, oder geben Sie sie über den Link in der Auftrags-E-Mail zurück:',
    summary: 'Bitte prüfen Sie diese Angaben:',
    errors: {
      required: 'Bitte ein Datum angeben.',
      'invalid-date': 'Bitte ein Datum wie 24.12.2026 angeben.',
      past: 'Der Tag liegt in der Vergangenheit.',
      'before-start': 'Der letzte Tag liegt vor dem ersten.',
      'too-long': 'Das ist zu lang (weniger als ein Jahr am Stück, die Notiz höchstens 200 Zeichen).',
      overlaps: 'Überschneidet sich mit freien Tagen, die schon eingetragen sind:',
    } satisfies Record<TimeOffErrorCode, string>,
  },
  en: {
    title: 'Your page',
    greeting: (name: string) => `Hello ${name}, here are your tasks, and you enter your days off yourself.`,
    tasks: 'Your tasks in progress',
    noTasks: 'None right now.',
    taskColumns: ['Task', 'Deadline'],
    taskHint: "Report done or give back: with the link in the task's email.",
    timeOff: 'Your days off',
    timeOffHint:
      'On these days you get no offers, and offers wait until you are back. Whole days, in your time zone',
    noTimeOff: 'None entered.',
    timeOffColumns: ['From', 'To', 'Note', ''],
    remove: 'Remove',
    add: 'Enter days off',
    fields: {
      from: ['First day off', 'From today on.'],
      to: ['Last day off', 'Leave empty for a single day.'],
      note: ['Note', `Optional, for the team only, at most ${MAX_TIME_OFF_NOTE} characters.`],
    } satisfies Record<TimeOffField, [string, string]>,
    save: 'Save',
    earnings: 'Your pay',
    earningColumns: ['Month', 'Earned', 'Transferred', 'Open'],
    soFar: 'so far',
    earningsHint:
      'What is done and billed counts. After the month ends, the statement comes by email, then the transfer.',
    holidays: (region: string) => `Public holidays (${region}) in the next three months`,
    holidaysHint: 'You get no offers on public holidays either.',
    done: {
      added: (p: string) => `Saved: ${p}.`,
      removed: (p: string) => `Removed: ${p}. You can get offers for these days again.`,
      unchanged: 'That was already so; nothing changed.',
    },
    clash:
      "Please note: these tasks are due during your time off. Finish them before, or give them back with the link in the task's email:",
    summary: 'Please check these fields:',
    errors: {
      required: 'Please enter a date.',
      'invalid-date': 'Please enter a date such as 24/12/2026.',
      past: 'That day is in the past.',
      'before-start': 'The last day is before the first.',
      'too-long': 'That is too long (less than a year at once, the note 200 characters at most).',
      overlaps: 'Overlaps days off already entered:',
    } satisfies Record<TimeOffErrorCode, string>,
  },
} as const;

const periodText = (p: TimeOff, language: Language) =>
  p.from === p.to
    ? formatDate(p.from, language)
    : `${formatDate(p.from, language)} – ${formatDate(p.to, language)}`;

const taskTable = (language: Language, tasks: readonly Task[], timeZone: string): SafeHtml => {
  const t = TEXT[language];
  if (tasks.length === 0) return html`<p>${t.noTasks}</p>`;
  const [task, deadline] = t.taskColumns;
  return html`<table><thead><tr><th scope="col">${task}</th><th scope="col">${deadline}</th></tr></thead><tbody>${tasks.map(
    (x) =>
      html`<tr><td>${x.title}<br><span class="hint">${x.id}</span></td><td>${x.deadline ? formatDateTime(x.deadline, language, timeZone) : '-'}</td></tr>`,
  )}</tbody></table><p class="hint">${t.taskHint}</p>`;
};

const timeOffTable = (language: Language, token: string, timeOff: readonly TimeOff[]): SafeHtml => {
  const t = TEXT[language];
  if (timeOff.length === 0) return html`<p>${t.noTimeOff}</p>`;
  const [from, to, note] = t.timeOffColumns;
  // One small form per row: removing is a POST, so a link checker opening the page removes nothing.
  return html`<table><thead><tr><th scope="col">${from}</th><th scope="col">${to}</th><th scope="col">${note}</th><td></td></tr></thead><tbody>${timeOff.map(
    (p) =>
      html`<tr><td>${formatDate(p.from, language)}</td><td>${formatDate(p.to, language)}</td><td>${p.note ?? ''}</td><td><form method="post" action="${vaTimeOffRemovePath(token)}?lang=${language}"><input type="hidden" name="from" value="${p.from}"><button type="submit" class="small" aria-label="${t.remove}: ${periodText(p, language)}">${t.remove}</button></form></td></tr>`,
  )}</tbody></table>`;
};

const earningsTable = (language: Language, rows: readonly PayoutRow[]): SafeHtml => {
  const t = TEXT[language];
  const [month, earned, transferred, open] = t.earningColumns;
  const money = (cents: number) => formatCents(cents, language);
  return html`<table><thead><tr><th scope="col">${month}</th><th scope="col">${earned}</th><th scope="col">${transferred}</th><th scope="col">${open}</th></tr></thead><tbody>${rows.map(
    (r, i) =>
      html`<tr><td>${monthName(r.period, language)}${i === 0 ? html` <span class="hint">${t.soFar}</span>` : ''}</td><td>${money(r.owedCents)}</td><td>${money(r.paidCents)}</td><td>${money(r.openCents)}</td></tr>`,
  )}</tbody></table><p class="hint">${t.earningsHint}</p>`;
};

export interface VaPageInput extends PageReader {
  token: string;
  view: VaPageView;
  outcome?: VaPageOutcome;
  /** What the VA typed, shown again with the errors. */
  values?: Record<string, string | undefined>;
}

/** The VA's own page: tasks in progress, days off to add and remove, the holidays they keep. */
export const vaPage = ({ token, view, outcome, values = {}, ...reader }: VaPageInput): string => {
  const { language } = reader;
  const t = TEXT[language];
  const errors = outcome?.kind === 'invalid' ? outcome.change.errors : {};
  const overlapping = outcome?.kind === 'invalid' ? outcome.change.overlapping : undefined;
  const errorNames = Object.keys(errors) as TimeOffField[];
  const describedBy = (name: TimeOffField) =>
    [t.fields[name][1] ? `${name}-hint` : '', errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
  const errorText = (name: TimeOffField) => {
    const code = errors[name];
    if (!code) return '';
    return code === 'overlaps' && overlapping
      ? `${t.errors.overlaps} ${periodText(overlapping, language)}`
      : t.errors[code];
  };
  const field = (name: TimeOffField, input: SafeHtml) =>
    html`<div><label for="${name}">${t.fields[name][0]}${t.fields[name][1] ? html`<span class="hint" id="${name}-hint">${t.fields[name][1]}</span>` : ''}</label>${
      errors[name] ? html`<p class="error" id="${name}-error">${errorText(name)}</p>` : ''
    }${input}</div>`;
  const attrs = (name: TimeOffField) =>
    html`id="${name}" name="${name}" aria-invalid="${errors[name] ? 'true' : 'false'}" aria-describedby="${describedBy(name)}" value="${values[name] ?? ''}"`;

  const notice = (() => {
    if (!outcome || outcome.kind === 'invalid' || outcome.kind === 'invalid-link') return '';
    const text =
      outcome.kind === 'unchanged'
        ? t.done.unchanged
        : outcome.period
          ? t.done[outcome.kind](periodText(outcome.period, language))
          : '';
    return html`<div class="notice" role="status"><p>${text}</p>${
      outcome.clashes.length
        ? html`<p>${t.clash}</p><ul>${outcome.clashes.map((x) => html`<li>${x.title} (${x.id}): ${x.deadline ? formatDateTime(x.deadline, language, view.va.timeZone) : ''}</li>`)}</ul>`
        : ''
    }</div>`;
  })();

  const main = html`<h1>${t.title}</h1>
<p>${t.greeting(view.va.name)}</p>
${notice}
${
  errorNames.length
    ? html`<div class="summary" role="alert" aria-labelledby="summary-title"><p id="summary-title"><strong>${t.summary}</strong></p><ul>${errorNames.map(
        (n) => html`<li><a href="#${n}">${t.fields[n][0]}: ${errorText(n)}</a></li>`,
      )}</ul></div>`
    : ''
}
<h2>${t.tasks}</h2>
${taskTable(language, view.tasks, view.va.timeZone)}
<h2>${t.earnings}</h2>
${earningsTable(language, view.earnings)}
<h2>${t.timeOff}</h2>
<p class="hint">${t.timeOffHint} (${view.va.timeZone}).</p>
${timeOffTable(language, token, view.timeOff)}
<h3>${t.add}</h3>
<form method="post" action="${vaTimeOffPath(token)}?lang=${language}" novalidate>
<div class="row">
${field('from', html`<input type="date" ${attrs('from')} min="${view.today}" required aria-required="true">`)}
${field('to', html`<input type="date" ${attrs('to')} min="${view.today}">`)}
</div>
${field('note', html`<input type="text" ${attrs('note')} maxlength="${MAX_TIME_OFF_NOTE}">`)}
<button type="submit">${t.save}</button>
</form>
${
  view.va.holidays
    ? html`<h2>${t.holidays(view.va.holidays)}</h2><p class="hint">${t.holidaysHint}</p>${
        view.holidays.length
          ? html`<ul>${view.holidays.map((h) => html`<li>${formatDate(h.date, language)}: ${h.name[language]}</li>`)}</ul>`
          : ''
      }`
    : ''
}`;
  const otherLanguage = language === 'de' ? 'en' : 'de';
  return page(reader, t.title, main, `${vaPagePath(token)}?lang=${otherLanguage}`);
};
