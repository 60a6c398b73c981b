import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadAppHandlers } from './app-handlers';
import { LOCAL_INBOX_ADDRESS, startLocalStack } from './local-stack';
import { resolvePorts } from './ports';
import { PreflightError } from './preflight';
import { DEFAULT_DATA_DIR, removeRuntimeFile, writeRuntimeFile } from './runtime-file';

// Node 20 is fine locally (DESIGN.md); the SDK's notice about Node 22 would only bury the banner.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** `npm start`: the whole agency on embedded emulators, on 127.0.0.1, with data kept in .local-data/. */
const stamp = () => new Date().toISOString().slice(11, 19);
const log = (message: string) => console.log(`${stamp()} ${message}`);

const banner = (urls: Record<string, string>, env: Record<string, string>, dataDir: string) => `
  va-router is running locally (no AWS account needed). Ctrl-C stops it.

  HTTP API            ${urls.httpApi}            (health: ${urls.httpApi}/health)
  Inbox (SMTP)        ${urls.smtp}          send tasks to ${LOCAL_INBOX_ADDRESS}
  Sent mail (SES)     ${urls.sesInbox}/        JSON: ${urls.sesInbox}/store
  DynamoDB            ${urls.dynamodb}            table ${env.TABLE_NAME}
  SQS + S3            ${urls.sqs}            bucket ${env.BUCKET_NAME}
  Data                ${dataDir}

  Operator CLI        npm run cli -- --help       (e.g. npm run cli -- seed --demo)
  AWS CLI             aws --endpoint-url ${urls.dynamodb} dynamodb describe-table --table-name ${env.TABLE_NAME}
`;

const main = async () => {
  const dataDir = resolve(process.env.VA_DATA_DIR ?? DEFAULT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const stack = await startLocalStack({
    ports: resolvePorts(),
    dataDir,
    log,
    handlers: loadAppHandlers,
  });
  writeRuntimeFile(dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    env: stack.env,
    urls: stack.urls,
  });
  console.log(banner(stack.urls, stack.env, dataDir));

  let stoppingSince: number | undefined;
  const shutdown = async (signal: string) => {
    if (stoppingSince !== undefined) {
      // npm and tsx both relay a signal, so one SIGTERM arrives twice; only a later one forces.
      if (Date.now() - stoppingSince < 2_000) return;
      log('Forced exit.');
      process.exit(130);
    }
    stoppingSince = Date.now();
    log(`${signal}: stopping ...`);
    removeRuntimeFile(dataDir);
    await stack.stop();
    log('Stopped. Data is kept in .local-data/.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error(error instanceof PreflightError ? `\n  Cannot start: ${error.message}\n` : error);
  process.exit(1);
});
