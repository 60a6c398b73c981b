import { describe, expect, it } from 'vitest';
import { cleanBody, cleanSubject, ownWords } from '../../../shared/domain/brief/clean-body';
import { findEffort } from '../../../shared/domain/brief/effort';
import { detectLanguage } from '../../../shared/domain/brief/language';
import { parseBrief } from '../../../shared/domain/brief/parse-brief';

describe('findEffort', () => {
  it.each([
    ['Aufwand ca. 2 Std.', 120],
    ['dauert etwa 30 Minuten', 30],
    ['1,5 Stunden', 90],
    ['zwei Stunden', 120],
    ['eine halbe Stunde', 30],
    ['about 3 hours', 180],
    ['roughly 45 min', 45],
    ['half a day', 240],
    ['einen halben Tag', 240],
    ['should take an hour', 60],
  ])('%s -> %i min', (text, minutes) => {
    expect(findEffort(text)?.minutes).toBe(minutes);
  });

  it.each(['bis 12 Uhr', 'bis 12h', 'um 14h im Büro', 'Hallo'])('finds no effort in %j', (text) => {
    expect(findEffort(text)).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Hallo, könnten Sie bitte die Rechnungen für uns sortieren?', 'de'],
    ['Hi, could you please sort the invoices for us?', 'en'],
    ['Danke!', 'de'],
  ] as const)('%s -> %s', (text, language) => {
    expect(detectLanguage(text, 'de')).toBe(language);
  });
});

describe('cleanBody and cleanSubject', () => {
  it('drops quoted history and signature', () => {
    const body =
      'Bitte die Belege erfassen.\n\nViele Grüße\nKarin\nBuchhaltung Sommer GmbH\n\nAm 20.11.2026 um 10:00 schrieb Agentur:\n> alt';
    expect(cleanBody(body)).toBe('Bitte die Belege erfassen.');
  });

  it.each([
    [
      'Outlook',
      'Ja, passt.\r\n\r\nLG Tom\r\n\r\nVon: Agentur <auftrag@agency.example>\r\nGesendet: Montag',
      'Ja, passt.\n\nLG Tom',
    ],
    [
      'Gmail',
      'Yes.\n\nThanks,\nTom\n\nOn Mon, 30 Nov 2026 at 10:00 Agentur wrote:\n> Hello',
      'Yes.\n\nThanks,\nTom',
    ],
    [
      'inline answers only',
      '> Passt der Termin?\nJa.\n> Und der Ort?\nAuch.',
      '> Passt der Termin?\nJa.\n> Und der Ort?\nAuch.',
    ],
  ])('ownWords keeps the reply and its sign-off, not the quote (%s)', (_, text, own) => {
    expect(ownWords(text, 'AW: [VA-7K2Q9M] Termin')).toBe(own);
  });

  it('ownWords keeps all of a forward, since the forwarded mail is the point', () => {
    const text =
      'Zur Info.\n\n---------- Forwarded message ---------\nVon: Hotel <info@hotel.example>\nZimmer frei.';
    expect(ownWords(text, 'WG: Zimmeranfrage')).toBe(text);
  });

  it.each([
    ['AW: WG: Re: Reisebuchung', 'Reisebuchung'],
    ['Re: [VA-7K2Q9M] Präsentation', 'Präsentation'],
    ['Neuer Auftrag: Newsletter Dezember', 'Newsletter Dezember'],
  ])('%s -> %s', (subject, cleaned) => {
    expect(cleanSubject(subject)).toBe(cleaned);
  });
});

describe('parseBrief', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  const base = { now, timeZone: 'Europe/Berlin', fallbackLanguage: 'de' as const };

  it.each([
    ['Reisebuchung Hamburg', 'Bitte Zug und Hotel für nächste Woche buchen, bis Freitag.', 'travel'],
    ['Rechnungen November', 'Bitte alle Eingangsrechnungen in Lexoffice erfassen.', 'bookkeeping'],
    ['Präsentationsfolien', 'Die Folien für den Kundentermin bitte hübsch machen.', 'presentations'],
    ['Weihnachtsfeier', 'Wir brauchen eine Location und Catering für 30 Personen.', 'events'],
    ['Instagram', 'Bitte einen Redaktionsplan für Dezember mit 12 Posts.', 'social-media'],
    ['Hotel options in Lisbon', 'Please find three hotels near the venue.', 'travel'],
    ['Blog post', 'Could you write a blog article about our new product?', 'copywriting'],
    ['Leads', 'We need a list of 50 potential clients in Munich with decision makers.', 'lead-generation'],
  ])('%s -> %s', (subject, body, skill) => {
    expect(parseBrief({ ...base, subject, body }).skills[0]?.skill).toBe(skill);
  });

  it('builds a full brief and knows nothing is missing', () => {
    const brief = parseBrief({
      ...base,
      subject: 'AW: Reisebuchung München',
      body: 'Hallo,\n\nbitte buchen Sie mir Zug und Hotel für die Messe in München, bis Freitag 12 Uhr. Aufwand ca. 1 Std.\n\nViele Grüße\nKarin',
    });
    expect(brief).toMatchObject({
      title: 'Reisebuchung München',
      language: 'de',
      deadline: { at: '2026-11-27T11:00:00.000Z' },
      effortMinutes: 60,
      priority: 'normal',
      missing: [],
      needsInfo: false,
    });
    expect(brief.skills[0]).toMatchObject({ skill: 'travel' });
  });

  it('asks when skills or deadline are missing', () => {
    const brief = parseBrief({ ...base, subject: 'Hallo', body: 'Können Sie mir helfen? Danke!' });
    expect(brief.missing).toEqual(['skills', 'deadline', 'effort']);
    expect(brief.needsInfo).toBe(true);
    expect(brief.title).toBe('Können Sie mir helfen?');
  });

  it('makes asap urgent', () => {
    expect(
      parseBrief({
        ...base,
        subject: 'DRINGEND: Angebot schreiben',
        body: 'Bitte sofort das Anschreiben an Müller.',
      }).priority,
    ).toBe('urgent');
  });
});

describe('parseBrief on very long mail', () => {
  it('reads the start for the brief and keeps the whole text as description', () => {
    const body = `Bitte die Rechnungen erfassen, bis Freitag 12 Uhr.\n${'Logzeile ohne Bedeutung. '.repeat(20_000)}\nbis 24.12.`;
    const brief = parseBrief({
      subject: 'Buchhaltung',
      body,
      now: new Date('2026-11-25T09:00:00Z'),
      timeZone: 'Europe/Berlin',
      fallbackLanguage: 'de',
    });
    expect(brief.deadline?.at).toBe('2026-11-27T11:00:00.000Z');
    expect(brief.description.length).toBe(body.trim().length);
  });
});
