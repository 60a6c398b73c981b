import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/document-client';
import { DynamoTaskThread } from '../../../shared/adapters/dynamodb/intake-repository';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../../../shared/adapters/dynamodb/va-repository';
import { DONE_LINK_IN_TEXT, OFFER_LINK_IN_TEXT } from '../../../shared/web/link-paths';
import { aClient, aVa } from '../../support/builders';
import { eventually, saying, sendToInbox, sentTo } from '../../support/mail';

const id = randomUUID().slice(0, 6).toUpperCase();

/** The whole way on the running local stack, as a client and a VA experience it, in real time. */
describe('from an email to a completed task', () => {
  const db = createDocumentClient();
  const table = process.env.TABLE_NAME ?? '';
  const sfn = new SFNClient({});
  afterAll(() => {
    db.destroy();
    sfn.destroy();
  });

  it('email in -> offer mail -> accept -> VA and client mails -> done form -> COMPLETED', async () => {
    const vaEmail = `lena-${id}@va.example`.toLowerCase();
    const clientEmail = `buero-${id}@kanzlei.example`.toLowerCase();
    const vaId = `va_E2E${id}`;
    await new DynamoVaRepository(db, table).create(
      aVa({
        id: vaId,
        name: 'Lena Vogt',
        email: vaEmail,
        skills: [{ skill: 'research', level: 5 }],
        weeklyAvailability: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({
          day: day as 'mon',
          start: '00:00',
          end: '24:00',
        })),
      }),
    );
    // The client's preferred VA: other test files share this table, and she must rank first.
    await new DynamoClientRepository(db, table).create(
      aClient({
        id: `cli_E2E${id}`,
        contactName: 'Tom Weber',
        emails: [clientEmail],
        preferredVaIds: [vaId],
      }),
    );
    await sendToInbox({
      from: clientEmail,
      subject: 'Recherche: Coworking-Spaces in Leipzig',
      text: 'Hallo, bitte recherchieren Sie fünf Coworking-Spaces in Leipzig mit Preisen. Aufwand ca. 2 Stunden, bis nächsten Freitag.',
    });

    const offer = await eventually(
      async () => saying(await sentTo(vaEmail), 'Möchten Sie ihn übernehmen?')[0],
    );
    const taskId = /\[(VA-[0-9A-Z]{6})\]/.exec(offer.subject)?.[1] ?? '';
    expect(offer.body.text).toContain('Kunde: Tom\n');
    // A follow-up before anyone took the task waits on the thread for the VA's task mail.
    await sendToInbox({
      from: clientEmail,
      subject: `AW: ${offer.subject}`,
      text: 'Nachtrag: mit Parkplatz.',
    });
    const thread = new DynamoTaskThread(db, table);
    await eventually(async () => (await thread.list(taskId)).length === 2);
    const offerLink = OFFER_LINK_IN_TEXT.exec(offer.body.text ?? '')?.[0];
    const api = inject('localUrls').httpApi;
    const accepted = await fetch(`${api}${offerLink}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('Der Auftrag gehört Ihnen');

    const taskMail = await eventually(
      async () => saying(await sentTo(vaEmail), 'der Auftrag gehört Ihnen')[0],
    );
    expect(taskMail.body.text).toContain(clientEmail);
    expect(taskMail.body.text).toMatch(/Nachträge: .*: Nachtrag: mit Parkplatz\./);
    await eventually(async () => saying(await sentTo(clientEmail), 'Lena hat Ihren Auftrag übernommen')[0]);

    // Both sides talk through the inbox: Tom's reply reaches Lena, and hers reaches Tom, from the agency.
    await sendToInbox({
      from: clientEmail,
      subject: `AW: ${taskMail.subject}`,
      text: 'Bitte nur mit Tagespass.',
    });
    const fromClient = await eventually(
      async () => saying(await sentTo(vaEmail), 'Tom Weber hat zu diesem Auftrag geschrieben')[0],
    );
    expect(fromClient.body.text).toContain('> Bitte nur mit Tagespass.');
    await sendToInbox({ from: vaEmail, subject: `Re: ${fromClient.subject}`, text: 'Gern, bis Donnerstag.' });
    const fromVa = await eventually(
      async () => saying(await sentTo(clientEmail), 'Lena, Ihre Assistenz, schreibt')[0],
    );
    expect(fromVa.body.text).toContain('> Gern, bis Donnerstag.');
    expect(JSON.stringify(fromVa)).not.toContain(vaEmail);
    const doneLink = DONE_LINK_IN_TEXT.exec(taskMail.body.text ?? '')?.[0];
    const done = await fetch(`${api}${doneLink}`, {
      method: 'POST',
      body: new URLSearchParams({ minutes: '110', note: 'Liste im Anhang.' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);

    const tasks = new DynamoTaskRepository(db, table);
    await eventually(async () => (await tasks.get(taskId))?.status === 'BILLED');
    await eventually(async () => saying(await sentTo(clientEmail), 'Lena hat Ihren Auftrag erledigt')[0]);
    // One subject per task on both sides, so Gmail and Outlook keep each side's mails in one thread.
    const title = (await tasks.get(taskId))?.title;
    const subjects = async (address: string) => new Set((await sentTo(address)).map((m) => m.subject));
    expect(await subjects(clientEmail)).toEqual(new Set([`[${taskId}] ${title}`]));
    expect(await subjects(vaEmail)).toEqual(new Set([`[${taskId}] ${title}`]));
    const executionArn = `${process.env.STATE_MACHINE_ARN?.replace(':stateMachine:', ':execution:')}:${taskId}`;
    await eventually(
      async () => (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status === 'SUCCEEDED',
    );
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const transitions = (history.events ?? []).filter((e) => e.type?.endsWith('StateEntered'));
    expect(transitions.length).toBeLessThanOrEqual(8);
  }, 60_000);
});
