import type { Language } from '../domain/common';
import type { Exclusion } from '../domain/matching/rank';
import { SKILL_LABELS } from '../domain/skills';
import type { Task } from '../domain/task';
import { type Agency, type MailAction, type RenderedMail, render, taskSubject } from './compose';
import { formatDateTime, formatMinutes, packageLeftRows } from './format';

/** What a VA may know about the client: first name or company, never the address before assignment. */
export interface ClientCard {
  displayName: string;
}

const L = {
  de: {
    hello: (name: string) => `Hallo ${name},`,
    task: 'Auftrag',
    work: 'Tätigkeit',
    client: 'Kunde',
    effort: 'Aufwand',
    deadline: 'Frist',
    answerBy: 'Antwort bis',
    contact: 'Kontakt',
    worked: 'Gearbeitet',
    note: 'Notiz',
    assistant: 'Ihre Assistenz',
    none: 'keine Angabe',
    description: 'Beschreibung',
    attachments: 'Anhänge',
    followUps: 'Nachträge',
  },
  en: {
    hello: (name: string) => `Hello ${name},`,
    task: 'Task',
    work: 'Kind of work',
    client: 'Client',
    effort: 'Effort',
    deadline: 'Deadline',
    answerBy: 'Answer by',
    contact: 'Contact',
    worked: 'Time worked',
    note: 'Note',
    assistant: 'Your assistant',
    none: 'not given',
    description: 'Description',
    attachments: 'Attachments',
    followUps: 'Follow-ups',
  },
} as const;

/** The first name only: the client learns who works for them, not more. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

const excerpt = (text: string, max = 600) =>
  text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')} …`;

const taskRows = (task: Task, language: Language, timeZone: string): Array<[string, string]> => {
  const t = L[language];
  return [
    [t.task, `${task.title} (${task.id})`],
    [t.work, task.skills.map((s) => SKILL_LABELS[s.skill][language]).join(', ') || t.none],
    [t.effort, task.effortMinutes ? formatMinutes(task.effortMinutes, language) : t.none],
    [t.deadline, task.deadline ? formatDateTime(task.deadline, language, timeZone) : t.none],
  ];
};

export interface OfferMailInput {
  language: Language;
  agency: Agency;
  vaName: string;
  timeZone: string;
  task: Task;
  client: ClientCard;
  expiresAt: string;
  offerUrl: string;
}

/** The offer: enough to decide, with Accept and Decline links that open a confirmation page. */
export const offerMail = (m: OfferMailInput): RenderedMail => {
  const t = L[m.language];
  const rows: Array<[string, string]> = [
    ...taskRows(m.task, m.language, m.timeZone),
    [t.client, m.client.displayName],
    [t.answerBy, formatDateTime(m.expiresAt, m.language, m.timeZone)],
  ];
  if (m.task.description.trim()) rows.push([t.description, excerpt(m.task.description)]);
  const actions: MailAction[] =
    m.language === 'de'
      ? [
          { label: 'Annehmen', url: `${m.offerUrl}?choice=accept` },
          { label: 'Ablehnen', url: `${m.offerUrl}?choice=decline` },
        ]
      : [
          { label: 'Accept', url: `${m.offerUrl}?choice=accept` },
          { label: 'Decline', url: `${m.offerUrl}?choice=decline` },
        ];
  return m.language === 'de'
    ? render(
        'de',
        m.agency,
        taskSubject(m.task),
        t.hello(m.vaName),
        'wir haben einen Auftrag, der gut zu Ihnen passt. Möchten Sie ihn übernehmen?',
        rows,
        'Die Links öffnen eine Seite, auf der Sie Ihre Antwort bestätigen. Wer zuerst annimmt, erhält den Auftrag; danach ist das Angebot vergeben.',
        { actions },
      )
    : render(
        'en',
        m.agency,
        taskSubject(m.task),
        t.hello(m.vaName),
        'we have a task that fits you well. Would you like to take it?',
        rows,
        'The links open a page where you confirm your answer. The first to accept gets the task; after that the offer is taken.',
        { actions },
      );
};

