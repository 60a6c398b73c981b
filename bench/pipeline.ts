import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import nodemailer from 'nodemailer';
import { DEMO_VAS } from '../cli/demo-roster';
import { type AppHandlers, loadAppHandlers } from '../infra/local/app-handlers';
import { startLocalStack } from '../infra/local/local-stack';
import { DynamoClientRepository } from '../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { dedupeKey } from '../shared/adapters/dynamodb/keys';
import { DynamoVaRepository } from '../shared/adapters/dynamodb/va-repository';
import { ClientSchema } from '../shared/domain/client';
import { VaSchema } from '../shared/domain/va';
import { intakeRecordId } from '../shared/use-cases/intake-email';
import { OFFER_LINK_IN_TEXT } from '../shared/web/link-paths';
import { percentile } from './matching';
import { startSesProbe, storedMails } from './ses-probe';

export interface PipelineFigures {
  mails: number;
  concurrency: number;
  /** Mails that reached their end (an offer, or the floor's echo) within the time allowed. */
  completed: number;
  tasksPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const CLIENTS = 20;
const clientAddress = (n: number) => `kunde${n}@bench-client.example`;
const messageIdOf = (run: string, i: number) => `bench-${run}-${i}@bench-client.example`;

/**
 * Sends `mails` over SMTP, `concurrency` at a time, mail i not before `i * intervalMs` (0: as fast
 * as they are taken); resolves with when each one was accepted.
 */
const sendMails = async (
  smtpUrl: string,
  run: string,
  mails: number,
  concurrency: number,
  intervalMs = 0,
) => {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    ignoreTLS: true,
    pool: true,
    maxConnections: concurrency,
  });
  const acceptedAt = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < mails) {
      const i = next++;
      const due = started + i * intervalMs - performance.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      await transport.sendMail({
        from: clientAddress(i % CLIENTS),
        to: 'auftrag@agency.example',
        subject: `Reise nach Hamburg buchen (${i})`,
        text: 'Bitte Zug und Hotel nach Hamburg buchen, bis Freitag 12 Uhr. Ca. 1 Stunde.',
        messageId: `<${messageIdOf(run, i)}>`,
      });
      acceptedAt.set(messageIdOf(run, i), performance.now());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  transport.close();
  return { acceptedAt, started };
};

const figures = (
  mails: number,
  concurrency: number,
  started: number,
  latencies: number[],
  lastAt: number,
): PipelineFigures => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    mails,
    concurrency,
    completed: sorted.length,
    tasksPerSecond: sorted.length / ((lastAt - started) / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
};

/**
 * The floor: the same mails through SMTP -> S3 -> SQS -> a function that only reads the stored
 * mail and sends one SES mail. What the local emulators cost before va-router does anything.
 */
const floorHandlers = async (): Promise<AppHandlers> => {
  const s3 = new S3Client({ forcePathStyle: true });
  const ses = new SESv2Client({});
  const nothing = async () => undefined;
  return {
    httpApi: async () => ({ statusCode: 404, body: '' }),
    sendStatement: nothing,
    invokable: {},
    intakeEmail: async (event: SQSEvent) => {
      for (const record of event.Records) {
        const s3Event = JSON.parse(record.body) as {
          Records: Array<{ s3: { bucket: { name: string }; object: { key: string } } }>;
        };
        for (const { s3: ref } of s3Event.Records) {
          const object = await s3.send(
            new GetObjectCommand({ Bucket: ref.bucket.name, Key: ref.object.key }),
          );
          const raw = (await object.Body?.transformToString()) ?? '';
          const messageId = /^Message-ID:\s*<([^>]+)>/im.exec(raw)?.[1] ?? '';
          await ses.send(
            new SendEmailCommand({
              FromEmailAddress: 'auftrag@agency.example',
              Destination: { ToAddresses: ['floor@bench.example'] },
              Content: { Simple: { Subject: { Data: messageId }, Body: { Text: { Data: 'floor' } } } },
            }),
          );
        }
      }
      return { batchItemFailures: [] };
    },
  };
};

/**
 * One run on a fresh in-memory local stack. `real`: the whole agency, from a mail to the offer mail
 * to a VA; otherwise the floor. The probe timestamps each mail as it reaches SES.
 */
