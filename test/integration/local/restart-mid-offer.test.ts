import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAppHandlers } from '../../../infra/local/app-handlers';
import { type LocalStack, startLocalStack } from '../../../infra/local/local-stack';
import type { LocalPorts } from '../../../infra/local/ports';
import { findFreePort } from '../../../infra/local/preflight';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/document-client';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../../../shared/adapters/dynamodb/va-repository';
import { DONE_LINK_IN_TEXT, OFFER_LINK_IN_TEXT } from '../../../shared/web/link-paths';
import { aClient, aVa } from '../../support/builders';
import { eventually, type SentMail, saying } from '../../support/mail';

const mailsTo = async (stack: LocalStack, address: string) => {
  const store = (await (await fetch(`${stack.urls.sesInbox}/store`)).json()) as { emails: SentMail[] };
  return store.emails.filter((m) => m.destination.to.some((to) => to.includes(address)));
};
const linkOf = (mail: SentMail | undefined, pattern: RegExp) =>
  pattern.exec(mail?.body.text ?? '')?.[0] ?? '';
const post = async (stack: LocalStack, path: string, form?: Record<string, string>) => {
  const response = await fetch(`${stack.urls.httpApi}${path}`, {
    method: 'POST',
    ...(form
      ? { body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : {}),
  });
  return /<h1>(.*?)<\/h1>/.exec(await response.text())?.[1];
};

/**
 * `npm start` stopped while an offer waits: the workflow is in the journal on disk, the link in the
 * VA's mail still works after the next start, and the task runs to its end.
 */
describe('a restart while an offer waits', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'va-router-midoffer-'));
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the offer link working and completes the task', async () => {
    // The same ports both times: the handlers, loaded once per test file, keep their endpoints.
    const ports: LocalPorts = {
      http: await findFreePort(),
      smtp: await findFreePort(),
      ses: await findFreePort(),
      dynamodb: await findFreePort(),
      sqs: await findFreePort(),
      sfn: await findFreePort(),
    };
    const start = (log?: (m: string) => void) =>
      startLocalStack({ ports, dataDir, prefix: 'midoffer', handlers: loadAppHandlers, log });

    const first = await start();
    const db = createDocumentClient({
      endpoint: first.env.AWS_ENDPOINT_URL_DYNAMODB,
      region: first.env.AWS_REGION,
    });
    const table = first.env.TABLE_NAME ?? '';
    await new DynamoVaRepository(db, table).create(
      aVa({
        id: 'va_MIDOFFER',
        email: 'mid@va.example',
        skills: [{ skill: 'travel', level: 4 }],
        weeklyAvailability: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({
          day: day as 'mon',
          start: '00:00',
          end: '24:00',
        })),
      }),
    );
    await new DynamoClientRepository(db, table).create(
      aClient({ id: 'cli_MIDOFFER', emails: ['mid@firma.example'] }),
    );
    const transport = nodemailer.createTransport({ url: first.urls.smtp, ignoreTLS: true });
    await transport.sendMail({
      from: 'mid@firma.example',
      to: 'auftrag@agency.example',
      subject: 'Bahnreise nach Köln buchen',
      text: 'Bitte buchen Sie mir eine Bahnreise nach Köln, ca. 30 Minuten Aufwand, bis in zwei Wochen.',
    });
    transport.close();
    const offer = await eventually(async () => (await mailsTo(first, 'mid@va.example'))[0]);
    const offerLink = linkOf(offer, OFFER_LINK_IN_TEXT);
    const taskId = /\[(VA-[0-9A-Z]{6})\]/.exec(offer.subject)?.[1] ?? '';
    await first.stop();

    const logs: string[] = [];
    const second = await start((m) => logs.push(m));
    const sfn = new SFNClient({ endpoint: second.urls.sfn });
    try {
      expect(logs).toContain('Resumed 1 running workflows.');
      expect(await post(second, `${offerLink}/accept`)).toBe('Der Auftrag gehört Ihnen');
      const assigned = await eventually(
        async () => saying(await mailsTo(second, 'mid@va.example'), 'der Auftrag gehört Ihnen')[0],
      );
      expect(await post(second, linkOf(assigned, DONE_LINK_IN_TEXT), { minutes: '30' })).toBe(
        'Erledigt, danke!',
      );
      const tasks = new DynamoTaskRepository(db, table);
      await eventually(async () => (await tasks.get(taskId))?.status === 'BILLED');
      const executionArn = `${second.env.STATE_MACHINE_ARN?.replace(':stateMachine:', ':execution:')}:${taskId}`;
      const execution = await eventually(async () => {
        const out = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        return out.status === 'SUCCEEDED' && out;
      });
      expect(execution.name).toBe(taskId);
    } finally {
      sfn.destroy();
      db.destroy();
      await second.stop();
    }
  }, 90_000);
});
