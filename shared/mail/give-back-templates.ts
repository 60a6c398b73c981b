import type { Language } from '../domain/common';
import { type Agency, type ClientNote, clientThreadNote, type RenderedMail, render } from './compose';

interface GivenBack {
  language: Language;
  agency: Agency;
  task: { id: string; title: string };
}

/**
 * Tells the client their VA stepped back and the agency is finding someone new. In the task's
 * thread, with its subject; the VA's reason stays with the operator.
 */
export const givenBackClientMail = (m: ClientNote & { vaFirstName: string }): RenderedMail =>
  clientThreadNote(m, {
    de: {
      intro: `${m.vaFirstName} kann Ihren Auftrag leider nicht weiterführen. Wir suchen gerade eine neue Assistenz und melden uns, sobald jemand übernommen hat. Sie müssen nichts tun.`,
      outro:
        'Was Sie uns zu diesem Auftrag geschrieben haben, geht an die neue Assistenz. Fragen? Antworten Sie einfach auf diese E-Mail.',
    },
    en: {
      intro: `unfortunately ${m.vaFirstName} cannot continue with your task. We are finding a new assistant and will let you know as soon as someone has taken it. There is nothing you need to do.`,
      outro:
        'What you wrote to us about this task goes to the new assistant. Questions? Simply reply to this email.',
    },
  });

/** Tells the operator who gave a task back and why; routing has already started again. */
export const givenBackOperatorMail = (
  m: GivenBack & { vaName: string; clientName: string; reason: string; run: number },
): RenderedMail => {
  const de = m.language === 'de';
  const rows: Array<[string, string]> = [
    [de ? 'Auftrag' : 'Task', `${m.task.title} (${m.task.id})`],
    [de ? 'Kunde' : 'Client', m.clientName],
    [de ? 'Assistenz' : 'Assistant', m.vaName],
    [de ? 'Grund' : 'Reason', m.reason || (de ? 'keine Angabe' : 'none given')],
  ];
  return render(
    m.language,
    m.agency,
    de
      ? `[${m.task.id}] Zurückgegeben von ${m.vaName}: ${m.task.title}`
      : `[${m.task.id}] Given back by ${m.vaName}: ${m.task.title}`,
    de ? 'Hallo,' : 'Hello,',
    de
      ? `${m.vaName} hat diesen Auftrag zurückgegeben. va-router sucht schon jemand Neues (Lauf ${m.run}); ${m.vaName} wird für diesen Auftrag nicht mehr gefragt. Der Kunde weiß Bescheid.`
      : `${m.vaName} has given this task back. va-router is already looking for someone new (run ${m.run}); ${m.vaName} will not be asked for this task again. The client has been told.`,
    rows,
    de
      ? `Falls nötig: npm run cli -- task explain ${m.task.id}`
      : `If needed: npm run cli -- task explain ${m.task.id}`,
  );
};
