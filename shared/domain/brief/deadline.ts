import * as chrono from 'chrono-node';
import type { Language } from '../common';
import { addDays, fromWallTime, offsetMinutes, toWallTime } from '../zoned-time';
import { NUMBER_WORDS, numberOf } from './number-words';

export interface DeadlineFinding {
  /** UTC ISO instant. */
  at: string;
  /** The words it came from, as the client wrote them. */
  text: string;
  /** 0..1; below 0.7 the client is asked to confirm. */
  confidence: number;
  asap: boolean;
}

export interface DeadlineOptions {
  /** When a day is named without a time, the deadline is this hour of that day. */
  endOfDayHour: number;
  /** "asap" means within this many hours. */
  asapHours: number;
}

export const DEFAULT_DEADLINE_OPTIONS: DeadlineOptions = { endOfDayHour: 18, asapHours: 24 };

export const ASAP =
  /\b(asap|a\.s\.a\.p\.?|dringend|eilig|sofort|umgehend|schnellstm[öo]glich|so schnell wie m[öo]glich|as soon as possible|urgent(ly)?|right away|immediately)\b/i;
export const NOT_URGENT = /\b(nicht (so )?dringend|keine eile|eilt nicht|not urgent|no rush|no hurry)\b/i;

/** Words right before a date that make it a deadline rather than, say, a travel date. */
const CUE_BEFORE =
  /(\bbis|sp[äa]testens|deadline|frist|f[äa]llig|abgabe|\bby|until|till|\bdue|before|no later than|latest)\b[\s:,-]*(zum|zur|am|zu|dem|den|on|the|this|next|n[äa]chsten?|kommenden?|diesen?)?\s*$/i;
const GREETING = /\b(guten|sch[öo]nen) morgen\b|\bgood morning\b/gi;
/** "Fr", "Mo" alone are more often words or initials than days. */
const BARE_WEEKDAY = /^(mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?$/i;
const SELF_CUED =
  /^(heute|morgen|[üu]bermorgen|today|tomorrow|tonight|ende|end of|anfang|early|innerhalb|binnen|within|eod|(vor|bis|before|by) (weihnachten|christmas))/i;

/** Numeric German dates ("15.12.", "3.1.27"), which chrono's German parser does not read. */
const dottedDateParser = {
  pattern: () => /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?/,
  extract: (_context: unknown, match: RegExpMatchArray) => {
    const [, day, month, year] = match;
    const fullYear = year ? Number(year.length === 2 ? `20${year}` : year) : undefined;
    return { day: Number(day), month: Number(month), ...(fullYear ? { year: fullYear } : {}) };
  },
};

const PARSERS: Record<Language, chrono.Chrono> = {
  de: chrono.de.casual.clone(),
  en: chrono.en.GB.clone(),
};
for (const parser of Object.values(PARSERS)) parser.parsers.push(dottedDateParser);

type CalendarDay = { year: number; month: number; day: number };
interface Candidate {
  index: number;
  text: string;
  day: CalendarDay;
  /** The day of the month was written, not worked out from a weekday or a period. */
  exactDay?: boolean;
  hour?: number;
  minute?: number;
}

const WEEKDAYS: Record<string, number> = {
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sonntag: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const WEEKDAY = `(${Object.keys(WEEKDAYS).join('|')})`;
const NEXT_WEEK = '(?:n[äa]chste[nr]?|kommende[nr]?|next) (?:woche|week)';
/** "Freitag nächster Woche", "Friday of next week"; and "nächste Woche Freitag", "next week on Friday". */
const WEEKDAY_OF_NEXT_WEEK = [
  new RegExp(`\\b${WEEKDAY},? (?:der |in der |of |in )?${NEXT_WEEK}\\b`, 'gi'),
  new RegExp(`\\b${NEXT_WEEK},? (?:am |on )?${WEEKDAY}\\b`, 'gi'),
];

/**
 * A time written after a date ("Freitag, 12 Uhr", "Friday at 3 pm", "morgen 14:30"), which chrono
 * leaves out when a comma or a phrase of ours stands between. "4h" is left alone: that is effort.
 */
const TIME_AFTER =
  /^,?\s*(?:(?:um|gegen|at)\s+)?(?:(\d{1,2})(?:[:.](\d{2}))?\s*(uhr|am|pm|a\.m\.|p\.m\.)(?![a-zäöü])|(\d{1,2}):(\d{2})(?!\d))/i;

const timeAfter = (rest: string): { hour: number; minute: number; length: number } | undefined => {
  const m = TIME_AFTER.exec(rest);
  if (!m) return undefined;
  let hour = Number(m[1] ?? m[4]);
  const minute = Number(m[2] ?? m[5] ?? 0);
  const half = m[3]?.toLowerCase().replace(/\./g, '');
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  return hour <= 23 && minute <= 59 ? { hour, minute, length: m[0].length } : undefined;
};

/**
 * chrono reads "Freitag, 4h" as four o'clock; with no "um" or "at" before it, "4h" is the effort
 * (as effort.ts reads it), and the deadline is that day's end.
 */
const EFFORT_READ_AS_TIME = /(?<!\b(?:um|gegen|ab|at|by))[\s,]+\d{1,2}\s*h$/i;

/** "Freitag, den 11.12.": the weekday and the date it names are one deadline, the date's. */
const joinWeekdayWithDate = (sorted: Candidate[], text: string): Candidate[] => {
  const joined: Candidate[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i] as Candidate;
    const next = sorted[i + 1];
    const gap = next ? text.slice(c.index + c.text.length, next.index) : '';
    if (next && !c.exactDay && next.exactDay && /^[\s,]*(den|dem|the)?\s*$/i.test(gap)) {
      joined.push({ ...next, index: c.index, text: text.slice(c.index, next.index + next.text.length) });
      i++;
    } else joined.push(c);
  }
  return joined;
};

/** That ISO weekday (1 = Monday) of this week (`weekOffset` 0) or a later one. */
const weekdayOf = (
  weekday: number,
  weekOffset: number,
  today: CalendarDay & { weekday: number },
): CalendarDay => addDays(today, weekday - today.weekday + 7 * weekOffset);
const friday = (weekOffset: number, today: CalendarDay & { weekday: number }) =>
  weekdayOf(5, weekOffset, today);

const lastDayOfMonth = ({ year, month }: CalendarDay): CalendarDay =>
  addDays(month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 }, -1);

