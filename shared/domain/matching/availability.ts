import type { AvailabilityWindow, TimeOff } from '../va';
import { WEEKDAYS } from '../va';
import { addDays, fromWallTime, toWallTime } from '../zoned-time';

/** Looking further ahead than this adds nothing to a decision about one task. */
export const HORIZON_DAYS = 60;

const clock = (hhmm: string) => ({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) });
const isoDate = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export interface WorkSpan {
  start: Date;
  end: Date;
}

/**
 * The VA's working spans between `from` and `to`, as real instants: each weekly window on each day
 * of the VA's own calendar (so 09:00 stays 09:00 across daylight-saving changes), without days off.
 */
export const workSpans = (
  windows: readonly AvailabilityWindow[],
  timeOff: readonly TimeOff[],
  timeZone: string,
  from: Date,
  to: Date,
): WorkSpan[] => {
  const spans: WorkSpan[] = [];
  const end = Math.min(to.getTime(), from.getTime() + HORIZON_DAYS * 86_400_000);
  const first = toWallTime(from, timeZone);
  for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
    const day = addDays(first, offset);
    const date = isoDate(day);
    if (timeOff.some((t) => t.from <= date && date <= t.to)) continue;
    const weekday = WEEKDAYS[(new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7];
    for (const window of windows) {
      if (window.day !== weekday) continue;
      const startAt = fromWallTime({ ...day, ...clock(window.start) }, timeZone);
      const endAt =
        window.end === '24:00'
          ? fromWallTime({ ...addDays(day, 1), hour: 0, minute: 0 }, timeZone)
          : fromWallTime({ ...day, ...clock(window.end) }, timeZone);
      const s = Math.max(startAt.getTime(), from.getTime());
      const e = Math.min(endAt.getTime(), end);
      if (e > s) spans.push({ start: new Date(s), end: new Date(e) });
    }
    if (fromWallTime({ ...day, hour: 0, minute: 0 }, timeZone).getTime() > end) break;
  }
  return spans.sort((a, b) => a.start.getTime() - b.start.getTime());
};

export const minutesIn = (spans: readonly WorkSpan[]) =>
  Math.floor(spans.reduce((sum, s) => sum + (s.end.getTime() - s.start.getTime()), 0) / 60_000);