export interface AssignedVaMailInput {
  language: Language;
  agency: Agency;
  vaName: string;
  timeZone: string;
  task: Task;
  client: { name: string; company?: string; email: string };
  /** Links through the HTTP API, which hands out a fresh download URL on each click. */
  attachments: Array<{ name: string; url: string }>;
  /** What the client wrote on the thread after the brief, before this VA took the task. */
  followUps?: Array<{ at: string; text: string }>;
  doneUrl: string;
  /** The first mail, the one a day before the deadline, or one after it passed; the first by default. */
  kind?: TaskMailKind;
}

export type TaskMailKind = 'assigned' | 'due-soon' | 'overdue';

/** Opening and closing words of the task mail by kind; `due` is the deadline in the VA's words. */
const TASK_MAIL_WORDS: Record<Language, Record<TaskMailKind, (due: string) => [string, string]>> = {
  de: {
    assigned: () => [
      'danke, der Auftrag gehört Ihnen. Hier ist alles, was Sie dafür brauchen:',
      'Wenn Sie fertig sind, melden Sie den Auftrag über den Link als erledigt und tragen Sie die gearbeiteten Minuten ein. Fragen an den Kunden? Antworten Sie einfach auf diese E-Mail; wir leiten sie weiter. Können Sie ihn doch nicht erledigen, geben Sie ihn über denselben Link zurück.',
    ],
    'due-soon': (due) => [
      `zur Erinnerung: Dieser Auftrag ist am ${due} fällig. Hier ist noch einmal alles dazu:`,
      'Ist er schon fertig, melden Sie bitte über den Link die gearbeiteten Minuten. Wird es knapp, sagen Sie es dem Kunden: Eine Antwort auf diese E-Mail erreicht ihn.',
    ],
    overdue: () => [
      'die Frist dieses Auftrags ist vorbei, und er ist noch nicht als erledigt gemeldet. Falls er fertig ist, melden Sie bitte die Zeit; falls nicht, sagen Sie uns kurz Bescheid, oder geben Sie ihn über den Link zurück.',
      'Vielen Dank!',
    ],
  },
  en: {
    assigned: () => [
      'thank you, the task is yours. Here is everything you need:',
      'When you are done, mark the task done through the link and enter the minutes you worked. Questions for the client? Simply reply to this email; we pass it on. If you cannot do it after all, give it back through the same link.',
    ],
    'due-soon': (due) => [
      `a reminder: this task is due on ${due}. Here is everything about it once more:`,
      'If it is finished, please log the minutes you worked through the link. If time is getting short, tell the client: a reply to this email reaches them.',
    ],
    overdue: () => [
      'the deadline of this task has passed and it has not been marked done yet. If it is finished, please log your time; if not, let us know, or give it back through the link.',
      'Thank you!',
    ],
  },
};

/** The task is the VA's: the full brief, the client's contact and the link to report it done. */
export const assignedVaMail = (m: AssignedVaMailInput): RenderedMail => {
  const t = L[m.language];
  const rows: Array<[string, string]> = [
    ...taskRows(m.task, m.language, m.timeZone),
    [t.contact, `${m.client.name}${m.client.company ? `, ${m.client.company}` : ''} <${m.client.email}>`],
    [t.description, m.task.description.trim() || t.none],
  ];
  for (const [i, note] of (m.followUps ?? []).entries())
    rows.push([
      i === 0 ? t.followUps : '',
      `${formatDateTime(note.at, m.language, m.timeZone)}: ${excerpt(note.text.replace(/\s+/g, ' '))}`,
    ]);
  for (const [i, file] of m.attachments.entries())
    rows.push([i === 0 ? t.attachments : '', `${file.name}: ${file.url}`]);
  const de = m.language === 'de';
  const action = { label: de ? 'Als erledigt melden' : 'Mark done', url: m.doneUrl };
  const due = m.task.deadline ? formatDateTime(m.task.deadline, m.language, m.timeZone) : '';
  const [intro, outro] = TASK_MAIL_WORDS[m.language][m.kind ?? 'assigned'](due);
  return render(m.language, m.agency, taskSubject(m.task), t.hello(m.vaName), intro, rows, outro, {
    actions: [action],
  });
};

