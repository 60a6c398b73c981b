import { describe, expect, it } from 'vitest';
import {
  addOwnTimeOff,
  localDateIn,
  removeOwnTimeOff,
  upcomingTimeOff,
} from '../../../shared/domain/time-off-change';

const TODAY = '2026-12-02';
const christmas = { from: '2026-12-21', to: '2027-01-04' };

describe("a VA's own time off", () => {
  it('adds a period in order, and a single day when only the first is given', () => {
    const added = addOwnTimeOff([christmas], { from: '2026-12-07', note: '  Arzt ' }, TODAY);
    expect(added).toEqual({
      kind: 'changed',
      period: { from: '2026-12-07', to: '2026-12-07', note: 'Arzt' },
      timeOff: [{ from: '2026-12-07', to: '2026-12-07', note: 'Arzt' }, christmas],
    });
    expect(addOwnTimeOff([], { from: TODAY, to: '' }, TODAY)).toMatchObject({ kind: 'changed' });
  });

  it('changes nothing when the same period comes again (a double click)', () => {
    expect(addOwnTimeOff([christmas], { ...christmas, note: 'again' }, TODAY)).toEqual({
      kind: 'unchanged',
      period: christmas,
    });
  });

  it.each([
    [{}, { from: 'required' }],
    [{ from: '24.12.2026' }, { from: 'invalid-date' }],
    [{ from: '2026-02-30' }, { from: 'invalid-date' }],
    [{ from: '2026-12-01' }, { from: 'past' }],
    [{ from: '2026-12-10', to: '2026-12-09' }, { to: 'before-start' }],
    [{ from: '2026-12-10', to: 'soon' }, { to: 'invalid-date' }],
    [{ from: '2026-12-10', to: '2027-12-10' }, { to: 'too-long' }],
    [{ from: '2026-12-10', note: 'x'.repeat(201) }, { note: 'too-long' }],
  ])('refuses %j with %j', (input, errors) => {
    expect(addOwnTimeOff([], input, TODAY)).toEqual({ kind: 'invalid', errors });
  });

  it('takes less than a year at once: up to the day before the same date next year', () => {
    expect(addOwnTimeOff([], { from: '2027-01-01', to: '2027-12-31' }, TODAY).kind).toBe('changed');
    expect(addOwnTimeOff([], { from: '2027-01-01', to: '2028-01-01' }, TODAY).kind).toBe('invalid');
    expect(addOwnTimeOff([], { from: '2028-02-29', to: '2029-02-28' }, TODAY).kind).toBe('changed');
  });

  it('refuses a period that overlaps one already entered, and names it', () => {
    expect(addOwnTimeOff([christmas], { from: '2027-01-04', to: '2027-01-06' }, TODAY)).toEqual({
      kind: 'invalid',
      errors: { from: 'overlaps' },
      overlapping: christmas,
    });
    expect(addOwnTimeOff([christmas], { from: '2027-01-05' }, TODAY).kind).toBe('changed');
  });

  it('removes a period that has not ended, once; past ones stay as they were', () => {
    const past = { from: '2026-11-02', to: '2026-11-06' };
    expect(removeOwnTimeOff([past, christmas], christmas.from, TODAY)).toEqual({
      kind: 'changed',
      period: christmas,
      timeOff: [past],
    });
    expect(removeOwnTimeOff([past], christmas.from, TODAY)).toEqual({ kind: 'unchanged' });
    expect(removeOwnTimeOff([past], past.from, TODAY)).toEqual({ kind: 'unchanged' });
    // A period under way may be cut short by removing it: the VA is back at work.
    expect(removeOwnTimeOff([{ from: '2026-12-01', to: TODAY }], '2026-12-01', TODAY).kind).toBe('changed');
  });

  it('shows what has not ended, first first', () => {
    const past = { from: '2026-11-02', to: '2026-11-06' };
    const now = { from: '2026-11-30', to: TODAY };
    expect(upcomingTimeOff([christmas, past, now], TODAY)).toEqual([now, christmas]);
  });

  it("counts days in the VA's time zone", () => {
    const lateInUtc = new Date('2026-12-01T23:30:00.000Z');
    expect(localDateIn(lateInUtc, 'Europe/Berlin')).toBe('2026-12-02');
    expect(localDateIn(lateInUtc, 'America/New_York')).toBe('2026-12-01');
  });
});
