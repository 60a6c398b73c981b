import type { Language } from '../domain/common';
import { type Agency, type RenderedMail, render, taskSubject, vaThreadNote } from './compose';

/** One side's message about a task, passed on to the other side by the agency. */
export interface RelayMailInput {
  language: Language;
  agency: Agency;
  task: { id: string; title: string };
  /** How the recipient is greeted: the VA by first name, the client by contact name. */
  recipientName: string;
  /** Who wrote it, as the recipient knows them. */
  authorName: string;
  text: string;
  attachmentNames: readonly string[];
}

const attachmentRows = (language: Language, names: readonly string[]): Array<[string, string]> =>
  names.map((name, i) => [i === 0 ? (language === 'de' ? 'Anhänge' : 'Attachments') : '', name]);

/** Who wrote a mail the operator gets passed on, about what, with which files. */
const forwardedRows = (
  language: Language,
  from: string,
  subject: string,
  attachmentNames: readonly string[],
): Array<[string, string]> => [
  [language === 'de' ? 'Von' : 'From', from],
  [language === 'de' ? 'Betreff' : 'Subject', subject || '-'],
  ...attachmentRows(language, attachmentNames),
];

const wordsOf = (m: { language: Language; text: string }) =>
  m.text.trim() || (m.language === 'de' ? '(ohne Text)' : '(no text)');

interface RelayWords {
  greeting: (recipient: string) => string;
  intro: (author: string) => string;
  outro: (author: string) => string;
}

const relayMail =
  (words: Record<Language, RelayWords>) =>
  (m: RelayMailInput): RenderedMail => {
    const w = words[m.language];
    return render(
      m.language,
      m.agency,
      taskSubject(m.task),
      w.greeting(m.recipientName),
      w.intro(m.authorName),
      attachmentRows(m.language, m.attachmentNames),
      w.outro(m.authorName),
      { quote: wordsOf(m) },
    );
  };

/** The client wrote about a task the VA works on. */
export const relayToVaMail = relayMail({
  de: {
    greeting: (va) => `Hallo ${va},`,
    intro: (client) => `${client} hat zu diesem Auftrag geschrieben:`,
    outro: (client) => `Antworten Sie einfach auf diese E-Mail; wir leiten Ihre Antwort an ${client} weiter.`,
  },
  en: {
    greeting: (va) => `Hello ${va},`,
    intro: (client) => `${client} wrote about this task:`,
    outro: (client) => `Simply reply to this email; we pass your answer on to ${client}.`,
  },
});

/** The VA wrote about the client's task; their own address stays with the agency. */
export const relayToClientMail = relayMail({
  de: {
    greeting: (client) => `Guten Tag ${client},`,
    intro: (va) => `${va}, Ihre Assistenz, schreibt zu Ihrem Auftrag:`,
    outro: (va) => `Antworten Sie einfach auf diese E-Mail; ${va} erhält Ihre Antwort.`,
  },
  en: {
    greeting: (client) => `Hello ${client},`,
    intro: (va) => `${va}, your assistant, writes about your task:`,
    outro: (va) => `Simply reply to this email; ${va} will get your answer.`,
  },
});

/** A VA wrote, but not about a task they work on: no client got it, the agency's team did. */
export const vaUnmatchedMail = (language: Language, agency: Agency, vaName: string): RenderedMail =>
  language === 'de'
    ? render(
        'de',
        agency,
        'Ihre Nachricht ging an unser Team',
        `Hallo ${vaName},`,
        'wir konnten Ihre Nachricht keinem Auftrag zuordnen, den Sie gerade betreuen. An einen Kunden ging sie deshalb nicht; unser Team hat sie erhalten und meldet sich, wenn nötig.',
        [],
        'Für einen Auftrag antworten Sie bitte auf eine E-Mail zu diesem Auftrag; ihr Betreff beginnt mit [VA-…]. Ein Angebot nehmen Sie über die Links in der Angebots-E-Mail an oder lehnen es ab.',
      )
    : render(
        'en',
        agency,
        'Your message went to our team',
        `Hello ${vaName},`,
        'we could not match your message to a task you are working on, so it went to no client; our team has it and will get back to you if needed.',
        [],
        'For a task, please reply to an email about it; its subject starts with [VA-…]. To accept or decline an offer, use the links in the offer email.',
      );

