import { describe, expect, it } from 'vitest';
import { mergeAnswer } from '../../../shared/domain/brief/merge-answer';
import { parseBrief } from '../../../shared/domain/brief/parse-brief';
import { aTask } from '../../support/builders';

/** A client's answer to "what is missing", merged into the task that waited for it. */
describe('mergeAnswer', () => {
  const now = new Date('2026-11-25T09:00:00Z'); // a Wednesday
  const answer = (body: string) =>
    parseBrief({ subject: '', body, now, timeZone: 'Europe/Berlin', fallbackLanguage: 'de' });
  const waiting = aTask({
    status: 'NEEDS_INFO',
    skills: [{ skill: 'travel', confidence: 0.9, minLevel: 2 }],
    effortMinutes: 60,
    missing: ['deadline'],
  });

  it('takes the deadline from the answer, and then nothing is missing', () => {
    const { changes, brief } = mergeAnswer(waiting, answer('Bis Freitag 12 Uhr, bitte.'));
    expect(changes.deadline).toBe('2026-11-27T11:00:00.000Z');
    expect(changes.missing).toEqual([]);
    expect(brief.needsInfo).toBe(false);
  });

  it('keeps a sure kind of work and its level, whatever else the answer names', () => {
    const { changes } = mergeAnswer(waiting, answer('Bitte auch eine Präsentation dazu, bis Freitag.'));
    expect(changes.skills).toEqual(waiting.skills);
  });

  it('replaces an unsure kind of work with the one the answer names', () => {
    const unsure = aTask({ ...waiting, skills: [{ skill: 'research', confidence: 0.3, minLevel: 1 }] });
    const { changes } = mergeAnswer(
      unsure,
      answer('Es geht um die Buchhaltung: Belege erfassen, bis Freitag.'),
    );
    expect(changes.skills[0]).toMatchObject({ skill: 'bookkeeping', minLevel: 1 });
    expect(changes.missing).not.toContain('skills');
  });

  it('raises the priority when the answer says it is urgent, and never lowers it', () => {
    expect(mergeAnswer(waiting, answer('Dringend, bis morgen früh!')).changes.priority).toBe('urgent');
    const urgent = aTask({ ...waiting, priority: 'urgent' });
    expect(mergeAnswer(urgent, answer('Bis nächsten Monat, keine Eile.')).changes.priority).toBe('urgent');
  });

  it('still lists what the answer did not give', () => {
    const { changes } = mergeAnswer(waiting, answer('Danke für die Rückfrage.'));
    expect(changes.missing).toEqual(['deadline']);
  });
});
