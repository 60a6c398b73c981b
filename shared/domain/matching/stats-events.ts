import type { VaStats } from './standing';

/** What happens to a VA that routing remembers. Each event carries the task it is about. */
export type VaStatsEvent =
  | { kind: 'offered'; taskId: string; clientId: string; at: string }
  | { kind: 'answered'; taskId: string; outcome: 'accepted' | 'declined' | 'expired'; at: string }
  | { kind: 'assigned'; taskId: string }
  | { kind: 'released'; taskId: string; clientId: string; completed: boolean };

/** Enough history for every standing window (see STANDING_WINDOWS) at any realistic pace. */
const KEEP_OFFERS = 200;
const KEEP_APPLIED = 400;

export const eventId = (event: VaStatsEvent) => `${event.kind}:${event.taskId}`;

export const emptyStats = (vaId: string): VaStats => ({
  vaId,
  openTasks: 0,
  offers: [],
  tasksByClient: {},
  applied: [],
  version: 0,
});

/** Applies an event once: the same event again (a retried step) returns the stats unchanged. */
export const applyStatsEvent = (stats: VaStats, event: VaStatsEvent): VaStats => {
  const id = eventId(event);
  if (stats.applied.includes(id)) return stats;
  const next: VaStats = {
    ...stats,
    offers: [...stats.offers],
    tasksByClient: { ...stats.tasksByClient },
    applied: [...stats.applied, id].slice(-KEEP_APPLIED),
  };
  switch (event.kind) {
    case 'offered':
      next.offers.push({ at: event.at, outcome: 'pending', clientId: event.clientId, taskId: event.taskId });
      next.offers = next.offers.slice(-KEEP_OFFERS);
      break;
    case 'answered': {
      const i = next.offers.findIndex((o) => o.taskId === event.taskId);
      const offer = next.offers[i];
      if (offer) next.offers[i] = { ...offer, outcome: event.outcome, at: event.at };
      break;
    }
    case 'assigned':
      next.openTasks += 1;
      break;
    case 'released':
      next.openTasks = Math.max(0, next.openTasks - 1);
      if (event.completed) next.tasksByClient[event.clientId] = (next.tasksByClient[event.clientId] ?? 0) + 1;
      break;
  }
  return next;
};
