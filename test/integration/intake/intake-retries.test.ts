import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox';
import { S3BlobStore } from '../../../shared/adapters/s3/s3-blob-store';
import type { TaskThread } from '../../../shared/ports/intake';
import type { Mailer } from '../../../shared/ports/mailer';
import { type IntakeDeps, processInboundMail } from '../../../shared/use-cases/intake-email';
import { aClient } from '../../support/builders';
import { createTestTable } from '../../support/emulators';
import { intakeDepsOn } from '../../support/intake-deps';
import { RecordingMailer } from '../../support/recording-mailer';

class CrashOnce extends Error {}

describe('intake under redelivery, crashes and races', () => {
  let deps: IntakeDeps;
  let mailer: RecordingMailer;
  const blobs = new S3BlobStore(process.env.BUCKET_NAME ?? '');
  const sender = `karin@${randomUUID().slice(0, 8)}.example`;
  let clock = new Date('2026-11-25T09:00:00Z');
  const advance = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  const storeMail = async (subject: string, text: string) => {
    const key = `raw/test/${randomUUID()}`;
    const raw = `From: Karin <${sender}>\r\nTo: auftrag@agency.example\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@test>\r\n\r\n${text}\r\n`;
    await blobs.put(key, Buffer.from(raw), 'message/rfc822');
    return key;
  };

  beforeAll(async () => {
    mailer = new RecordingMailer();
    deps = intakeDepsOn(await createTestTable(), { blobs, mailer, now: () => clock });
    await deps.clients.create(aClient({ id: 'cli_RETRY', emails: [sender] }));
  });
  afterAll(() => (blobs as unknown as { s3: { destroy(): void } }).s3.destroy());

  it('killed between storing the task and acknowledging it: the redelivery makes no second task and one acknowledgement', async () => {
    const key = await storeMail(
      'Reisebuchung Wien',
      'Bitte Flug und Hotel nach Wien buchen, bis Freitag 12 Uhr.',
    );
    const died = mailer.dieAtNextSend();
    void processInboundMail(key, deps);
    await died;
    // The killed worker still holds its claim; SQS redelivers after the visibility timeout.
    advance(180);
    const retried = await processInboundMail(key, deps);
    expect(retried).toMatchObject({ outcome: 'task-created', duplicate: false });
    const again = await processInboundMail(key, deps);
    expect(again).toMatchObject({ outcome: 'task-created', duplicate: true, taskId: retried.taskId });

    const { items } = await deps.tasks.listByClient('cli_RETRY');
    expect(items.filter((t) => t.title === 'Reisebuchung Wien')).toHaveLength(1);
    expect(mailer.sent.filter((m) => m.subject.includes('Reisebuchung Wien'))).toHaveLength(1);
  });

  it('a crash after every write step still ends in one task, one message and one acknowledgement', async () => {
    const key = await storeMail('Recherche Caterer', 'Bitte drei Caterer in Köln recherchieren, bis 15.12.');
    const realThread = deps.thread;
    let appends = 0;
    const crashingThread: TaskThread = {
      append: async (taskId, message) => {
        await realThread.append(taskId, message);
        if (appends++ === 0) throw new CrashOnce('killed after the message was stored');
      },
      list: (taskId) => realThread.list(taskId),
    };
    await expect(processInboundMail(key, { ...deps, thread: crashingThread })).rejects.toThrowError(
      CrashOnce,
    );
    const result = await processInboundMail(key, { ...deps, thread: crashingThread });
    expect(result.outcome).toBe('task-created');
    expect(await deps.thread.list(result.taskId ?? '')).toHaveLength(1);
    expect(mailer.sent.filter((m) => m.subject.includes('Recherche Caterer'))).toHaveLength(1);
  });

  it('the same mail processed five times at once: one task, one acknowledgement', async () => {
    const key = await storeMail(
      'Folien Vertrieb',
      'Bitte die Präsentation für den Vertrieb überarbeiten, bis Ende nächster Woche.',
    );
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => processInboundMail(key, deps)));
    // A loser may find the acknowledgement being sent and fail; its retry then finds it sent.
    for (const r of results) if (r.status === 'rejected') await processInboundMail(key, deps);
    const { items } = await deps.tasks.listByClient('cli_RETRY');
    expect(items.filter((t) => t.title === 'Folien Vertrieb')).toHaveLength(1);
    expect(mailer.sent.filter((m) => m.subject.includes('Folien Vertrieb'))).toHaveLength(1);
  });

  it('refuses attachments over the limit with a clear reply, and keeps the task', async () => {
    const key = `raw/test/${randomUUID()}`;
    const big = Buffer.alloc(1_200_000, 7).toString('base64');
    const raw = [
      `From: Karin <${sender}>`,
      'To: auftrag@agency.example',
      'Subject: Scans zur Ablage',
      `Message-ID: <${randomUUID()}@test>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Bitte die Scans in die Ablage einsortieren, bis Freitag.',
      '--b',
      'Content-Type: application/pdf; name="scans.pdf"',
      'Content-Disposition: attachment; filename="scans.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      big,
      '--b--',
      '',
    ].join('\r\n');
    await blobs.put(key, Buffer.from(raw), 'message/rfc822');
    const result = await processInboundMail(key, deps);
    expect(result.outcome).toBe('task-created');
    const [message] = await deps.thread.list(result.taskId ?? '');
    expect(message?.attachmentKeys).toEqual([]);
    const refusal = mailer.sent.find((m) => m.text.includes('größer als 1 MB'));
    expect(refusal?.subject).toBe(`[${result.taskId}] Scans zur Ablage`);
  });

  it('recognises a redelivered mail without Message-ID by its content', async () => {
    const raw = `From: Karin <${sender}>\r\nTo: auftrag@agency.example\r\nSubject: Ohne Kennung\r\n\r\nBitte Belege erfassen, bis Freitag.\r\n`;
    const keys = [`raw/test/${randomUUID()}`, `raw/test/${randomUUID()}`];
    // The same bytes stored twice (as SES may), under two keys.
    for (const key of keys) await blobs.put(key, Buffer.from(raw), 'message/rfc822');
    const first = await processInboundMail(keys[0] ?? '', deps);
    const second = await processInboundMail(keys[1] ?? '', deps);
    expect(first).toMatchObject({ outcome: 'task-created', duplicate: false });
    expect(second).toMatchObject({ outcome: 'task-created', duplicate: true, taskId: first.taskId });
  });

  it("threads the acknowledgement to the client's mail and marks it as automatic", async () => {
    const key = await storeMail(
      'Termine Dezember',
      'Bitte Termine mit drei Lieferanten vereinbaren, bis Freitag.',
    );
    await processInboundMail(key, deps);
    const ack = mailer.sent.find((m) => m.subject.includes('Termine Dezember'));
    expect(ack).toMatchObject({
      to: sender,
      autoSubmitted: 'auto-replied',
      inReplyTo: expect.stringMatching(/@test$/),
    });
    expect(ack?.messageId).toMatch(/@agency\.example$/);
  });
});

describe('outbox when SES refuses', () => {
  it('releases the claim so the retry sends at once', async () => {
    const { db, tableName } = await createTestTable();
    let attempts = 0;
    const sent: string[] = [];
    const flaky: Mailer = {
      send: async (mail) => {
        if (attempts++ === 0)
          throw Object.assign(new Error('Throttling'), { name: 'TooManyRequestsException' });
        sent.push(mail.subject);
        return 'ses-1';
      },
    };
    const outbox = new DynamoOutbox(db, tableName, flaky, () => new Date('2026-11-25T09:00:00Z'));
    const mail = {
      from: 'a@agency.example',
      to: 'k@firma.example',
      subject: 'Hallo',
      text: 't',
      html: '<p>t</p>',
      messageId: 'm1@agency.example',
    };
    await expect(outbox.send('ref-1', mail)).rejects.toThrowError('Throttling');
    expect(await outbox.send('ref-1', mail)).toBe('sent');
    expect(await outbox.send('ref-1', mail)).toBe('already-sent');
    expect(sent).toEqual(['Hallo']);
  });

  it('caps automatic mail per recipient at 10 in 10 minutes', async () => {
    const { db, tableName } = await createTestTable();
    const sent: string[] = [];
    const mailer: Mailer = {
      send: async (m) => {
        sent.push(m.subject);
        return 'id';
      },
    };
    const outbox = new DynamoOutbox(db, tableName, mailer, () => new Date('2026-11-25T09:00:00Z'));
    const outcomes = [];
    for (let i = 0; i < 12; i++) {
      outcomes.push(
        await outbox.send(`ref-${i}`, {
          from: 'a@agency.example',
          to: 'Loop@Peer.example',
          subject: `#${i}`,
          text: 't',
          html: 't',
          messageId: `m${i}@a`,
        }),
      );
    }
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(10);
    expect(outcomes.slice(10)).toEqual(['rate-limited', 'rate-limited']);
    expect(sent).toHaveLength(10);
  });
});
