import type { Language } from '../domain/common';
import { type Agency, type ClientNote, clientThreadNote, type RenderedMail, render } from './compose';

interface Withdrawn {
  language: Language;
  agency: Agency;
  task: { id: string; title: string };
}

/** The client's record of their withdrawal, in the task's thread: nothing is charged for it. */
export const withdrawnClientMail = (m: ClientNote): RenderedMail =>
  clientThreadNote(m, {
    de: {
      intro:
        'Sie haben diesen Auftrag zurückgezogen. Wir bieten ihn niemandem mehr an, und es entstehen Ihnen keine Kosten.',
      outro: 'War das ein Versehen? Antworten Sie einfach auf diese E-Mail, dann kümmern wir uns darum.',
    },
    en: {
      intro: 'you have withdrawn this task. We no longer offer it to anyone, and there is no charge.',
      outro: 'Was this a mistake? Simply reply to this email and we will take care of it.',
    },
  });

/**
 * Tells the operator a client withdrew a task, so nobody keeps looking for a VA by hand: the
 * workflow and any pending offers have already ended.
 */
export const withdrawnOperatorMail = (m: Withdrawn & { clientName: string }): RenderedMail => {
  const de = m.language === 'de';
  return render(
    m.language,
    m.agency,
    de
      ? `[${m.task.id}] Vom Kunden zurückgezogen: ${m.task.title}`
      : `[${m.task.id}] Withdrawn by the client: ${m.task.title}`,
    de ? 'Hallo,' : 'Hello,',
    de
      ? `${m.clientName} hat diesen Auftrag über den Link in der Bestätigung zurückgezogen. Offene Angebote sind zurückgenommen, va-router sucht niemanden mehr. Sie müssen nichts tun.`
      : `${m.clientName} has withdrawn this task through the link in their acknowledgement. Open offers are withdrawn and va-router looks for nobody any more. There is nothing you need to do.`,
    [
      [de ? 'Auftrag' : 'Task', `${m.task.title} (${m.task.id})`],
      [de ? 'Kunde' : 'Client', m.clientName],
    ],
    de
      ? `Falls nötig: npm run cli -- task show ${m.task.id}`
      : `If needed: npm run cli -- task show ${m.task.id}`,
  );
};
