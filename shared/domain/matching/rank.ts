import { publicHolidaysBetween } from '../public-holidays';
import type { Skill } from '../skills';
import type { VaMatchProfile } from '../va';
import { minutesIn, workSpans } from './availability';
import { freeTimeHash, sameFreeTime } from './free-time-identity';

/** The part of a task that matching looks at. */
export interface MatchTask {
  clientId: string;
  language: string;
  skills: ReadonlyArray<{ skill: Skill; confidence: number; minLevel: number }>;
  deadline?: string;
  effortMinutes?: number;
}

/** What va-router knows about a VA beyond the profile: current load and track record. */
export interface VaStanding {
  profile: VaMatchProfile;
  active: boolean;
  openTasks: number;
  /** Offers in the acceptance window (a missed one counts as not accepted until it cools down). */
  offered: number;
  accepted: number;
  /** Tasks done for this client before. */
  tasksForClient: number;
  /** Offers received in the fairness window, across all clients. */
  recentOffers: number;
}

export interface MatchContext {
  now: Date;
  preferredVaIds: readonly string[];
  /** VAs who declined or let this task's offer expire: never asked again for it. */
  alreadyAsked: ReadonlySet<string>;
  /** Assumed when the brief names no effort. */
  defaultEffortMinutes: number;
  /** Assumed when the brief names no deadline. */
  defaultHorizonDays: number;
  /** Tasks a VA may hold beyond their maximum: 0, or 1 when a second, wider search runs. */
  capacitySlack?: number;
  /**
   * Keep only the best this many (the workflow carries 20): the order of those is the full ranking's,
   * and the rest are never sorted. Without it every candidate is ranked, as `task explain` shows them.
   */
  limit?: number;
}

export type ExclusionReason =
  | 'inactive'
  | 'skill'
  | 'language'
  | 'already-asked'
  | 'capacity'
  | 'time-off'
  | 'no-time-before-deadline';

export interface Exclusion {
  vaId: string;
  name: string;
  reason: ExclusionReason;
  detail: string;
}

export interface Factors {
  skillFit: number;
  start: number;
  load: number;
  continuity: number;
  acceptance: number;
  fairness: number;
}

export interface RankedCandidate {
  vaId: string;
  name: string;
  score: number;
  factors: Factors;
  earliestStart: string;
  freeMinutesBeforeDeadline: number;
}

/** How much each factor counts; they sum to 1, so a score is between 0 and 1. */
export const WEIGHTS: Factors = {
  skillFit: 0.3,
  start: 0.2,
  load: 0.15,
  continuity: 0.15,
  acceptance: 0.1,
  fairness: 0.1,
};

/** Skills a VA must have: the sure ones (at least the best guess), at most two. */
export const requiredSkills = (skills: MatchTask['skills']) => {
  const sure = skills.filter((s) => s.confidence >= 0.6).slice(0, 2);
  return sure.length > 0 ? sure : skills.slice(0, 1);
};

const round = (x: number) => Math.round(x * 10_000) / 10_000;

const scoreOf = (f: Factors) =>
  round(
    WEIGHTS.skillFit * f.skillFit +
      WEIGHTS.start * f.start +
      WEIGHTS.load * f.load +
      WEIGHTS.continuity * f.continuity +
      WEIGHTS.acceptance * f.acceptance +
      WEIGHTS.fairness * f.fairness,
  );

const levelIn = (va: VaMatchProfile, skill: Skill) => {
  for (const k of va.skills) if (k.skill === skill) return k.level;
  return 0;
};

/**
 * The VA's mean level over the required skills, or the required skills they lack (or hold too
 * low). One pass decides both; the list is only built for a VA who is left out.
 */
const skillFitOf = (va: VaMatchProfile, required: ReturnType<typeof requiredSkills>) => {
  let sum = 0;
  for (const r of required) {
    const level = levelIn(va, r.skill);
    if (level < r.minLevel) return { missing: required.filter((m) => levelIn(va, m.skill) < m.minLevel) };
    sum += level;
  }
  return { meanLevel: sum / required.length };
};

interface RankKey {
  score: number;
  earliestMs: number;
  recentOffers: number;
  vaId: string;
  /** Built only once the key is kept. */
  candidate: RankedCandidate | undefined;
}

// Ordinal, not locale, comparison: the same order on every machine, and far cheaper.
const ordinal = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Higher score first; ties go to the earlier start, then fewer recent offers, then the lower id. */
const compareKeys = (a: RankKey, b: RankKey) =>
  b.score - a.score ||
  a.earliestMs - b.earliestMs ||
  a.recentOffers - b.recentOffers ||
  ordinal(a.vaId, b.vaId);

/** Puts `key` in its place among the sorted best `limit`, dropping the one pushed past the end. */
const insertKept = (kept: RankKey[], key: RankKey, limit: number) => {
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(kept[mid] as RankKey, key) <= 0) low = mid + 1;
    else high = mid;
  }
  kept.splice(low, 0, key);
  if (kept.length > limit) kept.pop();
};

interface Availability {
  /** The VA it was computed for: others with the same hash share it only if their free time matches. */
  of: VaMatchProfile;
  minutes: number;
  earliest: string;
  earliestMs: number;
}

