import { type Attention, attentionOf, byUrgency } from '../domain/attention';
import { OPEN_STATUSES, type Task } from '../domain/task';
import type { TaskRepository } from '../ports/repositories';

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
