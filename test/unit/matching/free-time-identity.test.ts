import { describe, expect, it } from 'vitest';
import { freeTimeHash, sameFreeTime } from '../../../shared/domain/matching/free-time-identity';
import type { VaMatchProfile } from '../../../shared/domain/va';

const profile = (over: Partial<VaMatchProfile> = {}): VaMatchProfile => ({
  id: 'va_1',
  name: 'Anna',
  languages: ['de'],
  timeZone: 'Europe/Berlin',
  skills: [{ skill: 'research', level: 3 }],
  weeklyAvailability: [
    { day: 'mon', start: '09:00', end: '13:00' },
    { day: 'tue', start: '09:00', end: '13:00' },
  ],
  timeOff: [{ from: '2026-12-21', to: '2026-12-31' }],
  maxOpenTasks: 3,
  ...over,
});

describe('free-time identity', () => {
  it('is the same for equal free time read into separate objects, whoever the VA is', () => {
    const a = profile();
    const b = JSON.parse(JSON.stringify(profile({ id: 'va_2', name: 'Ben', skills: [] }))) as VaMatchProfile;
    expect(freeTimeHash(a)).toBe(freeTimeHash(b));
    expect(sameFreeTime(a, b)).toBe(true);
  });

  it.each([
    ['zone', { timeZone: 'Europe/Vienna' }],
    ['a window end', { weeklyAvailability: [{ day: 'mon', start: '09:00', end: '13:30' }] }],
    ['a window day', { weeklyAvailability: [{ day: 'wed', start: '09:00', end: '13:00' }] }],
    [
      'one window more',
      {
        weeklyAvailability: [
          { day: 'mon', start: '09:00', end: '13:00' },
          { day: 'tue', start: '09:00', end: '13:00' },
        ],
      },
    ],
    ['days off', { timeOff: [{ from: '2026-12-22', to: '2026-12-31' }] }],
    ['no days off', { timeOff: [] }],
    ['public holidays', { holidays: 'DE-BY' }],
  ] satisfies Array<[string, Partial<VaMatchProfile>]>)('tells free time apart by %s', (_, change) => {
    const a = profile({ weeklyAvailability: [{ day: 'mon', start: '09:00', end: '13:00' }] });
    const b = profile({ weeklyAvailability: a.weeklyAvailability, ...change });
    expect(sameFreeTime(a, b)).toBe(false);
    expect(freeTimeHash(a)).not.toBe(freeTimeHash(b));
  });
});
