import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoClientRepository } from '../../../shared/adapters/dynamodb/client-repository';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/document-client';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { billingPeriodOf } from '../../../shared/domain/billing/settlement';
import type { Client } from '../../../shared/domain/client';
import { monthName } from '../../../shared/mail/format';
import { recordPayment } from '../../../shared/use-cases/billing/payments';
import { runStatements } from '../../../shared/use-cases/billing/run-statements';
import { issueFormLink } from '../../../shared/use-cases/roster';
import { settledTask } from '../../support/billing';
import { aClient, aTask, aVa } from '../../support/builders';
import { eventually, sentMails, sentTo, settle, uniqueDomain } from '../../support/mail';

/** The web form over HTTP on the local stack: same handler, same table, same SES outbox as on AWS. */
describe('web form', () => {
  const api = inject('localUrls').httpApi;
  const db = createDocumentClient();
  const table = process.env.TABLE_NAME ?? '';
  const clients = new DynamoClientRepository(db, table);
  const tasks = new DynamoTaskRepository(db, table);
  const runtime = { now: () => new Date(), randomBytes: (n: number) => randomBytes(n) };
  afterAll(() => db.destroy());

  const newClient = async (overrides: Partial<Client> = {}) => {
    const domain = uniqueDomain();
    const client = aClient({
      id: `cli_${domain.slice(1, 9).toUpperCase()}`,
      emails: [`anna@${domain}`],
      company: 'Firma & Co <GmbH>',
      ...overrides,
    });
    await clients.create(client);
    const token = await issueFormLink(client.id, { clients, runtime });
    return { client, token, domain };
  };

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${api}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });

  const submissionId = () => randomBytes(16).toString('hex');
  const valid = {
    title: 'Hotel in Leipzig buchen',
    description: 'Bitte ein Hotel nahe der Messe für zwei Nächte buchen.',
    skill: 'travel',
    deadline: '2031-03-14T12:00',
    effort: '60',
    priority: '',
  };

  describe('through a personal link', () => {
    let token: string;
    let domain: string;
    let clientId: string;
    beforeAll(async () => {
      const created = await newClient();
      ({ token, domain } = created);
      clientId = created.client.id;
    });

    it("shows the form in the client's language, greeting the client by name, escaped", async () => {
      const response = await fetch(`${api}/submit?k=${token}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const body = await response.text();
      expect(body).toContain('<html lang="de">');
      // The agency's own name heads its pages, not the software's.
      expect(body).toContain('<header><strong>Agentur Muster</strong>');
      expect(body).toContain('als Firma &amp; Co &lt;GmbH&gt;');
      expect(body).toMatch(/<label for="title">Titel/);
      expect(body).not.toContain('<script');
    });

    it("lists the client's latest tasks and where they stand, and no one else's", async () => {
      const own = await newClient();
      const other = await newClient();
      const at = new Date().toISOString();
      const mine = [
        aTask({ id: 'VA-RECNT1', clientId: own.client.id, status: 'OFFERED', title: 'Messe <b>planen</b>' }),
        aTask({
          id: 'VA-RECNT2',
          clientId: own.client.id,
          status: 'ASSIGNED',
          deadline: '2031-03-14T11:00:00.000Z',
          createdAt: at,
        }),
      ];
      for (const task of [...mine, aTask({ id: 'VA-RECNT3', clientId: other.client.id, title: 'Fremd' })])
        await tasks.create(task);

      const body = await (await fetch(`${api}/submit?k=${own.token}`)).text();
      expect(body).toContain('<h2>Ihre letzten Aufträge</h2>');
      expect(body).toContain('Messe &lt;b&gt;planen&lt;/b&gt;');
      expect(body).toMatch(/VA-RECNT1<\/span><\/td><td>Wir suchen die passende Assistenz/);
      expect(body).toMatch(/VA-RECNT2<\/span><\/td><td>In Arbeit<\/td><td>Freitag, 14\. März 2031 um 12:00/);
      expect(body).not.toContain('VA-RECNT3');
      expect(await (await fetch(`${api}/submit?k=${other.token}&lang=en`)).text()).toContain(
        'Your latest tasks',
      );
      // The open form knows nobody: it lists nothing.
      expect(await (await fetch(`${api}/submit`)).text()).not.toContain('<table');
    });

    it("lists the client's invoices with what is open on each, and no one else's", async () => {
      const own = await newClient();
      const other = await newClient();
      const billing = createStatementDeps(
        loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: table }),
      );
      await billing.vas.create(aVa({ id: `va_${own.client.id.slice(4)}`, email: `va@${own.domain}` }));
      for (const [client, n] of [
        [own.client, 1],
        [other.client, 2],
      ] as const)
        await settledTask(billing, {
          id: `VA-${own.client.id.slice(4, 9)}${n}`,
          clientId: client.id,
          vaId: `va_${own.client.id.slice(4)}`,
          minutes: 60,
          completedAt: '2026-11-10T10:00:00.000Z',
        });
      const [mine, theirs] = [
        ...(await runStatements('2026-11', billing, { clientId: own.client.id })),
        ...(await runStatements('2026-11', billing, { clientId: other.client.id })),
      ];
      const number = mine && 'number' in mine ? mine.number : '';
      await recordPayment(number, { amountCents: 1_000, receivedOn: '2026-12-01' }, billing);

      const body = await (await fetch(`${api}/submit?k=${own.token}`)).text();
      expect(body).toContain('<h2>Ihre Rechnungen</h2>');
      expect(body).toMatch(
        new RegExp(
          `${number}<br><span class="hint">November 2026</span><br>.*?</td><td>[\\d,]+\\s€</td><td>[\\d,]+\\s€ offen, fällig`,
        ),
      );
      expect(body).not.toContain(theirs && 'number' in theirs ? theirs.number : 'none');
      expect(await (await fetch(`${api}/submit`)).text()).not.toContain('Rechnungen');
    });

    it("shows a package client what this month's package has used and has left, and nobody else", async () => {
      const own = await newClient({
        plan: {
          kind: 'package',
          monthlyFeeCents: 90000,
          includedMinutes: 1200,
          overageRateCents: 5200,
          rollover: false,
        },
      });
      const billing = createStatementDeps(
        loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: table }),
      );
      const vaId = `va_${own.client.id.slice(4)}`;
      await billing.vas.create(aVa({ id: vaId, email: `va@${own.domain}` }));
      const now = new Date().toISOString();
      await settledTask(billing, {
        id: `VA-${own.client.id.slice(4, 9)}P`,
        clientId: own.client.id,
        vaId,
        minutes: 90,
        completedAt: now,
      });

      const body = await (await fetch(`${api}/submit?k=${own.token}`)).text();
      const month = monthName(billingPeriodOf(now), 'de');
      expect(body).toContain(`<h2 id="package-heading">Ihr Stundenpaket im ${month}</h2>`);
      expect(body).toMatch(
        /<progress id="package-used" max="1200" value="90" aria-labelledby="package-heading"/,
      );
      expect(body).toContain('<strong>Übrig: 18 Std. 30 Min.</strong> – genutzt 1 Std. 30 Min. von 20 Std.');
      expect(body).toMatch(/mit 52,00\s€ je Stunde \(netto\)/);
      const english = await (await fetch(`${api}/submit?k=${own.token}&lang=en`)).text();
      expect(english).toContain('<strong>Left: 18 h 30 min</strong> – 1 h 30 min of 20 h used');
      // An hourly client has no package, and the open form knows nobody.
      expect(await (await fetch(`${api}/submit?k=${token}`)).text()).not.toContain('package-heading');
      expect(await (await fetch(`${api}/submit`)).text()).not.toContain('package-heading');
    });

    /** A client with one sent invoice (November 2026) and their personal link. */
    const invoicedClient = async () => {
      const own = await newClient();
      const billing = createStatementDeps(
        loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: table }),
      );
      const vaId = `va_${own.client.id.slice(4)}`;
      await billing.vas.create(aVa({ id: vaId, email: `va@${own.domain}` }));
      await settledTask(billing, {
        id: `VA-${own.client.id.slice(4, 9)}Q`,
        clientId: own.client.id,
        vaId,
        minutes: 60,
        completedAt: '2026-11-10T10:00:00.000Z',
      });
      const [statement] = await runStatements('2026-11', billing, { clientId: own.client.id });
      return { ...own, billing, number: statement && 'number' in statement ? statement.number : '' };
    };

    it("downloads the client's own invoice files through the personal link, and no one else's", async () => {
      const own = await invoicedClient();
      const other = await newClient();
      const page = await (await fetch(`${api}/submit?k=${own.token}`)).text();
      const names = [`${own.number}.pdf`, `${own.number}-xrechnung.xml`, `${own.number}-Zeitnachweis.csv`];
      for (const name of names) expect(page).toContain(`href="/invoices/${name}?k=${own.token}" download>`);
      const get = (name: string, token?: string) =>
        fetch(`${api}/invoices/${name}${token === undefined ? '' : `?k=${token}`}`, { redirect: 'manual' });
      for (const [name, starts] of [
        [names[0], '%PDF-'],
        [names[1], '<?xml'],
      ] as const) {
        const response = await get(name ?? '', own.token);
        expect(response.status).toBe(302);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const location = response.headers.get('location') ?? '';
        // S3 names the download as it was mailed (the local emulator ignores this; S3 does not).
        expect(new URL(location).searchParams.get('response-content-disposition')).toContain(
          `filename="${name}"`,
        );
        const file = await fetch(location);
        expect(file.status).toBe(200);
        expect((await file.text()).slice(0, 5)).toBe(starts);
      }
      // Another client's link, a forged one, none, a file it was not mailed with, an invented
      // number: the same page each, which tells nothing about whether the invoice exists.
      for (const response of [
        await get(names[0] ?? '', other.token),
        await get(names[0] ?? '', 'x'.repeat(43)),
        await get(names[0] ?? ''),
        await get(`${own.number}.exe`, own.token),
        await get('RE-2026-999999.pdf', own.token),
        await get(`${own.number}%E0%A4%A.pdf`, own.token),
      ]) {
        expect(response.status).toBe(404);
        expect(response.headers.get('location')).toBeNull();
      }
    });

    it('passes a question about an invoice to the operator with its file, once, and makes no task', async () => {
      const own = await invoicedClient();
      const page = await (await fetch(`${api}/submit?k=${own.token}&about=${own.number}`)).text();
      // The invoice's "ask about it" link opens the form with the number in the title.
      expect(page).toContain(`&amp;about=${own.number}#title">Frage dazu</a>`);
      expect(page).toContain(`id="title" name="title" type="text" maxlength="200" required`);
      expect(page).toContain(`value="Frage zur Rechnung ${own.number}"`);

      const id = submissionId();
      const form = () => {
        const data = new FormData();
        for (const [k, v] of Object.entries({
          k: own.token,
          submission: id,
          title: `Frage zur Rechnung ${own.number}`,
          description: 'Die Stunde vom 10.11. war doch nur eine halbe. Bitte prüfen.',
        }))
          data.set(k, v);
        data.set('attachments', new Blob(['Stundenzettel 10.11.: 30 min']), 'stundenzettel.txt');
        return fetch(`${api}/tasks?lang=de`, { method: 'POST', body: data });
      };
      const [first, second] = [await form(), await form()];
      for (const response of [first, second]) {
        expect(response.status).toBe(200);
        const body = await response.text();
        expect(body).toContain('Ihre Nachricht zur Rechnung ist bei uns');
        expect(body).toContain(`<span class="ref">${own.number}</span>`);
      }
      const about = async () =>
        (await sentMails()).filter((m) => m.subject.startsWith(`[${own.number}] Nachricht zur Rechnung`));
      const [toOperator] = await eventually(async () => {
        const found = await about();
        return found.length ? found : undefined;
      });
      // Besides the invoice itself, the client gets one receipt.
      const receipts = async () =>
        (await sentTo(own.domain)).filter((m) => m.subject.startsWith('Ihre Nachricht zur Rechnung'));
      const [receipt] = await eventually(async () => {
        const found = await receipts();
        return found.length ? found : undefined;
      });
      await settle();
      expect(await about()).toHaveLength(1);
      expect(await receipts()).toHaveLength(1);
      expect(toOperator?.replyTo).toEqual([own.client.emails[0]]);
      expect(toOperator?.body.text).toContain('> Die Stunde vom 10.11. war doch nur eine halbe.');
      expect(toOperator?.attachments?.map((a) => a.filename)).toEqual(['stundenzettel.txt']);
      expect(receipt?.subject).toBe(`Ihre Nachricht zur Rechnung ${own.number}`);
      expect(receipt?.body.text).toContain('nicht berechnet');
      expect((await tasks.listByClient(own.client.id)).items.map((t) => t.status)).toEqual(['BILLED']);
      expect((await own.billing.statements.findByNumber(own.number))?.clientWroteAt).toBeDefined();
    });

    it("makes a task of a title naming another client's invoice, and opens no form on it", async () => {
      const own = await newClient();
      const other = await invoicedClient();
      const page = await (await fetch(`${api}/submit?k=${own.token}&about=${other.number}`)).text();
      expect(page).not.toContain(other.number);
      const response = await post('/tasks?lang=de', {
        ...valid,
        title: `Rechnung ${other.number} an den Steuerberater schicken`,
        k: own.token,
        submission: submissionId(),
      });
      expect(response.status).toBe(201);
      const { items } = await tasks.listByClient(own.client.id);
      expect(items.map((t) => t.title)).toEqual([`Rechnung ${other.number} an den Steuerberater schicken`]);
      await settle();
      // The other client's invoice mail is all they ever got.
      expect((await sentTo(other.domain)).map((m) => m.subject)).toEqual([
        expect.stringContaining(`Ihre Rechnung ${other.number}`),
      ]);
    });

    it('says when a link is not (or no longer) valid', async () => {
      expect((await fetch(`${api}/submit?k=${'0'.repeat(32)}`)).status).toBe(404);
      const { token: old } = await newClient();
      // A new link revokes the old one.
      const fresh = await newClient();
      expect((await fetch(`${api}/submit?k=${old}`)).status).toBe(200);
      expect((await fetch(`${api}/submit?k=${fresh.token}`)).status).toBe(200);
    });

    it('turns a valid submission into one task and one acknowledgement, even when sent twice', async () => {
      const id = submissionId();
      const first = await post('/tasks?lang=de', { ...valid, k: token, submission: id });
      const second = await post('/tasks?lang=de', { ...valid, k: token, submission: id });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      const reference = /class="ref">(VA-[0-9A-Z]{6})</.exec(await first.text())?.[1];
      expect(/class="ref">(VA-[0-9A-Z]{6})</.exec(await second.text())?.[1]).toBe(reference);
      const task = await tasks.get(reference ?? '');
      expect(task).toMatchObject({
        clientId,
        source: 'form',
        status: 'ROUTING',
        title: 'Hotel in Leipzig buchen',
        effortMinutes: 60,
        deadline: '2031-03-14T11:00:00.000Z',
        skills: [{ skill: 'travel', confidence: 1, minLevel: 1 }],
      });
      const mails = await eventually(async () => {
        const all = await sentTo(domain);
        return all.length ? all : undefined;
      });
      await settle();
      expect(await sentTo(domain)).toHaveLength(1);
      expect(mails[0]?.subject).toBe(`[${reference}] Hotel in Leipzig buchen`);
      expect(mails[0]?.body.text).toContain('wir haben Ihren Auftrag erhalten');
    });

    it('answers invalid input with field errors, keeps what was typed, and escapes it', async () => {
      const response = await post('/tasks?lang=en', {
        k: token,
        submission: submissionId(),
        title: '<img src=x onerror=alert(1)>',
        description: 'short',
        deadline: '2020-01-01T10:00',
      });
      expect(response.status).toBe(422);
      const body = await response.text();
      expect(body).toContain('<html lang="en">');
      expect(body).toContain('as Firma &amp; Co &lt;GmbH&gt;');
      expect(body).toContain('role="alert"');
      expect(body).toMatch(
        /id="description"[^>]*aria-invalid="true"[^>]*aria-describedby="description-hint description-error"/,
      );
      expect(body).toContain('Please say a little more.');
      expect(body).toContain('The deadline is in the past.');
      expect(body).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
      expect(body).not.toContain('<img src=x');
    });
  });

  describe('without a personal link', () => {
    it('waits for the address to confirm by mail; the link shows a button, and only POST creates the task', async () => {
      const { client, domain } = await newClient();
      const response = await post('/tasks?lang=de', {
        ...valid,
        email: client.emails[0] ?? '',
        submission: submissionId(),
      });
      expect(response.status).toBe(202);
      const confirmation = await eventually(async () => (await sentTo(domain))[0]);
      expect(confirmation.subject).toBe('Bitte bestätigen: Hotel in Leipzig buchen');
      const link =
        /(http:\/\/\S+\/confirm\/[0-9a-f]{32}\?lang=de)/.exec(confirmation.body.text ?? '')?.[1] ?? '';
      expect(link).not.toBe('');
      expect((await tasks.listByClient(client.id)).items).toHaveLength(0);

      // Mail scanners prefetch links: a GET decides nothing.
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Jetzt bestätigen');
      expect((await tasks.listByClient(client.id)).items).toHaveLength(0);

      const confirmed = await fetch(link, { method: 'POST' });
      expect(confirmed.status).toBe(201);
      const again = await fetch(link, { method: 'POST' });
      expect(again.status).toBe(201);
      const { items } = await tasks.listByClient(client.id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ source: 'form', status: 'ROUTING' });
    });

    it('gives an unknown address the same answer, creates nothing, and mails a note once', async () => {
      const domain = uniqueDomain();
      for (let i = 0; i < 2; i++) {
        const response = await post('/tasks', {
          ...valid,
          email: `wer@${domain}`,
          submission: submissionId(),
        });
        expect(response.status).toBe(202);
      }
      await eventually(async () => (await sentTo(domain)).length > 0);
      await settle();
      const mails = await sentTo(domain);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toBe('Ihre Nachricht an Agentur Muster');
    });

    it('needs a valid email address', async () => {
      const response = await post('/tasks?lang=de', {
        ...valid,
        email: 'kein-mail',
        submission: submissionId(),
      });
      expect(response.status).toBe(422);
      expect(await response.text()).toContain('Bitte eine gültige E-Mail-Adresse angeben');
    });

    it('ignores a filled honeypot without telling the bot', async () => {
      const { client, domain } = await newClient();
      const response = await post('/tasks', {
        ...valid,
        email: client.emails[0] ?? '',
        website: 'http://spam.example',
        submission: submissionId(),
      });
      expect(response.status).toBe(202);
      await settle();
      expect(await sentTo(domain)).toHaveLength(0);
      expect((await tasks.listByClient(client.id)).items).toHaveLength(0);
    });

    it('rejects forged confirmation links', async () => {
      expect((await fetch(`${api}/confirm/${'a'.repeat(32)}`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${api}/confirm/not-a-token`, { method: 'POST' })).status).toBe(404);
    });

    it('limits submissions per address', async () => {
      const { client } = await newClient();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(
          (await post('/tasks', { ...valid, email: client.emails[0] ?? '', submission: submissionId() }))
            .status,
        );
      }
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    });
  });
});
