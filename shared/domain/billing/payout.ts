import { createHash } from 'node:crypto';
import type { VaVatMode } from '../va';
import type { Adjustment } from './adjustment';
import { berlinDateOf, type Settlement } from './settlement';

export interface PayoutLine {
  taskId: string;
  date: string;
  title: string;
  client: string;
  billedMinutes: number;
  /** What the VA earned, net. */
  payoutCents: number;
  /** The VAT on it, for a VA who charges VAT. */
  vatCents: number;
  /** A correction of a task paid out in an earlier month: minutes and amount are the difference. */
  correction?: { reason: string };
}

export interface PayoutStatement {
  vaId: string;
  vaName: string;
  language: 'de' | 'en';
  period: string;
  /** Whether the VA charges VAT, and the tax ID their invoice gives. */
  vatMode: VaVatMode;
  taxId?: string;
  lines: PayoutLine[];
  totalMinutes: number;
  netCents: number;
  vatCents: number;
  /** What the agency pays: net and VAT. */
  totalCents: number;
}

/** What a VA earned in a month, task by task, from the same settlements the invoices come from. */
export const composePayout = (input: {
  va: {
    id: string;
    name: string;
    language: 'de' | 'en';
    vatMode?: VaVatMode;
    taxId?: string;
  };
  period: string;
  settlements: ReadonlyArray<Settlement & { title: string; client: string; completedAt: string }>;
  corrections?: ReadonlyArray<Adjustment & { title: string; client: string }>;
}): PayoutStatement => {
  const corrections: PayoutLine[] = [...(input.corrections ?? [])]
    .sort((a, b) => a.at.localeCompare(b.at) || a.taskId.localeCompare(b.taskId) || a.seq - b.seq)
    .map((c) => ({
      taskId: c.taskId,
      date: berlinDateOf(c.at),
      title: c.title,
      client: c.client,
      billedMinutes: c.delta.billedMinutes,
      payoutCents: c.delta.payoutCents,
      vatCents: c.delta.payoutVatCents ?? 0,
      correction: { reason: c.reason },
    }));
  const taskLines = [...input.settlements]
    .sort((a, b) => a.completedAt.localeCompare(b.completedAt) || a.taskId.localeCompare(b.taskId))
    .map((s) => ({
      taskId: s.taskId,
      date: berlinDateOf(s.completedAt),
      title: s.title,
      client: s.client,
      billedMinutes: s.billedMinutes,
      payoutCents: s.payoutCents,
      vatCents: s.payoutVatCents ?? 0,
    }));
  const lines = [...taskLines, ...corrections];
  // VAT per task, as each settlement posted it: the payout pays exactly what the ledger owes.
  const netCents = lines.reduce((n, l) => n + l.payoutCents, 0);
  const vatCents = lines.reduce((n, l) => n + l.vatCents, 0);
  return {
    vaId: input.va.id,
    vaName: input.va.name,
    language: input.va.language,
    period: input.period,
    vatMode: input.va.vatMode ?? 'small-business',
    ...(input.va.taxId ? { taxId: input.va.taxId } : {}),
    lines,
    totalMinutes: lines.reduce((n, l) => n + l.billedMinutes, 0),
    netCents,
    vatCents,
    totalCents: netCents + vatCents,
  };
};

/** The characters a SEPA reference may hold, and its length. */
const SEPA_ID = /^[A-Za-z0-9/\-?:().,'+ ]{1,35}$/;

/**
 * The end-to-end id of a month's payout transfer to a VA: the bank hands it back on the agency's
 * statement, so the import knows which payout a booking paid. Readable where the VA id allows.
 */
export const payoutEndToEndId = (vaId: string, period: string): string => {
  const readable = `${payoutIdPrefix(period)}${vaId.replace(/[^A-Za-z0-9]/g, '-')}`;
  if (SEPA_ID.test(readable)) return readable;
  return `${payoutIdPrefix(period)}${createHash('sha256').update(vaId).digest('hex').slice(0, 24)}`;
};

/** What every id of a month's payouts begins with (transfers and the file); `payoutPeriodOf` reads it. */
export const payoutIdPrefix = (period: string) => `VAP-${period.replace('-', '')}-`;

/** The month a payout's end-to-end id is for, or undefined when it is none of ours. */
export const payoutPeriodOf = (endToEndId: string | undefined): string | undefined => {
  const match = /^VAP-(\d{4})(\d{2})-/.exec(endToEndId ?? '');
  return match ? `${match[1]}-${match[2]}` : undefined;
};
