import type { Offer } from '../offer';
import type { Priority, Task } from '../task';

/** How long a VA has to answer an offer: the more urgent the task, the shorter. */
export const OFFER_MINUTES: Record<Priority, number> = { urgent: 15, high: 60, normal: 240, low: 480 };

/** Urgent tasks go to the top three at once; the first to accept gets it. */
export const PARALLEL_OFFERS: Record<Priority, number> = { urgent: 3, high: 1, normal: 1, low: 1 };

/** How many ranked candidates the workflow carries; more rounds than this mean the pool is exhausted. */
export const CANDIDATE_LIST_LIMIT = 20;

/** After telling the operator nobody was found, the workflow waits this long and tries once more, wider. */
export const ESCALATION_RETRY_MINUTES = 120;

/** The VA is reminded this long after the deadline passed (or, without a deadline, after a week). */
export const COMPLETION_GRACE_HOURS = 24;
export const NO_DEADLINE_COMPLETION_DAYS = 7;
export const REMINDER_INTERVAL_HOURS = 24;

/** Link lifetimes: an offer link dies with the offer; a done link lives while the task may be worked on. */
export const DONE_LINK_DAYS = 90;

export const offerSeconds = (priority: Priority) => OFFER_MINUTES[priority] * 60;

/** A day before the deadline the VA hears it is close, if they have had the task half a day by then. */
export const DUE_SOON_HOURS = 24;
export const DUE_SOON_MIN_HOLD_HOURS = 12;

/** Seconds until the workflow reminds the VA that the deadline passed: a day after it, at least an hour. */
export const completionTimeoutSeconds = (task: Pick<Task, 'deadline'>, now: Date): number => {
  const due = task.deadline
    ? Date.parse(task.deadline) + COMPLETION_GRACE_HOURS * 3_600_000
    : now.getTime() + NO_DEADLINE_COMPLETION_DAYS * 86_400_000;
  return Math.max(3600, Math.ceil((due - now.getTime()) / 1000));
};

/**
 * Seconds from assignment until the workflow first looks at the task: a day before its deadline,
 * when that leaves the VA half a day with the task first (a task given with less time left was just
 * mailed with its deadline); otherwise when the deadline has passed.
 */
export const firstCompletionCheckSeconds = (task: Pick<Task, 'deadline'>, now: Date): number => {
  if (!task.deadline) return completionTimeoutSeconds(task, now);
  const untilDueSoon = Date.parse(task.deadline) - DUE_SOON_HOURS * 3_600_000 - now.getTime();
  return untilDueSoon >= DUE_SOON_MIN_HOLD_HOURS * 3_600_000
    ? Math.ceil(untilDueSoon / 1000)
    : completionTimeoutSeconds(task, now);
};

/**
 * Seconds until a day before the deadline; none without a deadline or once that point has passed.
 * A check that wakes with some left was set for a deadline since moved later: it waits again.
 */
export const secondsUntilDueSoon = (task: Pick<Task, 'deadline'>, now: Date): number | undefined => {
  if (!task.deadline) return undefined;
  const seconds = Math.ceil((Date.parse(task.deadline) - DUE_SOON_HOURS * 3_600_000 - now.getTime()) / 1000);
  return seconds > 0 ? seconds : undefined;
};

/** Is the deadline still ahead? Then a completion check is the "due soon" one, else "overdue". */
export const isBeforeDeadline = (task: Pick<Task, 'deadline'>, now: Date): boolean =>
  task.deadline !== undefined && now.getTime() < Date.parse(task.deadline);

/**
 * The offers that keep their VAs from being asked in run `run`: every offer for the task (a VA is
 * asked once), except in a run the operator gave one VA, where only that run's own count: the
 * operator may ask a VA again who declined or missed an earlier offer.
 */
export const offersBarring = <O extends Pick<Offer, 'run'>>(
  task: Pick<Task, 'offerOnlyTo'>,
  run: number,
  offers: readonly O[],
): readonly O[] => (task.offerOnlyTo?.run === run ? offers.filter((o) => o.run === run) : offers);

/** The next VAs to ask: the best-ranked who have not had an offer for this task yet. */
export const nextOfferTargets = (
  rankedVaIds: readonly string[],
  offers: readonly Pick<Offer, 'vaId'>[],
  count: number,
): string[] => {
  const asked = new Set(offers.map((o) => o.vaId));
  return rankedVaIds.filter((id) => !asked.has(id)).slice(0, count);
};

/** A round ends early only when every VA in it declined; otherwise it waits for an accept or the timeout. */
export const roundDeclined = (offers: readonly Pick<Offer, 'taskToken' | 'status'>[], taskToken: string) => {
  const round = offers.filter((o) => o.taskToken === taskToken);
  return round.length > 0 && round.every((o) => o.status === 'DECLINED');
};

/** The workflow of a task is named after it; a reroute starts run 2 as `<id>-2`, and so on. */
export const executionNameFor = (taskId: string, run = 1) => (run === 1 ? taskId : `${taskId}-${run}`);
