/**
 * Wall-clock time in an IANA time zone, with Intl only (no library, no clock). Deadlines are read in
 * the client's zone and stored in UTC; converting through the zone's real offset on that day keeps
 * them right across daylight-saving changes.
 */
export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

const WEEKDAY_INDEX: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock time (and ISO weekday, 1 = Monday) at `instant` in `timeZone`. */
const wallOfInstantMemo = new Map<string, WallTime & { weekday: number }>();

export const toWallTime = (instant: Date, timeZone: string): WallTime & { weekday: number } => {
  const key = `${timeZone}|${Math.floor(instant.getTime() / 60_000)}`;
  const known = wallOfInstantMemo.get(key);
  if (known) return { ...known };
  const wall = computeWallTime(instant, timeZone);
  if (wallOfInstantMemo.size >= 100_000) wallOfInstantMemo.clear();
  wallOfInstantMemo.set(key, wall);
  return { ...wall };
};

const computeWallTime = (instant: Date, timeZone: string): WallTime & { weekday: number } => {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday ?? 'Mon'] ?? 1,
  };
};

/** Minutes the zone is ahead of UTC at `instant` (Berlin: 60 in winter, 120 in summer). */
export const offsetMinutes = (instant: Date, timeZone: string): number => {
  const w = toWallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
};

/**
 * The instant at which the zone's clocks show `wall`, disambiguated like Temporal's "compatible":
 * in a spring-forward gap the time moves forward by the gap (02:30 -> 03:30); in the repeated autumn
 * hour the earlier occurrence wins.
 */
const computeFromWallTime = (wall: WallTime, timeZone: string): Date => {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const day = 86_400_000;
  const before = offsetMinutes(new Date(naive - day), timeZone);
  const after = offsetMinutes(new Date(naive + day), timeZone);
  const matches = [naive - before * 60_000, naive - after * 60_000].filter((candidate) => {
    const w = toWallTime(new Date(candidate), timeZone);
    return (
      w.year === wall.year &&
      w.month === wall.month &&
      w.day === wall.day &&
      w.hour === wall.hour &&
      w.minute === wall.minute
    );
  });
  return new Date(matches.length > 0 ? Math.min(...matches) : naive - before * 60_000);
};

/**
 * Matching converts the same few wall times in the same few zones for thousands of VAs; the answer
 * never changes, so it is remembered (bounded, so memory stays flat).
 */
const wallTimeMemo = new Map<string, number>();
const MEMO_LIMIT = 100_000;

export const fromWallTime = (wall: WallTime, timeZone: string): Date => {
  const key = `${timeZone}|${wall.year}-${wall.month}-${wall.day}T${wall.hour}:${wall.minute}`;
  const known = wallTimeMemo.get(key);
  if (known !== undefined) return new Date(known);
  const instant = computeFromWallTime(wall, timeZone);
  if (wallTimeMemo.size >= MEMO_LIMIT) wallTimeMemo.clear();
  wallTimeMemo.set(key, instant.getTime());
  return instant;
};

/** Adds whole days to a calendar date (no time zone involved). */
export const addDays = (date: Pick<WallTime, 'year' | 'month' | 'day'>, days: number) => {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