/** ISO week `week` of `year`: its Friday. */
const fridayOfIsoWeek = (year: number, week: number): CalendarDay => {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = addDays({ year, month: 1, day: 4 }, -((jan4.getUTCDay() + 6) % 7));
  return addDays(mondayOfWeek1, (week - 1) * 7 + 4);
};

const MONTHS = [
  ['januar', 'january'],
  ['februar', 'february'],
  ['märz', 'march'],
  ['april', 'april'],
  ['mai', 'may'],
  ['juni', 'june'],
  ['juli', 'july'],
  ['august', 'august'],
  ['september', 'september'],
  ['oktober', 'october'],
  ['november', 'november'],
  ['dezember', 'december'],
] as const;
const MONTH_NUMBER = new Map<string, number>(MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1])));
const MONTH = `(${[...MONTH_NUMBER.keys()].join('|')})`;

const COUNT = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;

/**
 * The month named, this year or, once it is over, next year's. The month just past is not read as
 * eleven months ahead: "bis Ende November" written on 2 December is a slip or a late request, and
 * a deadline in the past makes the client confirm it.
 */
const dayOfNamedMonth = (month: number, day: number | 'last', today: CalendarDay): CalendarDay => {
  const justPast = month === (today.month === 1 ? 12 : today.month - 1);
  const year = justPast
    ? today.month === 1
      ? today.year - 1
      : today.year
    : month < today.month
      ? today.year + 1
      : today.year;
  return day === 'last' ? lastDayOfMonth({ year, month, day: 1 }) : { year, month, day };
};

/** Christmas Day of the year a deadline about Christmas means: this one until it is over. */
const christmasYear = (today: CalendarDay) =>
  today.month === 12 && today.day >= 24 ? today.year + 1 : today.year;

