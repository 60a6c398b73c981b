import { type Attention, attentionOf, byUrgency } from '../domain/attention';
import type { Task, TaskStatus } from '../domain/task';
import type { TaskRepository } from '../ports/repositories';

/** The open statuses a task can need the operator in; the status index holds exactly these. */
const OPEN_STATUSES: readonly TaskStatus[] = ['UNASSIGNED', 'ASSIGNED', 'NEEDS_INFO', 'ROUTING', 'OFFERED'];

/** Every open task that needs the operator now, most pressing first. Reads the status index only. */
export const tasksNeedingAttention = async (
  tasks: Pick<TaskRepository, 'listByStatus'>,
  now: Date,
): Promise<Array<{ task: Task; attention: Attention }>> => {
  const found: Array<{ task: Task; attention: Attention }> = [];
  for (const status of OPEN_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await tasks.listByStatus(status, { limit: 100, cursor });
      for (const task of page.items) {
        const attention = attentionOf(task, now);
        if (attention) found.push({ task, attention });
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return found.sort((a, b) => byUrgency(a.attention, b.attention));
};
