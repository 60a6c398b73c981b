import { describe, expect, it } from 'vitest';
import { standingOf, type VaStats } from '../../../shared/domain/matching/standing';
import type { VaMatchProfile } from '../../../shared/domain/va';

const NOW = new Date('2026-11-25T09:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const profile: VaMatchProfile = {
  id: 'va_a',
  name: 'A',
  languages: ['de'],
  timeZone: 'Europe/Berlin',
  skills: [{ skill: 'travel', level: 3 }],
  weeklyAvailability: [{ day: 'mon', start: '09:00', end: '13:00' }],
  timeOff: [],
  maxOpenTasks: 5,
};

describe('standingOf', () => {
  it('starts a newcomer at zero everywhere', () => {
    expect(standingOf(profile, undefined, 'cli_x', NOW)).toMatchObject({
      openTasks: 0,
      offered: 0,
      accepted: 0,
      tasksForClient: 0,
      recentOffers: 0,
    });
  });

  it('counts decisions over 90 days, missed offers only for 14, and offers of the last 7 days for fairness', () => {
    const stats: VaStats = {
      vaId: 'va_a',
      openTasks: 2,
      tasksByClient: { cli_x: 3 },
      applied: [],
      version: 0,
      offers: [
        { at: daysAgo(120), outcome: 'declined', clientId: 'cli_x' },
        { at: daysAgo(60), outcome: 'accepted', clientId: 'cli_x' },
        { at: daysAgo(30), outcome: 'expired', clientId: 'cli_y' },
        { at: daysAgo(10), outcome: 'expired', clientId: 'cli_y' },
        { at: daysAgo(5), outcome: 'declined', clientId: 'cli_y' },
        { at: daysAgo(1), outcome: 'accepted', clientId: 'cli_x' },
        { at: daysAgo(0), outcome: 'pending', clientId: 'cli_x' },
      ],
    };
    expect(standingOf(profile, stats, 'cli_x', NOW)).toMatchObject({
      openTasks: 2,
      offered: 4,
      accepted: 2,
      tasksForClient: 3,
      recentOffers: 3,
    });
  });

  it('lets a missed offer cool down: after 14 days it no longer counts against the VA', () => {
    const stats: VaStats = {
      vaId: 'va_a',
      openTasks: 0,
      tasksByClient: {},
      applied: [],
      version: 0,
      offers: [{ at: daysAgo(15), outcome: 'expired', clientId: 'c' }],
    };
    expect(standingOf(profile, stats, 'c', NOW)).toMatchObject({ offered: 0, accepted: 0 });
  });
});