export interface ClientNoticeInput {
  language: Language;
  agency: Agency;
  clientName: string;
  timeZone: string;
  task: Task;
  vaFirstName: string;
  /** For clients on a monthly package: minutes left this month, shown in every mail. */
  packageMinutesLeft?: number;
}

const packageRow = (m: ClientNoticeInput) => packageLeftRows(m.packageMinutesLeft, m.language);

/** Tells the client who took the task. */
export const assignedClientMail = (m: ClientNoticeInput): RenderedMail => {
  const t = L[m.language];
  const rows: Array<[string, string]> = [
    [t.assistant, m.vaFirstName],
    ...taskRows(m.task, m.language, m.timeZone),
    ...packageRow(m),
  ];
  return m.language === 'de'
    ? render(
        'de',
        m.agency,
        taskSubject(m.task),
        `Guten Tag ${m.clientName},`,
        `gute Nachricht: ${m.vaFirstName} hat Ihren Auftrag übernommen.`,
        rows,
        'Fragen oder Ergänzungen? Antworten Sie einfach auf diese E-Mail.',
      )
    : render(
        'en',
        m.agency,
        taskSubject(m.task),
        `Hello ${m.clientName},`,
        `good news: ${m.vaFirstName} has taken your task.`,
        rows,
        'Questions or additions? Simply reply to this email.',
      );
};

/** Tells the client the task is done, with the time and the VA's note. */
export const completedClientMail = (m: ClientNoticeInput): RenderedMail => {
  const t = L[m.language];
  const rows: Array<[string, string]> = [
    [t.task, `${m.task.title} (${m.task.id})`],
    [t.assistant, m.vaFirstName],
    [t.worked, formatMinutes(m.task.workedMinutes ?? 0, m.language)],
  ];
  if (m.task.completionNote) rows.push([t.note, m.task.completionNote]);
  rows.push(...packageRow(m));
  return m.language === 'de'
    ? render(
        'de',
        m.agency,
        taskSubject(m.task),
        `Guten Tag ${m.clientName},`,
        `${m.vaFirstName} hat Ihren Auftrag erledigt.`,
        rows,
        'Die Zeit erscheint in Ihrer nächsten Monatsabrechnung. Ist etwas offen geblieben? Antworten Sie einfach auf diese E-Mail.',
      )
    : render(
        'en',
        m.agency,
        taskSubject(m.task),
        `Hello ${m.clientName},`,
        `${m.vaFirstName} has finished your task.`,
        rows,
        'The time will appear on your next monthly statement. Anything left open? Simply reply to this email.',
      );
};

/** Sent once a month when a client's package has two hours or less left. */
export const packageLowMail = (m: {
  language: Language;
  agency: Agency;
  clientName: string;
  minutesLeft: number;
  includedMinutes: number;
}): RenderedMail => {
  const de = m.language === 'de';
  const rows: Array<[string, string]> = [
    [de ? 'Im Paket' : 'In the package', formatMinutes(m.includedMinutes, m.language)],
    [de ? 'Übrig diesen Monat' : 'Left this month', formatMinutes(m.minutesLeft, m.language)],
  ];
  return render(
    m.language,
    m.agency,
    de ? 'Ihr Stundenpaket ist fast aufgebraucht' : 'Your hour package is nearly used up',
    de ? `Guten Tag ${m.clientName},` : `Hello ${m.clientName},`,
    de
      ? 'zur Info: von Ihrem Stundenpaket sind diesen Monat nur noch wenige Stunden übrig. Weitere Aufträge erledigen wir gern; die Zeit darüber hinaus berechnen wir zum vereinbarten Satz.'
      : 'for your information: only a few hours of your package are left this month. We are glad to take further tasks; time beyond the package is billed at the agreed rate.',
    rows,
    de ? 'Fragen? Antworten Sie einfach auf diese E-Mail.' : 'Questions? Simply reply to this email.',
  );
};

