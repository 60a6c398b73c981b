import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import nodemailer from 'nodemailer';
import { type AppHandlers, loadAppHandlers } from '../infra/local/app-handlers';
import { startLocalStack } from '../infra/local/local-stack';
import { DynamoClientRepository } from '../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { DynamoTaskRepository } from '../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../shared/adapters/dynamodb/va-repository';
import { ClientSchema } from '../shared/domain/client';
import { VaSchema } from '../shared/domain/va';
import { DONE_LINK_IN_TEXT, OFFER_LINK_IN_TEXT } from '../shared/web/link-paths';
import { AWS_PRICES } from './aws-prices';
import { type Exchange, startCountingProxy } from './counting-proxy';
import { type StoredMail, storedMails } from './ses-probe';

/** What one task costs on AWS, counted on the local stack. Per task, averaged over the runs. */
export interface TaskCost {
  path: string;
  tasks: number;
  transitions: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  dynamoDbRequests: number;
  /** DynamoDB calls per task by what they touch, most first. */
  dynamoDbCalls: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  sqsRequests: number;
  s3Puts: number;
  s3Gets: number;
  sesMails: number;
  /** USD per 1,000 tasks, by service, and in all. */
  usdPerThousand: Record<'stepFunctions' | 'lambda' | 'dynamoDb' | 'sqs' | 's3' | 'ses', number> & {
    total: number;
  };
}

/** The memory the functions are given (infra/constructs/app-function.ts). */
const LAMBDA_GB = 0.5;

interface Tally {
  transitions: number;
  invocations: number;
  lambdaMs: number;
  dynamo: number;
  read: number;
  write: number;
  sqs: number;
  s3Puts: number;
  s3Gets: number;
  ses: number;
  /** DynamoDB calls by what they touch. */
  calls: Map<string, number>;
}
const emptyTally = (): Tally => ({
  transitions: 0,
  invocations: 0,
  lambdaMs: 0,
  dynamo: 0,
  read: 0,
  write: 0,
  sqs: 0,
  s3Puts: 0,
  s3Gets: 0,
  ses: 0,
  calls: new Map(),
});

/** DynamoDB Local reports what each call consumed when asked; the proxy asks on every call. */
const askForCapacity = (_operation: string, body: Buffer) => {
  try {
    const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    if (!('TableName' in json) && !('TransactItems' in json) && !('RequestItems' in json)) return body;
    return Buffer.from(JSON.stringify({ ...json, ReturnConsumedCapacity: 'TOTAL' }));
  } catch {
    return body;
  }
};

/** The kind of item a key names: its partition's prefix, with the sort key's where they share one. */
const kindOf = (key: Record<string, { S?: string }> | undefined) => {
  const pk = key?.PK?.S?.split('#')[0] ?? '?';
  const sk = key?.SK?.S?.split('#')[0];
  return sk && sk !== pk && pk !== 'SKILL' && pk !== 'LEDGER' ? `${pk}/${sk}` : pk;
};

/** "UpdateItem TASK/TASK", "Query SKILL", "TransactWriteItems CLIENT+TASK/TASK": what a call touches. */
const describeCall = (exchange: Exchange) => {
  const operation = exchange.operation.replace(/^DynamoDB_\d+\./, '');
  try {
    const body = JSON.parse(exchange.requestBody.toString('utf8')) as {
      Key?: Record<string, { S?: string }>;
      Item?: Record<string, { S?: string }>;
      IndexName?: string;
      ExpressionAttributeValues?: Record<string, { S?: string }>;
      TransactItems?: Array<
        Record<string, { Key?: Record<string, { S?: string }>; Item?: Record<string, { S?: string }> }>
      >;
      RequestItems?: Record<string, { Keys?: Array<Record<string, { S?: string }>> }>;
    };
    if (body.TransactItems)
      return `${operation} ${[
        ...new Set(
          body.TransactItems.map((t) => {
            const op = Object.values(t)[0];
            return kindOf(op?.Key ?? op?.Item);
          }),
        ),
      ]
        .sort()
        .join('+')}`;
    if (body.RequestItems)
      return `${operation} ${[...new Set(Object.values(body.RequestItems).flatMap((r) => (r.Keys ?? []).map(kindOf)))].join('+')}`;
    if (operation === 'Query') {
      // The partition a query reads: `:p` by the repositories' convention, else the first value.
      const values = body.ExpressionAttributeValues ?? {};
      const partition = values[':p']?.S ?? Object.values(values)[0]?.S ?? '';
      return ['Query', body.IndexName, partition.split('#')[0]].filter(Boolean).join(' ');
    }
    return `${operation} ${kindOf(body.Key ?? body.Item)}`;
  } catch {
    return operation;
  }
};