const runOnce = async (
  real: boolean,
  mails: number,
  concurrency: number,
  timeoutMs: number,
  warmup: number,
  light?: { mails: number; intervalMs: number },
) => {
  let probe: Awaited<ReturnType<typeof startSesProbe>> | undefined;
  const stack = await startLocalStack({
    ports: { http: 0, smtp: 0, ses: 0, dynamodb: 0, sqs: 0, sfn: 0 },
    prefix: real ? 'va-bench' : 'va-floor',
    handlers: async () => {
      probe = await startSesProbe(process.env.AWS_ENDPOINT_URL_SESV2 ?? '');
      process.env.AWS_ENDPOINT_URL_SESV2 = probe.endpoint;
      return real ? loadAppHandlers() : floorHandlers();
    },
  });
  const db = createDocumentClient();
  try {
    const table = stack.env.TABLE_NAME ?? '';
    if (real) {
      const clients = new DynamoClientRepository(db, table);
      const vas = new DynamoVaRepository(db, table);
      for (const va of DEMO_VAS)
        await vas.create(VaSchema.parse({ ...va, createdAt: new Date().toISOString() }));
      for (let n = 0; n < CLIENTS; n++)
        await clients.create(
          ClientSchema.parse({
            id: `cli_BENCH${n}`,
            contactName: `Kunde ${n}`,
            emails: [clientAddress(n)],
            plan: { kind: 'hourly', hourlyRateCents: 4500 },
            createdAt: new Date().toISOString(),
          }),
        );
    }
    const sentAt = probe?.sentAt ?? new Map<string, number>();
    // Which task each mail became (the real run), found once through the intake log.
    const taskOf = new Map<string, string>();
    /** Sends `count` mails as `run` and waits for their ends: one offer per task, or the floor's echo. */
    const phase = async (run: string, count: number, paced?: { intervalMs: number }) => {
      const { acceptedAt, started } = await sendMails(
        stack.urls.smtp,
        run,
        count,
        paced ? 1 : concurrency,
        paced?.intervalMs,
      );
      const latencies: number[] = [];
      let lastAt = started;
      const measure = async () => {
        latencies.length = 0;
        lastAt = started;
        const byId = new Map((await storedMails(stack.urls.sesInbox)).map((m) => [m.messageId, m]));
        const offerAt = new Map<string, number>();
        for (const [sesId, at] of sentAt) {
          const mail = byId.get(sesId);
          const subject = mail?.subject ?? '';
          if (!real) offerAt.set(subject, at);
          // An offer is the mail with an offer link; every mail about a task has the same subject.
          else if (OFFER_LINK_IN_TEXT.test(mail?.body.text ?? '')) {
            const taskId = /^\[([^\]]+)\]/.exec(subject)?.[1];
            if (taskId && !offerAt.has(taskId)) offerAt.set(taskId, at);
          }
        }
        for (let i = 0; i < count; i++) {
          const id = messageIdOf(run, i);
          if (real && !taskOf.has(id)) {
            const record = await db.send(
              new GetCommand({
                TableName: table,
                Key: dedupeKey(intakeRecordId({ messageId: id, contentHash: '' })),
              }),
            );
            if (record.Item?.taskId) taskOf.set(id, String(record.Item.taskId));
          }
          const key = real ? taskOf.get(id) : id;
          const end = key ? offerAt.get(key) : undefined;
          const accepted = acceptedAt.get(id);
          if (end === undefined || accepted === undefined) continue;
          latencies.push(end - accepted);
          lastAt = Math.max(lastAt, end);
        }
      };
      const deadline = performance.now() + timeoutMs;
      do {
        await measure();
        if (latencies.length >= count) break;
        await new Promise((r) => setTimeout(r, 500));
      } while (performance.now() < deadline);
      return { started, latencies, lastAt };
    };
    // First a few mails that are not measured: the emulators' JVMs and Node's JIT warm up, as a
    // running agency's would be (DynamoDB Local answers in 7 ms cold and 2 ms warm).
    if (warmup > 0) await phase(real ? 'real-warm' : 'floor-warm', warmup);
    // Light load first, on a warm and still empty stack: one mail at a time, spaced, as an agency's
    // inbox gets them. What a client waits for, without the queue the load test builds.
    const calm = light ? await phase(real ? 'real-light' : 'floor-light', light.mails, light) : undefined;
    const { started, latencies, lastAt } = await phase(real ? 'real' : 'floor', mails);
    return {
      loaded: figures(mails, concurrency, started, latencies, lastAt),
      light: calm && light ? figures(light.mails, 1, calm.started, calm.latencies, calm.lastAt) : undefined,
    };
  } finally {
    db.destroy();
    await stack.stop();
    await probe?.stop();
  }
};

/** Mails in, offers out, on the local stack; and beside it the floor of the same mails. */
export const benchPipeline = async (
  options: {
    mails?: number;
    concurrency?: number;
    timeoutMs?: number;
    warmup?: number;
    /** Mails sent one at a time, 400 ms apart, before the load test. */
    lightMails?: number;
  } = {},
) => {
  const mails = options.mails ?? 500;
  const concurrency = options.concurrency ?? 8;
  const timeoutMs = options.timeoutMs ?? 150_000;
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  // 50 mails warm the JIT and the connections; a short smoke run warms with as many as it measures.
  const warmup = options.warmup ?? Math.min(50, mails);
  const light = { mails: options.lightMails ?? 30, intervalMs: 400 };
  const floor = await runOnce(false, mails, concurrency, timeoutMs, warmup, light);
  const pipeline = await runOnce(true, mails, concurrency, timeoutMs, warmup, light);
  return {
    pipeline: pipeline.loaded,
    floor: floor.loaded,
    lightPipeline: pipeline.light,
    lightFloor: floor.light,
  };
};