/** How a VA who wrote about a task not theirs stands to it: it decides what they are told. */
export type VaTaskRelation = 'open-offer' | 'no-longer-theirs' | 'not-theirs';

const ABOUT_TASK: Record<Language, Record<VaTaskRelation, [intro: string, outro: string]>> = {
  de: {
    'open-offer': [
      'Ihre Nachricht zu diesem Angebot ging an unser Team, nicht an den Kunden; wir melden uns, wenn nötig.',
      'Annehmen oder ablehnen können Sie das Angebot weiterhin über die Links in der Angebots-E-Mail.',
    ],
    'no-longer-theirs': [
      'dieser Auftrag liegt nicht mehr bei Ihnen. Ihre Nachricht ging deshalb nicht an den Kunden, sondern an unser Team; wir melden uns, wenn nötig.',
      'Zu Ihren laufenden Aufträgen antworten Sie einfach auf deren E-Mails; die gehen an den jeweiligen Kunden.',
    ],
    'not-theirs': [
      'dieser Auftrag wurde nicht an Sie vergeben. Ihre Nachricht ging deshalb nicht an den Kunden, sondern an unser Team; wir melden uns, wenn nötig.',
      'Zu Ihren laufenden Aufträgen antworten Sie einfach auf deren E-Mails; die gehen an den jeweiligen Kunden.',
    ],
  },
  en: {
    'open-offer': [
      'your message about this offer went to our team, not to the client; we will get back to you if needed.',
      'You can still accept or decline the offer through the links in the offer email.',
    ],
    'no-longer-theirs': [
      'this task is no longer yours, so your message went to our team rather than the client; we will get back to you if needed.',
      'For your current tasks, simply reply to their emails; those reach the client.',
    ],
    'not-theirs': [
      'this task was not given to you, so your message went to our team rather than the client; we will get back to you if needed.',
      'For your current tasks, simply reply to their emails; those reach the client.',
    ],
  },
};

/** A VA wrote about a task they were offered but do not work on: it went to the agency's team. */
export const vaAboutOtherTaskMail = (
  language: Language,
  agency: Agency,
  m: { vaName: string; task: { id: string; title: string }; relation: VaTaskRelation },
): RenderedMail => {
  const [intro, outro] = ABOUT_TASK[language][m.relation];
  return vaThreadNote({ language, agency, task: m.task, vaName: m.vaName }, intro, [], outro);
};

export interface VaToOperatorInput {
  language: Language;
  agency: Agency;
  vaName: string;
  vaEmail: string;
  subject: string;
  text: string;
  attachmentNames: readonly string[];
  /** The task the VA wrote about, when they were offered it: its reference leads the subject. */
  about?: { task: { id: string; title: string }; relation: VaTaskRelation };
}

const ABOUT_FOR_OPERATOR: Record<Language, Record<VaTaskRelation, string>> = {
  de: {
    'open-offer': 'zu einem offenen Angebot',
    'no-longer-theirs': 'zu einem früher übernommenen Auftrag',
    'not-theirs': 'zu einem nicht angenommenen Angebot',
  },
  en: {
    'open-offer': 'about an open offer',
    'no-longer-theirs': 'about a task that was once theirs',
    'not-theirs': 'about an offer they did not take',
  },
};

/** The operator gets what a VA wrote outside any task of theirs, and can answer them directly. */
export const vaToOperatorMail = (m: VaToOperatorInput): RenderedMail => {
  const de = m.language === 'de';
  const rows = forwardedRows(m.language, `${m.vaName} <${m.vaEmail}>`, m.subject, m.attachmentNames);
  return render(
    m.language,
    m.agency,
    m.about
      ? `[${m.about.task.id}] ${de ? 'Nachricht von' : 'Message from'} ${m.vaName} ${ABOUT_FOR_OPERATOR[m.language][m.about.relation]}: ${m.about.task.title}`
      : de
        ? `Nachricht von ${m.vaName}, zu keinem ihrer Aufträge`
        : `Message from ${m.vaName}, about none of their tasks`,
    de ? 'Hallo,' : 'Hello,',
    de
      ? `${m.vaName} hat an das Postfach geschrieben, aber nicht zu einem der eigenen Aufträge; kein Kunde hat die Nachricht erhalten:`
      : `${m.vaName} wrote to the inbox, but about no task they are working on; no client got the message:`,
    rows,
    de
      ? 'Eine Antwort auf diese E-Mail geht direkt an die Assistenz.'
      : 'A reply to this email goes straight to the assistant.',
    { quote: wordsOf(m) },
  );
};