const addCapacity = (tally: Tally, exchange: Exchange) => {
  tally.dynamo++;
  const call = describeCall(exchange);
  tally.calls.set(call, (tally.calls.get(call) ?? 0) + 1);
  try {
    const json = JSON.parse(exchange.responseBody.toString('utf8')) as {
      ConsumedCapacity?:
        | { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number }
        | Array<{ ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number }>;
    };
    const write = /Put|Update|Delete|TransactWrite|BatchWrite/.test(exchange.operation);
    for (const c of [json.ConsumedCapacity ?? []].flat()) {
      const units = write
        ? (c.WriteCapacityUnits ?? c.CapacityUnits ?? 0)
        : (c.ReadCapacityUnits ?? c.CapacityUnits ?? 0);
      if (write) tally.write += units;
      else tally.read += units;
    }
  } catch {
    // An error answer consumed nothing worth counting.
  }
};

const VAS = 4;
const vaAddress = (n: number) => `va${n}@bench-va.example`;
const CLIENT = 'kanzlei@bench-client.example';

/** Polls the local SES for a mail to an address containing `to` that `match` accepts. */
const mailTo = async (
  sesInbox: string,
  to: string,
  match: (m: StoredMail) => boolean,
  timeoutMs = 20_000,
) => {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const emails = await storedMails(sesInbox);
    const found = emails.find((m) => m.destination.to.some((t) => t.includes(to)) && match(m));
    if (found) return found;
    if (performance.now() > deadline) throw new Error(`No mail to ${to} in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Runs tasks one at a time through the whole lifecycle on the local stack, with every SDK call
 * of the functions passing a counting proxy, and prices what they used. Calls the AWS platform
 * makes for us (SES storing inbound mail in S3, S3 notifying SQS, Lambda polling SQS) are added
 * per mail as AWS bills them.
 */
export const benchCost = async (runsPerPath = 5): Promise<TaskCost[]> => {
  let tally = emptyTally();
  const proxies: Array<{ stop(): Promise<void> }> = [];
  const stack = await startLocalStack({
    ports: { http: 0, smtp: 0, ses: 0, dynamodb: 0, sqs: 0, sfn: 0 },
    prefix: 'va-cost',
    handlers: async () => {
      const route = async (
        variable: string,
        onExchange: (e: Exchange) => void,
        rewrite?: typeof askForCapacity,
      ) => {
        const proxy = await startCountingProxy(process.env[variable] ?? '', onExchange, rewrite);
        process.env[variable] = proxy.endpoint;
        proxies.push(proxy);
      };
      await route('AWS_ENDPOINT_URL_DYNAMODB', (e) => addCapacity(tally, e), askForCapacity);
      // fauxqs serves SQS and S3 on one port; the functions reach each through its own proxy.
      await route('AWS_ENDPOINT_URL_SQS', () => tally.sqs++);
      await route('AWS_ENDPOINT_URL_S3', (e) => {
        if (e.method === 'PUT') tally.s3Puts++;
        else if (e.method === 'GET') tally.s3Gets++;
      });
      await route('AWS_ENDPOINT_URL_SESV2', (e) => {
        if (e.method === 'POST') tally.ses++;
      });
      const app = await loadAppHandlers();
      const timed =
        <E, R>(handler: (event: E, context: Context) => Promise<R>) =>
        async (event: E, context: Context) => {
          const start = performance.now();
          try {
            return await handler(event, context);
          } finally {
            tally.invocations++;
            tally.lambdaMs += performance.now() - start;
          }
        };
      return {
        httpApi: timed(app.httpApi),
        intakeEmail: timed(app.intakeEmail),
        sendStatement: timed(app.sendStatement),
        invokable: Object.fromEntries(Object.entries(app.invokable).map(([k, h]) => [k, timed(h)])),
      } satisfies AppHandlers;
    },
  });
  const db = createDocumentClient();
  const sfn = new SFNClient({});
  const table = stack.env.TABLE_NAME ?? '';
  const tasks = new DynamoTaskRepository(db, table);
  try {
    const vas = new DynamoVaRepository(db, table);
    for (let n = 0; n < VAS; n++)
      await vas.create(
        VaSchema.parse({
          id: `va_COST${n}`,
          name: `Assistenz ${n}`,
          email: vaAddress(n),
          languages: ['de'],
          timeZone: 'Europe/Berlin',
          skills: [{ skill: 'research', level: 5 - n }],
          weeklyAvailability: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({
            day,
            start: '00:00',
            end: '24:00',
          })),
          payoutRateCents: 2500,
          createdAt: new Date().toISOString(),
        }),
      );
    await new DynamoClientRepository(db, table).create(
      ClientSchema.parse({
        id: 'cli_COST',
        contactName: 'Tom Weber',
        emails: [CLIENT],
        plan: { kind: 'hourly', hourlyRateCents: 4500 },
        createdAt: new Date().toISOString(),
      }),
    );
    const transport = nodemailer.createTransport({ url: stack.urls.smtp, ignoreTLS: true });
    const post = (path: string, form?: Record<string, string>) =>
      fetch(`${stack.urls.httpApi}${path}`, {
        method: 'POST',
        ...(form
          ? {
              body: new URLSearchParams(form),
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            }
          : {}),
      });

    /** One task from mail to bill; the first `declines` VAs asked say no. */
    const oneTask = async (n: number, declines: number) => {
      await transport.sendMail({
        from: CLIENT,
        to: 'auftrag@agency.example',
        subject: `Recherche Coworking-Spaces #${declines}.${n}#`,
        text: 'Bitte fünf Coworking-Spaces in Leipzig mit Preisen recherchieren. Ca. 2 Stunden, bis nächsten Freitag.',
      });
      let taskId = '';
      const answered = new Set<string>();
      // Every mail about a task has the same subject: the links in it say which mail it is.
      const linkOf = (m: StoredMail) => OFFER_LINK_IN_TEXT.exec(m.body.text ?? '')?.[0] ?? '';
      const doneLinkOf = (m: StoredMail) => DONE_LINK_IN_TEXT.exec(m.body.text ?? '')?.[0] ?? '';
      for (let round = 0; round <= declines; round++) {
        // Whoever ranks next gets the next offer; the first `declines` of them say no.
        const offer = await mailTo(
          stack.urls.sesInbox,
          '@bench-va.example',
          (m) => m.subject.includes(`#${declines}.${n}#`) && linkOf(m) !== '' && !answered.has(linkOf(m)),
        );
        taskId = /\[(VA-[0-9A-Z]{6})\]/.exec(offer.subject)?.[1] ?? '';
        answered.add(linkOf(offer));
        await post(`${linkOf(offer)}/${round < declines ? 'decline' : 'accept'}`);
      }
      const taskMail = await mailTo(
        stack.urls.sesInbox,
        '@bench-va.example',
        (m) => m.subject.includes(taskId) && doneLinkOf(m) !== '',
      );
      const done = doneLinkOf(taskMail);
      await post(done, { minutes: '110', note: 'Liste im Anhang.' });
      await mailTo(
        stack.urls.sesInbox,
        CLIENT,
        (m) => m.subject.includes(taskId) && Boolean(m.body.text?.includes('hat Ihren Auftrag erledigt')),
      );
      const deadline = performance.now() + 10_000;
      while ((await tasks.get(taskId))?.status !== 'BILLED' && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const executionArn = `${stack.env.STATE_MACHINE_ARN?.replace(':stateMachine:', ':execution:')}:${taskId}`;
      const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      tally.transitions += (history.events ?? []).filter((e) => e.type?.endsWith('StateEntered')).length;
    };

    const results: TaskCost[] = [];
    for (const [path, declines] of [
      ['happy path', 0],
      ['2 declines, then accepted', 2],
    ] as const) {
      await oneTask(-1, declines); // warms every handler, so no cold start skews the counts
      tally = emptyTally();
      for (let n = 0; n < runsPerPath; n++) await oneTask(n, declines);
      const per = (x: number) => x / runsPerPath;
      // Per mail, billed by AWS outside our code: SES stores it in S3 and S3 notifies SQS; Lambda
      // receives and deletes it (batched in production; counted as one of each here).
      const platform = { s3Puts: 1, sqs: 3, sesInbound: 1 };
      const row = {
        path,
        tasks: runsPerPath,
        transitions: per(tally.transitions),
        lambdaInvocations: per(tally.invocations),
        lambdaGbSeconds: (per(tally.lambdaMs) / 1000) * LAMBDA_GB,
        dynamoDbRequests: per(tally.dynamo),
        dynamoDbCalls: Object.fromEntries(
          [...tally.calls].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, per(v)]),
        ),
        readUnits: per(tally.read),
        writeUnits: per(tally.write),
        sqsRequests: per(tally.sqs) + platform.sqs,
        s3Puts: per(tally.s3Puts) + platform.s3Puts,
        s3Gets: per(tally.s3Gets),
        sesMails: per(tally.ses),
      };
      const p = AWS_PRICES.usd;
      const thousand = {
        stepFunctions: row.transitions * p.stepFunctionsStandardPerTransition,
        lambda: row.lambdaInvocations * p.lambdaPerRequest + row.lambdaGbSeconds * p.lambdaPerGbSecond,
        dynamoDb:
          row.readUnits * p.dynamoDbPerReadRequestUnit + row.writeUnits * p.dynamoDbPerWriteRequestUnit,
        sqs: row.sqsRequests * p.sqsPerRequest,
        s3: row.s3Puts * p.s3PerPut + row.s3Gets * p.s3PerGet,
        ses: row.sesMails * p.sesPerOutboundMail + platform.sesInbound * p.sesPerInboundMail,
      };
      const usdPerThousand = Object.fromEntries(
        Object.entries(thousand).map(([k, v]) => [k, v * 1000]),
      ) as Omit<TaskCost['usdPerThousand'], 'total'>;
      results.push({
        ...row,
        usdPerThousand: {
          ...usdPerThousand,
          total: Object.values(usdPerThousand).reduce((a, b) => a + b, 0),
        },
      });
    }
    transport.close();
    return results;
  } finally {
    db.destroy();
    sfn.destroy();
    await stack.stop();
    for (const proxy of proxies) await proxy.stop();
  }
};
