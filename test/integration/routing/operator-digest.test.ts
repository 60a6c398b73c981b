import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { DynamoThreadIndex } from '../../../shared/adapters/dynamodb/intake-repository';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox';
import { DynamoStatementStore } from '../../../shared/adapters/dynamodb/statement-store';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { S3BlobStore } from '../../../shared/adapters/s3/s3-blob-store';
import { SesMailer } from '../../../shared/adapters/ses/ses-mailer';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { recordPayment } from '../../../shared/use-cases/billing/payments';
import { runStatements } from '../../../shared/use-cases/billing/run-statements';
import { sendOperatorDigest } from '../../../shared/use-cases/operator-digest';
import { settledTask } from '../../support/billing';
import { aClient, aTask, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { sentTo } from '../../support/mail';

const HOUR = 3_600_000;

/** The operator's morning digest, from a real table through the local SES. */
describe("the operator's morning digest", () => {
  /** The digest's adapters on a table, with the operator's own address and a fixed clock. */
  const digestDeps = (
    db: DynamoDBDocumentClient,
    tableName: string,
    now: Date,
    operatorEmail: string,
    remindAfterDays = 0,
  ) => {
    const clock = () => now;
    return {
      tasks: new DynamoTaskRepository(db, tableName),
      clients: new DynamoClientRepository(db, tableName),
      statements: new DynamoStatementStore(db, tableName),
      outbox: new DynamoOutbox(db, tableName, new SesMailer(), clock),
      threads: new DynamoThreadIndex(db, tableName),
      blobs: new S3BlobStore(process.env.BUCKET_NAME ?? ''),
      runtime: { now: clock },
      config: {
        agencyName: 'Agentur Muster',
        senderAddress: 'Agentur Muster <auftrag@agency.example>',
        mailDomain: 'agency.example',
        operatorEmail,
        operatorLanguage: 'de' as const,
        remindAfterDays,
      },
    };
  };
  const setUp = async (now: Date) => {
    const { db, tableName } = await createTestTable();
    const operatorEmail = `ops-${randomUUID().slice(0, 8)}@agency.example`;
    return { deps: digestDeps(db, tableName, now, operatorEmail), operatorEmail };
  };
  const ago = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();
  /**
   * `count` clients (Firma 1, 2, ...) with an hour of November each, invoiced on 1 December as
   * RE-2026-000001 onwards, due on the 15th.
   */
  const invoicedClients = async (tableName: string, name: string, count: number) => {
    const billing = createStatementDeps(
      loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }),
      { runtime: { now: () => new Date('2026-12-01T05:00:00Z'), randomBytes: (n) => new Uint8Array(n) } },
    );
    const tag = randomUUID().slice(0, 6);
    const address = (n: number) => `c${n}-${tag}@firma.example`;
    await billing.vas.create(aVa({ id: `va_${name}`, email: `va-${tag}@va.example` }));
    for (let n = 1; n <= count; n++) {
      await billing.clients.create(
        aClient({ id: `cli_${name}${n}`, company: `Firma ${n}`, emails: [address(n)] }),
      );
      await settledTask(billing, {
        id: `VA-${name.slice(0, 3)}${n}00`,
        clientId: `cli_${name}${n}`,
        vaId: `va_${name}`,
        minutes: 60,
        completedAt: '2026-11-10T10:00:00.000Z',
      });
    }
    await runStatements('2026-11', billing);
    return { billing, address, tag };
  };

  it('lists what needs the operator, most pressing first, once a day', async () => {
    const now = new Date('2026-12-08T07:00:00Z'); // Tuesday, 08:00 in Berlin
    const { deps, operatorEmail } = await setUp(now);
    await deps.clients.create(aClient({ id: 'cli_DIG1', company: 'Bäckerei Sommer GmbH' }));
    const task = (id: string, status: 'NEEDS_INFO' | 'UNASSIGNED' | 'ASSIGNED', hours: number, more = {}) =>
      deps.tasks.create(
        aTask({
          id,
          clientId: 'cli_DIG1',
          title: `Auftrag ${id}`,
          status,
          createdAt: ago(now, 200),
          updatedAt: ago(now, hours),
          ...more,
        }),
      );
    await task('VA-DIG001', 'NEEDS_INFO', 60);
    await task('VA-DIG002', 'UNASSIGNED', 3);
    await task('VA-DIG003', 'ASSIGNED', 40, { assignedVaId: 'va_X', deadline: ago(now, 12) });
    await task('VA-DIG004', 'NEEDS_INFO', 10);

    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 3, invoices: 0, reminded: [], sent: true });
    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 3, invoices: 0, reminded: [], sent: false });

    const mails = await sentTo(operatorEmail);
    expect(mails.map((m) => m.subject)).toEqual(['3 Aufträge brauchen Sie heute']);
    const text = mails[0]?.body.text ?? '';
    const order = ['VA-DIG002', 'VA-DIG003', 'VA-DIG001'].map((id) => text.indexOf(`[${id}]`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('[VA-DIG002] Auftrag VA-DIG002 (Bäckerei Sommer GmbH)');
    expect(text).toContain('Frist vorbei seit Montag, 7. Dezember 2026 um 20:00');
    expect(text).not.toContain('VA-DIG004');
  });

  it('mails nothing on a day when nothing needs the operator', async () => {
    const now = new Date('2026-12-09T07:00:00Z');
    const { deps, operatorEmail } = await setUp(now);
    await deps.tasks.create(aTask({ id: 'VA-DIG010', status: 'NEEDS_INFO', updatedAt: ago(now, 5) }));
    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 0, invoices: 0, reminded: [], sent: false });
    expect(await sentTo(operatorEmail)).toEqual([]);
  });

  it('lists the invoices past their due date, longest overdue first, until they are paid', async () => {
    const { db, tableName } = await createTestTable();
    const { billing } = await invoicedClients(tableName, 'DIGI', 2);
    const now = new Date('2026-12-21T07:00:00Z'); // Monday, 08:00 in Berlin
    const operatorEmail = `ops-${randomUUID().slice(0, 8)}@agency.example`;
    const paying = { ...billing, runtime: { now: () => now } };
    await recordPayment('RE-2026-000002', { amountCents: 2_000, receivedOn: '2026-12-18' }, paying);

    expect(await sendOperatorDigest(digestDeps(db, tableName, now, operatorEmail))).toEqual({
      tasks: 0,
      invoices: 2,
      reminded: [],
      sent: true,
    });
    const [mail] = await sentTo(operatorEmail);
    expect(mail?.subject).toBe('2 Rechnungen überfällig');
    const text = mail?.body.text ?? '';
    expect(text).toContain('RE-2026-000001 (Firma 1)');
    expect(text).toMatch(
      /RE-2026-000002 \(Firma 2\): [\d,]+\s€ offen, fällig seit 15\. Dezember 2026 \(6 Tage\)/,
    );
    expect(text).toContain('invoice remind <Nummer>');

    // Paid the next day: the next morning lists the other one only.
    const gross = (await billing.statements.findByNumber('RE-2026-000001'))?.invoice.grossCents ?? 0;
    await recordPayment('RE-2026-000001', { amountCents: gross, receivedOn: '2026-12-21' }, paying);
    const tomorrow = digestDeps(db, tableName, new Date('2026-12-22T07:00:00Z'), operatorEmail);
    expect(await sendOperatorDigest(tomorrow)).toEqual({ tasks: 0, invoices: 1, reminded: [], sent: true });
    const next = (await sentTo(operatorEmail)).find((m) => m.subject === '1 Rechnung überfällig');
    expect(next?.body.text).not.toContain('RE-2026-000001');
  });

  it('reminds overdue clients by itself when turned on: once a week, twice at most, never one who wrote', async () => {
    const { db, tableName } = await createTestTable();
    const { billing, address, tag } = await invoicedClients(tableName, 'AUTO', 3); // due on 15 December
    const operatorEmail = `ops-${tag}@agency.example`;
    const morning = (date: string) =>
      sendOperatorDigest(digestDeps(db, tableName, new Date(`${date}T07:00:00Z`), operatorEmail, 7));
    const remindersTo = async (n: number) =>
      (await sentTo(address(n))).filter((m) => m.subject.startsWith('Zahlungserinnerung'));

    // Six days overdue: not yet.
    expect((await morning('2026-12-21')).reminded).toEqual([]);
    // Client 2 writes about their invoice; client 3 pays.
    const second = await billing.statements.findByNumber('RE-2026-000002');
    if (second) await billing.statements.noteClientMessage(second, '2026-12-22T09:30:00.000Z');
    const third = await billing.statements.findByNumber('RE-2026-000003');
    const paying = { ...billing, runtime: { now: () => new Date('2026-12-22T10:00:00Z') } };
    await recordPayment(
      'RE-2026-000003',
      { amountCents: third?.invoice.grossCents ?? 0, receivedOn: '2026-12-22' },
      paying,
    );

    // Eight days overdue: client 1 is reminded, and a doubled schedule reminds nobody again.
    expect(await morning('2026-12-23')).toMatchObject({ invoices: 2, reminded: ['RE-2026-000001'] });
    expect((await morning('2026-12-23')).reminded).toEqual([]);
    expect(await remindersTo(1)).toHaveLength(1);
    expect(await remindersTo(2)).toEqual([]);
    expect(await remindersTo(3)).toEqual([]);
    const digest = (await sentTo(operatorEmail)).find((m) => m.body.text?.includes('heute automatisch'));
    const text = digest?.body.text ?? '';
    expect(text).toMatch(/RE-2026-000001 \(Firma 1\): .*, 1× erinnert \(heute automatisch\)/);
    expect(text).toMatch(/RE-2026-000002 \(Firma 2\): .*; Kunde schrieb am 22\. Dezember 2026/);

    // A week later the second reminder; after that, it is the operator's call.
    expect((await morning('2026-12-29')).reminded).toEqual([]);
    expect((await morning('2026-12-30')).reminded).toEqual(['RE-2026-000001']);
    expect((await morning('2027-01-13')).reminded).toEqual([]);
    expect(await remindersTo(1)).toHaveLength(2);
  });

  it('still mails the digest when a reminder fails, and says why', async () => {
    const { db, tableName } = await createTestTable();
    const { billing, tag } = await invoicedClients(tableName, 'FAIL', 1);
    const stored = await billing.statements.findByNumber('RE-2026-000001');
    await billing.blobs.delete(stored?.pdfKey ?? '');
    const operatorEmail = `ops-${tag}@agency.example`;
    const deps = digestDeps(db, tableName, new Date('2026-12-23T07:00:00Z'), operatorEmail, 7);
    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 0, invoices: 1, reminded: [], sent: true });
    const [digest] = await sentTo(operatorEmail);
    expect(digest?.body.text).toContain(
      'automatische Erinnerung fehlgeschlagen: The PDF of RE-2026-000001 is missing',
    );
  });
});
