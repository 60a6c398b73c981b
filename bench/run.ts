/**
 * `npm run bench`: figures, not pass/fail. Prints a table, or JSON with --json.
 * `--mails N` sets the pipeline's mail count (default 500).
 */
import { cpus } from 'node:os';
import { benchColdStart } from './cold-start';
import { benchMatching } from './matching';
import { benchPipeline } from './pipeline';

const json = process.argv.includes('--json');
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const matching = benchMatching([100, 1_000, 10_000]);
const coldStart = await benchColdStart();
const mailsArg = process.argv.indexOf('--mails');
const { pipeline, floor } = await benchPipeline({
  mails: mailsArg > 0 ? Number(process.argv[mailsArg + 1]) : undefined,
});

if (json) {
  console.log(JSON.stringify({ machine, matching, coldStart, pipeline, floor }, null, 2));
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
  const empty = coldStart[0]?.importMs ?? 0;
  console.log('\nCold start: import of each function bundle in a fresh Node process (median of 7)');
  console.log(
    `${'function'.padEnd(20)}${'size KB'.padStart(9)}${'import ms'.padStart(11)}${'over empty'.padStart(12)}`,
  );
  for (const row of coldStart) {
    console.log(
      `${row.function.padEnd(20)}${String(row.sizeKb).padStart(9)}${row.importMs.toFixed(1).padStart(11)}${(row.importMs - empty).toFixed(1).padStart(12)}`,
    );
  }
  console.log(
    `\nPipeline: ${pipeline.mails} mails over SMTP, ${pipeline.concurrency} at a time, on the local stack (one process)`,
  );
  console.log(
    `${'path'.padEnd(34)}${'done'.padStart(6)}${'tasks/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`,
  );
  for (const [label, row] of [
    ['mail -> offer mail to a VA', pipeline],
    ['floor: SMTP -> S3 -> SQS -> SES', floor],
  ] as const) {
    console.log(
      `${label.padEnd(34)}${String(row.completed).padStart(6)}${row.tasksPerSecond.toFixed(1).padStart(9)}${row.p50Ms.toFixed(0).padStart(9)}${row.p99Ms.toFixed(0).padStart(9)}`,
    );
  }
}
