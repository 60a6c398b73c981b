import { renderXRechnung } from '../../documents/e-invoice';
import { renderInvoicePdf } from '../../documents/invoice-pdf';
import { renderPayoutPdf } from '../../documents/payout-pdf';
import { isLaterCorrection, settlementAsOf } from '../../domain/billing/adjustment';
import { composeInvoice, finalizeInvoice, type Seller, timeReportCsv } from '../../domain/billing/invoice';
import { composePayout } from '../../domain/billing/payout';
import { clientIn } from '../../domain/billing/plan-schedule';
import { assertPeriodOver, PERIOD_PATTERN } from '../../domain/billing/settlement';
import type { Client } from '../../domain/client';
import { ID_PREFIX } from '../../domain/ids';
import type { Va } from '../../domain/va';
import { ConflictError } from '../../errors';
import { automaticMail, messageIdFor } from '../../mail/outbound';
import { firstName } from '../../mail/routing-templates';
import { invoiceMail, payoutMail } from '../../mail/statement-templates';
import type { SettlementStore } from '../../ports/billing';
import type { BlobStore } from '../../ports/blob-store';
import type { Runtime } from '../../ports/clock';
import type { Outbox, ThreadIndex } from '../../ports/intake';
import type { ClientRepository, TaskRepository, VaRepository } from '../../ports/repositories';
import type { StatementStore } from '../../ports/statements';
import { invoiceFiles } from './invoice-files';
import { packageMinutesCarriedInto } from './package-balance';

export interface StatementDeps {
  clients: ClientRepository;
  tasks: TaskRepository;
  vas: VaRepository;
  settlements: SettlementStore;
  statements: StatementStore;
  blobs: BlobStore;
  outbox: Outbox;
  /** Answers to an invoice's mails find it (and go to the operator), by our Message-ID too. */
  threads: Pick<ThreadIndex, 'link'>;
  runtime: Pick<Runtime, 'now'>;
  config: { agencyName: string; senderAddress: string; mailDomain: string; seller: Seller };
}

export type StatementOutcome =
  | { clientId: string; kind: 'sent' | 'already-sent'; number: string; grossCents: number }
  | { clientId: string; kind: 'nothing-to-bill' }
  | { clientId: string; kind: 'draft'; grossCents: number; lines: number };

export { PERIOD_PATTERN };

/** A month's ledger rarely moves while its statement is composed; when it does, compose again. */
const COMPOSE_ATTEMPTS = 5;

/**
 * What a ledger account's month holds: the tasks settled to it, each as that month sees it (its
 * corrections made before the month was invoiced included), and the corrections posted that month
 * of tasks billed in earlier months. Postings that are no task's (an invoice's own) are left out.
 */
const ledgerMonthOf = async (account: string, period: string, deps: StatementDeps) => {
  const entries = await deps.settlements.postings(account, period);
  const settledIds = new Set(
    entries
      .filter((e) => e.kind === 'settlement' && e.taskId.startsWith(ID_PREFIX.task))
      .map((e) => e.taskId),
  );
  const correctedIds = new Set(entries.filter((e) => e.kind === 'adjustment').map((e) => e.taskId));
  const rows = await Promise.all(
    [...new Set([...settledIds, ...correctedIds])].map(async (taskId) => {
      const [history, task] = await Promise.all([deps.settlements.history(taskId), deps.tasks.get(taskId)]);
      return history && task ? { taskId, history, task } : undefined;
    }),
  );
  const found = rows.filter((r) => r !== undefined);
  return {
    settled: found
      .filter((r) => settledIds.has(r.taskId))
      .map(({ history, task }) => ({
        settlement: settlementAsOf(history.original, history.adjustments, period),
        task,
        completedAt: task.completedAt ?? task.updatedAt,
      })),
    corrections: found.flatMap(({ history, task }) =>
      history.adjustments
        .filter((a) => a.period === period && isLaterCorrection(a))
        .map((adjustment) => ({ adjustment, task })),
    ),
  };
};

/** The client's month as the invoice shows it: tasks and corrections, with VA first names. */
const invoiceRows = async (client: Client, period: string, deps: StatementDeps) => {
  const month = await ledgerMonthOf(`receivable:${client.id}`, period, deps);
  const vaFirstName = async (vaId: string) => firstName((await deps.vas.get(vaId))?.name ?? '');
  return {
    settled: await Promise.all(
      month.settled.map(async ({ settlement, task, completedAt }) => ({
        ...settlement,
        title: task.title,
        vaFirstName: await vaFirstName(settlement.vaId),
        completedAt,
      })),
    ),
    corrections: await Promise.all(
      month.corrections.map(async ({ adjustment, task }) => ({
        ...adjustment,
        title: task.title,
        vaFirstName: await vaFirstName(adjustment.vaId),
      })),
    ),
  };
};

