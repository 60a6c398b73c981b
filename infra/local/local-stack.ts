import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { sendJson } from '../../shared/adapters/sqs/sqs-json';
import { nextDigestRun } from '../../shared/domain/attention';
import { nextStatementsRun } from '../../shared/domain/billing/settlement';
import { localResourceNames } from '../definitions/local-resources';
import { QUEUES } from '../definitions/queues';
import type { AppHandlers } from './app-handlers';
import { stopStaleProcess } from './child-process-group';
import { startDynamoDbLocal } from './dynamodb-local';
import type { HttpApiHandler } from './http-api';
import { startHttpApi } from './http-api';
import { localLambdaContext } from './lambda-context';
import { LOCAL_PORT_DEFAULTS, LOOPBACK, type LocalPorts } from './ports';
import { assertPortFree, findFreePort } from './preflight';
import { ensureBucket, ensureQueues, ensureTable } from './provision';
import { S3DiskMirror } from './s3-disk-mirror';
import { objectCreatedNotification } from './s3-event';
import { startSes } from './ses-local';
import { type InboundMail, startSmtpInbox } from './smtp-inbox';
import { startSqsEventSource } from './sqs-event-source';
import { startSqsS3 } from './sqs-s3-local';
import { type EngineClock, realClock } from './step-functions/clock';
import { synthesizeStateMachines } from './step-functions/definition-from-app';
import { LocalStepFunctions } from './step-functions/engine';
import { FileJournal, MemoryJournal } from './step-functions/journal';
import { startStepFunctionsServer } from './step-functions/server';

export const LOCAL_REGION = 'eu-central-1';
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_INBOX_ADDRESS = process.env.VA_INBOX_ADDRESS ?? 'auftrag@agency.example';

export interface LocalStackOptions {
  ports: LocalPorts;
  /** Where data persists across restarts; omit for a throw-away in-memory stack (tests). */
  dataDir?: string;
  /** Resource name prefix, so several stacks can share emulators (tests isolate by it). */
  prefix?: string;
  /** Loads the app's Lambda handlers once the SDK environment is set; without them only emulators run. */
  handlers?: () => Promise<AppHandlers>;
  /** The workflow engine's clock; tests move time by hand. */
  clock?: EngineClock;
  log?: (message: string) => void;
}

export interface LocalStack {
  /** The variables that point the AWS SDK and the handlers at this stack. */
  env: Record<string, string>;
  urls: { httpApi: string; sesInbox: string; smtp: string; dynamodb: string; sqs: string; sfn: string };
  resources: ReturnType<typeof localResourceNames>;
  stop(): Promise<void>;
}

