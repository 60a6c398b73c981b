import { clientIn } from '../../domain/billing/plan-schedule';
import { billingPeriodOf, type Settlement, settle } from '../../domain/billing/settlement';
import { requiredSkills } from '../../domain/matching/rank';
import { ConflictError, NotFoundError } from '../../errors';
import type { SettlementStore } from '../../ports/billing';
import type { Runtime } from '../../ports/clock';
import type { ClientRepository, TaskRepository, VaRepository } from '../../ports/repositories';
import { packageMinutesCarriedInto } from './package-balance';

export interface SettleDeps {
  tasks: TaskRepository;
  clients: ClientRepository;
  vas: VaRepository;
  settlements: SettlementStore;
  runtime: Pick<Runtime, 'now'>;
  config: { fixedPriceVaSharePercent?: number };
}

/** Concurrent settlements of one client's package tasks may each need a fresh read. */
const ATTEMPTS = 8;

/**
 * Bills a completed task exactly once: run again, retried or raced, it returns the one settlement
 * that was recorded. The postings, the package usage and COMPLETED -> BILLED are one transaction.
 */
export const settleTask = async (taskId: string, deps: SettleDeps): Promise<Settlement> => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const existing = await deps.settlements.get(taskId);
    if (existing) return existing;
    const task = await deps.tasks.get(taskId);
    if (!task) throw new NotFoundError(`No task ${taskId}`);
    // Settled by a concurrent run between the two reads: the next pass returns its settlement.
    if (task.status === 'BILLED') continue;
    if (task.status !== 'COMPLETED' || !task.assignedVaId || !task.workedMinutes || !task.completedAt)
      throw new ConflictError(`Task ${taskId} is ${task.status}, not a completed task with logged time`);
    const [stored, va] = await Promise.all([
      deps.clients.get(task.clientId),
      deps.vas.get(task.assignedVaId),
    ]);
    if (!stored || !va) throw new NotFoundError(`Client or VA of task ${taskId} is gone`);
    const period = billingPeriodOf(task.completedAt);
    const client = clientIn(stored, period);
    const usage =
      client.plan.kind === 'package'
        ? await deps.settlements.packageUsage(client.id, period)
        : { minutes: 0, version: 0 };
    const carried = await packageMinutesCarriedInto(stored, period, deps.settlements);
    const settlement = settle({
      task: {
        id: task.id,
        workedMinutes: task.workedMinutes,
        fixedPriceCents: task.fixedPriceCents,
        completedAt: task.completedAt,
        skill: requiredSkills(task.skills)[0]?.skill,
      },
      packageMinutesCarried: carried,
      client,
      va,
      packageMinutesUsed: usage.minutes,
      fixedPriceVaSharePercent: deps.config.fixedPriceVaSharePercent,
    });
    const outcome = await deps.settlements.record(settlement, usage, deps.runtime.now().toISOString());
    if (outcome === 'recorded') return settlement;
    if (outcome === 'not-completed') throw new ConflictError(`Task ${taskId} is no longer COMPLETED`);
    // already-settled: the next pass returns the winner's; usage-changed: compute again.
  }
  throw new ConflictError(`Could not settle ${taskId}: too many concurrent settlements`);
};
