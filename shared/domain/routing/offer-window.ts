import { workSpans } from '../matching/availability';
import type { Task } from '../task';
import type { VaMatchProfile } from '../va';
import { OFFER_MINUTES } from './policy';

/** However the VA's week looks, an offer is open at most this long... */
export const MAX_OFFER_HOURS = 72;
/** ...and for at most this share of the time left before the deadline: the rest is for the work. */
const DEADLINE_SHARE = 0.25;

type Calendar = Pick<VaMatchProfile, 'weeklyAvailability' | 'timeOff' | 'timeZone' | 'holidays'>;

/** When the VA is next at work: now, if they are; undefined if not before `until`. */
const nextAtWork = (va: Calendar, from: Date, until: Date): number | undefined =>
  workSpans(va.weeklyAvailability, va.timeOff, va.timeZone, from, until, va.holidays)[0]?.start.getTime();

/**
 * Seconds a round of offers stays open: the priority's minutes, counted from when the VA is at
 * work. An offer mailed at night or on their day off waits for their morning, so nobody misses one
 * in their sleep (the offer mail says until when). Urgent tasks wait for nobody: 15 minutes on the
 * clock, for whoever ranked first being at work. A window never runs past a quarter of the time to
 * the deadline nor past three days; within that it is at least the priority's minutes.
 */
export const offerWindowSeconds = (
  task: Pick<Task, 'priority' | 'deadline'>,
  round: readonly Calendar[],
  now: Date,
): number => {
  const base = OFFER_MINUTES[task.priority] * 60;
  if (task.priority === 'urgent' || round.length === 0) return base;
  const untilDeadline = task.deadline ? (Date.parse(task.deadline) - now.getTime()) / 1000 : Infinity;
  const cap = Math.max(base, Math.floor(Math.min(MAX_OFFER_HOURS * 3600, untilDeadline * DEADLINE_SHARE)));
  const until = new Date(now.getTime() + cap * 1000);
  // With several VAs in a round, the one who starts work last sets its length.
  const starts = round.map((va) => nextAtWork(va, now, until));
  if (starts.some((start) => start === undefined)) return cap;
  const latest = Math.max(...(starts as number[]));
  return Math.min(cap, Math.ceil((latest - now.getTime()) / 1000) + base);
};
