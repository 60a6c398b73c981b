import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { localResourceNames } from '../definitions/local-resources';
import { stopStaleProcess } from './child-process-group';
import { startDynamoDbLocal } from './dynamodb-local';
import type { HttpApiHandler } from './http-api';
import { startHttpApi } from './http-api';
import { LOCAL_PORT_DEFAULTS, LOOPBACK, type LocalPorts } from './ports';
import { assertPortFree, findFreePort } from './preflight';
import { ensureBucket, ensureQueues, ensureTable } from './provision';
import { S3DiskMirror } from './s3-disk-mirror';
import { startSes } from './ses-local';
import { type InboundMail, startSmtpInbox } from './smtp-inbox';
import { startSqsS3 } from './sqs-s3-local';

export const LOCAL_REGION = 'eu-central-1';

export interface LocalStackOptions {
  ports: LocalPorts;
  /** Where data persists across restarts; omit for a throw-away in-memory stack (tests). */
  dataDir?: string;
  /** Resource name prefix, so several stacks can share emulators (tests isolate by it). */
  prefix?: string;
  /** Loads the HTTP API handler once the SDK environment is set (handlers read it at import). */
  httpHandler?: () => Promise<HttpApiHandler>;
  log?: (message: string) => void;
}

export interface LocalStack {
  /** The variables that point the AWS SDK and the handlers at this stack. */
  env: Record<string, string>;
  urls: { httpApi: string; sesInbox: string; smtp: string; dynamodb: string; sqs: string };
  resources: ReturnType<typeof localResourceNames>;
  stop(): Promise<void>;
}

/** Dummy credentials: the emulators accept any, and the SDK insists on having some. */
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const log = options.log ?? (() => undefined);
  const resources = localResourceNames(options.prefix);
  const stops: Array<() => Promise<void>> = [];
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
    await ensureBucket(s3, resources.bucketName);
    if (options.dataDir) {
      const mirror = new S3DiskMirror(s3, join(options.dataDir, 's3'), (e) =>
        log(`S3 mirror failed: ${String(e)}`),
      );
      const restored = await mirror.restore([resources.bucketName]);
      if (restored) log(`Restored ${restored} stored objects.`);
      mirror.attach(sqsS3);
      stops.push(() => mirror.flush());
    }

    // Inbound mail lands in S3 exactly as SES would put it; the intake feature consumes it from there.
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

    Object.assign(process.env, env);
    const handler = options.httpHandler ? await options.httpHandler() : undefined;
    const api = await startHttpApi({
      port: options.ports.http,
      handler: handler ?? (async () => ({ statusCode: 404, body: 'Not found' })),
      onError: (e) => log(`HTTP API: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    });
    stops.push(api.stop);
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
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
