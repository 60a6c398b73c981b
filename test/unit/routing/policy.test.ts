import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../../shared/domain/matching/rank';
import { applyStatsEvent, emptyStats } from '../../../shared/domain/matching/stats-events';
import {
  completionTimeoutSeconds,
  executionNameFor,
  firstCompletionCheckSeconds,
  isBeforeDeadline,
  nextOfferTargets,
  offerSeconds,
  roundDeclined,
  secondsUntilDueSoon,
} from '../../../shared/domain/routing/policy';
import { readDoneForm } from '../../../shared/use-cases/routing/done-links';

const NOW = new Date('2026-11-25T09:00:00Z');

describe('offer policy', () => {
  it('gives urgent tasks 15 minutes and low ones 8 hours to answer', () => {
    expect([
      offerSeconds('urgent'),
      offerSeconds('high'),
      offerSeconds('normal'),
      offerSeconds('low'),
    ]).toEqual([900, 3600, 14_400, 28_800]);
  });

  it('offers down the ranked list, skipping everyone asked before, as many at once as the priority allows', () => {
    const ranked = ['va_a', 'va_b', 'va_c', 'va_d', 'va_e'];
    expect(nextOfferTargets(ranked, [], 1)).toEqual(['va_a']);
    expect(nextOfferTargets(ranked, [{ vaId: 'va_a' }, { vaId: 'va_c' }], 3)).toEqual([
      'va_b',
      'va_d',
      'va_e',
    ]);
    expect(
      nextOfferTargets(
        ranked,
        ranked.map((vaId) => ({ vaId })),
        1,
      ),
    ).toEqual([]);
  });

  it('ends a round early only when every VA in it declined', () => {
    const round = [
      { taskToken: 't2', status: 'DECLINED' as const },
      { taskToken: 't2', status: 'PENDING' as const },
      { taskToken: 't1', status: 'EXPIRED' as const },
    ];
    expect(roundDeclined(round, 't2')).toBe(false);
    expect(roundDeclined([round[0] ?? { taskToken: '', status: 'PENDING' }], 't2')).toBe(true);
    expect(roundDeclined(round, 'unknown')).toBe(false);
  });

  it('reminds the VA a day after the deadline, at least an hour from now, or after a week without one', () => {
    expect(completionTimeoutSeconds({ deadline: '2026-11-26T09:00:00Z' }, NOW)).toBe(48 * 3600);
    expect(completionTimeoutSeconds({ deadline: '2026-11-20T09:00:00Z' }, NOW)).toBe(3600);
    expect(completionTimeoutSeconds({}, NOW)).toBe(7 * 86_400);
  });

  it('first looks at an assigned task a day before its deadline, if the VA has had it half a day by then', () => {
    // Due in three days: the check is two days from now, and the VA then hears the deadline is close.
    expect(firstCompletionCheckSeconds({ deadline: '2026-11-28T09:00:00Z' }, NOW)).toBe(48 * 3600);
    // Due in 36 hours: exactly half a day before the day-ahead check, still in time.
    expect(firstCompletionCheckSeconds({ deadline: '2026-11-26T21:00:00Z' }, NOW)).toBe(12 * 3600);
    // Due in 35 hours: the task mail just gave the deadline; the first check is the overdue one.
    const soon = { deadline: '2026-11-26T20:00:00Z' };
    expect(firstCompletionCheckSeconds(soon, NOW)).toBe(completionTimeoutSeconds(soon, NOW));
    expect(firstCompletionCheckSeconds({}, NOW)).toBe(7 * 86_400);
    expect(isBeforeDeadline(soon, NOW)).toBe(true);
    expect(isBeforeDeadline({ deadline: NOW.toISOString() }, NOW)).toBe(false);
    expect(isBeforeDeadline({}, NOW)).toBe(false);
  });

  it('tells a check that woke before the day-ahead point how long is left to it', () => {
    expect(secondsUntilDueSoon({ deadline: '2026-11-28T09:00:00Z' }, NOW)).toBe(48 * 3600);
    // A second short of the point, or on it: none left, this is the day-ahead check.
    expect(secondsUntilDueSoon({ deadline: '2026-11-26T08:59:59Z' }, NOW)).toBeUndefined();
    expect(secondsUntilDueSoon({ deadline: '2026-11-26T09:00:00Z' }, NOW)).toBeUndefined();
    expect(secondsUntilDueSoon({ deadline: '2026-11-26T09:00:00.500Z' }, NOW)).toBe(1);
    expect(secondsUntilDueSoon({}, NOW)).toBeUndefined();
  });

  it('names the first workflow of a task after it, and reroutes after the run', () => {
    expect(executionNameFor('VA-7K2Q9M')).toBe('VA-7K2Q9M');
    expect(executionNameFor('VA-7K2Q9M', 3)).toBe('VA-7K2Q9M-3');
  });
});

