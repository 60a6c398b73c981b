import { type Adjustment, type AdjustmentRequest, adjustSettlement } from '../../domain/billing/adjustment';
import { clientIn } from '../../domain/billing/plan-schedule';
import { billingPeriodOf } from '../../domain/billing/settlement';
import { requiredSkills } from '../../domain/matching/rank';
import { ConflictError, NotFoundError } from '../../errors';
import type { SettlementStore } from '../../ports/billing';
import type { Runtime } from '../../ports/clock';
import type { ClientRepository, TaskRepository, VaRepository } from '../../ports/repositories';
import type { StatementStore } from '../../ports/statements';
import { packageMinutesCarriedInto } from './package-balance';

export interface AdjustDeps {
  tasks: TaskRepository;
  clients: ClientRepository;
  vas: VaRepository;
  settlements: SettlementStore;
  statements: Pick<StatementStore, 'get'>;
  runtime: Pick<Runtime, 'now'>;
  config: { fixedPriceVaSharePercent?: number };
}

export type AdjustOutcome =
  | { kind: 'adjusted'; adjustment: Adjustment }
  | { kind: 'unchanged'; minutes: number };

const ATTEMPTS = 8;

/**
 * Corrects the minutes of a billed task with a credit note: the settlement's postings are reversed
 * and re-posted, never edited. Asking for the minutes it already has changes nothing, so running
 * the same correction twice posts once; concurrent corrections apply one after the other.
 */
export const adjustTask = async (
  taskId: string,
  request: AdjustmentRequest,
  deps: AdjustDeps,
): Promise<AdjustOutcome> => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const task = await deps.tasks.get(taskId);
    if (!task) throw new NotFoundError(`No task ${taskId}`);
    const history = await deps.settlements.history(taskId);
    if (task.status !== 'BILLED' || !history || !task.completedAt)
      throw new ConflictError(`Task ${taskId} is ${task.status}; only billed tasks can be corrected`);
    const previous = history.adjustments.at(-1)?.replacement ?? history.original;
    if (previous.workedMinutes === request.workedMinutes)
      return { kind: 'unchanged', minutes: request.workedMinutes };

    const now = deps.runtime.now().toISOString();
    const origin = previous.period;
    const invoiced = await deps.statements.get(previous.clientId, origin);
    // An issued invoice is never changed: the correction goes onto the next statement instead.
    const period = invoiced ? billingPeriodOf(now) : origin;
    if (invoiced && period <= origin)
      throw new ConflictError(`${origin} is invoiced (${invoiced.invoice.number}); correct it next month`);
    const [stored, va] = await Promise.all([
      deps.clients.get(previous.clientId),
      deps.vas.get(previous.vaId),
    ]);
    if (!stored || !va) throw new NotFoundError(`Client or VA of task ${taskId} is gone`);
    // Only settlements from before terms were kept fall back to the client: to the task's month's plan.
    const client = clientIn(stored, origin);
    const usage = await deps.settlements.packageUsage(client.id, origin);
    const carried = await packageMinutesCarriedInto(stored, origin, deps.settlements);
    const adjustment = adjustSettlement({
      previous,
      seq: history.adjustments.length + 1,
      request,
      completedAt: task.completedAt,
      at: now,
      period,
      correctsInvoice: invoiced?.invoice.number,
      packageMinutesUsed: usage.minutes,
      packageMinutesCarried: carried,
      currentTerms: {
        client,
        payoutRateCents: va.payoutRateCents,
        vaVatMode: va.vatMode,
        fixedPriceCents: task.fixedPriceCents,
        fixedPriceVaSharePercent: deps.config.fixedPriceVaSharePercent,
        skill: requiredSkills(task.skills)[0]?.skill,
      },
    });
    const outcome = await deps.settlements.recordAdjustment(adjustment, usage);
    if (outcome === 'recorded') return { kind: 'adjusted', adjustment };
    // conflict: another correction or settlement came first; period-closed: the month was just
    // invoiced. Either way the next pass reads again and decides afresh.
  }
  throw new ConflictError(`Could not correct ${taskId}: too many concurrent changes`);
};
