import { describe, expect, it } from 'vitest';
import { packageMonthOf } from '../../../shared/domain/billing/package-month';

const plan = (rollover: boolean) =>
  ({
    kind: 'package',
    monthlyFeeCents: 90000,
    includedMinutes: 600,
    overageRateCents: 5200,
    rollover,
  }) as const;

describe('a package month', () => {
  it("holds the included minutes and last month's unused ones when the plan rolls over", () => {
    expect(packageMonthOf(plan(true), '2026-12', 150, 90)).toEqual({
      period: '2026-12',
      includedMinutes: 600,
      carriedMinutes: 90,
      usedMinutes: 150,
      leftMinutes: 540,
      overageRateCents: 5200,
      rollover: true,
    });
  });

  it('carries nothing when the plan does not roll over', () => {
    const month = packageMonthOf(plan(false), '2026-12', 150, 90);
    expect(month.carriedMinutes).toBe(0);
    expect(month.leftMinutes).toBe(450);
  });

  it('never shows more used than the package holds, nor less than nothing', () => {
    expect(packageMonthOf(plan(false), '2026-12', 700, 0)).toMatchObject({
      usedMinutes: 600,
      leftMinutes: 0,
    });
    // Usage is a running sum that corrections move both ways; the page adds up whatever it holds.
    expect(packageMonthOf(plan(false), '2026-12', -30, 0)).toMatchObject({
      usedMinutes: 0,
      leftMinutes: 600,
    });
  });
});
