import { type HolidayRegion, publicHolidayOn } from '../public-holidays';
import type { AvailabilityWindow, TimeOff } from '../va';
import { WEEKDAYS } from '../va';
import { addDays, fromWallTime, toWallTime } from '../zoned-time';

/** Looking further ahead than this adds nothing to a decision about one task. */
export const HORIZON_DAYS = 60;

const MINUTE = 60_000;
const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDate = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export interface WorkSpan {
  start: Date;
  end: Date;
}

/** One day of a zone's calendar, with what turning its wall times into instants needs. */
interface CalendarDay {
  wall: { year: number; month: number; day: number };
  date: string;
  weekday: (typeof WEEKDAYS)[number];
  /** The instant the day begins in the zone. */
  startsAt: number;
  /** True on a day of exactly 24 hours: one offset all day (zones change their clocks at most once a day). */
  steady: boolean;
}

const calendarDay = (wall: CalendarDay['wall'], timeZone: string): CalendarDay => {
  const startsAt = fromWallTime({ ...wall, hour: 0, minute: 0 }, timeZone).getTime();
  const endsAt = fromWallTime({ ...addDays(wall, 1), hour: 0, minute: 0 }, timeZone).getTime();
  return {
    wall,
    date: isoDate(wall),
    weekday: WEEKDAYS[(new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() + 6) % 7] ?? 'mon',
    startsAt,
    steady: endsAt - startsAt === 86_400_000,
  };
};

/**
 * Every VA in a zone looks at the same days before the same deadline: the days are worked out once
 * per zone and window of time (bounded, so memory stays flat).
 */
const daysMemo = new Map<string, CalendarDay[]>();
const DAYS_MEMO_LIMIT = 10_000;

const daysBetween = (from: Date, end: number, timeZone: string): CalendarDay[] => {
  const key = `${timeZone}|${from.getTime()}|${end}`;
  const known = daysMemo.get(key);
  if (known) return known;
  const days: CalendarDay[] = [];
  const first = toWallTime(from, timeZone);
  for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
    const day = calendarDay(addDays(first, offset), timeZone);
    days.push(day);
    if (day.startsAt > end) break;
  }
  if (daysMemo.size >= DAYS_MEMO_LIMIT) daysMemo.clear();
  daysMemo.set(key, days);
  return days;
};

/** The instant the zone's clocks show `minutes` past midnight on `day` (1440 is the next midnight). */
const instantOn = (day: CalendarDay, minutes: number, timeZone: string) => {
  if (day.steady) return day.startsAt + minutes * MINUTE;
  const wall = minutes >= 1440 ? { ...addDays(day.wall, 1), hour: 0, minute: 0 } : day.wall;
  const clock = minutes >= 1440 ? {} : { hour: Math.floor(minutes / 60), minute: minutes % 60 };
  return fromWallTime({ hour: 0, minute: 0, ...wall, ...clock }, timeZone).getTime();
};

/**
 * The VA's working spans between `from` and `to`, as real instants: each weekly window on each day
 * of the VA's own calendar (so 09:00 stays 09:00 across daylight-saving changes), without days off
 * and without the public holidays of their `holidays` region.
 */
export const workSpans = (
  windows: readonly AvailabilityWindow[],
  timeOff: readonly TimeOff[],
  timeZone: string,
  from: Date,
  to: Date,
  holidays?: HolidayRegion,
): WorkSpan[] => {
  const spans: WorkSpan[] = [];
  const begin = from.getTime();
  const end = Math.min(to.getTime(), begin + HORIZON_DAYS * 86_400_000);
  for (const day of daysBetween(from, end, timeZone)) {
    if (timeOff.some((t) => t.from <= day.date && day.date <= t.to)) continue;
    if (holidays && publicHolidayOn(holidays, day.date)) continue;
    for (const window of windows) {
      if (window.day !== day.weekday) continue;
      const s = Math.max(instantOn(day, clockMinutes(window.start), timeZone), begin);
      const e = Math.min(instantOn(day, clockMinutes(window.end), timeZone), end);
      if (e > s) spans.push({ start: new Date(s), end: new Date(e) });
    }
  }
  return spans.sort((a, b) => a.start.getTime() - b.start.getTime());
};

export const minutesIn = (spans: readonly WorkSpan[]) =>
  Math.floor(spans.reduce((sum, s) => sum + (s.end.getTime() - s.start.getTime()), 0) / MINUTE);
