import type { Language } from '../domain/common';
import { type ClientNote, clientThreadNote, type RenderedMail, type VaNote, vaThreadNote } from './compose';

/** The operator's words on why, when they gave any. */
const reasonRows = (language: Language, reason?: string): Array<[string, string]> =>
  reason ? [[language === 'de' ? 'Grund' : 'Reason', reason]] : [];

export type TakenAway = 'cancelled' | 'rerouted';

const TAKEN_AWAY: Record<Language, Record<TakenAway, string>> = {
  de: {
    cancelled: 'die Agentur hat diesen Auftrag abgesagt.',
    rerouted: 'die Agentur hat diesen Auftrag an eine andere Assistenz gegeben.',
  },
  en: {
    cancelled: 'the agency has cancelled this task.',
    rerouted: 'the agency has given this task to another assistant.',
  },
};

/**
 * Tells the VA who had the task that it is no longer theirs, so nobody works on for nothing: their
 * done link no longer counts. In the task's thread, with its subject.
 */
export const takenAwayVaMail = (m: VaNote & { why: TakenAway; reason?: string }): RenderedMail => {
  const de = m.language === 'de';
  return vaThreadNote(
    m,
    `${TAKEN_AWAY[m.language][m.why]} ${
      de
        ? 'Bitte arbeiten Sie nicht weiter daran; der Link „Als erledigt melden“ gilt nicht mehr.'
        : 'Please stop working on it; the "Mark done" link no longer counts.'
    }`,
    reasonRows(m.language, m.reason),
    de
      ? 'Haben Sie schon Zeit hineingesteckt? Antworten Sie auf diese E-Mail, dann klären wir das.'
      : 'Have you already spent time on it? Reply to this email and we will sort it out.',
  );
};

/** Tells the client the agency cancelled their task: nobody works on it, and it is not billed. */
export const cancelledClientMail = (m: ClientNote & { reason?: string }): RenderedMail =>
  clientThreadNote(
    m,
    {
      de: {
        intro:
          'wir haben diesen Auftrag abgesagt. Er wird nicht weiter bearbeitet, und wir stellen Ihnen dafür nichts in Rechnung.',
        outro: 'Fragen? Antworten Sie einfach auf diese E-Mail.',
      },
      en: {
        intro: 'we have cancelled this task. Nobody works on it any more, and we do not bill you for it.',
        outro: 'Questions? Simply reply to this email.',
      },
    },
    reasonRows(m.language, m.reason),
  );

/** What the operator changed on a task, before and after, as the VA reads it. */
export interface DetailChange {
  label: Record<Language, string>;
  before: string;
  after: string;
}

const changeRows = (language: Language, changes: readonly DetailChange[]): Array<[string, string]> =>
  changes.map((c) => [
    c.label[language],
    `${c.after} (${language === 'de' ? 'bisher' : 'was'}: ${c.before})`,
  ]);

/** Tells the client in writing what the agency changed on their task (a correction, or what they phoned in). */
export const detailsChangedClientMail = (
  m: ClientNote & { changes: readonly DetailChange[] },
): RenderedMail =>
  clientThreadNote(
    m,
    {
      de: {
        intro: 'wir haben Ihren Auftrag angepasst; so gilt er jetzt:',
        outro: 'Stimmt etwas nicht? Antworten Sie einfach auf diese E-Mail.',
      },
      en: {
        intro: 'we have updated your task; this is how it stands now:',
        outro: 'Is something not right? Simply reply to this email.',
      },
    },
    changeRows(m.language, m.changes),
  );

/** Tells the VA who has the task what the agency changed on it (the client phoned, say). */
export const detailsChangedVaMail = (m: VaNote & { changes: readonly DetailChange[] }): RenderedMail => {
  const de = m.language === 'de';
  return vaThreadNote(
    m,
    de
      ? 'die Agentur hat bei diesem Auftrag etwas geändert; bitte richten Sie sich ab jetzt danach:'
      : 'the agency has changed something about this task; please go by it from now on:',
    changeRows(m.language, m.changes),
    de
      ? 'Passt das nicht? Antworten Sie auf diese E-Mail; Ihre Antwort geht an den Kunden.'
      : 'Does that not work for you? Reply to this email; your answer goes to the client.',
  );
};
