import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MatchContext,
  type MatchTask,
  rankCandidates,
  type VaStanding,
} from '../../../shared/domain/matching/rank';
import type { VaMatchProfile } from '../../../shared/domain/va';

// Wednesday 25 Nov 2026, 10:00 Berlin.
const NOW = new Date('2026-11-25T09:00:00Z');
const context: MatchContext = {
  now: NOW,
  preferredVaIds: [],
  alreadyAsked: new Set(),
  defaultEffortMinutes: 60,
  defaultHorizonDays: 14,
};
const task: MatchTask = {
  clientId: 'cli_A',
  language: 'de',
  skills: [{ skill: 'travel', confidence: 0.95, minLevel: 2 }],
  deadline: '2026-11-27T17:00:00.000Z',
  effortMinutes: 120,
};

const weekdays = (start: string, end: string) =>
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start, end }));

const profile = (id: string, overrides: Partial<VaMatchProfile> = {}): VaMatchProfile => ({
  id,
  name: id,
  languages: ['de'],
  timeZone: 'Europe/Berlin',
  skills: [{ skill: 'travel', level: 4 }],
  weeklyAvailability: weekdays('09:00', '17:00'),
  timeOff: [],
  maxOpenTasks: 5,
  ...overrides,
});

const standing = (
  id: string,
  overrides: Partial<VaStanding> = {},
  p: Partial<VaMatchProfile> = {},
): VaStanding => ({
  profile: profile(id, p),
  active: true,
  openTasks: 1,
  offered: 4,
  accepted: 2,
  tasksForClient: 0,
  recentOffers: 2,
  ...overrides,
});

describe('rankCandidates: hard filters', () => {
  it.each([
    ['inactive', standing('va_x', { active: false }), 'inactive'],
    ['skill level too low', standing('va_x', {}, { skills: [{ skill: 'travel', level: 1 }] }), 'skill'],
    ['lacks the skill', standing('va_x', {}, { skills: [{ skill: 'research', level: 5 }] }), 'skill'],
    ['other language', standing('va_x', {}, { languages: ['en'] }), 'language'],
    ['full', standing('va_x', { openTasks: 5 }), 'capacity'],
    [
      'on leave until after the deadline',
      standing('va_x', {}, { timeOff: [{ from: '2026-11-23', to: '2026-12-06' }] }),
      'time-off',
    ],
    [
      'too little time before the deadline',
      standing('va_x', {}, { weeklyAvailability: [{ day: 'thu', start: '09:00', end: '10:00' }] }),
      'no-time-before-deadline',
    ],
  ] as const)('excludes a VA who is %s', (_label, va, reason) => {
    const { ranked, excluded } = rankCandidates(task, [va], context);
    expect(ranked).toEqual([]);
    expect(excluded).toEqual([expect.objectContaining({ vaId: 'va_x', reason })]);
  });

  it("excludes a VA whose only days before the deadline are their region's public holidays, naming them", () => {
    // Christmas Eve 2026, 18:00 Berlin, after work; due on Boxing Day.
    const christmas = { ...context, now: new Date('2026-12-24T17:00:00Z') };
    const due = { ...task, deadline: '2026-12-26T17:00:00.000Z', effortMinutes: 60 };
    const { ranked, excluded } = rankCandidates(
      due,
      [standing('va_bavaria', {}, { holidays: 'DE-BY' }), standing('va_nowhere')],
      christmas,
    );
    expect(ranked.map((r) => r.vaId)).toEqual(['va_nowhere']);
    expect(excluded).toEqual([
      expect.objectContaining({
        vaId: 'va_bavaria',
        reason: 'time-off',
        detail: 'public holiday: 2026-12-25 Christmas Day, 2026-12-26 Boxing Day',
      }),
    ]);
  });

  it('never asks again who declined or let the offer expire', () => {
    const { excluded } = rankCandidates(task, [standing('va_x')], {
      ...context,
      alreadyAsked: new Set(['va_x']),
    });
    expect(excluded[0]?.reason).toBe('already-asked');
  });

  it('says how much time is missing', () => {
    const tight = standing(
      'va_x',
      {},
      { weeklyAvailability: [{ day: 'thu', start: '09:00', end: '10:00' }] },
    );
    expect(rankCandidates(task, [tight], context).excluded[0]?.detail).toBe(
      '60 of 120 minutes free before the deadline',
    );
  });

  it("counts a VA's time in their own zone across the deadline: Manila evenings fit, New York mornings do not", () => {
    const manila = standing(
      'va_manila',
      {},
      { timeZone: 'Asia/Manila', weeklyAvailability: weekdays('14:00', '22:00') },
    );
    const newYork = standing(
      'va_ny',
      {},
      { timeZone: 'America/New_York', weeklyAvailability: [{ day: 'fri', start: '13:00', end: '17:00' }] },
    );
    // Deadline Fri 27 Nov 18:00 Berlin = 12:00 New York: the Friday window starts too late.
    const { ranked, excluded } = rankCandidates(task, [manila, newYork], context);
    expect(ranked.map((r) => r.vaId)).toEqual(['va_manila']);
    expect(excluded).toEqual([expect.objectContaining({ vaId: 'va_ny', reason: 'no-time-before-deadline' })]);
  });
});

