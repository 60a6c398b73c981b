import { describe, expect, it } from 'vitest';
import { MAX_OFFER_HOURS, offerWindowSeconds } from '../../../shared/domain/routing/offer-window';

const HOUR = 3600;
const weekdays = (timeZone: string, start = '08:00', end = '18:00') => ({
  timeZone,
  weeklyAvailability: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start, end })),
  timeOff: [] as Array<{ from: string; to: string }>,
});
const berlin = weekdays('Europe/Berlin');
/** Wednesday, 25 November 2026, at this Berlin wall time (CET, UTC+1). */
const wednesday = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00+01:00`);
const normal = { priority: 'normal' as const, deadline: '2026-12-09T17:00:00Z' };

describe('offerWindowSeconds', () => {
  it("gives a VA at work the priority's minutes on the clock", () => {
    expect(offerWindowSeconds(normal, [berlin], wednesday('10:00'))).toBe(4 * HOUR);
    expect(offerWindowSeconds({ ...normal, priority: 'high' }, [berlin], wednesday('10:00'))).toBe(HOUR);
  });

  it('counts only working time: an offer late in the day or at night ends in the next working hours', () => {
    // Two hours left today, two tomorrow from 08:00: Thursday 10:00.
    expect(offerWindowSeconds(normal, [berlin], wednesday('16:00'))).toBe(18 * HOUR);
    // Mailed at 03:13: four hours from 08:00, so noon.
    expect(offerWindowSeconds(normal, [berlin], wednesday('03:13'))).toBe(8 * HOUR + 47 * 60);
    // In the VA's own zone: 10:00 in Berlin is 17:00 in Manila, an hour before they stop.
    const manila = weekdays('Asia/Manila');
    expect(offerWindowSeconds(normal, [manila], wednesday('10:00'))).toBe(18 * HOUR);
  });

  it('skips days off', () => {
    const away = { ...berlin, timeOff: [{ from: '2026-11-26', to: '2026-11-26' }] };
    // Two hours on Wednesday, Thursday off, two on Friday from 08:00.
    expect(offerWindowSeconds(normal, [away], wednesday('16:00'))).toBe(42 * HOUR);
  });

  it('never takes more than a quarter of the time to the deadline, nor three days, nor less than the clock minutes', () => {
    // Friday 17:00 with the deadline Wednesday 18:00: the weekend would make it Monday 11:00 (66 h);
    // a quarter of the 121 hours left is 30 h 15 min.
    const friday = new Date('2026-11-27T17:00:00+01:00');
    const dueWednesday = { priority: 'normal' as const, deadline: '2026-12-02T17:00:00Z' };
    expect(offerWindowSeconds(dueWednesday, [berlin], friday)).toBe(30 * HOUR + 15 * 60);
    // Without a deadline the weekend counts in full, up to the three-day bound.
    expect(offerWindowSeconds({ priority: 'normal' }, [berlin], friday)).toBe(66 * HOUR);
    const sundaysOnly = {
      ...berlin,
      weeklyAvailability: [{ day: 'sun' as const, start: '10:00', end: '11:00' }],
    };
    expect(offerWindowSeconds({ priority: 'normal' }, [sundaysOnly], friday)).toBe(MAX_OFFER_HOURS * HOUR);
    // Due in two hours: a quarter is 30 minutes, but the VA keeps the four hours on the clock.
    const tight = { priority: 'normal' as const, deadline: '2026-11-25T18:00:00Z' };
    expect(offerWindowSeconds(tight, [berlin], wednesday('17:00'))).toBe(4 * HOUR);
  });

  it('waits for nobody on an urgent task, and lets the last VA to start work set a shared round', () => {
    const urgent = { priority: 'urgent' as const, deadline: normal.deadline };
    expect(offerWindowSeconds(urgent, [berlin, weekdays('America/New_York')], wednesday('03:00'))).toBe(900);
    // High priority at 17:30 in Berlin: New York (11:30 there) answers within the hour, the Berlin VA
    // by 08:30 tomorrow; asked together, both get until then.
    const high = { priority: 'high' as const, deadline: normal.deadline };
    const newYork = weekdays('America/New_York');
    expect(offerWindowSeconds(high, [newYork], wednesday('17:30'))).toBe(HOUR);
    expect(offerWindowSeconds(high, [berlin], wednesday('17:30'))).toBe(15 * HOUR);
    expect(offerWindowSeconds(high, [newYork, berlin], wednesday('17:30'))).toBe(15 * HOUR);
    expect(offerWindowSeconds(normal, [], wednesday('03:00'))).toBe(4 * HOUR);
  });
});