export interface EscalationMailInput {
  language: Language;
  agency: Agency;
  timeZone: string;
  task: Task;
  clientName: string;
  excluded: Exclusion[];
  declined: string[];
  final: boolean;
  retryAt?: string;
  /** The VA the operator offered this run to alone, as "Name (id)", who did not take it. */
  chosen?: string;
}

/** Tells the operator that nobody could be found, and why each VA was left out. */
export const escalationMail = (m: EscalationMailInput): RenderedMail => {
  const de = m.language === 'de';
  const reasons: Array<[string, string]> = m.excluded.map((e) => [e.name, `${e.reason}: ${e.detail}`]);
  const rows: Array<[string, string]> = [
    ...taskRows(m.task, m.language, m.timeZone),
    [L[m.language].client, m.clientName],
    [de ? 'Angefragt, ohne Zusage' : 'Asked, no acceptance', m.declined.join(', ') || '-'],
    ...reasons,
  ];
  const id = m.task.id;
  const byHand = de
    ? `Der Auftrag steht jetzt auf UNASSIGNED. Einer Assistenz anbieten, mit der Sie gesprochen haben: npm run cli -- task offer ${id} <vaId>; oder neu suchen lassen: npm run cli -- task reroute ${id}`
    : `The task is now UNASSIGNED. Offer it to an assistant you have spoken to: npm run cli -- task offer ${id} <vaId>; or have it searched again: npm run cli -- task reroute ${id}`;
  const next = m.chosen
    ? byHand
    : m.final
      ? `${de ? 'Auch die erweiterte Suche fand niemanden.' : 'The wider search found nobody either.'} ${byHand}`
      : de
        ? `va-router sucht ${m.retryAt ? `am ${formatDateTime(m.retryAt, 'de', m.timeZone)}` : 'später'} noch einmal, mit gelockerten Kriterien. Sofort neu starten: npm run cli -- task reroute ${id}`
        : `va-router will search again ${m.retryAt ? `on ${formatDateTime(m.retryAt, 'en', m.timeZone)}` : 'later'}, with relaxed criteria. To start now: npm run cli -- task reroute ${id}`;
  const intro = m.chosen
    ? de
      ? `${m.chosen} hat Ihr Angebot für diesen Auftrag nicht angenommen (abgelehnt oder nicht rechtzeitig beantwortet). Die Gründe, aus denen die übrigen Assistenzen nicht passen:`
      : `${m.chosen} did not take the offer you made them for this task (declined it, or did not answer in time). Why the other assistants do not fit:`
    : m.excluded.length === 0 && m.declined.length === 0
      ? rosterGap(m.task, m.language)
      : de
        ? 'für diesen Auftrag hat niemand zugesagt oder niemand kam infrage. Die Gründe je Assistenz:'
        : 'nobody accepted this task or nobody qualified for it. The reasons per assistant:';
  return render(
    m.language,
    m.agency,
    de ? `[${id}] Keine Assistenz gefunden: ${m.task.title}` : `[${id}] No assistant found: ${m.task.title}`,
    de ? 'Hallo,' : 'Hello,',
    intro,
    rows,
    next,
  );
};

const LANGUAGE_NAMES: Record<Language, Record<Language, string>> = {
  de: { de: 'Deutsch', en: 'Englisch' },
  en: { de: 'German', en: 'English' },
};

/**
 * When the search found nobody even to weigh, the roster lacks the skill in the task's language:
 * the operator needs to hear that, not an empty list of reasons.
 */
const rosterGap = (task: Task, language: Language): string => {
  const skills = task.skills.map((s) => SKILL_LABELS[s.skill][language]).join(', ');
  const spoken = LANGUAGE_NAMES[language][task.language];
  return language === 'de'
    ? `in der Kartei hat keine aktive Assistenz ${skills || 'die nötigen Fähigkeiten'} auf der nötigen Stufe und spricht ${spoken}. Nehmen Sie jemanden auf (npm run cli -- va add) oder ergänzen Sie eine Assistenz (va update).`
    : `no active assistant in the roster has ${skills || 'the skills needed'} at the level needed and speaks ${spoken}. Add someone (npm run cli -- va add) or extend an assistant (va update).`;
};
