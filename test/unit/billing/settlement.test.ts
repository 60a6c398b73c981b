import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertPeriodOver,
  billedMinutesOf,
  billingPeriodOf,
  carriedPackageMinutes,
  mulDivHalfUp,
  nextStatementsRun,
  periodBefore,
  previousBillingPeriod,
  type SettlementInput,
  settle,
  VAT_RATE_PERCENT,
} from '../../../shared/domain/billing/settlement';
import { type Plan, type VatMode, VatModeSchema } from '../../../shared/domain/client';
import { ValidationError } from '../../../shared/errors';

const input = (
  plan: Plan,
  overrides: Partial<SettlementInput> = {},
  vatMode: VatMode = 'standard',
): SettlementInput => ({
  task: { id: 'VA-BILL01', workedMinutes: 50, completedAt: '2026-11-20T10:00:00Z' },
  client: { id: 'cli_A', plan, billingIncrementMinutes: 15, minimumMinutesPerTask: 0, vatMode },
  va: { id: 'va_A', payoutRateCents: 2800 },
  packageMinutesUsed: 0,
  ...overrides,
});

describe('settle: worked examples', () => {
  it('bills hourly work rounded up to the increment, with 19 % VAT and the VA paid for the same time', () => {
    expect(settle(input({ kind: 'hourly', hourlyRateCents: 4500 }))).toMatchObject({
      billedMinutes: 60,
      netCents: 4500,
      vatCents: 855,
      grossCents: 5355,
      payoutCents: 2800,
      period: '2026-11',
    });
  });

  it('bills a fixed price (the task may carry its own) and pays the VA their share of it', () => {
    const plan: Plan = { kind: 'fixed', pricePerTaskCents: 12_000, pricesBySkillCents: { travel: 4900 } };
    expect(settle(input(plan))).toMatchObject({ netCents: 12_000, vatCents: 2280, payoutCents: 7200 });
    expect(
      settle(
        input(plan, {
          task: { id: 'VA-X', workedMinutes: 5, fixedPriceCents: 9999, completedAt: '2026-11-20T10:00:00Z' },
        }),
      ),
    ).toMatchObject({ netCents: 9999, vatCents: 1900, payoutCents: 5999 });
  });

  it('prices a fixed-price task by its kind of work before the default', () => {
    const plan: Plan = { kind: 'fixed', pricePerTaskCents: 12_000, pricesBySkillCents: { travel: 4900 } };
    const travel = {
      id: 'VA-T',
      workedMinutes: 30,
      completedAt: '2026-11-20T10:00:00Z',
      skill: 'travel' as const,
    };
    expect(settle(input(plan, { task: travel })).netCents).toBe(4900);
    expect(settle(input(plan, { task: { ...travel, skill: 'research' } })).netCents).toBe(12_000);
  });

  it("carries last month's unused package minutes only when the plan rolls over", () => {
    const plan: Plan = {
      kind: 'package',
      monthlyFeeCents: 90_000,
      includedMinutes: 600,
      overageRateCents: 6000,
      rollover: true,
    };
    const task = { id: 'VA-R', workedMinutes: 120, completedAt: '2026-11-20T10:00:00Z' };
    expect(settle(input(plan, { task, packageMinutesUsed: 600, packageMinutesCarried: 60 }))).toMatchObject({
      packageMinutes: 60,
      overageMinutes: 60,
      netCents: 6000,
    });
    expect(
      settle(
        input({ ...plan, rollover: false }, { task, packageMinutesUsed: 600, packageMinutesCarried: 60 }),
      ),
    ).toMatchObject({ packageMinutes: 0, overageMinutes: 120 });
    expect(carriedPackageMinutes(600, 450)).toBe(150);
    expect(carriedPackageMinutes(600, 700)).toBe(0);
    expect(periodBefore('2026-01')).toBe('2025-12');
  });

  it('takes package minutes first and bills only the overage, at its own rate', () => {
    const plan: Plan = {
      kind: 'package',
      monthlyFeeCents: 90_000,
      includedMinutes: 1200,
      overageRateCents: 5000,
      rollover: false,
    };
    expect(settle(input(plan, { packageMinutesUsed: 1170 }))).toMatchObject({
      billedMinutes: 60,
      packageMinutes: 30,
      overageMinutes: 30,
      netCents: 2500,
      payoutCents: 2800,
    });
    expect(settle(input(plan, { packageMinutesUsed: 0 }))).toMatchObject({
      packageMinutes: 60,
      netCents: 0,
      vatCents: 0,
      // The client's zero stays, so the month's invoice finds the task; the VA's pay is posted.
      postings: [
        { account: 'receivable:cli_A', amountCents: 0 },
        { account: 'va-cost', amountCents: 2800 },
        { account: 'payable:va_A', amountCents: -2800 },
      ],
    });
  });

  it('pays a VA who charges VAT 19 % on top, as input VAT, and one under § 19 UStG none', () => {
    const hourly: Plan = { kind: 'hourly', hourlyRateCents: 4500 };
    const charging = settle(
      input(hourly, { va: { id: 'va_A', payoutRateCents: 2800, vatMode: 'standard' } }),
    );
    expect(charging).toMatchObject({ payoutCents: 2800, payoutVatCents: 532 });
    expect(charging.terms?.vaVatMode).toBe('standard');
    expect(charging.postings).toEqual(
      expect.arrayContaining([
        { account: 'va-cost', amountCents: 2800 },
        { account: 'vat-input', amountCents: 532 },
        { account: 'payable:va_A', amountCents: -3332 },
      ]),
    );
    const small = settle(input(hourly));
    expect(small.payoutVatCents).toBe(0);
    expect(small.postings.map((p) => p.account)).not.toContain('vat-input');
  });

  it('charges no VAT under reverse charge or §19 UStG, and says which note the invoice needs', () => {
    const hourly: Plan = { kind: 'hourly', hourlyRateCents: 4500 };
    expect(settle(input(hourly, {}, 'reverse-charge'))).toMatchObject({
      vatCents: 0,
      grossCents: 4500,
      vatNote: 'reverse-charge',
    });
    expect(settle(input(hourly, {}, 'small-business'))).toMatchObject({
      vatCents: 0,
      vatNote: 'small-business',
    });
    // A Swiss or British business: the service is taxed where the client is, not in Germany.
    expect(settle(input(hourly, {}, 'third-country'))).toMatchObject({
      vatRatePercent: 0,
      vatCents: 0,
      grossCents: 4500,
      vatNote: 'third-country',
    });
    expect(settle(input(hourly)).vatNote).toBeUndefined();
  });

  it('rounds half a cent up, and only once per amount', () => {
    expect(mulDivHalfUp(1, 1, 2)).toBe(1);
    expect(mulDivHalfUp(1, 1, 3)).toBe(0);
    expect(mulDivHalfUp(5, 19, 100)).toBe(1);
    // 7 minutes at 45.00 EUR/h = 5.25 EUR exactly; 1 minute at 0.25 EUR/h = 0.4166 ct -> 0.
    expect(mulDivHalfUp(7, 4500, 60)).toBe(525);
  });

  it('applies the minimum per task and the increment', () => {
    expect(billedMinutesOf(1, 15, 0)).toBe(15);
    expect(billedMinutesOf(16, 15, 0)).toBe(30);
    expect(billedMinutesOf(10, 15, 30)).toBe(30);
    expect(billedMinutesOf(60, 1, 0)).toBe(60);
  });

  it('puts a task finished at 00:30 on the 1st in Berlin into the new month', () => {
    expect(billingPeriodOf('2026-11-30T23:30:00Z')).toBe('2026-12');
    expect(billingPeriodOf('2026-11-30T22:59:59Z')).toBe('2026-11');
    expect(billingPeriodOf('2026-03-31T22:30:00Z')).toBe('2026-04');
  });
});