/** Phrases about weeks and months that chrono reads differently than people mean them. */
const periodCandidates = (text: string, today: CalendarDay & { weekday: number }): Candidate[] => {
  const found: Candidate[] = [];
  const add = (match: RegExpExecArray, day: CalendarDay) =>
    found.push({ index: match.index, text: match[0], day });
  for (const m of text.matchAll(/\b(ende|end of) (der |dieser |this |the )?(woche|week)\b/gi))
    add(m, friday(0, today));
  for (const m of text.matchAll(
    /\b(ende|end of) (der )?(n[äa]chste[nr]?|kommende[nr]?|next) (woche|week)\b/gi,
  ))
    add(m, friday(1, today));
  for (const m of text.matchAll(
    /\b(monatsende|ende (des|dieses|diesen) monats|end of (the|this) month)\b/gi,
  )) {
    add(m, lastDayOfMonth(today));
  }
  // "innerhalb von 3 Tagen", "binnen einer Woche", "within two weeks": that many days from today.
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:innerhalb (?:von )?|binnen |within )${COUNT} (tage[n]?|tag|wochen?|days?|weeks?)\\b`,
      'gi',
    ),
  )) {
    const weeks = /^w/i.test(m[2] ?? '');
    add(m, addDays(today, Math.round(numberOf(m[1] ?? '1') * (weeks ? 7 : 1))));
  }
  // "vor Weihnachten", "bis Weihnachten", "before Christmas": the last working day before the 24th.
  for (const m of text.matchAll(/\b(vor|bis|before|by) (weihnachten|christmas)\b/gi))
    add(m, { year: christmasYear(today), month: 12, day: 23 });
  // "Dienstag nach Weihnachten", "the Monday after Christmas": that weekday after the 26th.
  for (const m of text.matchAll(
    new RegExp(`\\b(?:the )?${WEEKDAY} (?:nach|after) (?:weihnachten|christmas)\\b`, 'gi'),
  )) {
    const boxingDay = { year: christmasYear(today), month: 12, day: 26 };
    const weekday = WEEKDAYS[(m[1] ?? '').toLowerCase()] ?? 1;
    const boxingWeekday = new Date(Date.UTC(boxingDay.year, 11, 26)).getUTCDay() || 7;
    add(m, addDays(boxingDay, ((weekday - boxingWeekday + 6) % 7) + 1));
  }
  // "Anfang nächster Woche", "early next week": its Monday.
  for (const m of text.matchAll(
    /\b(anfang (der )?(n[äa]chste[nr]?|kommende[nr]?) woche|early next week|(at )?the start of next week)\b/gi,
  ))
    add(m, weekdayOf(1, 1, today));
  // "Anfang Januar", "early January": the end of that month's first working week, roughly.
  for (const m of text.matchAll(new RegExp(`\\b(anfang|early)\\s${MONTH}\\b`, 'gi')))
    add(m, dayOfNamedMonth(MONTH_NUMBER.get((m[2] ?? '').toLowerCase()) ?? today.month, 5, today));
  for (const m of text.matchAll(/\b(jahresende|ende des jahres|end of (the )?year|year[- ]end)\b/gi))
    add(m, { year: today.year, month: 12, day: 31 });
  for (const m of text.matchAll(new RegExp(`\\b(ende|end of) ${MONTH}\\b`, 'gi')))
    add(m, dayOfNamedMonth(MONTH_NUMBER.get((m[2] ?? '').toLowerCase()) ?? today.month, 'last', today));
  for (const m of text.matchAll(new RegExp(`\\b(mitte|mid[- ]?)\\s?${MONTH}\\b`, 'gi')))
    add(m, dayOfNamedMonth(MONTH_NUMBER.get((m[2] ?? '').toLowerCase()) ?? today.month, 15, today));
  for (const m of text.matchAll(/\b(end of (the )?(business )?day|eod|cob)\b/gi)) add(m, today);
  for (const pattern of WEEKDAY_OF_NEXT_WEEK)
    for (const m of text.matchAll(pattern)) {
      const weekday = WEEKDAYS[(m[1] ?? '').toLowerCase()] ?? 5;
      add(m, weekdayOf(weekday, 1, today));
    }
  for (const m of text.matchAll(/\b(kw|kalenderwoche|calendar week|week)\s*(\d{1,2})\b/gi)) {
    const week = Number(m[2]);
    if (week < 1 || week > 53) continue;
    let day = fridayOfIsoWeek(today.year, week);
    if (Date.UTC(day.year, day.month - 1, day.day) < Date.UTC(today.year, today.month - 1, today.day)) {
      day = fridayOfIsoWeek(today.year + 1, week);
    }
    add(m, day);
  }
  return found;
};

const dayPartHour = (text: string, endOfDayHour: number): number => {
  if (/vormittag|morgens|morning|fr[üu]h/i.test(text)) return 9;
  if (/nachmittag|afternoon/i.test(text)) return 15;
  if (/mittag|noon|midday/i.test(text)) return 12;
  return endOfDayHour;
};

/**
 * Finds the deadline in a brief. Dates with a cue ("bis", "by", "spätestens") win; a date without one
 * (maybe a travel date) is used with low confidence, so the client is asked to confirm it.
 */
export const findDeadline = (
  text: string,
  language: Language,
  now: Date,
  timeZone: string,
  options: DeadlineOptions = DEFAULT_DEADLINE_OPTIONS,
): DeadlineFinding | undefined => {
  // "früh" alone is read by chrono as "Fr" (Friday); as a part of the day it means the morning.
  // "Guten Morgen" greets; chrono reads "Morgen" as tomorrow. Blanked, so positions stay put.
  const normalized = text
    .replace(GREETING, (greeting) => ' '.repeat(greeting.length))
    .replace(/\bfr[üu]h\b/gi, 'Vormittag');
  const today = toWallTime(now, timeZone);
  const reference = { instant: now, timezone: offsetMinutes(now, timeZone) };
  const periods = periodCandidates(normalized, today);
  const fromChrono: Candidate[] = PARSERS[language]
    .parse(normalized, reference, { forwardDate: true })
    .filter((r) => !BARE_WEEKDAY.test(r.text.trim()))
    .filter((r) => !periods.some((p) => r.index >= p.index && r.index < p.index + p.text.length))
    .map((r) => {
      // en-GB reads "December 10" as December 2010; a year nobody wrote in four digits is a day.
      const start =
        language === 'en' && r.start.isCertain('year') && !/\d{4}/.test(r.text)
          ? (chrono.en.casual.parse(r.text, reference, { forwardDate: true })[0]?.start ?? r.start)
          : r.start;
      return {
        index: r.index,
        text: r.text,
        exactDay: start.isCertain('day'),
        day: {
          year: start.get('year') ?? today.year,
          month: start.get('month') ?? today.month,
          day: start.get('day') ?? today.day,
        },
        ...(start.isCertain('hour') && !EFFORT_READ_AS_TIME.test(r.text)
          ? { hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 }
          : {}),
      };
    });
  const candidates = joinWeekdayWithDate(
    [...periods, ...fromChrono].sort((a, b) => a.index - b.index),
    normalized,
  );

  const asap = ASAP.test(text) && !NOT_URGENT.test(text);
  const cued = candidates.find((c) => CUE_BEFORE.test(normalized.slice(Math.max(0, c.index - 30), c.index)));
  // "for next week ... as soon as possible": the uncued date describes the work, asap is the deadline.
  const chosen = cued ?? candidates.find((c) => SELF_CUED.test(c.text)) ?? (asap ? undefined : candidates[0]);
  if (!chosen) {
    return asap
      ? {
          at: new Date(now.getTime() + options.asapHours * 3_600_000).toISOString(),
          text: text.match(ASAP)?.[0] ?? 'asap',
          confidence: 0.8,
          asap,
        }
      : undefined;
  }
  const time =
    chosen.hour === undefined
      ? timeAfter(normalized.slice(chosen.index + chosen.text.length))
      : { hour: chosen.hour, minute: chosen.minute ?? 0, length: 0 };
  const at = fromWallTime(
    {
      ...chosen.day,
      hour: time?.hour ?? dayPartHour(chosen.text, options.endOfDayHour),
      minute: time?.minute ?? 0,
    },
    timeZone,
  );
  const original =
    text.slice(chosen.index, chosen.index + chosen.text.length + (time?.length ?? 0)) || chosen.text;
  let confidence = cued || SELF_CUED.test(chosen.text) ? 0.9 : 0.5;
  if (at.getTime() <= now.getTime()) confidence = 0.3;
  return { at: at.toISOString(), text: original, confidence, asap };
};
