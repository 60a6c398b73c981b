import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqsClient, sendJson } from '../../../shared/adapters/sqs/sqs-json';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { settleTask } from '../../../shared/use-cases/billing/settle-task';
import { aClient, aTask, aVa } from '../../support/builders';
import { eventually, sentTo, settle as waitAWhile } from '../../support/mail';

const id = randomUUID().slice(0, 6).toUpperCase();

/** The fan-out on the running local stack: a job on the statements queue becomes one invoice mail. */
describe('the statements queue', () => {
  const sqs = createSqsClient();
  afterAll(() => sqs.destroy());

  it('sends one invoice per client job, even when it arrives three times, and payout statements for VA jobs', async () => {
    const deps = createStatementDeps(loadConfig(StatementConfigSchema));
    const email = `queue-${id}@firma.example`.toLowerCase();
    await deps.vas.create(aVa({ id: `va_Q${id}`, email: `va-q-${id}@va.example`.toLowerCase() }));
    await deps.clients.create(aClient({ id: `cli_Q${id}`, emails: [email] }));
    await deps.tasks.create(
      aTask({
        id: `VA-Q${id.slice(0, 5)}`,
        clientId: `cli_Q${id}`,
        status: 'COMPLETED',
        assignedVaId: `va_Q${id}`,
        workedMinutes: 45,
        completedAt: '2026-11-10T10:00:00.000Z',
      }),
    );
    await settleTask(`VA-Q${id.slice(0, 5)}`, { ...deps, config: {} });
    for (let i = 0; i < 3; i++)
      await sendJson(sqs, process.env.STATEMENTS_QUEUE_URL ?? '', {
        clientId: `cli_Q${id}`,
        period: '2026-11',
      });
    const mail = await eventually(async () =>
      (await sentTo(email)).find((m) => /^Ihre Rechnung RE-\d{4}-\d{6}/.test(m.subject)),
    );
    expect(mail.attachments?.map((a) => a.filename.replace(/RE-\d{4}-\d{6}/, 'RE'))).toEqual([
      'RE.pdf',
      'RE-xrechnung.xml',
      'RE-Zeitnachweis.csv',
    ]);
    await waitAWhile();
    expect((await sentTo(email)).filter((m) => m.subject.startsWith('Ihre Rechnung'))).toHaveLength(1);
    expect((await deps.statements.get(`cli_Q${id}`, '2026-11'))?.status).toBe('sent');

    // The same queue carries the VA's payout statement.
    await sendJson(sqs, process.env.STATEMENTS_QUEUE_URL ?? '', { vaId: `va_Q${id}`, period: '2026-11' });
    const payout = await eventually(async () =>
      (await sentTo(`va-q-${id}@va.example`.toLowerCase())).find((m) =>
        m.subject.includes('Auszahlungsübersicht'),
      ),
    );
    expect(payout.attachments?.map((a) => a.filename)).toEqual(['Auszahlung-2026-11.pdf']);
  });
});
