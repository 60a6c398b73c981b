import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox';
import { DynamoStatementStore } from '../../../shared/adapters/dynamodb/statement-store';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
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
  const digestDeps = (db: DynamoDBDocumentClient, tableName: string, now: Date, operatorEmail: string) => {
    const clock = () => now;
    return {
      tasks: new DynamoTaskRepository(db, tableName),
      clients: new DynamoClientRepository(db, tableName),
      statements: new DynamoStatementStore(db, tableName),
      outbox: new DynamoOutbox(db, tableName, new SesMailer(), clock),
      runtime: { now: clock },
      config: {
        agencyName: 'Agentur Muster',
        senderAddress: 'Agentur Muster <auftrag@agency.example>',
        mailDomain: 'agency.example',
        operatorEmail,
        operatorLanguage: 'de' as const,
      },
    };
  };
  const setUp = async (now: Date) => {
    const { db, tableName } = await createTestTable();
    const operatorEmail = `ops-${randomUUID().slice(0, 8)}@agency.example`;
    return { deps: digestDeps(db, tableName, now, operatorEmail), operatorEmail };
  };
  const ago = (now: Date, hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();

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

    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 3, invoices: 0, sent: true });
    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 3, invoices: 0, sent: false });

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
    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 0, invoices: 0, sent: false });
    expect(await sentTo(operatorEmail)).toEqual([]);
  });

  it('lists the invoices past their due date, longest overdue first, until they are paid', async () => {
    const { db, tableName } = await createTestTable();
    const billing = createStatementDeps(
      loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: tableName }),
      {
        runtime: { now: () => new Date('2026-12-01T05:00:00Z'), randomBytes: (n) => new Uint8Array(n) },
      },
    );
    await billing.vas.create(aVa({ id: 'va_DIGI', email: `va-${randomUUID().slice(0, 6)}@va.example` }));
    for (const n of [1, 2]) {
      await billing.clients.create(
        aClient({
          id: `cli_DIGI${n}`,
          company: `Firma ${n}`,
          emails: [`c${n}-${randomUUID().slice(0, 6)}@firma.example`],
        }),
      );
      await settledTask(billing, {
        id: `VA-DGI${n}00`,
        clientId: `cli_DIGI${n}`,
        vaId: 'va_DIGI',
        minutes: 60,
        completedAt: '2026-11-10T10:00:00.000Z',
      });
    }
    await runStatements('2026-11', billing);
    const now = new Date('2026-12-21T07:00:00Z'); // Monday, 08:00 in Berlin
    const operatorEmail = `ops-${randomUUID().slice(0, 8)}@agency.example`;
    const paying = { ...billing, runtime: { now: () => now } };
    await recordPayment('RE-2026-000002', { amountCents: 2_000, receivedOn: '2026-12-18' }, paying);

    expect(await sendOperatorDigest(digestDeps(db, tableName, now, operatorEmail))).toEqual({
      tasks: 0,
      invoices: 2,
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
    expect(await sendOperatorDigest(tomorrow)).toEqual({ tasks: 0, invoices: 1, sent: true });
    const next = (await sentTo(operatorEmail)).find((m) => m.subject === '1 Rechnung überfällig');
    expect(next?.body.text).not.toContain('RE-2026-000001');
  });
});
