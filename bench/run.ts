/**
 * `npm run bench`: figures, not pass/fail. Prints a table, or JSON with --json.
 * `--mails N` sets the pipeline's mail count (default 500).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { AWS_PRICES } from './aws-prices';
import type { benchCandidateReads } from './candidate-reads';
import { benchColdStart } from './cold-start';
import type { TaskCost } from './cost';
import { benchMatching } from './matching';
import type { benchPipeline } from './pipeline';

/** A benchmark on a local stack of its own (bench/stage.ts), its JSON read back. */
const stage = <T>(name: string, ...args: string[]): T => {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'stage.ts'), name, ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as T;
};

const json = process.argv.includes('--json');
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const matching = benchMatching([100, 1_000, 10_000]);
const reads = stage<Awaited<ReturnType<typeof benchCandidateReads>>>('reads');
const coldStart = await benchColdStart();
const mailsArg = process.argv.indexOf('--mails');
const { pipeline, floor, lightPipeline, lightFloor } = stage<Awaited<ReturnType<typeof benchPipeline>>>(
  'pipeline',
  ...(mailsArg > 0 ? [process.argv[mailsArg + 1] ?? ''] : []),
);
const cost = stage<TaskCost[]>('cost');

if (json) {
  console.log(
    JSON.stringify(
      {
        machine,
        matching,
        reads,
        coldStart,
        pipeline,
        floor,
        lightPipeline,
        lightFloor,
        cost,
        prices: AWS_PRICES,
      },
      null,
      2,
    ),
  );
} else {
  console.log(`va-router benchmarks on ${machine}\n`);
  console.log('Matching: rank a pool of VAs for one task (pure, in memory)');
  console.log(
    `${''.padStart(8)}${'the best 20 (workflow)'.padStart(24)}${'everyone in order (explain)'.padStart(30)}`,
  );
  console.log(
    `${'VAs'.padStart(8)}${'median ms'.padStart(12)}${'p99 ms'.padStart(10)}${'median ms'.padStart(18)}${'p99 ms'.padStart(10)}${'ranked'.padStart(9)}`,
  );
  for (const row of matching) {
    console.log(
      `${String(row.vas).padStart(8)}${row.medianMs.toFixed(2).padStart(12)}${row.p99Ms.toFixed(2).padStart(10)}${row.everyoneMedianMs.toFixed(2).padStart(18)}${row.everyoneP99Ms.toFixed(2).padStart(10)}${String(row.ranked).padStart(9)}`,
    );
  }
  console.log(
    `\nCandidates from DynamoDB Local: ${reads.vas} VAs with the task's skill (seeded in ${reads.seedSeconds.toFixed(0)} s)`,
  );
  console.log(
    `${'items read'.padStart(12)}${'ranked'.padStart(9)}${'median ms'.padStart(12)}${'p99 ms'.padStart(10)}  (read and rank)`,
  );
  console.log(
    `${String(reads.itemsRead).padStart(12)}${String(reads.ranked).padStart(9)}${reads.medianMs.toFixed(1).padStart(12)}${reads.p99Ms.toFixed(1).padStart(10)}`,
  );
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
  if (lightPipeline && lightFloor) {
    console.log(
      `\nLight load: ${lightPipeline.mails} mails, one at a time, 400 ms apart, before the load above (what a client waits for)`,
    );
    console.log(`${'path'.padEnd(34)}${'done'.padStart(6)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
    for (const [label, row] of [
      ['mail -> offer mail to a VA', lightPipeline],
      ['floor: SMTP -> S3 -> SQS -> SES', lightFloor],
    ] as const)
      console.log(
        `${label.padEnd(34)}${String(row.completed).padStart(6)}${row.p50Ms.toFixed(0).padStart(9)}${row.p99Ms.toFixed(0).padStart(9)}`,
      );
  }
  console.log(
    `\nCost per task, counted on the local stack and priced at ${AWS_PRICES.region} list prices (${AWS_PRICES.checked})`,
  );
  const money = (x: number) => `$${x.toFixed(3)}`;
  console.log(
    `${'path'.padEnd(27)}${'trans.'.padStart(7)}${'λ calls'.padStart(8)}${'DDB req'.padStart(8)}${'RRU'.padStart(6)}${'WRU'.padStart(6)}${'SQS'.padStart(5)}${'S3'.padStart(4)}${'mails'.padStart(6)}${'$/1k'.padStart(8)}${'$/1k w/o SES'.padStart(14)}`,
  );
  for (const c of cost) {
    console.log(
      `${c.path.padEnd(27)}${String(c.transitions).padStart(7)}${c.lambdaInvocations.toFixed(0).padStart(8)}${c.dynamoDbRequests.toFixed(0).padStart(8)}${c.readUnits.toFixed(0).padStart(6)}${c.writeUnits.toFixed(0).padStart(6)}${c.sqsRequests.toFixed(0).padStart(5)}${(c.s3Puts + c.s3Gets).toFixed(0).padStart(4)}${c.sesMails.toFixed(0).padStart(6)}${money(c.usdPerThousand.total).padStart(8)}${money(c.usdPerThousand.total - c.usdPerThousand.ses).padStart(14)}`,
    );
  }
  const happy = cost[0];
  if (happy) {
    console.log(`\nDynamoDB calls per task on the ${happy.path}, by what they touch (most first)`);
    for (const [call, count] of Object.entries(happy.dynamoDbCalls).slice(0, 10))
      console.log(`${count.toFixed(1).padStart(7)}  ${call}`);
  }
}
