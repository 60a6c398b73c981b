import { ValidationError } from '../../errors';
import type { Client, Plan, PlanChange } from '../client';
import { nextPeriod } from './settlement';

/** The plan a client is billed by in `period`. */
export const planIn = (client: Pick<Client, 'plan' | 'planChanges'>, period: string): Plan => {
  let plan = client.plan;
  for (const change of client.planChanges) if (change.from <= period) plan = change.plan;
  return plan;
};

/** The client as billing sees them in `period`: with that month's plan. */
export const clientIn = <C extends Client>(client: C, period: string): C => ({
  ...client,
  plan: planIn(client, period),
});

/**
 * Schedules `plan` from the month `from`, which must come after `currentPeriod`: this month's tasks
 * may already be billed by the plan it started with. A change already set for that month is replaced.
 */
export const withPlanChange = (
  client: Client,
  change: PlanChange,
  currentPeriod: string,
): Pick<Client, 'planChanges'> => {
  if (change.from <= currentPeriod)
    throw new ValidationError(`A plan can change from ${nextPeriod(currentPeriod)} on, not ${change.from}`, [
      { path: 'from', message: `must be ${nextPeriod(currentPeriod)} or later` },
    ]);
  const others = client.planChanges.filter((c) => c.from !== change.from);
  return { planChanges: [...others, change].sort((a, b) => a.from.localeCompare(b.from)) };
};

/** Drops the plan changes still to come; those in force stay, as past months were billed by them. */
export const withoutPlannedChanges = (
  client: Client,
  currentPeriod: string,
): Pick<Client, 'planChanges'> => ({
  planChanges: client.planChanges.filter((c) => c.from <= currentPeriod),
});
