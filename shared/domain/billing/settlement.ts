import { ValidationError } from '../../errors';
import type { Client } from '../client';
import type { Skill } from '../skills';
import type { VaVatMode } from '../va';
import { fromWallTime, toWallTime } from '../zoned-time';

/**
 * Billing of one completed task, in integer cents. Every rounding is explicit: time rounds up to
 * the client's increment; money rounds half up to the cent, once per amount.
 */
export const VAT_RATE_PERCENT = {
  standard: 19,
  'reverse-charge': 0,
  'third-country': 0,
  'small-business': 0,
} as const;

/** What an invoice without German VAT says about why (every mode but standard). */
export type VatNote = Exclude<keyof typeof VAT_RATE_PERCENT, 'standard'>;

/** A VA's share of a fixed-price task, in percent, unless the agency configures another. */
export const DEFAULT_FIXED_PRICE_VA_SHARE_PERCENT = 60;

/** Accounts of the agency's ledger. Client and VA accounts carry their id. */
export type Account =
  | `receivable:${string}`
  | `payable:${string}`
  | 'revenue'
  | 'vat-payable'
  | 'va-cost'
  /** Input VAT (Vorsteuer): what VAs who charge VAT are paid on top of their earnings. */
  | 'vat-input'
  /** The agency's bank account: what clients paid in (and refunds paid out). */
  | 'bank';

/** Debit positive, credit negative: the postings of one settlement sum to zero. */
export interface Posting {
  account: Account;
  amountCents: number;
}

export interface SettlementInput {
  task: { id: string; workedMinutes: number; fixedPriceCents?: number; completedAt: string; skill?: Skill };
  client: Pick<Client, 'id' | 'plan' | 'billingIncrementMinutes' | 'minimumMinutesPerTask' | 'vatMode'>;
  va: { id: string; payoutRateCents: number; vatMode?: VaVatMode };
  /** Package minutes the client has already used in the task's month (package plans only). */
  packageMinutesUsed: number;
  /** Unused package minutes carried over from last month, when the plan rolls over. */
  packageMinutesCarried?: number;
  fixedPriceVaSharePercent?: number;
}

export interface Settlement {
  taskId: string;
  clientId: string;
  vaId: string;
  /** Calendar month in Europe/Berlin the task belongs to, e.g. "2026-11". */
  period: string;
  workedMinutes: number;
  billedMinutes: number;
  /** Of the billed minutes, those covered by the monthly package and those over it. */
  packageMinutes: number;
  overageMinutes: number;
  netCents: number;
  vatRatePercent: number;
  vatCents: number;
  grossCents: number;
  payoutCents: number;
  /** The VAT a VA who charges it is paid on top of `payoutCents`; absent on older settlements. */
  payoutVatCents?: number;
  vatNote?: VatNote;
  postings: Posting[];
  /** What it was computed from, so a later correction bills on the same terms. */
  terms?: SettlementTerms;
}

/** The client's and VA's terms at settlement time (rates may change later; a correction does not). */
export interface SettlementTerms {
  client: SettlementInput['client'];
  payoutRateCents: number;
  vaVatMode?: VaVatMode;
  fixedPriceCents?: number;
  fixedPriceVaSharePercent?: number;
  skill?: Skill;
}

/** a * b / c rounded half up, in integers only (no float ever touches money). */
export const mulDivHalfUp = (a: number, b: number, c: number): number =>
  Math.floor((a * b * 2 + c) / (2 * c));

/** Worked time rounded up to the increment, and at least the client's minimum. */
export const billedMinutesOf = (worked: number, increment: number, minimum: number): number =>
  Math.max(minimum, Math.ceil(worked / increment) * increment);

// en-CA writes dates as YYYY-MM-DD.
const BERLIN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' });

/** The calendar date in Berlin of an instant, e.g. "2026-12-01" for 2026-11-30T23:30Z. */
export const berlinDateOf = (instant: string): string => BERLIN_DATE.format(new Date(instant));

/** A billing period as people and jobs write it: "2026-11". */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The calendar month in Berlin: a task done at 00:30 on the 1st in Berlin belongs to the new month. */
export const billingPeriodOf = (instant: string): string => berlinDateOf(instant).slice(0, 7);

