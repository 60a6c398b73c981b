import type { Task } from './task';
import { addDays, fromWallTime, toWallTime } from './zoned-time';

/** How long a client may leave our question unanswered before the operator should step in. */
export const CLIENT_ANSWER_DAYS = 2;

export type AttentionReason = 'unassigned' | 'overdue' | 'waiting-for-client';

export interface Attention {
  taskId: string;
  reason: AttentionReason;
  /** Since when: the escalation, the deadline, or the question to the client. */
  since: string;
}

const DAY_MS = 86_400_000;

/**
 * Why an open task needs the operator, if it does: nobody took it; its deadline passed before it
 * was done; or the client has not answered our question for days (va-router asks only once).
 */
export const attentionOf = (task: Task, now: Date): Attention | undefined => {
  const at = (reason: AttentionReason, since: string) => ({ taskId: task.id, reason, since });
  if (task.status === 'UNASSIGNED') return at('unassigned', task.updatedAt);
  const open = task.status === 'NEEDS_INFO' || task.status === 'ROUTING' || task.status === 'OFFERED';
  if ((open || task.status === 'ASSIGNED') && task.deadline && Date.parse(task.deadline) < now.getTime())
    return at('overdue', task.deadline);
  if (
    task.status === 'NEEDS_INFO' &&
    Date.parse(task.updatedAt) + CLIENT_ANSWER_DAYS * DAY_MS < now.getTime()
  )
    return at('waiting-for-client', task.updatedAt);
  return undefined;
};

/** Most pressing first: unassigned, then overdue, then waiting; oldest first within each. */
export const byUrgency = (a: Attention, b: Attention): number => {
  const order: AttentionReason[] = ['unassigned', 'overdue', 'waiting-for-client'];
  return order.indexOf(a.reason) - order.indexOf(b.reason) || a.since.localeCompare(b.since);
};

const DIGEST_ZONE = 'Europe/Berlin';
const DIGEST_HOUR = 8;

/** The operator's digest goes out at 08:00 Berlin time on working days (Monday to Friday). */
export const nextDigestRun = (now: Date): Date => {
  const today = toWallTime(now, DIGEST_ZONE);
  for (let ahead = 0; ; ahead++) {
    const day = addDays(today, ahead);
    const at = fromWallTime({ ...day, hour: DIGEST_HOUR, minute: 0 }, DIGEST_ZONE);
    const weekday = toWallTime(at, DIGEST_ZONE).weekday;
    if (at > now && weekday <= 5) return at;
  }
};
