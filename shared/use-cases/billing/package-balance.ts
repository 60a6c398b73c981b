import { billingPeriodOf, carriedPackageMinutes, periodBefore } from '../../domain/billing/settlement';
import type { Client } from '../../domain/client';
import type { SettlementStore } from '../../ports/billing';

type Usage = Pick<SettlementStore, 'packageUsage'>;

/** Unused minutes a rolling package carries into `period` from the month before; 0 otherwise. */
export const packageMinutesCarriedInto = async (client: Client, period: string, settlements: Usage) =>
  client.plan.kind === 'package' && client.plan.rollover
    ? carriedPackageMinutes(
        client.plan.includedMinutes,
        (await settlements.packageUsage(client.id, periodBefore(period))).minutes,
      )
    : 0;

/** Minutes left in a package client's package in the month of `now`; undefined for other plans. */
export const packageMinutesLeft = async (client: Client, now: Date, settlements: Usage) => {
  if (client.plan.kind !== 'package') return undefined;
  const period = billingPeriodOf(now.toISOString());
  const [used, carried] = await Promise.all([
    settlements.packageUsage(client.id, period),
    packageMinutesCarriedInto(client, period, settlements),
  ]);
  return Math.max(0, client.plan.includedMinutes + carried - used.minutes);
};
