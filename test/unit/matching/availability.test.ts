import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutesIn, workSpans } from '../../../shared/domain/matching/availability';
import { WEEKDAYS } from '../../../shared/domain/va';
import { addDays, fromWallTime, toWallTime } from '../../../shared/domain/zoned-time';

const weekdays = (start: string, end: string) =>
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start, end }));

describe('workSpans', () => {
  it("counts the weekly windows in the VA's own zone", () => {
    // Mon 23 Nov 2026, 00:00 Berlin, to the next Monday.
    const spans = workSpans(
      weekdays('09:00', '13:00'),
      [],
      'Europe/Berlin',
      new Date('2026-11-22T23:00:00Z'),
      new Date('2026-11-29T23:00:00Z'),
    );
    expect(spans).toHaveLength(5);
    expect(spans[0]).toEqual({
      start: new Date('2026-11-23T08:00:00Z'),
      end: new Date('2026-11-23T12:00:00Z'),
    });
    expect(minutesIn(spans)).toBe(5 * 240);
  });

  it('keeps 09:00 at 09:00 across the spring DST change', () => {
    const spans = workSpans(
      weekdays('09:00', '10:00'),
      [],
      'Europe/Berlin',
      new Date('2027-03-25T00:00:00Z'),
      new Date('2027-03-31T00:00:00Z'),
    );
    // Thursday 25 and Friday 26 March in winter time (UTC+1), Monday 29 and Tuesday 30 in summer time (UTC+2).
    expect(spans.map((s) => s.start.toISOString())).toEqual([
      '2027-03-25T08:00:00.000Z',
      '2027-03-26T08:00:00.000Z',
      '2027-03-29T07:00:00.000Z',
      '2027-03-30T07:00:00.000Z',
    ]);
  });

  it('skips days off and clips to the period asked about', () => {
    const spans = workSpans(
      weekdays('09:00', '17:00'),
      [{ from: '2026-11-24', to: '2026-11-25' }],
      'Europe/Berlin',
      new Date('2026-11-23T14:00:00Z'),
      new Date('2026-11-26T10:00:00Z'),
    );
    // Monday 15:00-17:00 Berlin, Thursday 09:00-11:00; Tuesday and Wednesday are off.
    expect(minutesIn(spans)).toBe(120 + 120);
  });

  it("skips the public holidays of the VA's region, and only those", () => {
    // Thursday 24 December 2026 00:00 Berlin to Monday 28th: Friday the 25th is Christmas Day.
    const over = (holidays?: 'DE-BY') =>
      workSpans(
        weekdays('09:00', '13:00'),
        [],
        'Europe/Berlin',
        new Date('2026-12-23T23:00:00Z'),
        new Date('2026-12-27T23:00:00Z'),
        holidays,
      ).map((s) => s.start.toISOString());
    expect(over('DE-BY')).toEqual(['2026-12-24T08:00:00.000Z']);
    expect(over()).toEqual(['2026-12-24T08:00:00.000Z', '2026-12-25T08:00:00.000Z']);
  });

  it('reads windows in a far zone: Manila 14:00-22:00 is 06:00-14:00 UTC', () => {
    const spans = workSpans(
      [{ day: 'wed', start: '14:00', end: '22:00' }],
      [],
      'Asia/Manila',
      new Date('2026-11-25T00:00:00Z'),
      new Date('2026-11-26T00:00:00Z'),
    );
    expect(spans).toEqual([
      { start: new Date('2026-11-25T06:00:00Z'), end: new Date('2026-11-25T14:00:00Z') },
    ]);
  });

  it('understands a window up to midnight', () => {
    const spans = workSpans(
      [{ day: 'fri', start: '20:00', end: '24:00' }],
      [],
      'Europe/Berlin',
      new Date('2026-11-27T00:00:00Z'),
      new Date('2026-11-29T00:00:00Z'),
    );
    expect(minutesIn(spans)).toBe(240);
  });

  it('counts a window the clocks jump inside: 01:00-04:00 on the spring change is two hours', () => {
    const spans = workSpans(
      [{ day: 'sun', start: '01:00', end: '04:00' }],
      [],
      'Europe/Berlin',
      new Date('2027-03-27T00:00:00Z'),
      new Date('2027-03-29T00:00:00Z'),
    );
    expect(spans).toEqual([
      { start: new Date('2027-03-28T00:00:00Z'), end: new Date('2027-03-28T02:00:00Z') },
    ]);
  });

  it('agrees with converting every window through the zone, in zones whose clocks change oddly', () => {
    // The plain way: each wall time through fromWallTime. workSpans takes a shortcut on days of 24 hours.
    const reference = (windows: Parameters<typeof workSpans>[0], timeZone: string, from: Date, to: Date) => {
      const spans: Array<{ start: Date; end: Date }> = [];
      const first = toWallTime(from, timeZone);
      for (let offset = 0; offset <= 60; offset++) {
        const day = addDays(first, offset);
        const weekday = WEEKDAYS[(new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7];
        const at = (hhmm: string) =>
          hhmm === '24:00'
            ? fromWallTime({ ...addDays(day, 1), hour: 0, minute: 0 }, timeZone).getTime()
            : fromWallTime(
                { ...day, hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3)) },
                timeZone,
              ).getTime();
        for (const w of windows) {
          if (w.day !== weekday) continue;
          const s = Math.max(at(w.start), from.getTime());
          const e = Math.min(at(w.end), to.getTime());
          if (e > s) spans.push({ start: new Date(s), end: new Date(e) });
        }
      }
      return spans.sort((a, b) => a.start.getTime() - b.start.getTime());
    };
    const clock = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const window = fc
      .tuple(fc.constantFrom(...WEEKDAYS), clock, fc.oneof(clock, fc.constant('24:00')))
      .filter(([, start, end]) => start < end)
      .map(([day, start, end]) => ({ day, start, end }));
    fc.assert(
      fc.property(
        fc.array(window, { minLength: 1, maxLength: 7 }),
        // Midnight changes (Santiago, Havana), half-hour ones (Lord Howe), none at all (Manila).
        fc.constantFrom(
          'Europe/Berlin',
          'America/Santiago',
          'America/Havana',
          'Australia/Lord_Howe',
          'Asia/Manila',
        ),
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 20 * 24 }),
        (windows, timeZone, from, hours) => {
          const to = new Date(from.getTime() + hours * 3_600_000);
          expect(workSpans(windows, [], timeZone, from, to)).toEqual(reference(windows, timeZone, from, to));
        },
      ),
      { numRuns: 300 },
    );
  });
});
