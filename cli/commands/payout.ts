import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { berlinDateOf } from '../../shared/domain/billing/settlement';
import { printedIban } from '../../shared/domain/iban';
import { formatCents } from '../../shared/domain/money';
import { ValidationError } from '../../shared/errors';
import { listPayouts, recordPayout } from '../../shared/use-cases/billing/payments';
import { payoutOrder } from '../../shared/use-cases/billing/payout-order';
import { type CliContext, statementDeps } from '../context';
import { parseDay, parseEuros, parseMonth } from '../option-parsers';
import { formatJson, formatTable } from '../output';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

export const registerPayoutCommands = (program: Command, run: Run) => {
  const payout = program
    .command('payout')
    .description("VAs' payouts: what a month owes them, what was transferred");

  payout
    .command('list')
    .description(
      'What each VA earned in a month (as their payout statement says), what was transferred, what is open',
    )
    .requiredOption('--month <yyyy-mm>', 'the month of the payout statements, e.g. 2026-11')
    .option('--json', 'as JSON, with every transfer')
    .action((o: { month: string; json?: boolean }) =>
      run(async () => {
        const rows = await listPayouts(parseMonth(o.month), statementDeps());
        console.log(
          o.json
            ? formatJson(rows)
            : formatTable(
                rows.map((r) => ({
                  va: `${r.name} (${r.vaId})`,
                  earned: formatCents(r.owedCents),
                  transferred: formatCents(r.paidCents),
                  open: formatCents(r.openCents),
                })),
              ),
        );
      }),
    );

  payout
    .command('pay <vaId>')
    .description("Record a transfer to a VA for a month's payout; the same entry twice counts once")
    .requiredOption('--month <yyyy-mm>', 'the month of the payout statement')
    .option('--amount <euros>', 'what was transferred (default: all that is open)')
    .option('--on <date>', 'the day the bank booked it, YYYY-MM-DD (default: today)')
    .option('--ref <text>', "the bank's reference")
    .option('--reverse', 'undo an entry made by mistake (needs --amount)')
    .action(
      (vaId: string, o: { month: string; amount?: string; on?: string; ref?: string; reverse?: boolean }) =>
        run(async () => {
          const d = statementDeps();
          const period = parseMonth(o.month);
          if (o.reverse && !o.amount)
            throw new ValidationError('--reverse needs --amount', [
              { path: '--amount', message: 'is required with --reverse' },
            ]);
          const cents = o.amount === undefined ? undefined : parseEuros('--amount', o.amount);
          const receivedOn = o.on ? parseDay('--on', o.on) : berlinDateOf(d.runtime.now().toISOString());
          const { kind, payout: row } = await recordPayout(
            vaId,
            period,
            {
              ...(cents === undefined ? {} : { amountCents: o.reverse ? -cents : cents }),
              receivedOn,
              ...(o.ref ? { reference: o.ref } : {}),
            },
            d,
          );
          const last = row.transfers.at(-1);
          console.log(
            `${kind === 'recorded' ? 'Recorded' : 'Already recorded (same day, amount and reference)'}: ` +
              `${formatCents(last?.amountCents ?? 0)} to ${row.name} for ${period}, ${receivedOn}. ` +
              `Open: ${formatCents(row.openCents)} of ${formatCents(row.owedCents)}.`,
          );
        }),
    );

  payout
    .command('sepa')
    .description(
      "Write the SEPA transfer file (pain.001) that pays each VA what a month still owes them, for online banking; the bank statement's import books the transfers",
    )
    .requiredOption('--month <yyyy-mm>', 'the month of the payout statements, e.g. 2026-11')
    .option('--on <date>', 'the day the bank should execute it, YYYY-MM-DD (default: the next working day)')
    .option('--out <file>', 'where to write it (default: payouts-<month>.xml)')
    .action((o: { month: string; on?: string; out?: string }) =>
      run(async () => {
        const d = statementDeps();
        const period = parseMonth(o.month);
        const executeOn = o.on
          ? parseDay('--on', o.on)
          : nextWorkingDay(berlinDateOf(d.runtime.now().toISOString()));
        const order = await payoutOrder(period, executeOn, d);
        if (order.transfers.length)
          console.log(
            formatTable(
              order.transfers.map((t) => ({
                va: `${t.name} (${t.vaId})`,
                iban: printedIban(t.iban),
                amount: formatCents(t.cents),
                reference: t.endToEndId,
              })),
            ),
          );
        for (const l of order.left)
          console.log(`Left out: ${l.name} (${l.vaId}), ${formatCents(l.openCents)}: ${l.reason}`);
        if (!order.xml) return console.log(`Nothing to transfer for ${period}.`);
        const out = o.out ?? `payouts-${period}.xml`;
        writeFileSync(out, order.xml);
        const total = order.transfers.reduce((sum, t) => sum + t.cents, 0);
        console.log(
          `Wrote ${out}: ${order.transfers.length} transfer(s), ${formatCents(total)}, to be executed on ${executeOn}. ` +
            'Upload it once in online banking (SEPA file / Sammelüberweisung); once the bank statement shows the transfers, invoice import books them.',
        );
      }),
    );
};

/** Banks execute on working days; holidays they move on themselves. */
const nextWorkingDay = (today: string) => {
  const day = new Date(`${today}T12:00:00Z`);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day.toISOString().slice(0, 10);
};