describe('rankCandidates: score', () => {
  it('keeps every factor and weighs them into a score between 0 and 1', () => {
    const [top] = rankCandidates(task, [standing('va_a')], context).ranked;
    expect(top?.factors).toEqual({
      skillFit: 0.8,
      start: 1,
      load: 0.8,
      continuity: 0,
      acceptance: 0.5,
      fairness: 0.8,
    });
    expect(top?.score).toBeCloseTo(0.3 * 0.8 + 0.2 * 1 + 0.15 * 0.8 + 0.1 * 0.5 + 0.1 * 0.8, 4);
    expect(top?.earliestStart).toBe(NOW.toISOString());
  });

  it("prefers the client's preferred VA, then continuity, then the better record", () => {
    const standings = [
      standing('va_a'),
      standing('va_b', { tasksForClient: 3 }),
      standing('va_c', { accepted: 4 }),
    ];
    expect(
      rankCandidates(task, standings, { ...context, preferredVaIds: ['va_c'] }).ranked.map((r) => r.vaId),
    ).toEqual(['va_c', 'va_b', 'va_a']);
  });

  it('spreads work: with all else equal, fewer recent offers win', () => {
    const standings = [standing('va_busy', { recentOffers: 9 }), standing('va_quiet', { recentOffers: 0 })];
    expect(rankCandidates(task, standings, context).ranked.map((r) => r.vaId)).toEqual([
      'va_quiet',
      'va_busy',
    ]);
  });

  it('breaks exact ties by id, whatever the input order', () => {
    const a = rankCandidates(task, [standing('va_b'), standing('va_a')], context).ranked.map((r) => r.vaId);
    const b = rankCandidates(task, [standing('va_a'), standing('va_b')], context).ranked.map((r) => r.vaId);
    expect(a).toEqual(['va_a', 'va_b']);
    expect(b).toEqual(a);
  });

  it('requires only the sure skills, at most two', () => {
    const mixed: MatchTask = {
      ...task,
      skills: [
        { skill: 'travel', confidence: 0.9, minLevel: 1 },
        { skill: 'events', confidence: 0.4, minLevel: 1 },
      ],
    };
    expect(rankCandidates(mixed, [standing('va_a')], context).ranked).toHaveLength(1);
  });
});

describe('rankCandidates: limit', () => {
  // Few distinct values, so scores tie often and every tie-break is exercised.
  const arbitraryStanding = fc
    .record({
      n: fc.integer({ min: 0, max: 999 }),
      level: fc.integer({ min: 1, max: 5 }),
      openTasks: fc.integer({ min: 0, max: 5 }),
      offered: fc.integer({ min: 0, max: 4 }),
      accepted: fc.integer({ min: 0, max: 4 }),
      recentOffers: fc.integer({ min: 0, max: 3 }),
      tasksForClient: fc.constantFrom(0, 1),
      start: fc.constantFrom('08:00', '09:00', '14:00'),
    })
    .map((r) =>
      standing(
        `va_${String(r.n).padStart(3, '0')}`,
        {
          openTasks: r.openTasks,
          offered: r.offered,
          accepted: Math.min(r.accepted, r.offered),
          recentOffers: r.recentOffers,
          tasksForClient: r.tasksForClient,
        },
        { skills: [{ skill: 'travel', level: r.level }], weeklyAvailability: weekdays(r.start, '17:00') },
      ),
    );

  it("keeps the full ranking's best, in the same order, and the same exclusions", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryStanding, { maxLength: 60, selector: (s) => s.profile.id }),
        fc.integer({ min: 1, max: 25 }),
        (standings, limit) => {
          const full = rankCandidates(task, standings, context);
          const best = rankCandidates(task, standings, { ...context, limit });
          expect(best.ranked).toEqual(full.ranked.slice(0, limit));
          expect(best.excluded).toEqual(full.excluded);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps nobody with a limit of 0, and still says who is out and why', () => {
    const standings = [standing('va_a'), standing('va_b', { active: false })];
    const { ranked, excluded } = rankCandidates(task, standings, { ...context, limit: 0 });
    expect(ranked).toEqual([]);
    expect(excluded.map((x) => [x.vaId, x.reason])).toEqual([['va_b', 'inactive']]);
  });
});
