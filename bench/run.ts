/**
 * `npm run bench`: figures, not pass/fail. Prints a table, or JSON with --json. What the routing
 * and pipeline benchmarks add lands here as those features do.
 */
import { cpus } from 'node:os';
import { benchMatching } from './matching';

const json = process.argv.includes('--json');
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const matching = benchMatching([100, 1_000, 10_000]);

if (json) {
  console.log(JSON.stringify({ machine, matching }, null, 2));
} else {
  console.log(`va-router benchmarks on ${machine}\n`);
  console.log('Matching: rank a pool of VAs for one task (pure, in memory)');
  console.log(
    `${'VAs'.padStart(8)}${'median ms'.padStart(12)}${'p99 ms'.padStart(10)}${'ranked'.padStart(9)}`,
  );
  for (const row of matching) {
    console.log(
      `${String(row.vas).padStart(8)}${row.medianMs.toFixed(2).padStart(12)}${row.p99Ms.toFixed(2).padStart(10)}${String(row.ranked).padStart(9)}`,
    );
  }
}