/** Dummy credentials: the emulators accept any, and the SDK insists on having some. */
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const log = options.log ?? (() => undefined);
  const resources = localResourceNames(options.prefix);
  const stops: Array<() => Promise<void>> = [];
  const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => log(`stop failed: ${String(e)}`));
  };
  try {
    const pidFile = options.dataDir ? join(options.dataDir, 'dynamodb-local.pid') : undefined;
    const dynamoPort = options.ports.dynamodb || (await findFreePort());
    if (pidFile) mkdirSync(join(options.dataDir ?? '', 'dynamodb'), { recursive: true });
    if (pidFile && (await stopStaleProcess(pidFile, 'DynamoDBLocal')))
      log('Stopped a DynamoDB Local left over from an earlier run.');
    for (const [service, { env }] of Object.entries(LOCAL_PORT_DEFAULTS)) {
      await assertPortFree(options.ports[service as keyof LocalPorts], service, env);
    }

    const dynamodb = await startDynamoDbLocal({
      port: dynamoPort,
      dataDir: options.dataDir ? join(options.dataDir, 'dynamodb') : undefined,
      pidFile,
      warn: log,
    });
    stops.push(dynamodb.stop);
    const sqsS3 = await startSqsS3({ port: options.ports.sqs, region: LOCAL_REGION });
    stops.push(sqsS3.stop);
    const ses = await startSes({ port: options.ports.ses });
    stops.push(ses.stop);

    const env: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      ...LOCAL_CREDENTIALS,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_SQS: sqsS3.endpoint,
      AWS_ENDPOINT_URL_S3: sqsS3.endpoint,
      AWS_ENDPOINT_URL_SES: ses.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      TABLE_NAME: resources.tableName,
      BUCKET_NAME: resources.bucketName,
      AGENCY_NAME: process.env.VA_AGENCY_NAME ?? 'Agentur Muster',
      SENDER_ADDRESS: process.env.VA_SENDER_ADDRESS ?? `Agentur Muster <${LOCAL_INBOX_ADDRESS}>`,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const clientConfig = {
      region: LOCAL_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    const s3 = new S3Client({ ...clientConfig, endpoint: sqsS3.endpoint, forcePathStyle: true });
    const sqs = new SQSClient({ ...clientConfig, endpoint: sqsS3.endpoint, useQueueUrlAsEndpoint: false });
    const ddb = new DynamoDBClient({ ...clientConfig, endpoint: dynamodb.endpoint });

    if (await ensureTable(ddb, resources.tableName)) log(`Created table ${resources.tableName}.`);
    const queueUrls = await ensureQueues(sqs, resources.queueNames);
    env.INTAKE_QUEUE_URL = queueUrls.intake;
    env.STATEMENTS_QUEUE_URL = queueUrls.statements;
    await ensureBucket(s3, resources.bucketName);
    if (options.dataDir) {
      const mirror = new S3DiskMirror(s3, join(options.dataDir, 's3'), (e) =>
        log(`S3 mirror failed: ${String(e)}`),
      );
      const restored = await mirror.restore([resources.bucketName]);
      if (restored.length) log(`Restored ${restored.length} stored objects.`);
      // The local queue forgets messages on restart; SQS would keep them up to its retention. So
      // mail of that age is handed to intake again, which recognises what it has already done.
      const since = Date.now() - QUEUES.intake.retentionDays * 86_400_000;
      const replay = restored.filter((o) => o.key.startsWith('raw/') && o.writtenAt.getTime() >= since);
      for (const o of replay) {
        await sendJson(
          sqs,
          queueUrls.intake,
          objectCreatedNotification(o.bucket, o.key, o.size, LOCAL_REGION, o.writtenAt),
        );
      }
      if (replay.length)
        log(`Handed ${replay.length} stored mails to intake again (already processed ones are skipped).`);
      mirror.attach(sqsS3);
      stops.push(() => mirror.flush());
    }

    // As SES does: store the raw mail, then S3 notifies the intake queue. Only then is the mail accepted.
    const deliver = async (mail: InboundMail) => {
      const key = `raw/${new Date().toISOString().slice(0, 10)}/${randomUUID()}`;
      await s3.send(
        new PutObjectCommand({
          Bucket: resources.bucketName,
          Key: key,
          Body: mail.raw,
          ContentType: 'message/rfc822',
        }),
      );
      await sendJson(
        sqs,
        queueUrls.intake,
        objectCreatedNotification(resources.bucketName, key, mail.raw.length, LOCAL_REGION),
      );
      log(
        `Mail from ${mail.mailFrom ?? '<>'} to ${mail.recipients.join(', ')} stored as ${key} (${mail.raw.length} bytes).`,
      );
    };
    const smtp = await startSmtpInbox({
      port: options.ports.smtp,
      deliver,
      onError: (e) => log(`SMTP: ${String(e)}`),
    });
    stops.push(smtp.stop);

    // The state machine comes from the CDK app itself; its ARN is known before any handler loads.
    let invokable: AppHandlers['invokable'] = {};
    const engine = new LocalStepFunctions({
      clock: options.clock ?? realClock,
      journal: options.dataDir
        ? new FileJournal(join(options.dataDir, 'step-functions'))
        : new MemoryJournal(),
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT,
      invoke: async (functionArn, payload) => {
        const folder = functionArn.split(':').pop() ?? '';
        const handler = invokable[folder];
        if (!handler) throw new Error(`No local handler for ${functionArn}`);
        return handler(payload, localLambdaContext(folder));
      },
      onError: (e) => log(`Step Functions: ${describe(e)}`),
    });
    const machines = synthesizeStateMachines(LOCAL_REGION, LOCAL_ACCOUNT).map((m) =>
      engine.registerStateMachine(resources.stateMachineName, m.definition),
    );
    const sfn = await startStepFunctionsServer(engine, options.ports.sfn);
    stops.push(sfn.stop, () => engine.stop());
    env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
    env.STATE_MACHINE_ARN = machines[0] ?? '';
    env.OPERATOR_EMAIL = process.env.VA_OPERATOR_EMAIL ?? 'operator@agency.example';
    env.OPERATOR_LANGUAGE = process.env.VA_OPERATOR_LANGUAGE ?? 'de';
    // Off unless asked for, as on AWS (paymentReminderAfterDays).
    env.REMIND_AFTER_DAYS = process.env.VA_REMIND_AFTER_DAYS ?? '0';
    // The seller on local invoices: obviously made up unless set (see docs/deploy.md for AWS).
    Object.assign(env, {
      SELLER_STREET: process.env.SELLER_STREET ?? 'Musterweg 5',
      SELLER_POSTAL_CODE: process.env.SELLER_POSTAL_CODE ?? '10115',
      SELLER_CITY: process.env.SELLER_CITY ?? 'Berlin',
      SELLER_VAT_ID: process.env.SELLER_VAT_ID ?? 'DE000000000',
      SELLER_EMAIL: process.env.SELLER_EMAIL ?? 'rechnung@agency.example',
      SELLER_PHONE: process.env.SELLER_PHONE ?? '+49 30 0000000',
      SELLER_IBAN: process.env.SELLER_IBAN ?? 'DE02 1203 0000 0000 2020 51',
    });

    // The API listens first, so its URL (maybe a random port) is known to the handlers as they load.
    let httpHandler: HttpApiHandler = async () => ({ statusCode: 503, body: 'Starting' });
    const api = await startHttpApi({
      port: options.ports.http,
      handler: (event, context) => httpHandler(event, context),
      onError: (e) => log(`HTTP API: ${describe(e)}`),
    });
    stops.push(api.stop);
    env.PUBLIC_BASE_URL = process.env.VA_PUBLIC_BASE_URL ?? api.url;
    Object.assign(process.env, env);
    const handlers = options.handlers ? await options.handlers() : undefined;
    if (handlers) {
      httpHandler = handlers.httpApi;
      invokable = handlers.invokable;
    } else {
      httpHandler = async () => ({ statusCode: 404, body: 'Not found' });
    }
    const resumed = engine.resume();
    if (resumed) log(`Resumed ${resumed} running workflows.`);
    if (handlers) {
      const intake = await startSqsEventSource({
        sqs,
        queueUrl: queueUrls.intake,
        functionName: 'intake-email',
        handler: handlers.intakeEmail,
        region: LOCAL_REGION,
        onError: (e) => log(`intake-email: ${describe(e)}`),
      });
      stops.push(intake.stop);
      const statements = await startSqsEventSource({
        sqs,
        queueUrl: queueUrls.statements,
        functionName: 'send-statement',
        handler: handlers.sendStatement,
        region: LOCAL_REGION,
        onError: (e) => log(`send-statement: ${describe(e)}`),
      });
      stops.push(statements.stop);
      // The schedule EventBridge Scheduler runs on AWS: 06:00 Berlin on the 1st, for last month.
      const clock = options.clock ?? realClock;
      let cancelRun = () => {};
      const scheduleRun = () => {
        const at = nextStatementsRun(new Date(clock.now()));
        cancelRun = clock.schedule(at.getTime(), () => {
          handlers.invokable['statements-start']?.({}, localLambdaContext('statements-start'))
            .then((r) => log(`Monthly statements started: ${JSON.stringify(r)}`))
            .catch((e: unknown) => log(`statements-start: ${describe(e)}`));
          scheduleRun();
        });
      };
      scheduleRun();
      stops.push(async () => cancelRun());
      // And the operator's digest, 08:00 Berlin on working days.
      let cancelDigest = () => {};
      const scheduleDigest = () => {
        cancelDigest = clock.schedule(nextDigestRun(new Date(clock.now())).getTime(), () => {
          handlers.invokable['operator-digest']?.({}, localLambdaContext('operator-digest'))
            .then((r) => log(`Operator digest: ${JSON.stringify(r)}`))
            .catch((e: unknown) => log(`operator-digest: ${describe(e)}`));
          scheduleDigest();
        });
      };
      scheduleDigest();
      stops.push(async () => cancelDigest());
    }
    for (const client of [s3, sqs, ddb]) stops.push(async () => client.destroy());

    return {
      env,
      resources,
      urls: {
        httpApi: api.url,
        sesInbox: ses.endpoint,
        smtp: `smtp://${LOOPBACK}:${smtp.port}`,
        dynamodb: dynamodb.endpoint,
        sqs: sqsS3.endpoint,
        sfn: sfn.endpoint,
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
