import { randomBytes, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoErasureStore } from '../../../shared/adapters/dynamodb/erasure-store';
import {
  DynamoIntakeLog,
  DynamoTaskThread,
  DynamoThreadIndex,
} from '../../../shared/adapters/dynamodb/intake-repository';
import { dedupeKey, outboxKey } from '../../../shared/adapters/dynamodb/keys';
import { DynamoLinkRepository } from '../../../shared/adapters/dynamodb/link-repository';
import { DynamoOfferRepository } from '../../../shared/adapters/dynamodb/offer-repository';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { ERASED } from '../../../shared/domain/privacy/erasure';
import { ConflictError } from '../../../shared/errors';
import { sha256Hex } from '../../../shared/hash';
import { runStatements, type StatementDeps } from '../../../shared/use-cases/billing/run-statements';
import { settleTask } from '../../../shared/use-cases/billing/settle-task';
import { type IntakeDeps, processInboundMail } from '../../../shared/use-cases/intake-email';
import { type EraseDeps, eraseClient } from '../../../shared/use-cases/privacy/erase-client';
import { exportClient } from '../../../shared/use-cases/privacy/export-client';
import { aClient, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { RecordingWorkflow } from '../../support/recording-workflow';

/** Art. 17 GDPR on the real table and bucket: personal data goes, invoices stay, blocked. */
describe('client erase', () => {
  const domain = `erase-${randomUUID().slice(0, 8)}.example`;
  const address = `karin@${domain}`;
  const formToken = 'f'.repeat(32);
  let clock = new Date('2026-11-10T09:00:00Z');
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let deps: StatementDeps & IntakeDeps & EraseDeps;
  let taskId = '';
  let rawKey = '';

  const mailFrom = async (from: string, subject: string, text: string, attachment = false) => {
    const key = `raw/test/${randomUUID()}`;
    const boundary = 'b0undary';
    const body = attachment
      ? `Content-Type: multipart/mixed; boundary=${boundary}\r\n\r\n--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--${boundary}\r\nContent-Type: application/pdf; name=vertrag.pdf\r\nContent-Disposition: attachment; filename=vertrag.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--${boundary}--\r\n`
      : `Content-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
    const raw = `From: Karin Sommer <${from}>\r\nTo: auftrag@agency.example\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@${domain}>\r\nMIME-Version: 1.0\r\n${body}`;
    await deps.blobs.put(key, Buffer.from(raw), 'message/rfc822');
    return { key, result: await processInboundMail(key, deps) };
  };

  const item = async (key: { PK: string; SK: string }) =>
    (await table.db.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true })))
      .Item;

  beforeAll(async () => {
    table = await createTestTable();
    const { db, tableName } = table;
    const statementDeps = createStatementDeps(
      loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }),
      { runtime: { now: () => clock, randomBytes: (n) => randomBytes(n) } },
    );
    deps = {
      ...statementDeps,
      log: new DynamoIntakeLog(db, tableName),
      threads: new DynamoThreadIndex(db, tableName),
      thread: new DynamoTaskThread(db, tableName),
      links: new DynamoLinkRepository(db, tableName),
      offers: new DynamoOfferRepository(db, tableName),
      workflow: new RecordingWorkflow(),
      erasure: new DynamoErasureStore(db, tableName),
      runtime: { now: () => clock, randomBytes: (n) => randomBytes(n) },
      config: {
        ...statementDeps.config,
        maxAttachmentBytes: 1_000_000,
        operatorEmail: 'operator@agency.example',
        operatorLanguage: 'de',
        publicBaseUrl: 'https://api.agency.example',
      },
    };
    await deps.vas.create(aVa({ id: 'va_ERASE' }));
    await deps.clients.create(
      aClient({
        id: 'cli_ERASE',
        contactName: 'Karin Sommer',
        company: 'Bäckerei Sommer GmbH',
        emails: [address, `buchhaltung@${domain}`],
        address: { street: 'Hauptstraße 1', postalCode: '04109', city: 'Leipzig', country: 'DE' },
      }),
    );
    await deps.clients.setFormToken('cli_ERASE', sha256Hex(formToken));
    const mail = await mailFrom(
      address,
      'Reise für Herrn Müller buchen',
      'Bitte Zug und Hotel nach Hamburg für Herrn Müller buchen, bis Freitag 12 Uhr, ca. 1 Stunde.',
      true,
    );
    rawKey = mail.key;
    taskId = mail.result.taskId ?? '';
  });

  it('is refused while work is open, and while billed work is not invoiced', async () => {
    await expect(eraseClient('cli_ERASE', deps)).rejects.toThrow(/is ROUTING: finish or cancel it first/);
    const at = clock.toISOString();
    await deps.tasks.transition(taskId, 'ROUTING', 'OFFERED', at);
    await deps.tasks.transition(taskId, 'OFFERED', 'ASSIGNED', at, {
      assignedVaId: 'va_ERASE',
      assignedAt: at,
    });
    await deps.tasks.transition(taskId, 'ASSIGNED', 'COMPLETED', at, {
      workedMinutes: 60,
      completedAt: at,
      completionNote: 'Herr Müller hat zugestimmt',
    });
    await settleTask(taskId, { ...deps, config: {} });
    await expect(eraseClient('cli_ERASE', deps)).rejects.toThrow(ConflictError);
    await expect(eraseClient('cli_ERASE', deps)).rejects.toThrow(/2026-11 is billed but not yet invoiced/);
    clock = new Date('2026-12-01T05:00:00Z');
    expect((await runStatements('2026-11', deps, { clientId: 'cli_ERASE' }))[0]).toMatchObject({
      kind: 'sent',
    });
  });

  it('shows what it would erase, and a dry run changes nothing', async () => {
    const report = await eraseClient('cli_ERASE', deps, { dryRun: true });
    expect(report).toMatchObject({
      dryRun: true,
      tasks: 1,
      messages: 1,
      kept: [{ period: '2026-11', retainUntil: '2034-12-31' }],
    });
    expect(report.files).toEqual([expect.stringMatching(/^attachments\/.*vertrag\.pdf$/), rawKey]);
    expect(await deps.blobs.get(rawKey)).toBeDefined();
    expect((await deps.clients.get('cli_ERASE'))?.erasedAt).toBeUndefined();
  });

  it('erases mails, briefs, files and contact details, and keeps the invoice blocked for 8 years', async () => {
    clock = new Date('2026-12-02T10:00:00Z');
    const before = await deps.settlements.postings('receivable:cli_ERASE', '2026-11');
    const [mail] = await deps.thread.list(taskId);
    const report = await eraseClient('cli_ERASE', deps);
    for (const key of report.files) expect(await deps.blobs.get(key)).toBeUndefined();
    expect(await deps.thread.list(taskId)).toEqual([]);
    expect(await deps.tasks.get(taskId)).toMatchObject({
      title: ERASED,
      description: '',
      status: 'BILLED',
      workedMinutes: 60,
    });
    expect((await deps.tasks.get(taskId))?.completionNote).toBeUndefined();
    expect(await item(dedupeKey(mail?.id ?? ''))).toMatchObject({ from: ERASED, subject: ERASED, taskId });
    expect(await item(outboxKey(`ack:${taskId}`))).toMatchObject({
      to: ERASED,
      subject: ERASED,
      state: 'sent',
    });
    // The contact details are gone; the addresses and the form link no longer lead to anyone.
    expect(await deps.clients.get('cli_ERASE')).toMatchObject({
      contactName: ERASED,
      emails: ['erased-cli_erase@erased.invalid'],
      erasedAt: '2026-12-02T10:00:00.000Z',
    });
    expect((await deps.clients.get('cli_ERASE'))?.company).toBeUndefined();
    expect(await deps.clients.findBySender(address)).toBeUndefined();
    expect(await deps.clients.findBySender(`buchhaltung@${domain}`)).toBeUndefined();
    expect(await deps.clients.findByFormToken(sha256Hex(formToken))).toBeUndefined();
    // What tax law keeps: the invoice, its documents and the ledger, blocked until the end of 2034.
    const [statement] = await deps.statements.listByClient('cli_ERASE');
    expect(statement).toMatchObject({
      status: 'sent',
      invoice: { buyer: { company: 'Bäckerei Sommer GmbH' } },
      blocked: { since: '2026-12-02T10:00:00.000Z', retainUntil: '2034-12-31' },
    });
    expect(await deps.blobs.get(statement?.pdfKey ?? '')).toBeDefined();
    expect(await deps.settlements.postings('receivable:cli_ERASE', '2026-11')).toEqual(before);
    // The right of access now returns what is left, and nothing that was erased.
    const { statements, ...rest } = await exportClient('cli_ERASE', deps);
    expect(JSON.stringify(rest)).not.toMatch(/Müller|Hamburg|Sommer|karin@|buchhaltung@|vertrag\.pdf/);
    expect(statements).toHaveLength(1);
  });

  it('treats later mail from the old address as a stranger, bills nothing more, and runs again harmlessly', async () => {
    const later = await mailFrom(address, 'Noch etwas', 'Bitte Termine für Januar planen, bis Montag.');
    expect(later.result).toMatchObject({ outcome: 'unknown-sender' });
    expect(later.result.taskId).toBeUndefined();
    clock = new Date('2027-01-01T05:00:00Z');
    expect(await runStatements('2026-12', deps, { clientId: 'cli_ERASE' })).toEqual([
      { clientId: 'cli_ERASE', kind: 'nothing-to-bill' },
    ]);
    expect(await eraseClient('cli_ERASE', deps)).toMatchObject({ alreadyErased: true, dryRun: true });
  });
});
