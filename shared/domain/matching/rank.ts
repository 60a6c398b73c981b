import type { Skill } from '../skills';
import type { VaMatchProfile } from '../va';
import { minutesIn, workSpans } from './availability';

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
  const ranked: RankedCandidate[] = [];
  const excluded: Exclusion[] = [];

  for (const s of standings) {
    const va = s.profile;
    const exclude = (reason: ExclusionReason, detail: string) =>
      excluded.push({ vaId: va.id, name: va.name, reason, detail });
    if (!s.active) {
      exclude('inactive', 'not taking tasks');
      continue;
    }
    const missing = required.filter(
      (r) => !va.skills.some((k) => k.skill === r.skill && k.level >= r.minLevel),
    );
    if (missing.length > 0) {
      exclude('skill', `lacks ${missing.map((m) => `${m.skill} (level ${m.minLevel}+)`).join(', ')}`);
      continue;
    }
    if (!va.languages.includes(task.language)) {
      exclude('language', `does not work in ${task.language}`);
      continue;
    }
    if (context.alreadyAsked.has(va.id)) {
      exclude('already-asked', 'declined or let the offer for this task expire');
      continue;
    }
    if (s.openTasks >= va.maxOpenTasks + (context.capacitySlack ?? 0)) {
      exclude('capacity', `holds ${s.openTasks} of ${va.maxOpenTasks} tasks`);
      continue;
    }
    const spans = workSpans(va.weeklyAvailability, va.timeOff, va.timeZone, context.now, deadline);
    const free = minutesIn(spans);
    if (free < effort) {
      const onLeave = va.timeOff.find(
        (t) =>
          t.from <= deadline.toISOString().slice(0, 10) && t.to >= context.now.toISOString().slice(0, 10),
      );
      if (onLeave && free === 0) exclude('time-off', `off ${onLeave.from} to ${onLeave.to}`);
      else exclude('no-time-before-deadline', `${free} of ${effort} minutes free before the deadline`);
      continue;
    }
    const earliest = spans[0]?.start ?? deadline;
    const hoursToStart = (earliest.getTime() - context.now.getTime()) / 3_600_000;
    const levels = required.map((r) => va.skills.find((k) => k.skill === r.skill)?.level ?? 0);
    const factors: Factors = {
      skillFit: round(levels.reduce((a, b) => a + b, 0) / levels.length / 5),
      start: round(1 - Math.min(1, hoursToStart / 72)),
      load: round(Math.max(0, 1 - s.openTasks / va.maxOpenTasks)),
      continuity: context.preferredVaIds.includes(va.id) ? 1 : s.tasksForClient > 0 ? 0.5 : 0,
      // Laplace-smoothed, so a newcomer starts at 0.5 instead of 0 or 1.
      acceptance: round((s.accepted + 1) / (s.offered + 2)),
      fairness: round(1 - Math.min(1, s.recentOffers / 10)),
    };
    const score = round(
      (Object.keys(WEIGHTS) as (keyof Factors)[]).reduce((sum, k) => sum + WEIGHTS[k] * factors[k], 0),
    );
    ranked.push({
      vaId: va.id,
      name: va.name,
      score,
      factors,
      earliestStart: earliest.toISOString(),
      freeMinutesBeforeDeadline: free,
    });
  }

  const recent = new Map(standings.map((s) => [s.profile.id, s.recentOffers]));
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      a.earliestStart.localeCompare(b.earliestStart) ||
      (recent.get(a.vaId) ?? 0) - (recent.get(b.vaId) ?? 0) ||
      a.vaId.localeCompare(b.vaId),
  );
  return { ranked, excluded };
};
