import { describe, expect, it } from 'vitest';
import { minutesIn, workSpans } from '../../../shared/domain/matching/availability';

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
});