/** The client's invoice for the month as it stands, or undefined when there is nothing to bill. */
const draftInvoice = async (stored: Client, period: string, deps: StatementDeps) => {
  const client = clientIn(stored, period);
  const { settled, corrections } = await invoiceRows(client, period, deps);
  if (settled.length === 0 && corrections.length === 0 && client.plan.kind !== 'package') return undefined;
  const usage =
    client.plan.kind === 'package' ? (await deps.settlements.packageUsage(client.id, period)).minutes : 0;
  const carried = await packageMinutesCarriedInto(stored, period, deps.settlements);
  return composeInvoice({
    client,
    period,
    settlements: settled,
    corrections,
    packageMinutesUsed: usage,
    packageMinutesCarried: carried,
  });
};

/**
 * One client's statement for a month: composed from the ledger, finalized with the next invoice
 * number (once), rendered, stored, and mailed (once). Run again, it sends only what is unsent.
 */
export const sendStatement = async (
  client: Client,
  period: string,
  deps: StatementDeps,
  options: { dryRun?: boolean } = {},
): Promise<StatementOutcome> => {
  const existing = await deps.statements.get(client.id, period);
  if (existing?.status === 'sent')
    return {
      clientId: client.id,
      kind: 'already-sent',
      number: existing.invoice.number,
      grossCents: existing.invoice.grossCents,
    };
  // An erased client is billed no more; what was invoiced before is kept, blocked.
  if (client.erasedAt && !existing) return { clientId: client.id, kind: 'nothing-to-bill' };
  const now = deps.runtime.now();
  const issueDate = now.toISOString().slice(0, 10);
  // A statement finalized by an earlier run (that stopped before mailing) is sent as it was numbered.
  let statement = existing;
  for (let attempt = 1; !statement; attempt++) {
    if (attempt > COMPOSE_ATTEMPTS)
      throw new ConflictError(`The ledger of ${client.id} for ${period} keeps changing; run again later`);
    // Read before composing: whatever is posted after this makes finalizing compose again.
    const revision = await deps.statements.ledgerRevision(client.id, period);
    const draft = await draftInvoice(client, period, deps);
    if (!draft) return { clientId: client.id, kind: 'nothing-to-bill' };
    if (options.dryRun)
      return { clientId: client.id, kind: 'draft', grossCents: draft.grossCents, lines: draft.lines.length };
    const result = await deps.statements.finalize(
      client.id,
      period,
      now.getUTCFullYear(),
      revision,
      (number) => finalizeInvoice(draft, { number, issueDate, seller: deps.config.seller }),
    );
    if (result !== 'ledger-changed') statement = result;
  }
  if (options.dryRun)
    return {
      clientId: client.id,
      kind: 'draft',
      grossCents: statement.invoice.grossCents,
      lines: statement.invoice.lines.length,
    };
  const { invoice } = statement;
  const files = invoiceFiles(invoice);
  const contents = [
    { ...files.pdf, content: await renderInvoicePdf(invoice) },
    ...(files.xml
      ? [{ ...files.xml, content: new TextEncoder().encode(await renderXRechnung(invoice)) }]
      : []),
    { ...files.csv, content: new TextEncoder().encode(timeReportCsv(invoice)) },
  ];
  // Stored before mailing: what the client received can always be shown (and downloaded) again.
  for (const file of contents) await deps.blobs.put(file.key, file.content, file.contentType);
  const ref = `statement:${client.id}:${period}`;
  const messageId = messageIdFor(ref, deps.config.mailDomain);
  await deps.threads.link(messageId, invoice.number);
  const content = invoiceMail(invoice, { name: deps.config.agencyName });
  const sent = await sendOnce(() =>
    deps.outbox.send(
      ref,
      {
        ...automaticMail(content, {
          from: deps.config.senderAddress,
          to: invoice.buyer.email,
          messageId,
        }),
        // With the e-invoice (XRechnung, EN 16931) German businesses must be able to receive.
        attachments: contents.map(({ filename, contentType, content }) => ({
          filename,
          contentType,
          content,
        })),
      },
      // The client's answer to it is about the invoice: intake hands it to the operator.
      { unlimited: true, thread: invoice.number },
    ),
  );
  // A concurrent run that lost the outbox claim leaves the record to the one that sent.
  const sesMessageId = await deps.outbox.providerIdOf(ref);
  if (sesMessageId)
    await deps.statements.markSent(client.id, period, {
      pdfKey: files.pdf.key,
      csvKey: files.csv.key,
      sesMessageId,
      at: now.toISOString(),
      number: invoice.number,
    });
  return {
    clientId: client.id,
    kind: sent === 'sent' ? 'sent' : 'already-sent',
    number: invoice.number,
    grossCents: invoice.grossCents,
  };
};

