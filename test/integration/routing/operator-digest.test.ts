import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { SesMailer } from '../../../shared/adapters/ses/ses-mailer';
import { sendOperatorDigest } from '../../../shared/use-cases/operator-digest';
import { aClient, aTask } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { sentTo } from '../../support/mail';

const HOUR = 3_600_000;

/** The operator's morning digest, from a real table through the local SES. */
describe("the operator's morning digest", () => {
  const setUp = async (now: Date) => {
    const { db, tableName } = await createTestTable();
    const operatorEmail = `ops-${randomUUID().slice(0, 8)}@agency.example`;
    const clock = () => now;
    const deps = {
      tasks: new DynamoTaskRepository(db, tableName),
      clients: new DynamoClientRepository(db, tableName),
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
    return { deps, operatorEmail };
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

    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 3, sent: true });
    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 3, sent: false });

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
    expect(await sendOperatorDigest(deps)).toEqual({ tasks: 0, sent: false });
    expect(await sentTo(operatorEmail)).toEqual([]);
  });
});
