import * as z from 'zod';
import { UtcInstantSchema } from '../common';
import type { VaMatchProfile } from '../va';
import type { VaStanding } from './rank';

/** What va-router remembers about a VA's work, kept on one item per VA. */
export const VaStatsSchema = z.object({
  vaId: z.string(),
  openTasks: z.number().int().nonnegative().default(0),
  /** The most recent offers, newest last; enough for every window below. */
  offers: z
    .array(
      z.object({
        at: UtcInstantSchema,
        outcome: z.enum(['pending', 'accepted', 'declined', 'expired']),
        clientId: z.string(),
        taskId: z.string().optional(),
      }),
    )
    .default([]),
  tasksByClient: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** Ids of the events already applied, newest last: a retried step changes nothing twice. */
  applied: z.array(z.string()).default([]),
  version: z.number().int().nonnegative().default(0),
});
export type VaStats = z.infer<typeof VaStatsSchema>;

/**
 * Acceptance counts over 90 days. A missed (expired) offer lowers it only for 14 days and never
 * removes the VA from routing, so one unread mailbox cannot starve the pool. Fairness looks at
 * offers of the last 7 days.
 */
export const STANDING_WINDOWS = { acceptanceDays: 90, missedCoolDownDays: 14, fairnessDays: 7 } as const;

const DAY = 86_400_000;

export const standingOf = (
  profile: VaMatchProfile,
  stats: VaStats | undefined,
  clientId: string,
  now: Date,
): VaStanding => {
  const age = (at: string) => now.getTime() - Date.parse(at);
  const offers = stats?.offers ?? [];
  const decided = offers.filter(
    (o) =>
      ((o.outcome === 'accepted' || o.outcome === 'declined') &&
        age(o.at) <= STANDING_WINDOWS.acceptanceDays * DAY) ||
      (o.outcome === 'expired' && age(o.at) <= STANDING_WINDOWS.missedCoolDownDays * DAY),
  );
  return {
    profile,
    active: true,
    openTasks: stats?.openTasks ?? 0,
    offered: decided.length,
    accepted: decided.filter((o) => o.outcome === 'accepted').length,
    tasksForClient: stats?.tasksByClient[clientId] ?? 0,
    recentOffers: offers.filter((o) => age(o.at) <= STANDING_WINDOWS.fairnessDays * DAY).length,
  };
};
