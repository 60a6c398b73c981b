import type { Language } from '../domain/common';
import type { Task } from '../domain/task';
import { formatDateTime, formatMinutes } from '../mail/format';
import { html } from '../mail/html';
import { donePath, giveBackPath, offerPath, withdrawPath } from './link-paths';
import { type PageReader, page } from './page-layout';

export type OfferOutcome =
  | 'accepted'
  | 'declined'
  | 'already-accepted'
  | 'already-declined'
  | 'taken'
  | 'expired'
  | 'invalid-link';

export type DoneOutcome = 'done' | 'already-done' | 'not-yours' | 'invalid-link';
export type WithdrawOutcome =
  | 'withdrawn'
  | 'already-withdrawn'
  | 'cancelled'
  | 'taken'
  | 'closed'
  | 'invalid-link';
export type GiveBackOutcome =
  | 'given-back'
  | 'already-given-back'
  | 'already-done'
  | 'not-yours'
  | 'invalid-link';

/** Every link page says the same of a link it does not know. */
const INVALID_LINK: Record<Language, [string, string]> = {
  de: ['Link ungültig', 'Dieser Link ist unbekannt oder nicht mehr gültig. Nichts wurde geändert.'],
  en: ['Invalid link', 'This link is unknown or no longer valid. Nothing was changed.'],
};

const OFFER_OUTCOMES: Record<Language, Record<OfferOutcome, [string, string]>> = {
  de: {
    accepted: [
      'Der Auftrag gehört Ihnen',
      'Danke! Sie erhalten gleich eine E-Mail mit allen Angaben und dem Link, mit dem Sie den Auftrag als erledigt melden.',
    ],
    declined: ['Abgelehnt', 'Danke für die schnelle Antwort. Wir fragen jemand anderen.'],
    'already-accepted': [
      'Schon angenommen',
      'Sie haben diesen Auftrag bereits angenommen; die E-Mail mit allen Angaben ist unterwegs.',
    ],
    'already-declined': ['Schon abgelehnt', 'Sie haben dieses Angebot bereits abgelehnt.'],
    taken: [
      'Schon vergeben',
      'Jemand anderes hat diesen Auftrag bereits übernommen. Danke für Ihr Interesse!',
    ],
    expired: [
      'Angebot abgelaufen',
      'Die Frist für dieses Angebot ist vorbei; der Auftrag wurde weitergegeben.',
    ],
    'invalid-link': INVALID_LINK.de,
  },
  en: {
    accepted: [
      'The task is yours',
      'Thank you! You will get an email with everything you need and the link to mark the task done.',
    ],
    declined: ['Declined', 'Thank you for the quick answer. We will ask someone else.'],
    'already-accepted': [
      'Already accepted',
      'You have already accepted this task; the email with all details is on its way.',
    ],
    'already-declined': ['Already declined', 'You have already declined this offer.'],
    taken: ['Already taken', 'Someone else has already taken this task. Thank you for your interest!'],
    expired: ['Offer expired', 'The time to answer this offer is over; the task has moved on.'],
    'invalid-link': INVALID_LINK.en,
  },
};

const DONE_OUTCOMES: Record<Language, Record<DoneOutcome, [string, string]>> = {
  de: {
    done: ['Erledigt, danke!', 'Der Auftrag ist als erledigt gemeldet; der Kunde erhält Bescheid.'],
    'already-done': [
      'Schon gemeldet',
      'Dieser Auftrag ist bereits als erledigt gemeldet. Nichts wurde geändert.',
    ],
    'not-yours': [
      'Nicht mehr Ihr Auftrag',
      'Dieser Auftrag ist Ihnen nicht mehr zugewiesen. Nichts wurde geändert.',
    ],
    'invalid-link': INVALID_LINK.de,
  },
  en: {
    done: ['Done, thank you!', 'The task is marked done; the client will be told.'],
    'already-done': ['Already reported', 'This task has already been marked done. Nothing was changed.'],
    'not-yours': ['No longer your task', 'This task is no longer assigned to you. Nothing was changed.'],
    'invalid-link': INVALID_LINK.en,
  },
};

const GIVE_BACK_OUTCOMES: Record<Language, Record<'given-back' | 'already-given-back', [string, string]>> = {
  de: {
    'given-back': [
      'Zurückgegeben',
      'Danke, dass Sie Bescheid gesagt haben. Wir suchen jemand anderen; der Kunde erfährt es von uns.',
    ],
    'already-given-back': ['Schon zurückgegeben', 'Sie haben diesen Auftrag bereits zurückgegeben.'],
  },
  en: {
    'given-back': [
      'Given back',
      'Thank you for letting us know. We are finding someone else; we will tell the client.',
    ],
    'already-given-back': ['Already given back', 'You have already given this task back.'],
  },
};

