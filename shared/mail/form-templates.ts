import type { Language } from '../domain/common';
import { html, mailLayout } from './html';
import type { RenderedMail } from './intake-templates';

/** Sent when the form was used without a personal link: the address confirms the task. */
export const confirmationMail = (
  language: Language,
  agency: { name: string },
  title: string,
  link: string,
  validHours: number,
): RenderedMail => {
  const t =
    language === 'de'
      ? {
          subject: `Bitte bestätigen: ${title}`,
          intro: `Guten Tag,\n\nüber unser Formular wurde ein Auftrag in Ihrem Namen eingereicht: „${title}“. Bitte bestätigen Sie ihn, damit wir loslegen:`,
          button: 'Auftrag bestätigen',
          outro: `Der Link gilt ${validHours} Stunden. Waren Sie das nicht? Dann ignorieren Sie diese E-Mail einfach; es passiert nichts.`,
          footer: `${agency.name} · automatische Nachricht`,
        }
      : {
          subject: `Please confirm: ${title}`,
          intro: `Hello,\n\na task was submitted in your name through our form: "${title}". Please confirm it so we can get started:`,
          button: 'Confirm the task',
          outro: `The link works for ${validHours} hours. Wasn't you? Then simply ignore this email; nothing will happen.`,
          footer: `${agency.name} · automatic message`,
        };
  const text = `${t.intro}\n\n${link}\n\n${t.outro}`;
  const body = html`${t.intro.split('\n\n').map((p) => html`<p>${p}</p>`)}<p><a href="${link}" style="display:inline-block;background:#0b5cad;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${t.button}</a></p><p style="font-size:13px;color:#57606a">${link}</p><p>${t.outro}</p>`;
  return { subject: t.subject, text, html: mailLayout(language, t.subject, body, t.footer) };
};
