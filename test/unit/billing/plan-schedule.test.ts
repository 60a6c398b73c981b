import { describe, expect, it } from 'vitest';
import {
  clientIn,
  planIn,
  withoutPlannedChanges,
  withPlanChange,
} from '../../../shared/domain/billing/plan-schedule';
import { nextPeriod, periodBefore } from '../../../shared/domain/billing/settlement';
import type { Plan } from '../../../shared/domain/client';
import { ValidationError } from '../../../shared/errors';
import { aClient } from '../../support/builders';

const hourly: Plan = { kind: 'hourly', hourlyRateCents: 4500 };
const pack: Plan = {
  kind: 'package',
  monthlyFeeCents: 40_000,
  includedMinutes: 600,
  overageRateCents: 4200,
  rollover: false,
};
const fixed: Plan = { kind: 'fixed', pricePerTaskCents: 8000, pricesBySkillCents: {} };

describe('plan schedule', () => {
  const client = aClient({
    plan: hourly,
    planChanges: [
      { from: '2027-01', plan: pack },
      { from: '2027-04', plan: fixed },
    ],
  });

  it('bills each month by the last change that began on or before it', () => {
    expect(planIn(client, '2026-12')).toEqual(hourly);
    expect(planIn(client, '2027-01')).toEqual(pack);
    expect(planIn(client, '2027-03')).toEqual(pack);
    expect(planIn(client, '2027-04')).toEqual(fixed);
    expect(planIn(client, '2031-08')).toEqual(fixed);
    expect(clientIn(client, '2027-02')).toMatchObject({ id: client.id, plan: pack });
  });

  it('takes a change only from a coming month, and a second change for that month replaces the first', () => {
    expect(() => withPlanChange(client, { from: '2026-12', plan: fixed }, '2026-12')).toThrowError(
      'A plan can change from 2027-01 on, not 2026-12',
    );
    expect(() => withPlanChange(client, { from: '2026-11', plan: fixed }, '2026-12')).toThrowError(
      ValidationError,
    );
    const changed = withPlanChange(client, { from: '2027-01', plan: fixed }, '2026-12');
    expect(changed.planChanges).toEqual([
      { from: '2027-01', plan: fixed },
      { from: '2027-04', plan: fixed },
    ]);
    const inserted = withPlanChange(client, { from: '2027-02', plan: hourly }, '2026-12');
    expect(inserted.planChanges.map((c) => c.from)).toEqual(['2027-01', '2027-02', '2027-04']);
  });

  it('withdraws only the changes to come: months already begun keep the plan they were billed by', () => {
    expect(withoutPlannedChanges(client, '2027-02').planChanges).toEqual([{ from: '2027-01', plan: pack }]);
    expect(withoutPlannedChanges(client, '2026-12').planChanges).toEqual([]);
  });

  it('counts months across the turn of the year both ways', () => {
    expect(nextPeriod('2026-12')).toBe('2027-01');
    expect(nextPeriod('2027-09')).toBe('2027-10');
    for (const period of ['2026-01', '2026-07', '2026-12'])
      expect(periodBefore(nextPeriod(period))).toBe(period);
  });
});
