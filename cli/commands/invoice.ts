import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readBankStatements } from '../../shared/documents/camt-statement';
import type { InvoiceStanding } from '../../shared/domain/billing/payment';
import { payoutPeriodOf } from '../../shared/domain/billing/payout';
import { berlinDateOf } from '../../shared/domain/billing/settlement';
import { formatCents } from '../../shared/domain/money';
import { ValidationError } from '../../shared/errors';
import { type ImportedEntry, importBankStatement } from '../../shared/use-cases/billing/bank-import';
import {
  automaticReminderPlan,
  type InvoiceRow,
  listInvoices,
  recordPayment,
  sendAutomaticReminders,
  sendPaymentReminder,
} from '../../shared/use-cases/billing/payments';
import { type CliContext, statementDeps } from '../context';
import { parseDay, parseEuros, parseInteger } from '../option-parsers';
import { formatBerlinMinute, formatJson, formatTable } from '../output';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

const standingText = (s: InvoiceStanding, gross: number) => {
  if (s.state === 'nothing-due') return 'nothing due';
  if (s.state === 'paid') return gross < 0 ? 'refunded' : 'paid';
  const what = gross < 0 ? 'to refund' : s.state === 'part-paid' ? 'part paid' : 'open';
  return s.daysOverdue > 0 ? `${what}, ${s.daysOverdue} days overdue` : what;
};

const invoiceLine = (r: InvoiceRow) => ({
  invoice: r.number,
  client: `${r.buyer} (${r.clientId})`,
  month: r.period,
  due: r.dueDate,
  amount: formatCents(r.grossCents),
  open: formatCents(r.standing.openCents),
  state: r.sent ? standingText(r.standing, r.grossCents) : 'not mailed yet',
  reminded: r.reminders.map((at) => formatBerlinMinute(at).slice(0, 10)).join(', '),
});

const OUTCOME_TEXT: Record<ImportedEntry['outcome'], string> = {
  booked: 'booked',
  'already-booked': 'booked before',
  'needs-a-person': 'for you',
  'not-an-invoice-payment': 'left alone',
};

const importLine = ({ entry, outcome, allocations, reason, payout }: ImportedEntry) => ({
  booked: entry.bookedOn,
  amount: formatCents(entry.amountCents),
  from: (entry.counterparty ?? '').slice(0, 28),
  purpose: entry.purpose.length > 40 ? `${entry.purpose.slice(0, 39)}…` : entry.purpose,
  result:
    outcome === 'booked'
      ? payout
        ? `booked as ${payout.vaId}'s payout for ${payout.period}`
        : `booked on ${allocations.map((a) => a.number).join(', ')}`
      : `${OUTCOME_TEXT[outcome]}${reason ? `: ${reason}` : ''}`,
});

/**
 * `invoice pay` for what a person decides to book, with the bank's reference and day: the next
 * import of the same statement then knows it as booked.
 */
const byHand = ({ entry, candidates }: ImportedEntry) =>
  `npm run cli -- invoice pay ${candidates?.length === 1 ? candidates[0] : '<number>'} --amount ${(Math.abs(entry.amountCents) / 100).toFixed(2).replace('.', ',')} --on ${entry.bookedOn} --ref "${entry.reference}"`;

const importSummary = (results: ImportedEntry[], dryRun: boolean) => {
  const count = (outcome: ImportedEntry['outcome']) => results.filter((r) => r.outcome === outcome);
  const booked = count('booked');
  const cents = booked.reduce((sum, r) => sum + Math.abs(r.entry.amountCents), 0);
  return [
    `${dryRun ? 'Would book' : 'Booked'} ${booked.length} payment(s), ${formatCents(cents)}.`,
    `${count('already-booked').length} booked before, ${count('needs-a-person').length} for you to look at,`,
    `${count('not-an-invoice-payment').length} other booking(s) (money out, not booked yet) left alone.`,
  ].join(' ');
};

