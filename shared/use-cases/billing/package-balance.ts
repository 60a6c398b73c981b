import { type PackageMonth, packageMonthOf } from '../../domain/billing/package-month';
import { planIn } from '../../domain/billing/plan-schedule';
import { billingPeriodOf, carriedPackageMinutes, periodBefore } from '../../domain/billing/settlement';
import type { Client } from '../../domain/client';
import type { SettlementStore } from '../../ports/billing';

type Usage = Pick<SettlementStore, 'packageUsage'>;

/**
 * Unused minutes a rolling package carries into `period` from the month before; 0 otherwise. What is
 * unused is measured against last month's plan: a package that started this month carries nothing.
 */
export const packageMinutesCarriedInto = async (client: Client, period: string, settlements: Usage) => {
  const plan = planIn(client, period);
  const before = planIn(client, periodBefore(period));
  if (plan.kind !== 'package' || !plan.rollover || before.kind !== 'package') return 0;
  const used = await settlements.packageUsage(client.id, periodBefore(period));
  return carriedPackageMinutes(before.includedMinutes, used.minutes);
};

/** A package client's month of `now` as it stands: held, used and left; undefined for other plans. */
export const packageMonthFor = async (
  client: Client,
  now: Date,
  settlements: Usage,
): Promise<PackageMonth | undefined> => {
  const period = billingPeriodOf(now.toISOString());
  const plan = planIn(client, period);
  if (plan.kind !== 'package') return undefined;
  const [used, carried] = await Promise.all([
    settlements.packageUsage(client.id, period),
    packageMinutesCarriedInto(client, period, settlements),
  ]);
  return packageMonthOf(plan, period, used.minutes, carried);
};

/** Minutes left in a package client's package in the month of `now`; undefined for other plans. */
export const packageMinutesLeft = async (client: Client, now: Date, settlements: Usage) =>
  (await packageMonthFor(client, now, settlements))?.leftMinutes;
