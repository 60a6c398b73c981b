import { type SettleDeps, settleTask } from '../../shared/use-cases/billing/settle-task';
import { aTask } from './builders';

/** A task its VA reported done, billed as the workflow's Settle step bills it. */
export const settledTask = async (
  deps: Omit<SettleDeps, 'config'>,
  task: { id: string; clientId: string; vaId: string; minutes: number; completedAt: string; title?: string },
) => {
  await deps.tasks.create(
    aTask({
      id: task.id,
      clientId: task.clientId,
      title: task.title ?? `Aufgabe ${task.id}`,
      status: 'COMPLETED',
      assignedVaId: task.vaId,
      workedMinutes: task.minutes,
      completedAt: task.completedAt,
    }),
  );
  return settleTask(task.id, { ...deps, config: {} });
};
