import { createServer } from 'node:net';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { assertPortFree, PreflightError } from '../../../infra/local/preflight';
import { createSqsClient, decodeSqsJson, sendJson } from '../../../shared/adapters/sqs/sqs-json';

const env = inject('localEnv') as Record<'TABLE_NAME' | 'BUCKET_NAME' | 'INTAKE_QUEUE_URL', string>;
const urls = inject('localUrls');

describe('local stack', () => {
  const ddb = new DynamoDBClient({});
  const sqs = createSqsClient();
  const s3 = new S3Client({ forcePathStyle: true });
  afterAll(() => {
    for (const c of [ddb, sqs, s3]) c.destroy();
  });

  it('creates the table from the shared definition: keys, both GSIs, TTL', async () => {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: env.TABLE_NAME }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['GSI1', 'GSI2']);
    const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: env.TABLE_NAME }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' });
  });

  it('gives the intake queue a dead-letter queue after 5 receives', async () => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: env.INTAKE_QUEUE_URL,
        AttributeNames: ['RedrivePolicy', 'VisibilityTimeout'],
      }),
    );
    const redrive = JSON.parse(Attributes?.RedrivePolicy ?? '{}');
    expect(redrive.deadLetterTargetArn).toMatch(/:va-test-intake-dlq$/);
    expect(Number(redrive.maxReceiveCount)).toBe(5);
    expect(Attributes?.VisibilityTimeout).toBe('180');
  });

  it('carries emoji through fauxqs with the JSON codec, which raw bodies cannot', async () => {
    // A queue of its own: the intake queue has a consumer in the local stack.
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'emoji-test' }));
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'Danke 🙏' })),
    ).rejects.toThrowError(/Invalid characters/);

    await sendJson(sqs, QueueUrl ?? '', { subject: 'Danke 🙏 – Grüße aus Köln 🌧️' });
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(out.Messages?.map((m) => decodeSqsJson(m.Body ?? ''))).toEqual([
      { subject: 'Danke 🙏 – Grüße aus Köln 🌧️' },
    ]);
  });

  it('stores mail delivered over SMTP in S3, byte for byte', async () => {
    const transport = nodemailer.createTransport({ url: urls.smtp, ignoreTLS: true });
    const info = await transport.sendMail({
      from: 'Jürgen Müller <juergen@firma.example>',
      to: 'auftrag@agency.example',
      subject: 'Bitte Reisebuchung für München 🚆',
      text: 'Hallo, bitte bis Freitag 12 Uhr buchen. Grüße',
    });
    transport.close();
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: env.BUCKET_NAME, Prefix: 'raw/' }));
    const bodies = await Promise.all(
      (listed.Contents ?? []).map(
        async (o) =>
          (await (
            await s3.send(new GetObjectCommand({ Bucket: env.BUCKET_NAME, Key: o.Key }))
          ).Body?.transformToString()) ?? '',
      ),
    );
    const stored = bodies.find((b) => b.includes(info.messageId));
    expect(stored).toContain('Subject: =?UTF-8?');
    expect(stored).toContain('Reisebuchung');
  });

  it('serves the HTTP API through the Lambda handler', async () => {
    const health = await fetch(`${urls.httpApi}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const missing = await fetch(`${urls.httpApi}/nope`);
    expect(missing.status).toBe(404);
  });

  it('binds every server to 127.0.0.1', () => {
    for (const url of Object.values(urls)) expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  it('fails fast with the env variable to change when a port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const address = squatter.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const attempt = assertPortFree(port, 'http', 'VA_HTTP_PORT');
      await expect(attempt).rejects.toThrowError(PreflightError);
      await expect(assertPortFree(port, 'http', 'VA_HTTP_PORT')).rejects.toThrowError(
        `Port ${port} for http is taken by another program. Stop it or choose another port: VA_HTTP_PORT=<port> npm start`,
      );
    } finally {
      squatter.close();
    }
  });
});
