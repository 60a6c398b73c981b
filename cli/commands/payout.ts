import type { Command } from 'commander';
import { berlinDateOf } from '../../shared/domain/billing/settlement';
import { formatCents } from '../../shared/domain/money';
import { ValidationError } from '../../shared/errors';
import { listPayouts, recordPayout } from '../../shared/use-cases/billing/payments';
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
};