const planArb: fc.Arbitrary<Plan> = fc.oneof(
  fc.record({ kind: fc.constant('hourly' as const), hourlyRateCents: fc.integer({ min: 0, max: 50_000 }) }),
  fc.record({
    kind: fc.constant('fixed' as const),
    pricePerTaskCents: fc.integer({ min: 0, max: 10_000_000 }),
    pricesBySkillCents: fc.constant({}),
  }),
  fc.record({
    kind: fc.constant('package' as const),
    monthlyFeeCents: fc.integer({ min: 0, max: 1_000_000 }),
    includedMinutes: fc.integer({ min: 1, max: 12_000 }),
    overageRateCents: fc.integer({ min: 0, max: 50_000 }),
    rollover: fc.boolean(),
  }),
);

describe('settle: properties', () => {
  it('always balances, and net, VAT and gross follow the documented rules', () => {
    fc.assert(
      fc.property(
        planArb,
        fc.constantFrom<VatMode>(...VatModeSchema.options),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(1, 5, 6, 10, 15, 30, 60),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom('small-business' as const, 'standard' as const),
        (plan, vatMode, worked, increment, minimum, used, rate, share, vaVatMode) => {
          const s = settle({
            task: { id: 'VA-P', workedMinutes: worked, completedAt: '2026-11-20T10:00:00Z' },
            client: {
              id: 'cli_P',
              plan,
              billingIncrementMinutes: increment,
              minimumMinutesPerTask: minimum,
              vatMode,
            },
            va: { id: 'va_P', payoutRateCents: rate, vatMode: vaVatMode },
            packageMinutesUsed: used,
            fixedPriceVaSharePercent: share,
          });
          // The VA's account owes exactly their earnings and the VAT they charge on them.
          const payable = s.postings.find((p) => p.account === 'payable:va_P')?.amountCents ?? 0;
          expect(payable + s.payoutCents + (s.payoutVatCents ?? 0)).toBe(0);
          expect(s.payoutVatCents).toBe(vaVatMode === 'standard' ? mulDivHalfUp(s.payoutCents, 19, 100) : 0);
          expect(s.postings.reduce((sum, p) => sum + p.amountCents, 0)).toBe(0);
          for (const p of s.postings) expect(Number.isInteger(p.amountCents)).toBe(true);
          expect(s.grossCents).toBe(s.netCents + s.vatCents);
          expect(s.vatCents).toBe(Math.floor((s.netCents * VAT_RATE_PERCENT[vatMode] * 2 + 100) / 200));
          expect(s.billedMinutes).toBeGreaterThanOrEqual(Math.max(worked, minimum));
          expect(s.billedMinutes - Math.max(worked, minimum)).toBeLessThan(increment);
          expect(s.packageMinutes + s.overageMinutes).toBe(plan.kind === 'package' ? s.billedMinutes : 0);
          expect(s.netCents).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });
});

describe('the monthly run', () => {
  it('runs at 06:00 Berlin time on the 1st, winter and summer, and bills the month before', () => {
    expect(nextStatementsRun(new Date('2026-11-25T12:00:00Z')).toISOString()).toBe(
      '2026-12-01T05:00:00.000Z',
    );
    expect(nextStatementsRun(new Date('2026-12-01T04:59:00Z')).toISOString()).toBe(
      '2026-12-01T05:00:00.000Z',
    );
    expect(nextStatementsRun(new Date('2026-12-01T05:00:00Z')).toISOString()).toBe(
      '2027-01-01T05:00:00.000Z',
    );
    expect(nextStatementsRun(new Date('2027-06-15T00:00:00Z')).toISOString()).toBe(
      '2027-07-01T04:00:00.000Z',
    );
    expect(previousBillingPeriod(new Date('2026-12-01T05:00:00Z'))).toBe('2026-11');
    expect(previousBillingPeriod(new Date('2027-01-01T05:00:00Z'))).toBe('2026-12');
  });

  it('sends statements only for months that are over in Berlin', () => {
    // 23:30 UTC on 31 December is already January in Berlin.
    expect(() => assertPeriodOver('2026-12', new Date('2026-12-31T23:30:00Z'))).not.toThrow();
    expect(() => assertPeriodOver('2026-12', new Date('2026-12-31T22:59:00Z'))).toThrowError(
      expect.objectContaining({ name: 'ValidationError', message: expect.stringContaining('not over yet') }),
    );
    expect(() => assertPeriodOver('2027-03', new Date('2026-12-15T12:00:00Z'))).toThrowError(ValidationError);
    expect(() => assertPeriodOver('2025-06', new Date('2026-12-15T12:00:00Z'))).not.toThrow();
  });
});
