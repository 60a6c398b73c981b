import { randomBytes, randomUUID } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../../shared/adapters/s3/s3-blob-store';
import type { Client } from '../../../shared/domain/client';
import { newTaskId } from '../../../shared/domain/ids';
import type { Offer } from '../../../shared/domain/offer';
import type { Task } from '../../../shared/domain/task';
import type { Va } from '../../../shared/domain/va';
import { taskSubject } from '../../../shared/mail/compose';
import { messageIdFor } from '../../../shared/mail/outbound';
import { processInboundMail } from '../../../shared/use-cases/intake-email';
import { aClient, aTask, aVa } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { intakeDepsOn, storeInbound } from '../../support/intake-deps';
import { RecordingMailer } from '../../support/recording-mailer';

/**
 * Client and VA write about a task through the agency's inbox: the real intake use case against
 * DynamoDB Local and the local S3, with a mailer that records what would have been sent.
 */
describe('client and VA talk about a task through the inbox', () => {
  let deps: ReturnType<typeof intakeDepsOn>;
  let mailer: RecordingMailer;
  const blobs = new S3BlobStore(process.env.BUCKET_NAME ?? '');
  let clock = new Date('2026-12-01T09:00:00Z');

  beforeAll(async () => {
    mailer = new RecordingMailer();
    deps = intakeDepsOn(await createTestTable(), { blobs, mailer, now: () => clock });
  });
  afterAll(() => (blobs as unknown as { s3: { destroy(): void } }).s3.destroy());

  /** A client and a VA of their own, and a task in `status` that the VA works on from ASSIGNED on. */
  const conversation = async (
    status: Task['status'] = 'ASSIGNED',
    language: Va['language'] = 'de',
    updatedAt = clock.toISOString(),
  ) => {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const client: Client = aClient({
      id: `cli_${tag}`,
      contactName: 'Karin Sommer',
      emails: [`karin@${tag.toLowerCase()}.example`],
    });
    const va: Va = aVa({
      id: `va_${tag}`,
      name: 'Lena Vogt',
      email: `lena-${tag.toLowerCase()}@va.example`,
      language,
    });
    const task = aTask({
      id: newTaskId((n) => randomBytes(n)),
      clientId: client.id,
      title: 'Recherche Coworking Leipzig',
      status,
      updatedAt,
      ...(['ASSIGNED', 'COMPLETED', 'BILLED'].includes(status)
        ? { assignedVaId: va.id, assignedAt: updatedAt }
        : {}),
    });
    await deps.clients.create(client);
    await deps.vas.create(va);
    await deps.tasks.create(task);
    return { client, va, task, clientAddress: client.emails[0] ?? '' };
  };

  const receive = (mail: Mail.Options) => storeInbound(blobs, mail, clock);

  const sentTo = (address: string) => mailer.sent.filter((m) => m.to === address);

  it("passes the client's follow-up to the VA once, with its attachment and without the quoted history", async () => {
    const { task, va, clientAddress } = await conversation();
    const key = await receive({
      from: `Karin Sommer <${clientAddress}>`,
      subject: `AW: ${taskSubject(task)}`,
      text: 'Bitte auch Tagespässe vergleichen.\n\nViele Grüße\nKarin\n\nAm 30.11.2026 schrieb Agentur Test:\n> Lena hat Ihren Auftrag übernommen.',
      attachments: [{ filename: 'preise 2026.pdf', content: Buffer.from('%PDF-1.4 price list') }],
    });
    // SES, S3 and SQS may each deliver twice: three runs, one mail to the VA.
    for (let i = 0; i < 3; i++) {
      expect(await processInboundMail(key, deps)).toMatchObject({ outcome: 'appended', taskId: task.id });
    }
    const passedOn = sentTo(va.email);
    expect(passedOn).toHaveLength(1);
    const [mail] = passedOn;
    expect(mail?.subject).toBe(taskSubject(task));
    expect(mail?.text).toContain('Karin Sommer hat zu diesem Auftrag geschrieben:');
    expect(mail?.text).toContain('> Bitte auch Tagespässe vergleichen.\n>\n> Viele Grüße\n> Karin');
    expect(mail?.text).not.toContain('übernommen');
    expect(mail?.attachments?.map((a) => [a.filename, Buffer.from(a.content).toString()])).toEqual([
      ['preise_2026.pdf', '%PDF-1.4 price list'],
    ]);
    expect(await deps.thread.list(task.id)).toHaveLength(1);
  });

  it("passes the VA's answer to the client on the task's thread, and the client's reply back to the VA", async () => {
    const { task, va, client, clientAddress } = await conversation();
    const fromVa = await receive({
      from: `Lena Vogt <${va.email.toUpperCase()}>`,
      subject: `Re: ${taskSubject(task)}`,
      text: 'Guten Tag, sollen es nur Angebote mit Parkplatz sein?\n\nOn Mon, Nov 30, 2026 Agentur Test wrote:\n> Hallo Lena,',
    });
    expect(await processInboundMail(fromVa, deps)).toMatchObject({
      outcome: 'va-message',
      taskId: task.id,
    });
    const [toClient] = sentTo(clientAddress);
    expect(toClient?.subject).toBe(taskSubject(task));
    expect(toClient?.text).toContain('Lena, Ihre Assistenz, schreibt zu Ihrem Auftrag:');
    expect(toClient?.text).toContain('> Guten Tag, sollen es nur Angebote mit Parkplatz sein?');
    expect(toClient?.text).not.toContain('Hallo Lena');
    // From the agency, answering the task's first mail: the VA's own address stays out of it.
    expect(toClient?.from).toBe(deps.config.senderAddress);
    expect(toClient?.inReplyTo).toBe(messageIdFor(`ack:${task.id}`, 'agency.example'));
    expect(`${toClient?.text}${toClient?.html}`).not.toContain(va.email);
    const [kept] = await deps.thread.list(task.id);
    expect(kept?.from).toBe(`va:${va.id}`);

    // The client answers the mail they got; their program names it, and the subject lost its reference.
    const fromClient = await receive({
      from: clientAddress,
      subject: 'Parkplatz',
      text: 'Ja, bitte nur mit Parkplatz.',
      inReplyTo: `<${toClient?.messageId}>`,
    });
    expect(await processInboundMail(fromClient, deps)).toMatchObject({
      outcome: 'appended',
      taskId: task.id,
    });
    expect(sentTo(va.email).map((m) => m.text)).toEqual([
      expect.stringContaining('> Ja, bitte nur mit Parkplatz.'),
    ]);
    expect(sentTo(va.email)[0]?.text).toContain(`${client.contactName} hat zu diesem Auftrag geschrieben`);
  });

  it("gives the operator, not the client, a VA's mail about another VA's task; the VA hears so in English", async () => {
    const own = await conversation('ASSIGNED', 'en');
    const other = await conversation();
    const key = await receive({
      from: own.va.email,
      subject: `Re: ${taskSubject(other.task)}`,
      text: 'Can I see the brief?',
      attachments: [{ filename: 'notes.txt', content: 'question' }],
    });
    expect(await processInboundMail(key, deps)).toMatchObject({ outcome: 'va-unmatched' });
    expect(sentTo(other.clientAddress)).toEqual([]);
    expect(await deps.thread.list(other.task.id)).toEqual([]);
    expect(sentTo(own.va.email).map((m) => m.subject)).toEqual(['Your message went to our team']);
    const [toOperator] = sentTo(deps.config.operatorEmail);
    expect(toOperator).toMatchObject({
      subject: 'Nachricht von Lena Vogt, zu keinem ihrer Aufträge',
      replyTo: own.va.email,
    });
    expect(toOperator?.text).toContain('> Can I see the brief?');
    expect(toOperator?.attachments?.map((a) => a.filename)).toEqual(['notes.txt']);

    // The operator gets every such mail; the VA is told once a day, however often they write.
    const again = await receive({ from: own.va.email, subject: 'Hello?', text: 'Anyone there?' });
    expect(await processInboundMail(again, deps)).toMatchObject({ outcome: 'va-unmatched' });
    expect(await processInboundMail(again, deps)).toMatchObject({ outcome: 'va-unmatched', duplicate: true });
    expect(sentTo(own.va.email)).toHaveLength(1);
    expect(sentTo(deps.config.operatorEmail).map((m) => m.text)).toEqual([
      expect.stringContaining('> Can I see the brief?'),
      expect.stringContaining('> Anyone there?'),
    ]);
  });

  /** `va` was offered `task`; the offer now stands at `status`. */
  const offered = async (task: Task, va: Va, status: Offer['status']) => {
    const sentAt = clock.toISOString();
    const expiresAt = new Date(clock.getTime() + 3_600_000).toISOString();
    const offer = { taskId: task.id, vaId: va.id, status, rank: 1, round: 1, sentAt, expiresAt };
    await deps.offers.create({ ...offer, tokenHash: randomBytes(32).toString('hex') }, 0, task.routingRun);
  };

  it('tells a VA who asks about an offer that the team has their question, and how to answer the offer', async () => {
    const { task, va, clientAddress } = await conversation('OFFERED', 'en');
    await offered(task, va, 'PENDING');
    const key = await receive({
      from: va.email,
      subject: `Re: ${taskSubject(task)}`,
      text: 'Could the deadline move to Monday?',
    });
    expect(await processInboundMail(key, deps)).toMatchObject({ outcome: 'va-unmatched' });
    expect(sentTo(clientAddress)).toEqual([]);
    const [toVa] = sentTo(va.email);
    expect(toVa?.subject).toBe(taskSubject(task));
    expect(toVa?.text).toContain('your message about this offer went to our team, not to the client');
    expect(toVa?.text).toContain('accept or decline the offer through the links in the offer email');
    const toOperator = sentTo(deps.config.operatorEmail).filter((m) => m.replyTo === va.email);
    expect(toOperator.map((m) => [m.subject, m.text])).toEqual([
      [
        `[${task.id}] Nachricht von Lena Vogt zu einem offenen Angebot: ${task.title}`,
        expect.stringContaining('> Could the deadline move to Monday?'),
      ],
    ]);
  });

  it('tells a VA who answers about a task taken from them, or never given to them, that it is not theirs', async () => {
    const former = await conversation('OFFERED');
    await offered(former.task, former.va, 'ACCEPTED');
    await deps.tasks.transition(former.task.id, 'OFFERED', 'CANCELLED', clock.toISOString());
    const passedOver = await conversation('OFFERED');
    await offered(passedOver.task, passedOver.va, 'DECLINED');
    for (const { task, va } of [former, passedOver]) {
      const key = await receive({ from: va.email, subject: `AW: ${taskSubject(task)}`, text: 'Alles klar.' });
      expect(await processInboundMail(key, deps)).toMatchObject({ outcome: 'va-unmatched' });
    }
    expect(sentTo(former.va.email).map((m) => [m.subject, m.text])).toEqual([
      [taskSubject(former.task), expect.stringContaining('dieser Auftrag liegt nicht mehr bei Ihnen')],
    ]);
    expect(sentTo(passedOver.va.email).map((m) => [m.subject, m.text])).toEqual([
      [taskSubject(passedOver.task), expect.stringContaining('dieser Auftrag wurde nicht an Sie vergeben')],
    ]);
    expect([...sentTo(former.clientAddress), ...sentTo(passedOver.clientAddress)]).toEqual([]);
  });

  it('keeps a follow-up on a task nobody has taken yet, for the VA who takes it', async () => {
    const { task, va, clientAddress } = await conversation('OFFERED');
    const key = await receive({
      from: clientAddress,
      subject: `Re: ${taskSubject(task)}`,
      text: 'Nachtrag: bis 18 Uhr erreichbar.',
    });
    expect(await processInboundMail(key, deps)).toMatchObject({ outcome: 'appended', taskId: task.id });
    expect(sentTo(va.email)).toEqual([]);
    expect((await deps.thread.list(task.id)).map((m) => m.text)).toEqual([
      'Nachtrag: bis 18 Uhr erreichbar.',
    ]);
  });

  it('passes on a reply to a task billed last week, and makes a reply to one billed last month a new task', async () => {
    const lastWeek = await conversation(
      'BILLED',
      'de',
      new Date(clock.getTime() - 7 * 86_400_000).toISOString(),
    );
    const thanks = await receive({
      from: lastWeek.clientAddress,
      subject: `AW: ${taskSubject(lastWeek.task)}`,
      text: 'Danke, perfekt!',
    });
    expect(await processInboundMail(thanks, deps)).toMatchObject({
      outcome: 'appended',
      taskId: lastWeek.task.id,
    });
    expect(sentTo(lastWeek.va.email)).toHaveLength(1);

    const lastMonth = await conversation(
      'BILLED',
      'de',
      new Date(clock.getTime() - 30 * 86_400_000).toISOString(),
    );
    const again = await receive({
      from: lastMonth.clientAddress,
      subject: `AW: ${taskSubject(lastMonth.task)}`,
      text: 'Können Sie wieder fünf Coworking-Spaces recherchieren, diesmal in Dresden? Bis Freitag.',
    });
    const result = await processInboundMail(again, deps);
    expect(result.outcome).toBe('task-created');
    expect(result.taskId).not.toBe(lastMonth.task.id);
    expect(await deps.tasks.get(result.taskId ?? '')).toMatchObject({
      clientId: lastMonth.client.id,
      title: 'Recherche Coworking Leipzig',
    });
    expect(sentTo(lastMonth.va.email)).toEqual([]);
    expect(await deps.thread.list(lastMonth.task.id)).toEqual([]);
  });

  it('holds passing on back at the limit, keeps every message, and tells the operator once a day', async () => {
    const { task, va, clientAddress } = await conversation();
    const outcomes = [];
    // Twelve in a minute, as two autoresponders answering each other would write.
    for (let n = 1; n <= 12; n++) {
      const key = await receive({
        from: clientAddress,
        subject: `AW: ${taskSubject(task)}`,
        text: `Nachricht ${n}`,
      });
      outcomes.push((await processInboundMail(key, deps)).outcome);
    }
    expect(outcomes).toEqual(Array(12).fill('appended'));
    expect(sentTo(va.email)).toHaveLength(10);
    expect(await deps.thread.list(task.id)).toHaveLength(12);
    const held = sentTo(deps.config.operatorEmail).filter((m) => m.subject.includes(task.id));
    expect(held.map((m) => m.subject)).toEqual([
      `[${task.id}] Nachrichten werden zurückgehalten: ${task.title}`,
    ]);
    expect(held[0]?.text).toContain(`task show ${task.id}`);
  });

  it('killed while passing a message on: the redelivery sends it once', async () => {
    const { task, va } = await conversation();
    const key = await receive({
      from: va.email,
      subject: `Re: ${taskSubject(task)}`,
      text: 'Erledigt bis morgen.',
    });
    const died = mailer.dieAtNextSend();
    void processInboundMail(key, deps);
    await died;
    // The killed worker's outbox claim runs out before SQS hands the mail to the next one.
    clock = new Date(clock.getTime() + 180_000);
    expect(await processInboundMail(key, deps)).toMatchObject({ outcome: 'va-message', duplicate: false });
    expect(await processInboundMail(key, deps)).toMatchObject({ outcome: 'va-message', duplicate: true });
    const relayed = mailer.sent.filter((m) => m.text.includes('> Erledigt bis morgen.'));
    expect(relayed).toHaveLength(1);
  });
});