describe('VA stats events', () => {
  it('apply once: a retried step changes nothing twice', () => {
    let stats = emptyStats('va_a');
    const events = [
      { kind: 'offered', taskId: 'VA-1', clientId: 'cli_a', at: '2026-11-25T09:00:00Z' },
      { kind: 'answered', taskId: 'VA-1', outcome: 'accepted', at: '2026-11-25T09:05:00Z' },
      { kind: 'assigned', taskId: 'VA-1' },
      { kind: 'released', taskId: 'VA-1', clientId: 'cli_a', completed: true },
    ] as const;
    for (const event of [...events, ...events]) stats = applyStatsEvent(stats, event);
    expect(stats).toMatchObject({
      openTasks: 0,
      offers: [{ outcome: 'accepted', taskId: 'VA-1', at: '2026-11-25T09:05:00Z' }],
      tasksByClient: { cli_a: 1 },
    });
  });
});

describe('the wider second search', () => {
  it('takes a VA one task over capacity, and only then', () => {
    const va = {
      profile: {
        id: 'va_full',
        name: 'Full',
        languages: ['de'],
        timeZone: 'Europe/Berlin',
        skills: [{ skill: 'travel' as const, level: 4 }],
        weeklyAvailability: [{ day: 'wed' as const, start: '09:00', end: '17:00' }],
        timeOff: [],
        maxOpenTasks: 3,
      },
      active: true,
      openTasks: 3,
      offered: 0,
      accepted: 0,
      tasksForClient: 0,
      recentOffers: 0,
    };
    const task = {
      clientId: 'c',
      language: 'de',
      skills: [{ skill: 'travel' as const, confidence: 1, minLevel: 1 }],
      effortMinutes: 60,
    };
    const context = {
      now: NOW,
      preferredVaIds: [],
      alreadyAsked: new Set<string>(),
      defaultEffortMinutes: 60,
      defaultHorizonDays: 14,
    };
    expect(rankCandidates(task, [va], context).excluded[0]?.reason).toBe('capacity');
    const wider = rankCandidates(task, [va], { ...context, capacitySlack: 1 });
    expect(wider.ranked.map((r) => r.vaId)).toEqual(['va_full']);
    expect(wider.ranked[0]?.factors.load).toBe(0);
  });
});

describe('the done form', () => {
  it('takes whole minutes from 1 to 10,000 and a note of up to 2,000 characters', () => {
    expect(readDoneForm({ minutes: ' 75 ', note: 'Tickets\r\ngebucht ' }, 'de')).toEqual({
      minutes: 75,
      note: 'Tickets\ngebucht',
    });
    for (const minutes of ['0', '-5', '1.5', 'abc', '', '10001', '1e3'])
      expect(readDoneForm({ minutes }, 'en')).toEqual({
        errors: { minutes: expect.stringContaining('whole number') },
      });
    expect(readDoneForm({ minutes: '5', note: 'x'.repeat(2001) }, 'de')).toEqual({
      errors: { note: expect.stringContaining('2000') },
    });
  });
});
