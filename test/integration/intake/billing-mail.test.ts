import { randomUUID } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../../shared/adapters/s3/s3-blob-store';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { recordPayment, sendPaymentReminder } from '../../../shared/use-cases/billing/payments';
import { runStatements, type StatementDeps } from '../../../shared/use-cases/billing/run-statements';
import { processInboundMail } from '../../../shared/use-cases/intake-email';
import { settledTask } from '../../support/billing';
import { aClient, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { intakeDepsOn, storeInbound } from '../../support/intake-deps';
import { RecordingMailer } from '../../support/recording-mailer';

/**
 * A client answers their invoice ("already paid", "is this hour right?"): the mail goes to the
 * operator and becomes no task, so no VA works on it and nobody bills the client for asking.
 */
describe('a client writing about an invoice', () => {
  let intake: ReturnType<typeof intakeDepsOn>;
  let statements: StatementDeps;
  let mailer: RecordingMailer;
  const blobs = new S3BlobStore(process.env.BUCKET_NAME ?? '');
  const clock = new Date('2026-12-20T09:00:00Z');
  const tag = randomUUID().slice(0, 6);
  const karin = `karin-${tag}@baeckerei.example`;
  const tom = `tom-${tag}@kanzlei.example`;

  beforeAll(async () => {
    const table = await createTestTable();
    mailer = new RecordingMailer();
    intake = intakeDepsOn(table, { blobs, mailer, now: () => clock });
    statements = createStatementDeps(
      loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: table.tableName }),
      { runtime: { now: () => new Date('2026-12-01T05:00:00Z'), randomBytes: (n) => new Uint8Array(n) } },
    );
    await statements.vas.create(aVa({ id: 'va_BILL', email: `va-${tag}@va.example` }));
    for (const [clientId, email, contactName] of [
      ['cli_BILL1', karin, 'Karin Sommer'],
      ['cli_BILL2', tom, 'Tom Hill'],
    ] as const) {
      await statements.clients.create(aClient({ id: clientId, contactName, emails: [email] }));
      const taskId = `VA-BQ${clientId.slice(-1)}000`;
      await settledTask(statements, {
        id: taskId,
        clientId,
        vaId: 'va_BILL',
        minutes: 60,
        completedAt: '2026-11-10T10:00:00.000Z',
      });
    }
    await runStatements('2026-11', statements);
  });
  afterAll(() => (blobs as unknown as { s3: { destroy(): void } }).s3.destroy());

  const receive = (mail: Mail.Options) => storeInbound(blobs, mail, clock);
  const sentTo = (address: string) => mailer.sent.filter((m) => m.to === address);
  const tasksOf = async (clientId: string) => (await intake.tasks.listByClient(clientId)).items;

  it('passes an answer to the invoice mail to the operator, tells the client, and makes no task', async () => {
    const before = (await tasksOf('cli_BILL1')).length;
    const key = await receive({
      from: `Karin Sommer <${karin}>`,
      subject: 'AW: Ihre Rechnung RE-2026-000001 für November 2026',
      text: 'Guten Tag, die Rechnung haben wir am 10.12. überwiesen.\n\nViele Grüße\nKarin',
      attachments: [{ filename: 'beleg.pdf', content: Buffer.from('%PDF-1.4 transfer') }],
    });
    // SES, S3 and SQS may each deliver twice: three runs, one mail each.
    for (let i = 0; i < 3; i++)
      expect(await processInboundMail(key, intake)).toMatchObject({ outcome: 'billing-message' });

    const [toOperator, ...more] = sentTo('operator@agency.example');
    expect(more).toEqual([]);
    expect(toOperator?.subject).toBe('[RE-2026-000001] Nachricht zur Rechnung von Karin Sommer');
    expect(toOperator?.replyTo).toBe(karin);
    expect(toOperator?.text).toContain('> Guten Tag, die Rechnung haben wir am 10.12. überwiesen.');
    expect(toOperator?.text).toContain('invoice list --client cli_BILL1');
    expect(toOperator?.attachments?.map((a) => a.filename)).toEqual(['beleg.pdf']);

    const [receipt, ...others] = sentTo(karin);
    expect(others).toEqual([]);
    expect(receipt?.subject).toBe('Ihre Nachricht zur Rechnung RE-2026-000001');
    expect(receipt?.text).toContain('nicht berechnet');
    expect(await tasksOf('cli_BILL1')).toHaveLength(before);
    // Noted on the invoice: automatic reminders leave it to the operator now.
    expect((await statements.statements.findByNumber('RE-2026-000001'))?.clientWroteAt).toBe(
      clock.toISOString(),
    );
  });

  it('knows an answer to the invoice or its reminder by its headers when the subject was rewritten', async () => {
    const later = { ...statements, runtime: { ...statements.runtime, now: () => clock } };
    await recordPayment('RE-2026-000002', { amountCents: 1_000, receivedOn: '2026-12-18' }, later);
    await sendPaymentReminder('RE-2026-000002', later);
    for (const ref of ['statement:cli_BILL2:2026-11', 'payment-reminder:RE-2026-000002:1']) {
      const answered = await statements.outbox.deliveredMessageIdOf(ref);
      expect(answered).toBeTruthy();
      const key = await receive({
        from: tom,
        subject: 'Question',
        inReplyTo: `<${answered}>`,
        references: [`<${answered}>`],
        text: 'Hello, why does the invoice show 60 minutes? We thought the work was shorter than that. Thanks, Tom',
      });
      expect(await processInboundMail(key, intake)).toEqual({ outcome: 'billing-message', duplicate: false });
    }
    expect(
      sentTo('operator@agency.example').filter((m) => m.subject.startsWith('[RE-2026-000002]')),
    ).toHaveLength(2);
    // The client's receipt goes once a day, however many mails they send about invoices.
    expect(sentTo(tom).map((m) => m.subject)).toEqual(['Your message about invoice RE-2026-000002']);
    expect(await tasksOf('cli_BILL2')).toHaveLength(1);
  });

  it("makes a task of a mail naming another client's invoice, and tells that client nothing", async () => {
    const key = await receive({
      from: karin,
      subject: 'RE-2026-000002 Reisebuchung Hamburg',
      text: 'Bitte Zug und Hotel buchen, bis Freitag 12 Uhr.',
    });
    expect(await processInboundMail(key, intake)).toMatchObject({ outcome: 'task-created' });
    const operator = sentTo('operator@agency.example');
    expect(operator.filter((m) => m.replyTo === karin)).toHaveLength(1);
    expect(operator.filter((m) => m.subject.startsWith('[RE-2026-000002]'))).toHaveLength(2);
  });
});