export const registerInvoiceCommands = (program: Command, run: Run) => {
  const invoice = program.command('invoice').description('Invoices: what is open, what came in, reminders');

  invoice
    .command('list')
    .description('Invoices by number, with what is paid, what is open and how long overdue')
    .option('--open', 'only invoices with money outstanding')
    .option('--client <clientId>', "only this client's")
    .option('--json', 'as JSON, with every payment and reminder')
    .action((o: { open?: boolean; client?: string; json?: boolean }) =>
      run(async () => {
        const rows = await listInvoices(statementDeps(), { open: o.open, clientId: o.client });
        console.log(o.json ? formatJson(rows) : formatTable(rows.map(invoiceLine)));
      }),
    );

  invoice
    .command('pay <number>')
    .description(
      'Record what the bank booked on an invoice (on a credit note: the refund paid out); the same entry twice counts once',
    )
    .requiredOption('--amount <euros>', 'e.g. 93,71')
    .option('--on <date>', 'the day the bank booked it, YYYY-MM-DD (default: today)')
    .option('--ref <text>', "the bank's reference, to tell two equal payments of one day apart")
    .option('--reverse', 'undo an entry made by mistake (books the amount back)')
    .action((number: string, o: { amount: string; on?: string; ref?: string; reverse?: boolean }) =>
      run(async () => {
        const d = statementDeps();
        const cents = parseEuros('--amount', o.amount);
        const receivedOn = o.on ? parseDay('--on', o.on) : berlinDateOf(d.runtime.now().toISOString());
        const { kind, invoice: row } = await recordPayment(
          number,
          { amountCents: o.reverse ? -cents : cents, receivedOn, ...(o.ref ? { reference: o.ref } : {}) },
          d,
        );
        const said =
          kind === 'recorded'
            ? 'Recorded'
            : 'Already recorded (same day, amount and reference as an earlier entry; --ref tells two apart)';
        console.log(
          `${said}: ${formatCents(cents)} on ${row.number} (${row.buyer}), ${receivedOn}. ` +
            `Open: ${formatCents(row.standing.openCents)} of ${formatCents(row.grossCents)}, ${standingText(row.standing, row.grossCents)}.`,
        );
      }),
    );

  invoice
    .command('import <files...>')
    .description(
      'Book the payments on bank statements (CAMT .053/.052/.054 XML from online banking, or a ZIP of them): what names an invoice and fits what is open is recorded; the rest is listed for you. Importing it again books nothing twice',
    )
    .option('--dry-run', 'show what would be booked, book nothing')
    .option('--any-account', "import a statement of another account than the invoices' IBAN")
    .option('--all', 'list money out and pending bookings too')
    .option('--json', 'as JSON, every booking with its outcome')
    .action((files: string[], o: { dryRun?: boolean; anyAccount?: boolean; all?: boolean; json?: boolean }) =>
      run(async () => {
        const d = statementDeps();
        const results: ImportedEntry[] = [];
        for (const file of files) {
          for (const statement of readBankStatements(readFileSync(file)))
            results.push(...(await importBankStatement(statement, d, o)));
        }
        if (o.json) return console.log(formatJson(results));
        const shown = o.all ? results : results.filter((r) => r.outcome !== 'not-an-invoice-payment');
        if (shown.length) console.log(formatTable(shown.map(importLine)));
        console.log(importSummary(results, o.dryRun ?? false));
        const forYou = results.filter(
          (r) =>
            r.outcome === 'needs-a-person' && r.entry.amountCents > 0 && !payoutPeriodOf(r.entry.endToEndId),
        );
        if (forYou.length)
          console.log(
            `\nTo book one of yours by hand, with its bank reference so the next import knows it:\n${forYou.map((r) => `  ${byHand(r)}`).join('\n')}`,
          );
      }),
    );

  invoice
    .command('remind <number>')
    .description(
      'Mail the client a friendly payment reminder of an overdue invoice, with its PDF, in its thread; at most one a week',
    )
    .action((number: string) =>
      run(async () => {
        const row = await sendPaymentReminder(number, statementDeps());
        console.log(
          `Reminded ${row.buyer} of ${row.number}: ${formatCents(row.standing.openCents)} open, ` +
            `${row.standing.daysOverdue} days overdue (reminder ${row.reminders.length}).`,
        );
      }),
    );

  invoice
    .command('remind-due')
    .description(
      'Remind every client whose invoice is --after days overdue, by the rules of the automatic reminders: two at most, a week apart, none after the client wrote about it',
    )
    .requiredOption('--after <days>', 'days past the due date, e.g. 7')
    .option('--dry-run', 'show who would be reminded and why the others are not; mail nothing')
    .option('--json', 'print JSON')
    .action((o: { after: string; dryRun?: boolean; json?: boolean }) =>
      run(async () => {
        const after = parseInteger('--after', o.after);
        if (after < 1)
          throw new ValidationError('Invalid --after', [
            { path: 'after', message: 'must be 1 or more days' },
          ]);
        const deps = statementDeps();
        const plan = await automaticReminderPlan(after, deps);
        const { reminded, failed } = o.dryRun
          ? { reminded: [], failed: [] }
          : await sendAutomaticReminders(after, deps);
        const failures = new Map(failed.map((f) => [f.number, f.reason]));
        const rows = plan.map((r) => ({
          invoice: r.number,
          client: r.buyer,
          open: formatCents(r.openCents),
          overdue: `${r.daysOverdue} days`,
          reminders: r.reminders,
          result: r.refusal
            ? `not now: ${r.refusal}`
            : o.dryRun
              ? 'would remind'
              : reminded.includes(r.number)
                ? 'reminded'
                : (failures.get(r.number) ?? 'not now: changed meanwhile'),
        }));
        if (o.json) return console.log(formatJson(rows));
        console.log(rows.length ? formatTable(rows) : 'No open invoices.');
      }),
    );
};
