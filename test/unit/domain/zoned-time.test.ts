import { describe, expect, it } from 'vitest';
import { addDays, fromWallTime, offsetMinutes, toWallTime } from '../../../shared/domain/zoned-time';

describe('zoned time', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'Europe/Berlin', 60],
    ['2026-07-15T12:00:00Z', 'Europe/Berlin', 120],
    ['2026-07-15T12:00:00Z', 'Asia/Manila', 480],
    ['2026-07-15T12:00:00Z', 'America/New_York', -240],
    ['2026-07-15T12:00:00Z', 'Asia/Kolkata', 330],
  ])('offset at %s in %s is %i minutes', (at, tz, minutes) => {
    expect(offsetMinutes(new Date(at), tz)).toBe(minutes);
  });

  it('round-trips wall time through UTC on both sides of a DST change', () => {
    expect(
      fromWallTime({ year: 2026, month: 3, day: 28, hour: 18, minute: 0 }, 'Europe/Berlin').toISOString(),
    ).toBe('2026-03-28T17:00:00.000Z');
    expect(
      fromWallTime({ year: 2026, month: 3, day: 30, hour: 18, minute: 0 }, 'Europe/Berlin').toISOString(),
    ).toBe('2026-03-30T16:00:00.000Z');
    expect(
      fromWallTime({ year: 2026, month: 10, day: 26, hour: 9, minute: 30 }, 'Europe/Berlin').toISOString(),
    ).toBe('2026-10-26T08:30:00.000Z');
  });

  it('resolves the skipped spring-forward hour and the repeated autumn hour', () => {
    // 02:30 does not exist in Berlin on 2026-03-29: it becomes 03:30 summer time.
    expect(
      fromWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25; the first is in summer time.
    expect(
      fromWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });

  it('reads wall time and weekday', () => {
    expect(toWallTime(new Date('2026-11-25T23:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 11,
      day: 26,
      hour: 0,
      minute: 30,
      weekday: 4,
    });
  });

  it('adds days across month and year ends', () => {
    expect(addDays({ year: 2026, month: 12, day: 30 }, 3)).toEqual({ year: 2027, month: 1, day: 2 });
  });
});
