import { workSpans } from '../matching/availability';
import type { Task } from '../task';
import type { VaMatchProfile } from '../va';
import { OFFER_MINUTES } from './policy';

/** However the VA's week looks, an offer is open at most this long... */
export const MAX_OFFER_HOURS = 72;
/** ...and for at most this share of the time left before the deadline: the rest is for the work. */
const DEADLINE_SHARE = 0.25;

type Calendar = Pick<VaMatchProfile, 'weeklyAvailability' | 'timeOff' | 'timeZone'>;

/** The instant the VA has spent `minutes` of their working time after `from`; undefined if not by `until`. */
const afterWorkingMinutes = (va: Calendar, minutes: number, from: Date, until: Date): number | undefined => {
  let left = minutes * 60_000;
  for (const span of workSpans(va.weeklyAvailability, va.timeOff, va.timeZone, from, until)) {
    const length = span.end.getTime() - span.start.getTime();
    if (length >= left) return span.start.getTime() + left;
    left -= length;
  }
  return undefined;
};

/**
 * Seconds a round of offers stays open. A VA answers in their own working time: an offer mailed at
 * night or at the end of their day gets the priority's minutes of their next working hours, not
 * of their sleep (the offer mail says until when). Urgent tasks wait for nobody: 15 minutes on the
 * clock, for whoever ranked first being at work. A window never runs past a quarter of the time to
 * the deadline nor past three days; within that it is at least the priority's minutes on the clock.
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
  // With several VAs in a round, the one whose working time comes last sets its length.
  const ends = round.map((va) => afterWorkingMinutes(va, OFFER_MINUTES[task.priority], now, until));
  if (ends.some((end) => end === undefined)) return cap;
  const latest = Math.max(...(ends as number[]));
  return Math.min(cap, Math.max(base, Math.ceil((latest - now.getTime()) / 1000)));
};