/** Passing on stopped at a recipient's limit: the operator looks (once a day), nothing is lost. */
export const relayHeldMail = (
  language: Language,
  agency: Agency,
  m: { task: { id: string; title: string }; recipient: string },
): RenderedMail => {
  const de = language === 'de';
  return render(
    language,
    agency,
    de
      ? `[${m.task.id}] Nachrichten werden zurückgehalten: ${m.task.title}`
      : `[${m.task.id}] Messages held back: ${m.task.title}`,
    de ? 'Hallo,' : 'Hello,',
    de
      ? `an ${m.recipient} gingen in kurzer Zeit so viele weitergeleitete Nachrichten, dass va-router weitere zurückhält; oft antworten sich dabei zwei automatische Systeme gegenseitig.`
      : `so many passed-on messages went to ${m.recipient} in a short time that va-router holds further ones back; often two automatic systems are answering each other.`,
    [],
    de
      ? `Die Nachrichten liegen am Auftrag: npm run cli -- task show ${m.task.id}`
      : `The messages are kept on the task: npm run cli -- task show ${m.task.id}`,
  );
};

export interface ClientBillingInput {
  language: Language;
  agency: Agency;
  clientId: string;
  clientName: string;
  clientEmail: string;
  invoiceNumber: string;
  subject: string;
  text: string;
  attachmentNames: readonly string[];
}

/**
 * A client wrote about an invoice (a question, "already paid", a complaint): that is the operator's,
 * never a VA's task. The invoice number leads the subject, so the operator's mails about it thread.
 */
export const clientBillingToOperatorMail = (m: ClientBillingInput): RenderedMail => {
  const de = m.language === 'de';
  const rows = forwardedRows(m.language, `${m.clientName} <${m.clientEmail}>`, m.subject, m.attachmentNames);
  const cli = `npm run cli -- invoice list --client ${m.clientId}`;
  return render(
    m.language,
    m.agency,
    `[${m.invoiceNumber}] ${de ? 'Nachricht zur Rechnung von' : 'Message about the invoice from'} ${m.clientName}`,
    de ? 'Hallo,' : 'Hello,',
    de
      ? `${m.clientName} hat zur Rechnung ${m.invoiceNumber} geschrieben. Daraus wurde kein Auftrag, und keine Assistenz hat die Nachricht erhalten:`
      : `${m.clientName} wrote about invoice ${m.invoiceNumber}. No task was made of it, and no assistant got the message:`,
    rows,
    de
      ? `Eine Antwort auf diese E-Mail geht direkt an den Kunden. Wo die Rechnungen stehen: ${cli}; eine Zahlung erfassen: npm run cli -- invoice pay ${m.invoiceNumber} --amount …`
      : `A reply to this email goes straight to the client. Where the invoices stand: ${cli}; to record a payment: npm run cli -- invoice pay ${m.invoiceNumber} --amount …`,
    { quote: wordsOf(m) },
  );
};

/** The client hears that a person, not the task desk, has their mail about the invoice. */
export const billingReceivedMail = (
  language: Language,
  agency: Agency,
  m: { contactName: string; invoiceNumber: string },
): RenderedMail =>
  language === 'de'
    ? render(
        'de',
        agency,
        `Ihre Nachricht zur Rechnung ${m.invoiceNumber}`,
        `Guten Tag ${m.contactName},`,
        `danke für Ihre Nachricht zur Rechnung ${m.invoiceNumber}. Sie liegt bei unserem Team, das sich persönlich bei Ihnen meldet; als Auftrag wird sie nicht bearbeitet und nicht berechnet.`,
        [],
        'Für einen neuen Auftrag schreiben Sie uns einfach eine neue E-Mail.',
      )
    : render(
        'en',
        agency,
        `Your message about invoice ${m.invoiceNumber}`,
        `Hello ${m.contactName},`,
        `thank you for your message about invoice ${m.invoiceNumber}. Our team has it and will get back to you in person; it is not handled or billed as a task.`,
        [],
        'For a new task, simply send us a new email.',
      );
