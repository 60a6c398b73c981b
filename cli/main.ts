import { Command, CommanderError, Option } from 'commander';
import { registerClientCommands } from './commands/client';
import { registerInvoiceCommands } from './commands/invoice';
import { registerParseCommand } from './commands/parse';
import { registerPayoutCommands } from './commands/payout';
import { registerSeedCommand } from './commands/seed';
import { registerStatementCommands } from './commands/statements';
import { registerTaskCommands } from './commands/task';
import { registerVaCommands } from './commands/va';
import { registerVatCommands } from './commands/vat';
import { type CliContext, createContext, selectTarget, type Target } from './context';
import { describeFailure, EXIT } from './exit-codes';

/** The operator's tool: `npm run cli -- <command>` or, installed, `va-router <command>`. */
export const buildProgram = () => {
  const program = new Command('va-router')
    .description('Operate a va-router agency: roster, clients, tasks')
    .addOption(
      new Option('--target <target>', 'which stack to talk to').choices(['local', 'aws']).default('local'),
    )
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  const run = async (action: (ctx: CliContext) => Promise<void>) => {
    selectTarget(program.opts<{ target: Target }>().target);
    const ctx = createContext();
    try {
      await action(ctx);
    } finally {
      ctx.close();
    }
  };

  registerClientCommands(program, run);
  registerVaCommands(program, run);
  registerTaskCommands(program, run);
  registerSeedCommand(program, run);
  registerStatementCommands(program, run);
  registerInvoiceCommands(program, run);
  registerPayoutCommands(program, run);
  registerVatCommands(program, run);
  registerParseCommand(program);
  return program;
};

export const runCli = async (argv: string[]): Promise<number> => {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; usage mistakes are bad input.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    const failure = describeFailure(error);
    console.error(failure.message);
    return failure.code;
  }
};

/**
 * `va-router task list | head` closes the pipe before the table is written: that is the reader
 * having seen enough, not a failure, so the command ends quietly instead of with a stack trace.
 */
export const endQuietlyOnClosedPipe = () =>
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });

if (import.meta.url === `file://${process.argv[1]}`) {
  endQuietlyOnClosedPipe();
  process.exitCode = await runCli(process.argv.slice(2));
}