export type PayoutOutcome =
  | { vaId: string; kind: 'sent' | 'already-sent'; totalCents: number }
  | { vaId: string; kind: 'nothing-to-pay' }
  | { vaId: string; kind: 'draft'; totalCents: number; lines: number };

/**
 * A VA's payout statement for a month: the tasks settled to their account, with time and amount,
 * as a PDF. Mailed once (the outbox remembers); re-rendered identically on a re-run.
 */
export const sendPayoutStatement = async (
  va: Va,
  period: string,
  deps: StatementDeps,
  options: { dryRun?: boolean } = {},
): Promise<PayoutOutcome> => {
  const month = await ledgerMonthOf(`payable:${va.id}`, period, deps);
  const clientName = async (clientId: string) => {
    const client = await deps.clients.get(clientId);
    return client?.company ?? client?.contactName ?? clientId;
  };
  const payout = composePayout({
    va: { id: va.id, name: va.name, language: va.language, vatMode: va.vatMode, taxId: va.taxId },
    period,
    settlements: await Promise.all(
      month.settled.map(async ({ settlement, task, completedAt }) => ({
        ...settlement,
        title: task.title,
        client: await clientName(settlement.clientId),
        completedAt,
      })),
    ),
    corrections: await Promise.all(
      month.corrections.map(async ({ adjustment, task }) => ({
        ...adjustment,
        title: task.title,
        client: await clientName(adjustment.clientId),
      })),
    ),
  });
  if (payout.lines.length === 0) return { vaId: va.id, kind: 'nothing-to-pay' };
  if (options.dryRun)
    return { vaId: va.id, kind: 'draft', totalCents: payout.totalCents, lines: payout.lines.length };
  const pdf = await renderPayoutPdf(payout, deps.config.seller);
  const key = `statements/${period}/${va.id}/payout-${period}.pdf`;
  await deps.blobs.put(key, pdf, 'application/pdf');
  const ref = `payout:${va.id}:${period}`;
  const sent = await sendOnce(() =>
    deps.outbox.send(
      ref,
      {
        ...automaticMail(payoutMail(payout, { name: deps.config.agencyName }), {
          from: deps.config.senderAddress,
          to: va.email,
          messageId: messageIdFor(ref, deps.config.mailDomain),
        }),
        attachments: [
          {
            filename: `${va.language === 'de' ? 'Auszahlung' : 'payout'}-${period}.pdf`,
            contentType: 'application/pdf',
            content: pdf,
          },
        ],
      },
      { unlimited: true },
    ),
  );
  return { vaId: va.id, kind: sent === 'sent' ? 'sent' : 'already-sent', totalCents: payout.totalCents };
};

/** Another run is sending this very mail right now: for this run, it is as good as sent. */
const sendOnce = async (send: () => Promise<string>) => {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ConflictError) return 'already-sent';
    throw error;
  }
};

/** Every client's statement of the month (or one client's), one after another, reporting as it goes. */
export const runStatements = async (
  period: string,
  deps: StatementDeps,
  options: {
    clientId?: string;
    dryRun?: boolean;
    onProgress?: (done: number, total: number, last: StatementOutcome) => void;
  } = {},
): Promise<StatementOutcome[]> => {
  if (!PERIOD_PATTERN.test(period)) throw new Error(`Month must look like 2026-11, not ${period}`);
  if (!options.dryRun) assertPeriodOver(period, deps.runtime.now());
  const clients = options.clientId
    ? [await deps.clients.get(options.clientId)].filter((c): c is Client => c !== undefined)
    : await deps.clients.list();
  const outcomes: StatementOutcome[] = [];
  for (const client of clients) {
    const outcome = await sendStatement(client, period, deps, options);
    outcomes.push(outcome);
    options.onProgress?.(outcomes.length, clients.length, outcome);
  }
  return outcomes;
};

/** Every VA's payout statement of the month (or one VA's). */
export const runPayoutStatements = async (
  period: string,
  deps: StatementDeps,
  options: { vaId?: string; dryRun?: boolean } = {},
): Promise<PayoutOutcome[]> => {
  if (!PERIOD_PATTERN.test(period)) throw new Error(`Month must look like 2026-11, not ${period}`);
  if (!options.dryRun) assertPeriodOver(period, deps.runtime.now());
  const vas = options.vaId
    ? [await deps.vas.get(options.vaId)].filter((v): v is Va => v !== undefined)
    : await deps.vas.list();
  const outcomes: PayoutOutcome[] = [];
  for (const va of vas) outcomes.push(await sendPayoutStatement(va, period, deps, options));
  return outcomes;
};
