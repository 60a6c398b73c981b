import * as z from 'zod';
import { type Posting, type Settlement, type SettlementTerms, settle } from './settlement';

/** What the operator may correct: the minutes worked, with a reason for the audit trail. */
export const AdjustmentRequestSchema = z.object({
  workedMinutes: z.number().int().min(1).max(10_000),
  reason: z.string().trim().min(3, 'say why, in a few words').max(500),
});
export type AdjustmentRequest = z.infer<typeof AdjustmentRequestSchema>;

/** Replacement minus previous: what a correction changes. */
export interface SettlementDelta {
  billedMinutes: number;
  packageMinutes: number;
  netCents: number;
  vatCents: number;
  grossCents: number;
  payoutCents: number;
  payoutVatCents: number;
}

/**
 * A correction of a settled task. Postings are never edited: the previous settlement's postings
 * are reversed and the replacement's posted, both in `period`. That is the task's own month while
 * its invoice is not yet issued; once it is, the month the correction is made, where the next
 * statement shows it as a correction line referring to the invoice it corrects.
 */
export interface Adjustment {
  taskId: string;
  /** 1 for a task's first correction, 2 for the next, ... */
  seq: number;
  clientId: string;
  vaId: string;
  at: string;
  reason: string;
  /** The month the task is billed in (its settlement's period). */
  originPeriod: string;
  /** The month whose ledger carries the reversal and the replacement. */
  period: string;
  /** The issued invoice whose amount this corrects, when the task's month was already invoiced. */
  correctsInvoice?: string;
  previous: Settlement;
  replacement: Settlement;
  postings: Posting[];
  delta: SettlementDelta;
}

export interface AdjustmentInput {
  previous: Settlement;
  seq: number;
  request: AdjustmentRequest;
  /** The task's completion, which fixes its month. */
  completedAt: string;
  at: string;
  period: string;
  correctsInvoice?: string;
  /** Package minutes used in the task's month, this task's previous minutes included. */
  packageMinutesUsed: number;
  packageMinutesCarried: number;
  /** For settlements made before terms were kept: the client's and VA's terms as they are now. */
  currentTerms: SettlementTerms;
}

const deltaOf = (next: Settlement, prev: Settlement): SettlementDelta => ({
  billedMinutes: next.billedMinutes - prev.billedMinutes,
  packageMinutes: next.packageMinutes - prev.packageMinutes,
  netCents: next.netCents - prev.netCents,
  vatCents: next.vatCents - prev.vatCents,
  grossCents: next.grossCents - prev.grossCents,
  payoutCents: next.payoutCents - prev.payoutCents,
  payoutVatCents: (next.payoutVatCents ?? 0) - (prev.payoutVatCents ?? 0),
});

/**
 * Re-bills a settled task for corrected minutes, on the terms it was first billed on. The task is
 * placed last in its month's package: minutes other tasks used stay theirs, so no other task's
 * billing changes.
 */
export const adjustSettlement = (input: AdjustmentInput): Adjustment => {
  const { previous } = input;
  const terms = previous.terms ?? input.currentTerms;
  const usedByOthers = input.packageMinutesUsed - previous.packageMinutes - previous.overageMinutes;
  const replacement = settle({
    task: {
      id: previous.taskId,
      workedMinutes: input.request.workedMinutes,
      fixedPriceCents: terms.fixedPriceCents,
      completedAt: input.completedAt,
      skill: terms.skill,
    },
    client: terms.client,
    va: { id: previous.vaId, payoutRateCents: terms.payoutRateCents, vatMode: terms.vaVatMode },
    packageMinutesUsed: Math.max(0, usedByOthers),
    packageMinutesCarried: input.packageMinutesCarried,
    fixedPriceVaSharePercent: terms.fixedPriceVaSharePercent,
  });
  if (replacement.period !== previous.period)
    throw new Error(`A correction keeps the task's month (${previous.period}), not ${replacement.period}`);
  return {
    taskId: previous.taskId,
    seq: input.seq,
    clientId: previous.clientId,
    vaId: previous.vaId,
    at: input.at,
    reason: input.request.reason,
    originPeriod: previous.period,
    period: input.period,
    ...(input.correctsInvoice ? { correctsInvoice: input.correctsInvoice } : {}),
    previous,
    replacement,
    postings: [
      ...previous.postings.map((p) => ({ account: p.account, amountCents: -p.amountCents })),
      ...replacement.postings,
    ],
    delta: deltaOf(replacement, previous),
  };
};

/**
 * A task as a month's statement sees it: the last correction posted in that month, else the
 * settlement itself. Corrections posted in later months are theirs, as correction lines.
 */
export const settlementAsOf = (
  original: Settlement,
  adjustments: readonly Adjustment[],
  period: string,
): Settlement => adjustments.findLast((a) => a.period === period)?.replacement ?? original;

/** A correction posted in a later month than the task's: shown there as a line of its own. */
export const isLaterCorrection = (a: Adjustment) => a.period !== a.originPeriod;
