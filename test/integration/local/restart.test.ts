import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAppHandlers } from '../../../infra/local/app-handlers';
import { startLocalStack } from '../../../infra/local/local-stack';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/document-client';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../../../shared/adapters/dynamodb/va-repository';
import { aClient, aVa } from '../../support/builders';
import { eventually } from '../../support/mail';

const ANY_PORTS = { http: 0, smtp: 0, ses: 0, dynamodb: 0, sqs: 0, sfn: 0 };
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Each start points the SDK at its own stack, so clients are built per stack. */
const vasOf = (env: Record<string, string>) =>
  new DynamoVaRepository(
    createDocumentClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION }),
    env.TABLE_NAME ?? '',
  );

describe('local stack restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'va-router-restart-'));
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps data across a clean stop and start', async () => {
    const first = await startLocalStack({ ports: ANY_PORTS, dataDir, prefix: 'persist' });
    await vasOf(first.env).create(aVa({ id: 'va_KEEP', email: 'keep@va.example' }));
    await first.stop();

    const second = await startLocalStack({ ports: ANY_PORTS, dataDir, prefix: 'persist' });
    try {
      expect((await vasOf(second.env).get('va_KEEP'))?.email).toBe('keep@va.example');
    } finally {
      await second.stop();
    }
    expect(existsSync(join(dataDir, 'dynamodb-local.pid'))).toBe(false);
  });

  it('processes after a restart the mail that was stored but not yet processed', async () => {
    // First run: only the emulators, so the mail is stored and queued but nobody consumes it.
    const first = await startLocalStack({ ports: ANY_PORTS, dataDir, prefix: 'replay' });
    const clients = new DynamoClientRepository(
      createDocumentClient({ endpoint: first.env.AWS_ENDPOINT_URL_DYNAMODB, region: first.env.AWS_REGION }),
      first.env.TABLE_NAME ?? '',
    );
    await clients.create(aClient({ id: 'cli_REPLAY', emails: ['replay@firma.example'] }));
    const transport = nodemailer.createTransport({ url: first.urls.smtp, ignoreTLS: true });
    await transport.sendMail({
      from: 'replay@firma.example',
      to: 'auftrag@agency.example',
      subject: 'Recherche Druckereien',
      text: 'Bitte drei Druckereien vergleichen, bis Freitag.',
    });
    transport.close();
    await first.stop();

    const logs: string[] = [];
    const second = await startLocalStack({
      ports: ANY_PORTS,
      dataDir,
      prefix: 'replay',
      handlers: loadAppHandlers,
      log: (m) => logs.push(m),
    });
    try {
      const tasks = new DynamoTaskRepository(
        createDocumentClient({
          endpoint: second.env.AWS_ENDPOINT_URL_DYNAMODB,
          region: second.env.AWS_REGION,
        }),
        second.env.TABLE_NAME ?? '',
      );
      const created = await eventually(async () => (await tasks.listByClient('cli_REPLAY')).items[0]);
      expect(created).toMatchObject({ title: 'Recherche Druckereien', source: 'email' });
      expect(logs).toContain('Handed 1 stored mails to intake again (already processed ones are skipped).');
    } finally {
      await second.stop();
    }
  });

  it('after a hard kill, the next start stops the orphaned DynamoDB Local first', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
      env: {
        ...saved,
        VA_DATA_DIR: dataDir,
        VA_HTTP_PORT: '0',
        VA_SMTP_PORT: '0',
        VA_SES_PORT: '0',
        VA_DYNAMODB_PORT: '0',
        VA_SQS_PORT: '0',
        VA_SFN_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    for (let i = 0; i < 300 && !output.includes('is running locally'); i++) await sleep(100);
    expect(output).toContain('is running locally');
    const orphan = Number(readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8'));
    child.kill('SIGKILL');
    await sleep(300);
    expect(isAlive(orphan)).toBe(true);

    const logs: string[] = [];
    const next = await startLocalStack({ ports: ANY_PORTS, dataDir, log: (m) => logs.push(m) });
    try {
      expect(isAlive(orphan)).toBe(false);
      expect(logs).toContain('Stopped a DynamoDB Local left over from an earlier run.');
    } finally {
      await next.stop();
    }
  });
});
