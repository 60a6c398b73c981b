import { type MatchContext, rankCandidates, type VaStanding } from '../shared/domain/matching/rank';
import { CANDIDATE_LIST_LIMIT } from '../shared/domain/routing/policy';
import { SKILLS } from '../shared/domain/skills';

/** A believable pool: five zones, varied weekly hours, some time off, a spread of levels and load. */
export const syntheticPool = (size: number): VaStanding[] => {
  const zones = ['Europe/Berlin', 'Europe/Vienna', 'Asia/Manila', 'America/New_York', 'Europe/London'];
  const windows = [
    ['09:00', '13:00'],
    ['08:00', '16:00'],
    ['14:00', '22:00'],
    ['18:00', '21:00'],
  ] as const;
  return Array.from({ length: size }, (_, i) => {
    const [start, end] = windows[i % windows.length] ?? ['09:00', '17:00'];
    return {
      profile: {
        id: `va_${String(i).padStart(6, '0')}`,
        name: `VA ${i}`,
        languages: i % 3 === 0 ? ['en'] : ['de', 'en'],
        timeZone: zones[i % zones.length] ?? 'UTC',
        skills: [
          { skill: 'travel', level: 1 + (i % 5) },
          { skill: SKILLS[i % SKILLS.length] ?? 'research', level: 1 + ((i * 7) % 5) },
        ],
        weeklyAvailability: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
          day,
          start,
          end,
        })),
        timeOff: i % 11 === 0 ? [{ from: '2026-11-30', to: '2026-12-04' }] : [],
        maxOpenTasks: 3 + (i % 5),
      },
      active: i % 17 !== 0,
      openTasks: i % 6,
      offered: i % 9,
      accepted: i % 4,
      tasksForClient: i % 13 === 0 ? 2 : 0,
      recentOffers: i % 8,
    };
  });
};

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Median and p99 of `rounds` rankings of `pool`, after a few more that warm the zone memo for it. */
const timeRanking = (
  task: Parameters<typeof rankCandidates>[0],
  pool: readonly VaStanding[],
  context: MatchContext,
  rounds: number,
) => {
  for (let r = 0; r < 20; r++) rankCandidates(task, pool, context);
  const times: number[] = [];
  let ranked = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    ranked = rankCandidates(task, pool, context).ranked.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 50), p99Ms: percentile(times, 99), ranked };
};

/**
 * Median and p99 time to rank a pool of each size for one task, with the pool built beforehand: as
 * the workflow does (the best 20 it carries) and as `task explain` does (every candidate in order).
 */
export const benchMatching = (sizes: readonly number[], rounds = 50) => {
  const task = {
    clientId: 'cli_bench',
    language: 'de',
    skills: [{ skill: 'travel' as const, confidence: 0.95, minLevel: 2 }],
    deadline: '2026-12-04T17:00:00.000Z',
    effortMinutes: 120,
  };
  const context = {
    now: new Date('2026-11-25T09:00:00Z'),
    preferredVaIds: [],
    alreadyAsked: new Set<string>(),
    defaultEffortMinutes: 60,
    defaultHorizonDays: 14,
  };
  // Warm the JIT on the largest pool first, as a warm Lambda is; otherwise the first rows time compilation.
  const largest = syntheticPool(Math.max(...sizes));
  for (let r = 0; r < 5; r++) {
    rankCandidates(task, largest, { ...context, limit: CANDIDATE_LIST_LIMIT });
    rankCandidates(task, largest, context);
  }
  return sizes.map((size) => {
    const pool = syntheticPool(size);
    const routing = timeRanking(task, pool, { ...context, limit: CANDIDATE_LIST_LIMIT }, rounds);
    const everyone = timeRanking(task, pool, context, rounds);
    return {
      vas: size,
      medianMs: routing.medianMs,
      p99Ms: routing.p99Ms,
      kept: routing.ranked,
      everyoneMedianMs: everyone.medianMs,
      everyoneP99Ms: everyone.p99Ms,
      ranked: everyone.ranked,
    };
  });
};
