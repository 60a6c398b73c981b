import type * as z from 'zod';
import type { PackagePlanSchema } from '../client';

type PackagePlan = z.infer<typeof PackagePlanSchema>;

/** Where a package client's month stands: what the package holds, what is used of it, what is left. */
export interface PackageMonth {
  /** The Berlin calendar month, e.g. "2026-12". */
  period: string;
  includedMinutes: number;
  /** Unused minutes of last month's package, when the plan rolls them over. */
  carriedMinutes: number;
  /** Package minutes billed so far; time beyond the package is overage and not counted here. */
  usedMinutes: number;
  leftMinutes: number;
  overageRateCents: number;
  rollover: boolean;
}

export const packageMonthOf = (
  plan: PackagePlan,
  period: string,
  usedMinutes: number,
  carriedMinutes: number,
): PackageMonth => {
  const carried = plan.rollover ? carriedMinutes : 0;
  const holds = plan.includedMinutes + carried;
  const used = Math.min(Math.max(0, usedMinutes), holds);
  return {
    period,
    includedMinutes: plan.includedMinutes,
    carriedMinutes: carried,
    usedMinutes: used,
    leftMinutes: holds - used,
    overageRateCents: plan.overageRateCents,
    rollover: plan.rollover,
  };
};
