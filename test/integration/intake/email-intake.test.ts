import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REGION } from '../../../infra/local/local-stack';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/document-client';
import { DynamoTaskThread } from '../../../shared/adapters/dynamodb/intake-repository';
import { dedupeKey } from '../../../shared/adapters/dynamodb/keys';
import { DynamoLinkRepository } from '../../../shared/adapters/dynamodb/link-repository';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { SesMailer, sesMessageId } from '../../../shared/adapters/ses/ses-mailer';
import type { Client } from '../../../shared/domain/client';
import type { Task } from '../../../shared/domain/task';
import { sha256Hex } from '../../../shared/hash';
import { aClient } from '../../support/builders';
import {
  deliver,
  eventually,
  intakeId,
  saying,
  sendToInbox,
  sentTo,
  settle,
  uniqueDomain,
  uniqueMessageId,
} from '../../support/mail';

/**
 * The whole email path on the local stack: SMTP inbox -> S3 -> SQS -> intake-email Lambda ->
 * DynamoDB -> SES outbox. Each test has its own client domain, so tests never see each other's mail.
 */
describe('email intake, end to end', () => {
  const db = createDocumentClient();
  const table = process.env.TABLE_NAME ?? '';
  const clients = new DynamoClientRepository(db, table);
  const tasks = new DynamoTaskRepository(db, table);
  const thread = new DynamoTaskThread(db, table);
  const outbox = new DynamoOutbox(db, table, new SesMailer(), () => new Date());
  const s3 = new S3Client({ forcePathStyle: true });
  afterAll(() => {
    db.destroy();
    s3.destroy();
  });

  const newClient = async (overrides: Partial<Client> = {}) => {
    const domain = uniqueDomain();
    const client = aClient({
      id: `cli_${domain.slice(1, 9).toUpperCase()}`,
      emails: [`karin@${domain}`],
      ...overrides,
    });
    await clients.create(client);
    return { client, address: client.emails[0] ?? '', domain };
  };

  const links = new DynamoLinkRepository(db, table);
  /** What the withdraw link in a mail's text points at. */
  const withdrawTargetIn = async (text = '') => {
    const token = /\/w\/([0-9a-f]{32})/.exec(text)?.[1];
    return token ? links.find(sha256Hex(token)) : undefined;
  };

  const intakeRecord = async (messageId: string) =>
    (
      await db.send(
        new GetCommand({ TableName: table, Key: dedupeKey(intakeId(messageId)), ConsistentRead: true }),
      )
    ).Item;

  const processed = (messageId: string) =>
    eventually(async () => {
      const record = await intakeRecord(messageId);
      return record?.state === 'done' ? record : undefined;
    });

  const taskOf = async (messageId: string): Promise<Task> => {
    const record = await processed(messageId);
    const task = await tasks.get(String(record.taskId));
    if (!task) throw new Error(`no task for ${messageId}`);
    return task;
  };

  describe('a clear brief from a known client', () => {
    let address: string;
    let domain: string;
    let messageId: string;

    beforeAll(async () => {
      ({ address, domain } = await newClient());
      messageId = uniqueMessageId(domain);
      const mail = {
        from: `Karin Sommer <${address.replace('@', '+auftrag@').toUpperCase()}>`,
        subject: 'Reisebuchung Hamburg 🚆',
        text: 'Hallo,\n\nbitte buchen Sie Zug und Hotel für die Messe in Hamburg, bis Freitag 12 Uhr. Aufwand ca. 1 Std.\n\nViele Grüße\nKarin\nBuchhaltung',
        messageId: `<${messageId}>`,
        date: new Date(),
      };
      // SES, S3 and SQS may all deliver twice: the same message three times.
      await sendToInbox(mail);
      await sendToInbox(mail);
      await sendToInbox(mail);
    });

    it('becomes exactly one routed task with the parsed brief', async () => {
      const task = await taskOf(messageId);
      expect(task).toMatchObject({
        status: 'ROUTING',
        source: 'email',
        title: 'Reisebuchung Hamburg 🚆',
        language: 'de',
        effortMinutes: 60,
        missing: [],
      });
      expect(task.skills[0]?.skill).toBe('travel');
      expect(task.description).not.toContain('Buchhaltung');
      await settle();
      const { items } = await tasks.listByClient(task.clientId);
      expect(items).toHaveLength(1);
    });

    it("is acknowledged once, with its reference, on the client's thread", async () => {
      const task = await taskOf(messageId);
      const acks = await eventually(async () => {
        const mails = await sentTo(address.replace('@', '+auftrag@'));
        return mails.length > 0 ? mails : undefined;
      });
      await settle();
      expect(await sentTo(domain)).toHaveLength(1);
      expect(acks[0]?.subject).toBe(`[${task.id}] Reisebuchung Hamburg 🚆`);
      expect(acks[0]?.body.text).toContain('wir haben Ihren Auftrag erhalten');
      expect(acks[0]?.body.text).toContain(`Ihre Referenz: ${task.id}`);
      expect(acks[0]?.body.text).toContain('Reiseplanung');
      expect(acks[0]?.from).toMatch(/^"?Agentur Muster"? <auftrag@agency.example>$/);
      // The client may withdraw the task while nobody has taken it: the link names this task.
      expect(acks[0]?.body.text).toContain('Auftrag zurückziehen');
      expect(await withdrawTargetIn(acks[0]?.body.text)).toEqual({
        kind: 'withdraw',
        taskId: task.id,
        clientId: task.clientId,
      });
    });

    it('keeps the message on the task', async () => {
      const task = await taskOf(messageId);
      const messages = await thread.list(task.id);
      expect(messages).toHaveLength(1);
      expect(messages[0]?.s3Key).toMatch(/^raw\//);
    });
  });

  it('asks once for what is missing, and the answer completes the brief', async () => {
    // A package client: both mails also say what is left of this month's package.
    const { address, domain } = await newClient({
      plan: {
        kind: 'package',
        monthlyFeeCents: 90_000,
        includedMinutes: 1200,
        overageRateCents: 5000,
        rollover: false,
      },
    });
    const messageId = await deliver({
      from: address,
      subject: 'Kleine Bitte',
      text: 'Hallo, können Sie mir bitte helfen, die Präsentation für den Vertrieb zu überarbeiten? Danke!',
    });
    const task = await taskOf(messageId);
    expect(task).toMatchObject({ status: 'NEEDS_INFO', missing: ['deadline', 'effort'] });
    const question = await eventually(async () => (await sentTo(domain))[0]);
    expect(question.subject).toBe(`[${task.id}] Kleine Bitte`);
    expect(question.body.text).toContain('Bis wann brauchen Sie das Ergebnis?');
    expect((await withdrawTargetIn(question.body.text))?.taskId).toBe(task.id);
    expect(question.body.text).toContain('Paket: übrig diesen Monat: 20 Std.');

    const answerId = await deliver({
      from: address,
      subject: `Re: ${question.subject}`,
      text: `Bis Freitag 15 Uhr wäre super.\n\nAm Mittwoch schrieb Agentur Muster:\n> ${question.body.text?.split('\n').join('\n> ')}`,
    });
    const record = await processed(answerId);
    expect(record).toMatchObject({ outcome: 'brief-completed', taskId: task.id });
    const completed = await tasks.get(task.id);
    expect(completed).toMatchObject({ status: 'ROUTING', missing: ['effort'] });
    expect(completed?.deadline).toMatch(/T14:00:00.000Z$/);
    const mails = await eventually(async () => {
      const all = await sentTo(domain);
      return all.length === 2 ? all : undefined;
    });
    // The question and the acknowledgement share the task's subject: one conversation in the client's mailbox.
    const [ack] = saying(mails, 'wir haben Ihren Auftrag erhalten');
    expect(ack?.subject).toBe(question.subject);
    expect(ack?.body.text).toContain('Paket: übrig diesen Monat: 20 Std.');
    expect(await thread.list(task.id)).toHaveLength(2);
  });

  it('adds a reply found only by In-Reply-To, and a forward found by its reference, to the task', async () => {
    const { address } = await newClient();
    const original = await deliver({
      from: address,
      subject: 'Recherche Messestände',
      text: 'Bitte Messebauer vergleichen, bis Freitag.',
    });
    const task = await taskOf(original);

    const reply = await deliver({
      from: address,
      subject: 'noch was',
      text: 'Bitte auch Preise für 20 m² aufnehmen.',
      inReplyTo: `<${original}>`,
      references: [`<${original}>`],
    });
    expect(await processed(reply)).toMatchObject({ outcome: 'appended', taskId: task.id });

    const forward = await deliver({
      from: address,
      subject: `WG: [${task.id}] Recherche Messestände`,
      text: 'Zur Info an Sie weitergeleitet.',
    });
    expect(await processed(forward)).toMatchObject({ outcome: 'appended', taskId: task.id });
    expect(await thread.list(task.id)).toHaveLength(3);
  });

  it('adds a reply that names only the Message-ID SES gave our answer (as iOS Mail replies)', async () => {
    const { address } = await newClient();
    const original = await deliver({
      from: address,
      subject: 'Recherche Caterer',
      text: 'Bitte drei Caterer für 40 Personen in Köln vergleichen, bis Freitag.',
    });
    const task = await taskOf(original);
    // SES replaces our Message-ID with its own; the reply's only link to the task is that one.
    const providerId = await outbox.providerIdOf(`ack:${task.id}`);
    expect(providerId).toBeTruthy();
    const reply = await deliver({
      from: address,
      subject: 'Nachtrag',
      text: 'Vegetarisch bitte.',
      inReplyTo: `<${sesMessageId(providerId ?? '', LOCAL_REGION)}>`,
    });
    expect(await processed(reply)).toMatchObject({ outcome: 'appended', taskId: task.id });
  });

  it('keeps mail from unknown senders, answers at most once a day, and creates no task', async () => {
    const domain = uniqueDomain();
    const first = await deliver({
      from: `fremd@${domain}`,
      subject: 'Angebot',
      text: 'Was kostet eine Assistenz?',
    });
    const second = await deliver({ from: `fremd@${domain}`, subject: 'Nochmal', text: 'Hallo?' });
    const firstRecord = await processed(first);
    expect(firstRecord).toMatchObject({ outcome: 'unknown-sender' });
    expect(firstRecord.taskId).toBeUndefined();
    expect(await processed(second)).toMatchObject({ outcome: 'unknown-sender' });
    await settle();
    const replies = await sentTo(domain);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.subject).toBe('Ihre Nachricht an Agentur Muster');
  });

  it.each([
    [
      'auto-reply',
      { headers: { 'Auto-Submitted': 'auto-replied' }, subject: 'Abwesenheitsnotiz: Reisebuchung' },
      'auto-reply',
    ],
    ['out-of-office by subject', { subject: 'Out of Office: back on Monday' }, 'auto-reply'],
    [
      'mailing list',
      { headers: { 'List-Id': '<news.example.com>', Precedence: 'bulk' }, subject: 'Newsletter' },
      'bulk',
    ],
    [
      'spam verdict from SES',
      { headers: { 'X-SES-Spam-Verdict': 'FAIL' }, subject: 'Reisebuchung' },
      'quarantined',
    ],
  ])('never answers %s, but keeps it', async (_label, extra, outcome) => {
    const { address, domain } = await newClient();
    const messageId = await deliver({
      from: address,
      text: 'Bitte bis Freitag Hotel buchen.',
      ...extra,
    });
    expect(await processed(messageId)).toMatchObject({ outcome });
    await settle();
    expect(await sentTo(domain)).toHaveLength(0);
  });

  it('never answers a bounce (null return path, MAILER-DAEMON)', async () => {
    const domain = uniqueDomain();
    const messageId = uniqueMessageId(domain);
    const raw = [
      `From: Mail Delivery System <MAILER-DAEMON@${domain}>`,
      'To: auftrag@agency.example',
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <${messageId}>`,
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'This is the mail system. I am sorry to inform you that your message could not be delivered.',
      '--b--',
      '',
    ].join('\r\n');
    await sendToInbox({ raw, envelope: { from: '', to: 'auftrag@agency.example' } });
    expect(await processed(messageId)).toMatchObject({ outcome: 'bounce' });
    await settle();
    expect(await sentTo(domain)).toHaveLength(0);
  });

  it('reads HTML-only mail as text and never carries its scripts along', async () => {
    const { address, domain } = await newClient();
    const messageId = await deliver({
      from: address,
      subject: '<b>Recherche</b> Lieferanten',
      html: '<html><body><script>alert("x")</script><p>Bitte recherchieren Sie <b>fünf Verpackungslieferanten</b> in Bayern.</p><p>Bis 15.12. bitte, ca. 3 Stunden.</p></body></html>',
    });
    const task = await taskOf(messageId);
    expect(task.description).toContain('fünf Verpackungslieferanten');
    expect(task.description).not.toMatch(/script|alert/);
    expect(task.skills[0]?.skill).toBe('research');
    const ack = await eventually(async () => (await sentTo(domain))[0]);
    expect(ack.body.html).toContain('&lt;b&gt;Recherche&lt;/b&gt; Lieferanten');
    expect(ack.body.html).not.toContain('<b>Recherche</b>');
  });

  it('reads legacy ISO-8859-1 mail with an encoded-word subject', async () => {
    const { address, domain } = await newClient();
    const messageId = uniqueMessageId(domain);
    const body = iconv.encode(
      'Bitte die Rechnungen für Oktober in DATEV übertragen, bis nächsten Dienstag. Grüße aus Köln',
      'latin1',
    );
    const raw = Buffer.concat([
      Buffer.from(
        [
          `From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <${address}>`,
          'To: auftrag@agency.example',
          'Subject: =?ISO-8859-1?Q?Buchhaltung_f=FCr_Oktober?=',
          `Message-ID: <${messageId}>`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=ISO-8859-1',
          'Content-Transfer-Encoding: 8bit',
          '',
          '',
        ].join('\r\n'),
      ),
      body,
    ]);
    await sendToInbox({ raw, envelope: { from: address, to: 'auftrag@agency.example' } });
    const task = await taskOf(messageId);
    expect(task.title).toBe('Buchhaltung für Oktober');
    expect(task.description).toContain('Rechnungen für Oktober');
    expect(task.skills[0]?.skill).toBe('bookkeeping');
  });

  it('stores attachments under the task', async () => {
    const { address } = await newClient();
    const messageId = await deliver({
      from: address,
      subject: 'Folien überarbeiten',
      text: 'Bitte die angehängte Präsentation überarbeiten, bis Ende nächster Woche.',
      attachments: [{ filename: 'Vertrieb Q4.pptx', content: Buffer.from('PK fake pptx') }],
    });
    const task = await taskOf(messageId);
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: process.env.BUCKET_NAME, Prefix: `attachments/${task.id}/` }),
    );
    expect(listed.Contents?.map((o) => o.Key)).toEqual([expect.stringMatching(/-0-Vertrieb_Q4\.pptx$/)]);
    expect((await thread.list(task.id))[0]?.attachmentKeys).toHaveLength(1);
  });

  it("never lets one client reach another client's task by its reference", async () => {
    const owner = await newClient();
    const ownerMessage = await deliver({
      from: owner.address,
      subject: 'Recherche Messen',
      text: 'Bitte Messen recherchieren, bis Freitag.',
    });
    const ownersTask = await taskOf(ownerMessage);

    const other = await newClient();
    const otherMessage = await deliver({
      from: other.address,
      subject: `Re: [${ownersTask.id}] Recherche Messen`,
      text: 'Bitte auch Hotels buchen, bis Freitag.',
      inReplyTo: `<${ownerMessage}>`,
    });
    const othersTask = await taskOf(otherMessage);
    expect(othersTask.id).not.toBe(ownersTask.id);
    expect(othersTask.clientId).toBe(other.client.id);
    expect(await thread.list(ownersTask.id)).toHaveLength(1);
  });
});
