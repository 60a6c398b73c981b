import { describe, expect, it } from 'vitest';
import { findDeadline } from '../../../shared/domain/brief/deadline';

// Wednesday, 25 Nov 2026, 10:00 in Berlin (CET, UTC+1).
const NOW = new Date('2026-11-25T09:00:00Z');
const BERLIN = 'Europe/Berlin';

describe('findDeadline', () => {
  it.each([
    ['Bitte bis Freitag 12 Uhr erledigen', 'de', '2026-11-27T11:00:00.000Z', 0.9],
    ['Das brauche ich morgen früh', 'de', '2026-11-26T08:00:00.000Z', 0.9],
    ['bis Ende nächster Woche', 'de', '2026-12-04T17:00:00.000Z', 0.9],
    ['Bis Ende der Woche wäre toll', 'de', '2026-11-27T17:00:00.000Z', 0.9],
    ['spätestens 15.12.', 'de', '2026-12-15T17:00:00.000Z', 0.9],
    ['bis zum 15.12. um 14 Uhr', 'de', '2026-12-15T13:00:00.000Z', 0.9],
    ['Frist: KW 50', 'de', '2026-12-11T17:00:00.000Z', 0.9],
    ['bis 3.1.', 'de', '2027-01-03T17:00:00.000Z', 0.9],
    ['bis Monatsende', 'de', '2026-11-30T17:00:00.000Z', 0.9],
    ['heute noch bitte', 'de', '2026-11-25T17:00:00.000Z', 0.9],
    ['by next Tuesday', 'en', '2026-12-01T17:00:00.000Z', 0.9],
    ['by Friday noon', 'en', '2026-11-27T11:00:00.000Z', 0.9],
    ['no later than 15 December', 'en', '2026-12-15T17:00:00.000Z', 0.9],
    ['by end of next week', 'en', '2026-12-04T17:00:00.000Z', 0.9],
    // A weekday of next week, the time after a comma, a weekday with the date it names.
    ['Bis Freitag nächster Woche, 12 Uhr, bitte.', 'de', '2026-12-04T11:00:00.000Z', 0.9],
    ['bis nächste Woche Donnerstag', 'de', '2026-12-03T17:00:00.000Z', 0.9],
    ['bis Freitag, den 4.12., 14 Uhr', 'de', '2026-12-04T13:00:00.000Z', 0.9],
    ['bis kommenden Montag, 9:30', 'de', '2026-11-30T08:30:00.000Z', 0.9],
    ['due next week on Tuesday at 3 pm', 'en', '2026-12-01T14:00:00.000Z', 0.9],
    // Christmas, the end or middle of a month, a span of days or weeks, the end of the day.
    ['Bitte vor Weihnachten erledigen', 'de', '2026-12-23T17:00:00.000Z', 0.9],
    ['bis Ende Dezember', 'de', '2026-12-31T17:00:00.000Z', 0.9],
    ['bis Mitte Januar', 'de', '2027-01-15T17:00:00.000Z', 0.9],
    // Christmas Day 2026 is a Friday: the Tuesday after it is the 29th.
    ['bis Dienstag nach Weihnachten', 'de', '2026-12-29T17:00:00.000Z', 0.9],
    ['by the Monday after Christmas', 'en', '2026-12-28T17:00:00.000Z', 0.9],
    ['bis Anfang nächster Woche', 'de', '2026-11-30T17:00:00.000Z', 0.9],
    ['Anfang der kommenden Woche wäre gut', 'de', '2026-11-30T17:00:00.000Z', 0.9],
    ['early next week please', 'en', '2026-11-30T17:00:00.000Z', 0.9],
    ['bis Anfang Januar', 'de', '2027-01-05T17:00:00.000Z', 0.9],
    // The month just past is a slip or a late request, not next year's: the client confirms it.
    ['bis Ende Oktober', 'de', '2026-10-31T17:00:00.000Z', 0.3],
    ['by mid-October', 'en', '2026-10-15T16:00:00.000Z', 0.3],
    ['innerhalb von 3 Tagen', 'de', '2026-11-28T17:00:00.000Z', 0.9],
    ['binnen einer Woche', 'de', '2026-12-02T17:00:00.000Z', 0.9],
    ['within two weeks', 'en', '2026-12-09T17:00:00.000Z', 0.9],
    ['by end of day', 'en', '2026-11-25T17:00:00.000Z', 0.9],
    // "4h" after the date is the effort, not four o'clock.
    ['bis Freitag, 4h Aufwand', 'de', '2026-11-27T17:00:00.000Z', 0.9],
  ] as const)('%s', (text, language, at, confidence) => {
    expect(findDeadline(text, language, NOW, BERLIN)).toMatchObject({ at, confidence, asap: false });
  });

  it('keeps the words of the deadline as the client wrote them, with the time after them', () => {
    expect(findDeadline('Bis Freitag nächster Woche, 12 Uhr, bitte.', 'de', NOW, BERLIN)?.text).toBe(
      'Freitag nächster Woche, 12 Uhr',
    );
  });

  it('reads a date without a cue with low confidence (it may be a travel date)', () => {
    expect(findDeadline('Flug nach Hamburg am 10.12. buchen', 'de', NOW, BERLIN)).toMatchObject({
      at: '2026-12-10T17:00:00.000Z',
      confidence: 0.5,
      text: '10.12.',
    });
  });

  it('passes over a span in the past ("vor 2 Wochen") for the date of the task', () => {
    expect(findDeadline('Termin am 10.12., wie vor 2 Wochen besprochen', 'de', NOW, BERLIN)).toMatchObject({
      at: '2026-12-10T17:00:00.000Z',
      confidence: 0.5,
    });
  });

  it('prefers the date with a cue over an earlier one without', () => {
    expect(findDeadline('Meeting am 10.12. vorbereiten, bitte bis 8.12.', 'de', NOW, BERLIN)?.at).toBe(
      '2026-12-08T17:00:00.000Z',
    );
  });

  it('turns asap into a deadline 24 hours out', () => {
    expect(findDeadline('Bitte dringend erledigen!', 'de', NOW, BERLIN)).toMatchObject({
      at: '2026-11-26T09:00:00.000Z',
      asap: true,
      confidence: 0.8,
    });
    expect(findDeadline('Not urgent, no rush', 'en', NOW, BERLIN)).toBeUndefined();
  });

  it("reads dates in the client's time zone, also across the DST change", () => {
    const inMarch = new Date('2027-03-24T09:00:00Z');
    // Friday 2 April 2027 is summer time in Berlin (UTC+2) but Manila has no DST (UTC+8).
    expect(findDeadline('bis 2.4. 12 Uhr', 'de', inMarch, BERLIN)?.at).toBe('2027-04-02T10:00:00.000Z');
    expect(findDeadline('by 2.4. 12:00', 'en', inMarch, 'Asia/Manila')?.at).toBe('2027-04-02T04:00:00.000Z');
  });

  it('marks a deadline already past as unsure', () => {
    expect(findDeadline('bis heute 8 Uhr', 'de', NOW, BERLIN)?.confidence).toBe(0.3);
  });

  it('finds nothing when there is no date', () => {
    expect(findDeadline('Bitte die Ablage machen', 'de', NOW, BERLIN)).toBeUndefined();
    // A greeting is no deadline; a "morgen" after it still is.
    expect(findDeadline('Guten Morgen,\n\nbitte die Ablage machen', 'de', NOW, BERLIN)).toBeUndefined();
    expect(findDeadline('Good morning, please file the receipts', 'en', NOW, BERLIN)).toBeUndefined();
    expect(findDeadline('Guten Morgen, bitte bis morgen 10 Uhr', 'de', NOW, BERLIN)).toMatchObject({
      at: '2026-11-26T09:00:00.000Z',
      text: 'morgen 10 Uhr',
    });
  });
});
