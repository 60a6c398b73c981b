import type { Language } from '../domain/common';
import { html, mailLayout, type SafeHtml } from './html';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface Agency {
  name: string;
}

const SIGNATURE = {
  de: {
    signoff: (agency: string) => `Viele Grüße\nIhr Team von ${agency}`,
    footer: (agency: string) =>
      `${agency} · Diese Nachricht wurde automatisch erstellt. Antworten Sie einfach auf diese E-Mail.`,
  },
  en: {
    signoff: (agency: string) => `Kind regards\nThe ${agency} team`,
    footer: (agency: string) =>
      `${agency} · This message was written automatically. Simply reply to this email.`,
  },
} as const;

/**
 * The subject of every mail about a task, to the client and to the VA alike. Gmail and Outlook join
 * mails into a conversation only when their subjects match (References alone are not enough), so one
 * subject keeps each task in one thread; what happened is in the mail's first line.
 */
export const taskSubject = (task: { id: string; title: string }) => `[${task.id}] ${task.title}`;

/** A call to action: a link in the text part, a button in the HTML part. */
export interface MailAction {
  label: string;
  url: string;
  /** Drawn as an outline, not as the mail's main button. */
  secondary?: boolean;
}

const rowsText = (rows: Array<[string, string]>) => rows.map(([k, v]) => `  ${k}: ${v}`).join('\n');
const rowsHtml = (rows: Array<[string, string]>): SafeHtml =>
  html`<table role="presentation" style="border-collapse:collapse;margin:16px 0">${rows.map(
    ([k, v]) =>
      html`<tr><th align="left" style="padding:4px 16px 4px 0;color:#57606a;font-weight:600">${k}</th><td style="padding:4px 0">${v}</td></tr>`,
  )}</table>`;

const paragraphs = (text: string): SafeHtml[] => text.split('\n\n').map((p) => html`<p>${p}</p>`);

/** Someone's own words, passed on: set apart, line breaks kept, never read as markup. */
const quoteText = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
const quoteHtml = (text: string): SafeHtml =>
  html`<blockquote style="margin:16px 0;padding:4px 16px;border-left:3px solid #d0d7de;white-space:pre-line">${text}</blockquote>`;

export const render = (
  language: Language,
  agency: Agency,
  subject: string,
  greeting: string,
  intro: string,
  rows: Array<[string, string]>,
  outro: string,
  extras: { actions?: readonly MailAction[]; quote?: string } = {},
): RenderedMail => {
  const t = SIGNATURE[language];
  const { actions = [], quote } = extras;
  const actionText = actions.map((a) => `${a.label}:\n  ${a.url}`).join('\n\n');
  const text = [
    greeting,
    '',
    intro,
    '',
    ...(quote ? [quoteText(quote), ''] : []),
    ...(rows.length ? [rowsText(rows), ''] : []),
    ...(actionText ? [actionText, ''] : []),
    outro,
    '',
    t.signoff(agency.name),
  ].join('\n');
  const buttons = actions.map(
    (a, i) =>
      html`<a href="${a.url}" style="display:inline-block;margin:0 12px 12px 0;padding:10px 20px;border-radius:6px;font-weight:600;text-decoration:none;${i === 0 && !a.secondary ? 'background:#0b5cad;color:#fff' : 'border:1px solid #0b5cad;color:#0b5cad'}">${a.label}</a>`,
  );
  const body = html`<p>${greeting}</p>${paragraphs(intro)}${quote ? quoteHtml(quote) : ''}${rows.length ? rowsHtml(rows) : ''}${actions.length ? html`<p>${buttons}</p>` : ''}${paragraphs(outro)}<p style="white-space:pre-line">${t.signoff(agency.name)}</p>`;
  return { subject, text, html: mailLayout(language, subject, body, t.footer(agency.name)) };
};

/** Who a mail to the client is for, and which task's thread it belongs to. */
export interface ClientNote {
  language: Language;
  agency: Agency;
  task: { id: string; title: string };
  clientName: string;
}

/** Who a mail to a VA is for (by first name), and which task's thread it belongs to. */
export interface VaNote {
  language: Language;
  agency: Agency;
  task: { id: string; title: string };
  vaName: string;
}

/** A short note to the VA in the task's thread: what happened, the details, then what to do. */
export const vaThreadNote = (
  m: VaNote,
  intro: string,
  rows: Array<[string, string]>,
  outro: string,
): RenderedMail =>
  render(
    m.language,
    m.agency,
    taskSubject(m.task),
    `${m.language === 'de' ? 'Hallo' : 'Hello'} ${m.vaName},`,
    intro,
    rows,
    outro,
  );

const CLIENT_GREETING = { de: 'Guten Tag', en: 'Hello' } as const;

/** A short note to the client in the task's thread: what happened, then how to answer. */
export const clientThreadNote = (
  m: ClientNote,
  words: Record<Language, { intro: string; outro: string }>,
  rows: Array<[string, string]> = [],
): RenderedMail =>
  render(
    m.language,
    m.agency,
    taskSubject(m.task),
    `${CLIENT_GREETING[m.language]} ${m.clientName},`,
    words[m.language].intro,
    rows,
    words[m.language].outro,
  );
