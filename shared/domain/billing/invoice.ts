import * as z from 'zod';
import type { Client } from '../client';
import type { Adjustment } from './adjustment';
import {
  berlinDateOf,
  mulDivHalfUp,
  type Posting,
  type Settlement,
  VAT_RATE_PERCENT,
  type VatNote,
} from './settlement';

/** The agency as seller on its invoices (§14 UStG: name, address, VAT ID or tax number). */
export const SellerSchema = z.object({
  name: z.string().trim().min(1),
  street: z.string().trim().min(1),
  postalCode: z.string().trim().min(1),
  city: z.string().trim().min(1),
  country: z.string().regex(/^[A-Z]{2}$/),
  vatId: z.string().trim().min(4),
  email: z.email(),
  /** XRechnung requires the seller's contact telephone (BR-DE-6). */
  phone: z.string().trim().min(5),
  iban: z.string().trim().min(15),
  paymentTermsDays: z.number().int().min(0).max(90),
});
export type Seller = z.infer<typeof SellerSchema>;

export interface InvoiceLine {
  taskId: string;
  /** When the task was completed, as a local date in Berlin. */
  date: string;
  title: string;
  vaFirstName: string;
  billedMinutes: number;
  /** Minutes of these paid by the monthly package. */
  packageMinutes: number;
  netCents: number;
  /** A correction of a task billed in an earlier month: minutes and amount are the difference. */
  correction?: { reason: string; invoiceNumber?: string };
}

/** A correction as a statement shows it, with what the invoice says of its task. */
export type CorrectionRow = Adjustment & { title: string; vaFirstName: string };

export interface InvoiceDraft {
  clientId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  buyer: Pick<Client, 'contactName' | 'company' | 'address' | 'vatId' | 'language'> & { email: string };
  lines: InvoiceLine[];
  packageFee?: { netCents: number; includedMinutes: number; usedMinutes: number; carriedMinutes: number };
  netCents: number;
  vatRatePercent: number;
  vatCents: number;
  grossCents: number;
  vatNote?: VatNote;
  /** What the per-task settlements already posted as VAT; finalizing posts the difference. */
  postedVatCents: number;
}

export interface Invoice extends InvoiceDraft {
  number: string;
  issueDate: string;
  dueDate: string;
  seller: Seller;
}

/** What a line is called on every document: a correction says so, and which invoice it corrects. */
export const lineTitle = (line: Pick<InvoiceLine, 'title' | 'correction'>, language: 'de' | 'en') => {
  if (!line.correction) return line.title;
  const { invoiceNumber, reason } = line.correction;
  const de = language === 'de';
  const label = de ? 'Korrektur' : 'Correction';
  const of = invoiceNumber ? ` ${de ? 'zu' : 'to'} ${invoiceNumber}` : '';
  return `${label}${of}: ${line.title} (${reason})`;
};

/** RE-2026-000042: per year, six digits, no gaps (the counter guarantees it). */
export const invoiceNumber = (year: number, sequence: number) =>
  `RE-${year}-${String(sequence).padStart(6, '0')}`;

/** The invoice number a subject or a form's title names, as its mails write it (any case). */
export const invoiceNumberNamed = (text: string): string | undefined =>
  /\bRE-\d{4}-\d{6}\b/i.exec(text)?.[0]?.toUpperCase();

const lastDay = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * One client's invoice for a month, from the settlements of that month (and the package fee).
 * VAT is computed once on the net total, as EN 16931 requires (BR-S-09); the settlements posted
 * VAT per task, so the rounding difference, a cent or two, is posted when the invoice is finalized.
 */