/**
 * Ranks VAs for a task: hard filters first (each exclusion says why), then a weighted score whose
 * factors are kept, so the operator and the tests can read every decision. Pure and deterministic:
 * ties go to the earlier start, then to fewer recent offers, then to the lower id.
 */
export const rankCandidates = (
  task: MatchTask,
  standings: readonly VaStanding[],
  context: MatchContext,
): { ranked: RankedCandidate[]; excluded: Exclusion[] } => {
  const required = requiredSkills(task.skills);
  const effort = task.effortMinutes ?? context.defaultEffortMinutes;
  const deadline = task.deadline
    ? new Date(task.deadline)
    : new Date(context.now.getTime() + context.defaultHorizonDays * 86_400_000);
  // Each candidate with the numbers its ties are broken by, so ordering looks nothing up.
  const keys: RankKey[] = [];
  const limit = context.limit ?? Number.POSITIVE_INFINITY;
  const excluded: Exclusion[] = [];
  const exclude = (va: VaMatchProfile, reason: ExclusionReason, detail: string) =>
    excluded.push({ vaId: va.id, name: va.name, reason, detail });
  const capacitySlack = context.capacitySlack ?? 0;
  const deadlineDate = deadline.toISOString().slice(0, 10);
  const today = context.now.toISOString().slice(0, 10);
  // VAs share weekly patterns and zones: free time before this deadline is computed once per pattern.
  const availability = new Map<number, Availability[]>();

  for (const s of standings) {
    const va = s.profile;
    if (!s.active) {
      exclude(va, 'inactive', 'not taking tasks');
      continue;
    }
    const fit = skillFitOf(va, required);
    if (fit.missing) {
      exclude(va, 'skill', `lacks ${fit.missing.map((m) => `${m.skill} (level ${m.minLevel}+)`).join(', ')}`);
      continue;
    }
    if (!va.languages.includes(task.language)) {
      exclude(va, 'language', `does not work in ${task.language}`);
      continue;
    }
    if (context.alreadyAsked.has(va.id)) {
      exclude(va, 'already-asked', 'declined or let the offer for this task expire');
      continue;
    }
    if (s.openTasks >= va.maxOpenTasks + capacitySlack) {
      exclude(va, 'capacity', `holds ${s.openTasks} of ${va.maxOpenTasks} tasks`);
      continue;
    }
    const hash = freeTimeHash(va);
    let bucket = availability.get(hash);
    if (!bucket) {
      bucket = [];
      availability.set(hash, bucket);
    }
    let free = bucket.find((known) => sameFreeTime(known.of, va));
    if (!free) {
      const spans = workSpans(
        va.weeklyAvailability,
        va.timeOff,
        va.timeZone,
        context.now,
        deadline,
        va.holidays,
      );
      const earliest = spans[0]?.start ?? deadline;
      free = {
        of: va,
        minutes: minutesIn(spans),
        earliest: earliest.toISOString(),
        earliestMs: earliest.getTime(),
      };
      bucket.push(free);
    }
    if (free.minutes < effort) {
      const onLeave = va.timeOff.find((t) => t.from <= deadlineDate && t.to >= today);
      const holidays = va.holidays ? publicHolidaysBetween(va.holidays, today, deadlineDate) : [];
      const named = holidays.map((h) => `${h.date} ${h.name.en}`).join(', ');
      if (onLeave && free.minutes === 0) exclude(va, 'time-off', `off ${onLeave.from} to ${onLeave.to}`);
      else if (named && free.minutes === 0) exclude(va, 'time-off', `public holiday: ${named}`);
      else
        exclude(
          va,
          'no-time-before-deadline',
          `${free.minutes} of ${effort} minutes free before the deadline${named ? ` (public holiday: ${named})` : ''}`,
        );
      continue;
    }
    const hoursToStart = (free.earliestMs - context.now.getTime()) / 3_600_000;
    const factors: Factors = {
      skillFit: round((fit.meanLevel ?? 0) / 5),
      start: round(1 - Math.min(1, hoursToStart / 72)),
      load: round(Math.max(0, 1 - s.openTasks / va.maxOpenTasks)),
      continuity: context.preferredVaIds.includes(va.id) ? 1 : s.tasksForClient > 0 ? 0.5 : 0,
      // Laplace-smoothed, so a newcomer starts at 0.5 instead of 0 or 1.
      acceptance: round((s.accepted + 1) / (s.offered + 2)),
      fairness: round(1 - Math.min(1, s.recentOffers / 10)),
    };
    const key: RankKey = {
      score: scoreOf(factors),
      earliestMs: free.earliestMs,
      recentOffers: s.recentOffers,
      vaId: va.id,
      candidate: undefined,
    };
    const worstKept = keys[keys.length - 1];
    if (keys.length >= limit && (!worstKept || compareKeys(key, worstKept) >= 0)) continue;
    key.candidate = {
      vaId: va.id,
      name: va.name,
      score: key.score,
      factors,
      earliestStart: free.earliest,
      freeMinutesBeforeDeadline: free.minutes,
    };
    if (limit === Number.POSITIVE_INFINITY) keys.push(key);
    else insertKept(keys, key, limit);
  }

  if (limit === Number.POSITIVE_INFINITY) keys.sort(compareKeys);
  return { ranked: keys.map((k) => k.candidate as RankedCandidate), excluded };
};
