import type { Command } from 'commander';
import { ConflictError, ValidationError } from '../../shared/errors';
import { addClient, addVa } from '../../shared/use-cases/roster';
import type { CliContext } from '../context';
import { seedDemoWork } from '../demo-history';
import { DEMO_CLIENTS, DEMO_VAS } from '../demo-roster';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

/** Adds each record unless it exists; running the seed twice changes nothing. */
const addEach = async <T>(records: readonly T[], add: (record: T) => Promise<unknown>) => {
  let added = 0;
  for (const record of records) {
    try {
      await add(record);
      added++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return added;
};

export const registerSeedCommand = (program: Command, run: Run) => {
  program
    .command('seed')
    .description('Fill an empty stack with example data')
    .option('--demo', "twelve VAs, four clients and last month's billed work to try va-router with")
    .action((o: { demo?: boolean }) =>
      run(async (ctx) => {
        if (!o.demo)
          throw new ValidationError('Say which data to seed: --demo', [
            { path: '--demo', message: 'is required' },
          ]);
        const vas = await addEach(DEMO_VAS, (va) =>
          addVa(structuredClone(va) as unknown as Record<string, unknown>, ctx),
        );
        const clients = await addEach(DEMO_CLIENTS, (c) =>
          addClient(structuredClone(c) as unknown as Record<string, unknown>, ctx),
        );
        const work = await seedDemoWork(ctx);
        console.log(
          `Seeded ${vas} VAs and ${clients} clients (${DEMO_VAS.length - vas + DEMO_CLIENTS.length - clients} were already there).`,
        );
        if (work.added)
          console.log(
            `Billed ${work.added} finished tasks of ${work.period}; its invoices: npm run cli -- statements run --month ${work.period}`,
          );
      }),
    );
};