export const giveBackOutcomePage = (reader: PageReader, outcome: GiveBackOutcome): string => {
  const { language } = reader;
  const [heading, text] =
    outcome === 'given-back' || outcome === 'already-given-back'
      ? GIVE_BACK_OUTCOMES[language][outcome]
      : DONE_OUTCOMES[language][outcome];
  return page(reader, heading, html`<h1>${heading}</h1><p>${text}</p>`);
};

const WITHDRAW_OUTCOMES: Record<Language, Record<WithdrawOutcome, [string, string]>> = {
  de: {
    withdrawn: ['Zurückgezogen', 'Ihr Auftrag ist zurückgezogen. Es entstehen keine Kosten.'],
    'already-withdrawn': ['Schon zurückgezogen', 'Dieser Auftrag ist bereits zurückgezogen.'],
    cancelled: [
      'Schon abgesagt',
      'Wir haben diesen Auftrag bereits abgesagt. Es entstehen keine Kosten, und nichts wurde geändert.',
    ],
    taken: [
      'Schon übernommen',
      'Ihre Assistenz hat den Auftrag bereits übernommen. Antworten Sie auf unsere E-Mail, dann klären wir es mit ihr.',
    ],
    closed: ['Schon erledigt', 'Dieser Auftrag ist bereits erledigt. Nichts wurde geändert.'],
    'invalid-link': INVALID_LINK.de,
  },
  en: {
    withdrawn: ['Withdrawn', 'Your task is withdrawn. There is no charge.'],
    'already-withdrawn': ['Already withdrawn', 'This task has already been withdrawn.'],
    cancelled: [
      'Already cancelled',
      'We have already cancelled this task. There is no charge, and nothing was changed.',
    ],
    taken: [
      'Already taken',
      'Your assistant has already taken the task. Reply to our email and we will sort it out with them.',
    ],
    closed: ['Already done', 'This task is already done. Nothing was changed.'],
    'invalid-link': INVALID_LINK.en,
  },
};

export const withdrawOutcomePage = (reader: PageReader, outcome: WithdrawOutcome): string => {
  const { language } = reader;
  const [heading, text] = WITHDRAW_OUTCOMES[language][outcome];
  return page(reader, heading, html`<h1>${heading}</h1><p>${text}</p>`);
};

/** Asks before withdrawing: a link opened by a scanner or by mistake changes nothing. */
export const withdrawPage = (p: PageReader & { token: string; task: Task }): string => {
  const de = p.language === 'de';
  const heading = de ? `Auftrag zurückziehen: ${p.task.title}` : `Withdraw the task: ${p.task.title}`;
  const main = html`<h1>${heading}</h1>
<p>${de ? 'Referenz' : 'Reference'} <span class="ref">${p.task.id}</span></p>
<p>${
    de
      ? 'Noch hat niemand den Auftrag übernommen. Ziehen Sie ihn zurück, bieten wir ihn niemandem mehr an; es entstehen keine Kosten.'
      : 'Nobody has taken the task yet. If you withdraw it, it is offered to no one any more; there is no charge.'
  }</p>
<form method="post" action="${withdrawPath(p.token)}?lang=${p.language}"><button type="submit" style="background:#57606a">${de ? 'Auftrag zurückziehen' : 'Withdraw the task'}</button></form>`;
  return page(p, heading, main);
};

export const offerOutcomePage = (reader: PageReader, outcome: OfferOutcome): string => {
  const { language } = reader;
  const [heading, text] = OFFER_OUTCOMES[language][outcome];
  return page(reader, heading, html`<h1>${heading}</h1><p>${text}</p>`);
};

export const doneOutcomePage = (reader: PageReader, outcome: DoneOutcome): string => {
  const { language } = reader;
  const [heading, text] = DONE_OUTCOMES[language][outcome];
  return page(reader, heading, html`<h1>${heading}</h1><p>${text}</p>`);
};

export interface OfferPageInput extends PageReader {
  token: string;
  task: Task;
  clientName: string;
  expiresAt: string;
  timeZone: string;
  choice?: 'accept' | 'decline';
}

/**
 * What an offer link opens. Mail scanners fetch links to check them, so this page only shows the
 * offer; the decision is the POST of one of its buttons.
 */
