import { LocalDateSchema } from './common';
import type { TimeOff } from './va';
import { toWallTime } from './zoned-time';

/**
 * A VA's own changes to their time off, from their personal page. The operator's CLI may enter any
 * period; a VA enters days from today on, less than a year at once, one period per stretch of days.
 */
export const MAX_TIME_OFF_NOTE = 200;

export type TimeOffField = 'from' | 'to' | 'note';
export type TimeOffErrorCode =
  | 'required'
  | 'invalid-date'
  | 'past'
  | 'before-start'
  | 'too-long'
  | 'overlaps';

export type TimeOffChange =
  | { kind: 'changed'; timeOff: TimeOff[]; period: TimeOff }
  /** The same period again (a double click, a reload): nothing to do, and no error either. */
  | { kind: 'unchanged'; period?: TimeOff }
  | { kind: 'invalid'; errors: Partial<Record<TimeOffField, TimeOffErrorCode>>; overlapping?: TimeOff };

/** A calendar day as ISO text, e.g. "2026-12-02". */
export const isoDate = ({ year, month, day }: { year: number; month: number; day: number }): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The calendar day `now` is in `timeZone`. */
export const localDateIn = (now: Date, timeZone: string): string => isoDate(toWallTime(now, timeZone));

/** The same date a year later: a period must end before it (ISO dates compare as text). */
const aYearAfter = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

/** Time off that has not ended by `today`, in order: what the VA's page shows and may remove. */
export const upcomingTimeOff = (timeOff: readonly TimeOff[], today: string): TimeOff[] =>
  timeOff.filter((t) => t.to >= today).sort((a, b) => a.from.localeCompare(b.from));

export const addOwnTimeOff = (
  timeOff: readonly TimeOff[],
  input: { from?: string; to?: string; note?: string },
  today: string,
): TimeOffChange => {
  const from = input.from?.trim() ?? '';
  const to = input.to?.trim() || from;
  const note = input.note?.trim() || undefined;
  const errors: Partial<Record<TimeOffField, TimeOffErrorCode>> = {};
  if (!from) errors.from = 'required';
  else if (!LocalDateSchema.safeParse(from).success) errors.from = 'invalid-date';
  else if (from < today) errors.from = 'past';
  if (!errors.from) {
    if (!LocalDateSchema.safeParse(to).success) errors.to = 'invalid-date';
    else if (to < from) errors.to = 'before-start';
    else if (to >= aYearAfter(from)) errors.to = 'too-long';
  }
  if (note && note.length > MAX_TIME_OFF_NOTE) errors.note = 'too-long';
  if (Object.keys(errors).length) return { kind: 'invalid', errors };

  const same = timeOff.find((t) => t.from === from && t.to === to);
  if (same) return { kind: 'unchanged', period: same };
  const overlapping = timeOff.find((t) => t.from <= to && from <= t.to);
  if (overlapping) return { kind: 'invalid', errors: { from: 'overlaps' }, overlapping };
  const period: TimeOff = { from, to, ...(note ? { note } : {}) };
  return {
    kind: 'changed',
    period,
    timeOff: [...timeOff, period].sort((a, b) => a.from.localeCompare(b.from)),
  };
};

/** Removes the period starting `from` if it has not ended; removing it twice changes nothing. */
export const removeOwnTimeOff = (timeOff: readonly TimeOff[], from: string, today: string): TimeOffChange => {
  const period = timeOff.find((t) => t.from === from && t.to >= today);
  if (!period) return { kind: 'unchanged' };
  return { kind: 'changed', period, timeOff: timeOff.filter((t) => t !== period) };
};
