import type { Command } from 'commander';
import { ID_PREFIX } from '../../shared/domain/ids';
import { formatCents } from '../../shared/domain/money';
import {
  runPayoutStatements,
  runStatements,
  type StatementOutcome,
} from '../../shared/use-cases/billing/run-statements';
import { type CliContext, statementDeps } from '../context';
import { parseMonth } from '../option-parsers';
import { formatTable } from '../output';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

const bar = (done: number, total: number, width = 24) => {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
};

const describe = (o: StatementOutcome) => {
  switch (o.kind) {
    case 'sent':
      return { client: o.clientId, result: 'sent', invoice: o.number, gross: formatCents(o.grossCents) };
    case 'already-sent':
      return {
        client: o.clientId,
        result: 'sent before',
        invoice: o.number,
        gross: formatCents(o.grossCents),
      };
    case 'draft':
      return {
        client: o.clientId,
        result: `draft, ${o.lines} tasks`,
        invoice: '',
        gross: formatCents(o.grossCents),
      };
    case 'nothing-to-bill':
      return { client: o.clientId, result: 'nothing to bill', invoice: '', gross: '' };
  }
};

export const registerStatementCommands = (program: Command, run: Run) => {
  program
    .command('statements')
    .description('Monthly statements')
    .command('run')
    .description(
      "Send each client's invoice for a month (Berlin calendar month); a re-run sends only what is unsent",
    )
    .requiredOption('--month <yyyy-mm>', 'the month, e.g. 2026-11')
    .option('--account <clientId>', 'only this client')
    .option('--dry-run', 'compose and show, number and send nothing')
    .action((o: { month: string; account?: string; dryRun?: boolean }) =>
      run(async () => {
        parseMonth(o.month);
        const deps = statementDeps();
        const vaOnly = o.account?.startsWith(ID_PREFIX.va);
        if (!vaOnly) {
          const outcomes = await runStatements(o.month, deps, {
            clientId: o.account,
            dryRun: o.dryRun,
            onProgress: (done, total) => process.stderr.write(`\r${bar(done, total)}`),
          });
          process.stderr.write('\n');
          console.log(formatTable(outcomes.map(describe)));
        }
        if (!o.account || vaOnly) {
          const payouts = await runPayoutStatements(o.month, deps, { vaId: o.account, dryRun: o.dryRun });
          console.log(
            `\n${formatTable(
              payouts.map((p) => ({
                va: p.vaId,
                result: p.kind === 'already-sent' ? 'sent before' : p.kind.replaceAll('-', ' '),
                payout: 'totalCents' in p ? formatCents(p.totalCents) : '',
              })),
            )}`,
          );
        }
      }),
    );
};
