import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR, readRuntimeFile } from '../infra/local/runtime-file';
import { DynamoClientRepository } from '../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { DynamoErasureStore } from '../shared/adapters/dynamodb/erasure-store';
import { DynamoTaskThread } from '../shared/adapters/dynamodb/intake-repository';
import { DynamoLinkRepository } from '../shared/adapters/dynamodb/link-repository';
import { DynamoOfferRepository } from '../shared/adapters/dynamodb/offer-repository';
import { DynamoSettlementStore } from '../shared/adapters/dynamodb/settlement-store';
import { DynamoStatementStore } from '../shared/adapters/dynamodb/statement-store';
import { DynamoTaskRepository } from '../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../shared/adapters/dynamodb/va-repository';
import { DynamoVaStatsRepository } from '../shared/adapters/dynamodb/va-stats-repository';
import { createRoutingDeps } from '../shared/adapters/routing-wiring';
import { S3BlobStore } from '../shared/adapters/s3/s3-blob-store';
import { SfnWorkflow } from '../shared/adapters/sfn/sfn-workflow';
import { createStatementDeps } from '../shared/adapters/statement-wiring';
import { loadConfig, RoutingConfigSchema, type RoutingEnv, StatementConfigSchema } from '../shared/config';
import type { Runtime } from '../shared/ports/clock';
import type { Workflow } from '../shared/ports/routing';

export class TargetError extends Error {}

export type Target = 'local' | 'aws';

/**
 * Points the SDK at the stack the operator means. `local` reads what `npm start` left in
 * .local-data/runtime.json; `aws` uses the standard AWS credential chain and TABLE_NAME.
 */
export const selectTarget = (target: Target, env: NodeJS.ProcessEnv = process.env): void => {
  if (target === 'aws') {
    if (!env.TABLE_NAME)
      throw new TargetError("--target aws needs TABLE_NAME (the table from the stateful stack's outputs).");
    return;
  }
  const dataDir = resolve(env.VA_DATA_DIR ?? DEFAULT_DATA_DIR);
  const runtime = readRuntimeFile(dataDir);
  if (!runtime) {
    throw new TargetError(
      `The local stack is not running (no ${dataDir}/runtime.json). Start it with: npm start`,
    );
  }
  // Explicit settings win, so tests and scripts can point the CLI anywhere.
  for (const [name, value] of Object.entries(runtime.env)) env[name] ??= value;
};

export interface CliContext {
  clients: DynamoClientRepository;
  vas: DynamoVaRepository;
  tasks: DynamoTaskRepository;
  offers: DynamoOfferRepository;
  /** The links in mails (withdraw, offer, done), by the hash of their token. */
  links: DynamoLinkRepository;
  stats: DynamoVaStatsRepository;
  thread: DynamoTaskThread;
  settlements: DynamoSettlementStore;
  statements: DynamoStatementStore;
  erasure: DynamoErasureStore;
  /** The mail bucket; commands that touch stored files need BUCKET_NAME. */
  blobs: S3BlobStore;
  /** The task lifecycle; commands that stop or start workflows need STATE_MACHINE_ARN. */
  workflow: Workflow;
  runtime: Runtime;
  close(): void;
}

const missingStateMachine = async (): Promise<never> => {
  throw new TargetError(
    'This command needs STATE_MACHINE_ARN (the task lifecycle state machine of the stateless stack).',
  );
};
/** Without a state machine, the commands that need one say so; the others work as before. */
const noWorkflow: Workflow = {
  start: missingStateMachine,
  succeed: missingStateMachine,
  fail: missingStateMachine,
  stop: missingStateMachine,
  exists: missingStateMachine,
};

/** The statements' adapters (ledger, statements, mail, files), for the billing commands. */
export const statementDeps = () => createStatementDeps(loadConfig(StatementConfigSchema));

/**
 * For the commands that mail people (cancel and reroute tell the VA and the client): the outbox and
 * the settings the functions mail with. Locally `npm start` provides them; against AWS they are the
 * stateless stack's function settings.
 */
export const withMail = (ctx: CliContext, env: NodeJS.ProcessEnv = process.env) => {
  let config: RoutingEnv;
  try {
    config = loadConfig(RoutingConfigSchema, env);
  } catch (error) {
    throw new TargetError(
      `This command mails the people it concerns and needs the functions' mail settings ` +
        `(SENDER_ADDRESS, OPERATOR_EMAIL, PUBLIC_BASE_URL, BUCKET_NAME, STATE_MACHINE_ARN). ${(error as Error).message}`,
    );
  }
  const { outbox, config: mail } = createRoutingDeps(config, {
    runtime: ctx.runtime,
    workflow: ctx.workflow,
  });
  return { ...ctx, outbox, config: mail };
};

export const createContext = (env: NodeJS.ProcessEnv = process.env): CliContext => {
  const db = createDocumentClient();
  const table = env.TABLE_NAME ?? '';
  return {
    clients: new DynamoClientRepository(db, table),
    vas: new DynamoVaRepository(db, table),
    tasks: new DynamoTaskRepository(db, table),
    offers: new DynamoOfferRepository(db, table),
    links: new DynamoLinkRepository(db, table),
    stats: new DynamoVaStatsRepository(db, table),
    thread: new DynamoTaskThread(db, table),
    settlements: new DynamoSettlementStore(db, table),
    statements: new DynamoStatementStore(db, table),
    erasure: new DynamoErasureStore(db, table),
    blobs: new S3BlobStore(env.BUCKET_NAME ?? ''),
    workflow: env.STATE_MACHINE_ARN ? new SfnWorkflow(env.STATE_MACHINE_ARN) : noWorkflow,
    runtime: { now: () => new Date(), randomBytes: (n) => randomBytes(n) },
    close: () => db.destroy(),
  };
};
