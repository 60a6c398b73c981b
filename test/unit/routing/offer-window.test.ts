import { describe, expect, it } from 'vitest';
import { MAX_OFFER_HOURS, offerWindowSeconds } from '../../../shared/domain/routing/offer-window';

const HOUR = 3600;
const weekdays = (timeZone: string, start = '08:00', end = '18:00') => ({
  timeZone,
  weeklyAvailability: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start, end })),
  timeOff: [] as Array<{ from: string; to: string }>,
});
const berlin = weekdays('Europe/Berlin');
const newYork = weekdays('America/New_York');
/** Wednesday, 25 November 2026, at this Berlin wall time (CET, UTC+1). */
const wednesday = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00+01:00`);
const normal = { priority: 'normal' as const, deadline: '2026-12-09T17:00:00Z' };

describe('offerWindowSeconds', () => {
  it("gives a VA at work the priority's minutes on the clock, even near the end of their day", () => {
    expect(offerWindowSeconds(normal, [berlin], wednesday('10:00'))).toBe(4 * HOUR);
    expect(offerWindowSeconds(normal, [berlin], wednesday('17:00'))).toBe(4 * HOUR);
    expect(offerWindowSeconds({ ...normal, priority: 'high' }, [berlin], wednesday('10:00'))).toBe(HOUR);
  });

  it('starts counting when the VA starts work: an offer mailed at night waits for their morning', () => {
    // Mailed at 03:13: four hours from 08:00, so noon.
    expect(offerWindowSeconds(normal, [berlin], wednesday('03:13'))).toBe(8 * HOUR + 47 * 60);
    // In the VA's own zone: 20:00 in Berlin is 03:00 in Manila, where work starts at 01:00 Berlin time.
    expect(offerWindowSeconds(normal, [weekdays('Asia/Manila')], wednesday('20:00'))).toBe(9 * HOUR);
  });

  it('skips days off', () => {
    const away = { ...berlin, timeOff: [{ from: '2026-11-26', to: '2026-11-26' }] };
    // After work on Wednesday, Thursday off: from Friday 08:00, so Friday noon.
    expect(offerWindowSeconds(normal, [away], wednesday('19:00'))).toBe(41 * HOUR);
  });

  it("skips the VA's public holidays", () => {
    // Mailed Thursday 24 December 2026 after work. Friday is Christmas Day in Bavaria, so the VA is
    // back on Monday: past the three days an offer stays open at most. Elsewhere, Friday noon.
    const bavaria = { ...berlin, holidays: 'DE-BY' as const };
    const christmasEve = new Date('2026-12-24T19:00:00+01:00');
    const christmas = { priority: 'normal' as const, deadline: '2027-01-15T17:00:00Z' };
    expect(offerWindowSeconds(christmas, [bavaria], christmasEve)).toBe(MAX_OFFER_HOURS * HOUR);
    expect(offerWindowSeconds(christmas, [berlin], christmasEve)).toBe(17 * HOUR);
  });

  it('never takes more than a quarter of the time to the deadline, nor three days, nor less than the clock minutes', () => {
    // Friday 19:00 with the deadline Wednesday 18:00: Monday noon would be 65 hours on; a quarter of
    // the 119 hours left is 29 h 45 min.
    const friday = new Date('2026-11-27T19:00:00+01:00');
    const dueWednesday = { priority: 'normal' as const, deadline: '2026-12-02T17:00:00Z' };
    expect(offerWindowSeconds(dueWednesday, [berlin], friday)).toBe(29 * HOUR + 45 * 60);
    // Without a deadline the weekend counts in full, up to the three-day bound.
    expect(offerWindowSeconds({ priority: 'normal' }, [berlin], friday)).toBe(65 * HOUR);
    const tuesdays = {
      ...berlin,
      weeklyAvailability: [{ day: 'tue' as const, start: '10:00', end: '11:00' }],
    };
    expect(offerWindowSeconds({ priority: 'normal' }, [tuesdays], friday)).toBe(MAX_OFFER_HOURS * HOUR);
    // Due in two hours: a quarter is 30 minutes, but the VA keeps the four hours on the clock.
    const tight = { priority: 'normal' as const, deadline: '2026-11-25T21:00:00Z' };
    expect(offerWindowSeconds(tight, [berlin], wednesday('20:00'))).toBe(4 * HOUR);
  });

  it('waits for nobody on an urgent task, and lets the VA who starts work last set a shared round', () => {
    const urgent = { priority: 'urgent' as const, deadline: normal.deadline };
    expect(offerWindowSeconds(urgent, [berlin, newYork], wednesday('03:00'))).toBe(900);
    // High priority at 19:00 in Berlin: New York (13:00 there) answers within the hour, the Berlin VA
    // from 08:00 tomorrow; asked together, both get until 09:00.
    const high = { priority: 'high' as const, deadline: normal.deadline };
    expect(offerWindowSeconds(high, [newYork], wednesday('19:00'))).toBe(HOUR);
    expect(offerWindowSeconds(high, [berlin], wednesday('19:00'))).toBe(14 * HOUR);
    expect(offerWindowSeconds(high, [newYork, berlin], wednesday('19:00'))).toBe(14 * HOUR);
    expect(offerWindowSeconds(normal, [], wednesday('03:00'))).toBe(4 * HOUR);
  });
});