export const composeInvoice = (input: {
  client: Client;
  period: string;
  settlements: ReadonlyArray<Settlement & { title: string; vaFirstName: string; completedAt: string }>;
  /** Corrections posted this month of tasks billed on earlier invoices. */
  corrections?: readonly CorrectionRow[];
  packageMinutesUsed: number;
  /** Unused minutes carried into this month by a rolling package. */
  packageMinutesCarried?: number;
}): InvoiceDraft => {
  const { client } = input;
  const corrections = [...(input.corrections ?? [])].sort(
    (a, b) => a.at.localeCompare(b.at) || a.taskId.localeCompare(b.taskId) || a.seq - b.seq,
  );
  const taskLines: InvoiceLine[] = [...input.settlements]
    .sort((a, b) => a.completedAt.localeCompare(b.completedAt) || a.taskId.localeCompare(b.taskId))
    .map((s) => ({
      taskId: s.taskId,
      date: berlinDateOf(s.completedAt),
      title: s.title,
      vaFirstName: s.vaFirstName,
      billedMinutes: s.billedMinutes,
      packageMinutes: s.packageMinutes,
      netCents: s.netCents,
    }));
  const correctionLines: InvoiceLine[] = corrections.map((c) => ({
    taskId: c.taskId,
    date: berlinDateOf(c.at),
    title: c.title,
    vaFirstName: c.vaFirstName,
    billedMinutes: c.delta.billedMinutes,
    packageMinutes: c.delta.packageMinutes,
    netCents: c.delta.netCents,
    correction: { reason: c.reason, ...(c.correctsInvoice ? { invoiceNumber: c.correctsInvoice } : {}) },
  }));
  const lines = [...taskLines, ...correctionLines];
  const packageFee =
    client.plan.kind === 'package'
      ? {
          netCents: client.plan.monthlyFeeCents,
          includedMinutes: client.plan.includedMinutes,
          usedMinutes: input.packageMinutesUsed,
          carriedMinutes: client.plan.rollover ? (input.packageMinutesCarried ?? 0) : 0,
        }
      : undefined;
  const netCents = lines.reduce((sum, l) => sum + l.netCents, 0) + (packageFee?.netCents ?? 0);
  const vatRatePercent = VAT_RATE_PERCENT[client.vatMode];
  const vatCents = mulDivHalfUp(netCents, vatRatePercent, 100);
  return {
    clientId: client.id,
    period: input.period,
    periodStart: `${input.period}-01`,
    periodEnd: lastDay(input.period),
    buyer: {
      contactName: client.contactName,
      company: client.company,
      address: client.address,
      vatId: client.vatId,
      language: client.language,
      email: client.emails[0] ?? '',
    },
    lines,
    packageFee,
    netCents,
    vatRatePercent,
    vatCents,
    grossCents: netCents + vatCents,
    ...(client.vatMode === 'standard' ? {} : { vatNote: client.vatMode }),
    postedVatCents:
      input.settlements.reduce((sum, s) => sum + s.vatCents, 0) +
      corrections.reduce((sum, c) => sum + c.delta.vatCents, 0),
  };
};

/**
 * Whether an XRechnung goes with the invoice. Germany's e-invoice duty (§ 14 UStG, from 2025) is
 * domestic B2B; EU clients take it too. A third-country client gets the PDF and CSV only: EN 16931
 * puts a non-taxable supply in category O, which forbids the seller's VAT ID (BR-O-02) and then
 * needs a register number (BR-CO-26) the agency's configuration does not hold.
 */
export const hasEInvoice = (invoice: Pick<InvoiceDraft, 'vatNote'>): boolean =>
  invoice.vatNote !== 'third-country';

export const finalizeInvoice = (
  draft: InvoiceDraft,
  meta: { number: string; issueDate: string; seller: Seller },
): Invoice => {
  const due = new Date(`${meta.issueDate}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + meta.seller.paymentTermsDays);
  return { ...draft, ...meta, dueDate: due.toISOString().slice(0, 10) };
};

/**
 * What finalizing the invoice adds to the ledger beyond the tasks' settlements: the package fee,
 * and the VAT difference between the invoice (VAT on the total) and the per-task postings.
 */
export const finalizationPostings = (invoice: InvoiceDraft): Posting[] => {
  const fee = invoice.packageFee?.netCents ?? 0;
  const vatDifference = invoice.vatCents - invoice.postedVatCents;
  return [
    { account: `receivable:${invoice.clientId}` as const, amountCents: fee + vatDifference },
    { account: 'revenue' as const, amountCents: -fee },
    { account: 'vat-payable' as const, amountCents: -vatDifference },
  ].filter((p) => p.amountCents !== 0);
};

/** The time report: one row per task, and a total row that equals the invoice's task lines. */
export const timeReportCsv = (invoice: Pick<Invoice, 'lines' | 'buyer'>): string => {
  const de = invoice.buyer.language === 'de';
  const cell = (v: string | number) => {
    const text = String(v);
    // Quote what needs it, and defuse leading formula characters (CSV injection in spreadsheets);
    // a plain negative number, such as a correction's minutes, stays a number.
    const safe = /^[=+\-@\t\r]/.test(text) && !/^-\d+(,\d+|\.\d+)?$/.test(text) ? `'${text}` : text;
    return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const amount = (cents: number) =>
    de ? (cents / 100).toFixed(2).replace('.', ',') : (cents / 100).toFixed(2);
  const header = de
    ? ['Datum', 'Referenz', 'Auftrag', 'Assistenz', 'Minuten', 'davon Paket', 'Netto EUR']
    : ['Date', 'Reference', 'Task', 'Assistant', 'Minutes', 'of which package', 'Net EUR'];
  const rows = invoice.lines.map((l) => [
    l.date,
    l.taskId,
    lineTitle(l, invoice.buyer.language),
    l.vaFirstName,
    l.billedMinutes,
    l.packageMinutes,
    amount(l.netCents),
  ]);
  const total = [
    de ? 'Summe' : 'Total',
    '',
    '',
    '',
    invoice.lines.reduce((n, l) => n + l.billedMinutes, 0),
    invoice.lines.reduce((n, l) => n + l.packageMinutes, 0),
    amount(invoice.lines.reduce((n, l) => n + l.netCents, 0)),
  ];
  // Semicolons: what German spreadsheet programs expect; a BOM so they read UTF-8.
  return `\uFEFF${[header, ...rows, total].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
};