export const offerPage = (p: OfferPageInput): string => {
  const de = p.language === 'de';
  const heading = de ? `Angebot: ${p.task.title}` : `Offer: ${p.task.title}`;
  const rows: Array<[string, string]> = [
    [de ? 'Referenz' : 'Reference', p.task.id],
    [de ? 'Kunde' : 'Client', p.clientName],
    [de ? 'Aufwand' : 'Effort', p.task.effortMinutes ? formatMinutes(p.task.effortMinutes, p.language) : '-'],
    [
      de ? 'Frist' : 'Deadline',
      p.task.deadline ? formatDateTime(p.task.deadline, p.language, p.timeZone) : '-',
    ],
    [de ? 'Antwort bis' : 'Answer by', formatDateTime(p.expiresAt, p.language, p.timeZone)],
  ];
  const accept = html`<form method="post" action="${offerPath(p.token)}/accept?lang=${p.language}"><button type="submit">${de ? 'Auftrag annehmen' : 'Accept the task'}</button></form>`;
  const decline = html`<form method="post" action="${offerPath(p.token)}/decline?lang=${p.language}"><button type="submit" style="background:#57606a">${de ? 'Ablehnen' : 'Decline'}</button></form>`;
  const main = html`<h1>${heading}</h1>
<dl>${rows.map(([k, v]) => html`<dt><strong>${k}</strong></dt><dd>${v}</dd>`)}</dl>
${p.task.description ? html`<p style="white-space:pre-line">${p.task.description}</p>` : ''}
${p.choice === 'decline' ? [decline, accept] : [accept, decline]}`;
  return page(p, heading, main);
};

export interface DonePageInput extends PageReader {
  token: string;
  task: Task;
  values?: { minutes?: string; note?: string };
  errors?: { minutes?: string; note?: string };
}

export const DONE_LIMITS = { maxMinutes: 10_000, maxNoteLength: 2000 } as const;

/** The "Mark done" form: minutes worked and a short note for the client. */
export const donePage = (p: DonePageInput): string => {
  const de = p.language === 'de';
  const heading = de ? `Erledigt melden: ${p.task.title}` : `Mark done: ${p.task.title}`;
  const main = html`<h1>${heading}</h1>
<p>${de ? 'Referenz' : 'Reference'} <span class="ref">${p.task.id}</span></p>
<form method="post" action="${donePath(p.token)}?lang=${p.language}" novalidate>
<label for="minutes">${de ? 'Gearbeitete Minuten' : 'Minutes worked'}</label>
<input id="minutes" name="minutes" type="number" inputmode="numeric" min="1" max="${DONE_LIMITS.maxMinutes}" required value="${p.values?.minutes ?? ''}"${p.errors?.minutes ? html` aria-invalid="true" aria-describedby="minutes-error"` : ''}>
${p.errors?.minutes ? html`<p class="error" id="minutes-error">${p.errors.minutes}</p>` : ''}
<label for="note">${de ? 'Notiz für den Kunden' : 'Note for the client'} <span class="hint">${de ? 'optional' : 'optional'}</span></label>
<textarea id="note" name="note" maxlength="${DONE_LIMITS.maxNoteLength}">${p.values?.note ?? ''}</textarea>
${p.errors?.note ? html`<p class="error">${p.errors.note}</p>` : ''}
<button type="submit">${de ? 'Als erledigt melden' : 'Mark done'}</button>
</form>
<p class="hint">${de ? 'Sie können den Auftrag doch nicht erledigen?' : 'You cannot do the task after all?'} <a href="${giveBackPath(p.token)}?lang=${p.language}">${de ? 'Auftrag zurückgeben' : 'Give the task back'}</a></p>`;
  return page(p, heading, main);
};

export const GIVE_BACK_LIMITS = { maxReasonLength: 1000 } as const;

export interface GiveBackPageInput extends PageReader {
  token: string;
  task: Task;
  reason?: string;
  error?: string;
}

/** Asks before giving a task back: a link opened by a scanner or by mistake changes nothing. */
export const giveBackPage = (p: GiveBackPageInput): string => {
  const de = p.language === 'de';
  const heading = de ? `Auftrag zurückgeben: ${p.task.title}` : `Give the task back: ${p.task.title}`;
  const main = html`<h1>${heading}</h1>
<p>${de ? 'Referenz' : 'Reference'} <span class="ref">${p.task.id}</span></p>
<p>${
    de
      ? 'Wir geben den Auftrag an eine andere Assistenz weiter und sagen dem Kunden Bescheid. Für diesen Auftrag fragen wir Sie nicht noch einmal.'
      : 'We pass the task on to another assistant and tell the client. You will not be asked for this task again.'
  }</p>
<form method="post" action="${giveBackPath(p.token)}?lang=${p.language}" novalidate>
<label for="reason">${de ? 'Grund, für unser Team' : 'Reason, for our team'} <span class="hint">${de ? 'optional; der Kunde sieht ihn nicht' : 'optional; the client does not see it'}</span></label>
<textarea id="reason" name="reason" maxlength="${GIVE_BACK_LIMITS.maxReasonLength}">${p.reason ?? ''}</textarea>
${p.error ? html`<p class="error">${p.error}</p>` : ''}
<button type="submit" style="background:#57606a">${de ? 'Auftrag zurückgeben' : 'Give the task back'}</button>
</form>`;
  return page(p, heading, main);
};
