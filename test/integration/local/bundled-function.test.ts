import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesizeBundles } from '../../../bench/bundles';
import { localLambdaContext } from '../../../infra/local/lambda-context';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { settleTask } from '../../../shared/use-cases/billing/settle-task';
import { aClient, aTask, aVa } from '../../support/builders';
import { sentTo } from '../../support/mail';

const id = randomUUID().slice(0, 6).toUpperCase();

/**
 * The rest of the suite runs the functions from source. This runs the deploy artifact itself: the
 * send-statement bundle, with the SDK tree-shaken from its ES modules, the PDF and the e-invoice
 * libraries, against the emulators over the wire.
 */
describe('a bundled function on the local stack', () => {
  const { outdir, bundles } = synthesizeBundles();
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('send-statement, as deployed, stores and mails an invoice with its PDF, XRechnung and time report', async () => {
    const deps = createStatementDeps(loadConfig(StatementConfigSchema));
    const email = `bundle-${id}@firma.example`.toLowerCase();
    await deps.vas.create(aVa({ id: `va_B${id}`, email: `va-b-${id}@va.example`.toLowerCase() }));
    await deps.clients.create(aClient({ id: `cli_B${id}`, emails: [email] }));
    const taskId = `VA-B${id.slice(0, 5)}`;
    await deps.tasks.create(
      aTask({
        id: taskId,
        clientId: `cli_B${id}`,
        status: 'COMPLETED',
        assignedVaId: `va_B${id}`,
        workedMinutes: 45,
        completedAt: '2026-11-10T10:00:00.000Z',
      }),
    );
    await settleTask(taskId, { ...deps, config: {} });

    const dir = bundles.find((b) => b.name === 'StatementsSend')?.dir ?? '';
    const { handler } = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as {
      handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
    };
    const event = {
      Records: [
        {
          messageId: randomUUID(),
          body: JSON.stringify({ clientId: `cli_B${id}`, period: '2026-11' }),
          eventSource: 'aws:sqs',
        },
      ],
    } as SQSEvent;
    expect(await handler(event, localLambdaContext('send-statement'))).toEqual({ batchItemFailures: [] });

    const [mail] = (await sentTo(email)).filter((m) => /^Ihre Rechnung RE-\d{4}-\d{6}/.test(m.subject));
    expect(mail?.attachments?.map((a) => a.filename.replace(/RE-\d{4}-\d{6}/, 'RE'))).toEqual([
      'RE.pdf',
      'RE-xrechnung.xml',
      'RE-Zeitnachweis.csv',
    ]);
    expect((await deps.statements.get(`cli_B${id}`, '2026-11'))?.status).toBe('sent');
  });
});
