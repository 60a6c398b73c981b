import type { Language } from '../domain/common';

// Building a formatter costs about 100 µs, using one 3: one per language and zone is kept (bounded:
// Intl takes a zone in any letter case).
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "Freitag, 27. November 2026 um 12:00" / "Friday, 27 November 2026 at 12:00", in the reader's zone. */
export const formatDateTime = (iso: string, language: Language, timeZone: string): string => {
  const key = `${language}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
      timeZone,
      dateStyle: 'full',
      timeStyle: 'short',
    });
    if (dateTimeFormats.size >= 1_000) dateTimeFormats.clear();
    dateTimeFormats.set(key, format);
  }
  return format.format(new Date(iso));
};

const DATE_FORMATS = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A calendar day (an invoice's due date): "2026-12-15" -> "15. Dezember 2026" / "15 December 2026". */
export const formatDate = (day: string, language: Language): string =>
  DATE_FORMATS[language].format(new Date(`${day}T00:00:00Z`));

const SHORT_DATE_FORMATS = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }),
};

/** A calendar day in a table: "2026-11-12" -> "12.11.2026" / "12 Nov 2026". */
export const formatShortDate = (day: string, language: Language): string =>
  SHORT_DATE_FORMATS[language].format(new Date(`${day}T00:00:00Z`));

const MONTH_FORMATS = {
  de: new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A billing month: "2026-11" -> "November 2026". */
export const monthName = (period: string, language: Language): string =>
  MONTH_FORMATS[language].format(new Date(`${period}-01T00:00:00Z`));

/** 90 -> "1 Std. 30 Min." / "1 h 30 min"; a correction's -15 -> "−15 Min.". */
export const formatMinutes = (minutes: number, language: Language): string => {
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const [hu, mu] = language === 'de' ? ['Std.', 'Min.'] : ['h', 'min'];
  return sign + ([h ? `${h} ${hu}` : '', m ? `${m} ${mu}` : ''].filter(Boolean).join(' ') || `0 ${mu}`);
};

/** The row every mail about a task carries for a package client: what is left this month. */
export const packageLeftRows = (
  minutesLeft: number | undefined,
  language: Language,
): Array<[string, string]> =>
  minutesLeft === undefined
    ? []
    : [
        [
          language === 'de' ? 'Paket: übrig diesen Monat' : 'Package: left this month',
          formatMinutes(minutesLeft, language),
        ],
      ];