export const settle = (input: SettlementInput): Settlement => {
  const { task, client, va } = input;
  const billed = billedMinutesOf(
    task.workedMinutes,
    client.billingIncrementMinutes,
    client.minimumMinutesPerTask,
  );
  let netCents: number;
  let packageMinutes = 0;
  let overageMinutes = 0;
  let payoutCents = mulDivHalfUp(billed, va.payoutRateCents, 60);
  switch (client.plan.kind) {
    case 'hourly':
      netCents = mulDivHalfUp(billed, client.plan.hourlyRateCents, 60);
      break;
    case 'fixed': {
      netCents =
        task.fixedPriceCents ??
        (task.skill ? client.plan.pricesBySkillCents[task.skill] : undefined) ??
        client.plan.pricePerTaskCents;
      payoutCents = mulDivHalfUp(
        netCents,
        input.fixedPriceVaSharePercent ?? DEFAULT_FIXED_PRICE_VA_SHARE_PERCENT,
        100,
      );
      break;
    }
    case 'package': {
      const carried = client.plan.rollover ? (input.packageMinutesCarried ?? 0) : 0;
      const left = Math.max(0, client.plan.includedMinutes + carried - input.packageMinutesUsed);
      packageMinutes = Math.min(billed, left);
      overageMinutes = billed - packageMinutes;
      // Package minutes are paid by the monthly fee on the statement; only overage is billed here.
      netCents = mulDivHalfUp(overageMinutes, client.plan.overageRateCents, 60);
      break;
    }
  }
  const vatRatePercent = VAT_RATE_PERCENT[client.vatMode];
  const vatCents = mulDivHalfUp(netCents, vatRatePercent, 100);
  const grossCents = netCents + vatCents;
  const payoutVatCents =
    va.vatMode === 'standard' ? mulDivHalfUp(payoutCents, VAT_RATE_PERCENT.standard, 100) : 0;
  const postings: Posting[] = [
    { account: `receivable:${client.id}`, amountCents: grossCents },
    { account: 'revenue', amountCents: -netCents },
    { account: 'vat-payable', amountCents: -vatCents },
    { account: 'va-cost', amountCents: payoutCents },
    { account: 'vat-input', amountCents: payoutVatCents },
    { account: `payable:${va.id}`, amountCents: -(payoutCents + payoutVatCents) },
  ];
  return {
    taskId: task.id,
    clientId: client.id,
    vaId: va.id,
    period: billingPeriodOf(task.completedAt),
    workedMinutes: task.workedMinutes,
    billedMinutes: billed,
    packageMinutes,
    overageMinutes,
    netCents,
    vatRatePercent,
    vatCents,
    grossCents,
    payoutCents,
    payoutVatCents,
    ...(client.vatMode === 'standard' ? {} : { vatNote: client.vatMode }),
    // Zero lines say nothing, but the client's stays: the receivable's postings are how the month's
    // invoice finds its tasks, and a task inside a package costs nothing yet belongs on it.
    postings: postings.filter((p) => p.amountCents !== 0 || p.account === `receivable:${client.id}`),
    terms: {
      client: {
        id: client.id,
        plan: client.plan,
        billingIncrementMinutes: client.billingIncrementMinutes,
        minimumMinutesPerTask: client.minimumMinutesPerTask,
        vatMode: client.vatMode,
      },
      payoutRateCents: va.payoutRateCents,
      ...(va.vatMode === 'standard' ? { vaVatMode: va.vatMode } : {}),
      ...(task.fixedPriceCents === undefined ? {} : { fixedPriceCents: task.fixedPriceCents }),
      ...(input.fixedPriceVaSharePercent === undefined
        ? {}
        : { fixedPriceVaSharePercent: input.fixedPriceVaSharePercent }),
      ...(task.skill === undefined ? {} : { skill: task.skill }),
    },
  };
};

/** The month before the one `instant` falls in, in Berlin: what the run on the 1st bills. */
export const previousBillingPeriod = (instant: Date): string =>
  periodBefore(billingPeriodOf(instant.toISOString()));

/** When the monthly statements run next: 06:00 Berlin time on the next 1st after `now`. */
export const nextStatementsRun = (now: Date): Date => {
  const wall = toWallTime(now, 'Europe/Berlin');
  const thisMonth = fromWallTime(
    { year: wall.year, month: wall.month, day: 1, hour: 6, minute: 0 },
    'Europe/Berlin',
  );
  if (thisMonth > now) return thisMonth;
  const [year, month] = wall.month === 12 ? [wall.year + 1, 1] : [wall.year, wall.month + 1];
  return fromWallTime({ year, month, day: 1, hour: 6, minute: 0 }, 'Europe/Berlin');
};

/** The month before `period` ("2026-01" -> "2025-12"). */
export const periodBefore = (period: string): string => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

export const nextPeriod = (period: string): string => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
};

/**
 * Statements are for months that are over in Berlin: an invoice sent mid-month would be final
 * without the rest of the month's work, and a re-run sends only what is unsent, so that work would
 * never be invoiced. Previewing (a dry run) any month is fine.
 */
export const assertPeriodOver = (period: string, now: Date): void => {
  if (period < billingPeriodOf(now.toISOString())) return;
  throw new ValidationError(`${period} is not over yet: statements are sent for finished months`, [
    {
      path: 'month',
      message: `${period} is not over yet; its statements go out from the 1st of ${nextPeriod(period)} (--dry-run previews them)`,
    },
  ]);
};

/** What a rolling package carries into a month: last month's unused included minutes, one month deep. */
export const carriedPackageMinutes = (includedMinutes: number, usedLastMonth: number): number =>
  Math.max(0, includedMinutes - usedLastMonth);
