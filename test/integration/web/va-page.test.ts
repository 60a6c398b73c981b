import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/document-client';
import { DynamoTaskRepository } from '../../../shared/adapters/dynamodb/task-repository';
import { DynamoVaRepository } from '../../../shared/adapters/dynamodb/va-repository';
import { DynamoVaStatsRepository } from '../../../shared/adapters/dynamodb/va-stats-repository';
import { createStatementDeps } from '../../../shared/adapters/statement-wiring';
import { loadConfig, StatementConfigSchema } from '../../../shared/config';
import { billingPeriodOf, periodBefore } from '../../../shared/domain/billing/settlement';
import { isoDate, localDateIn } from '../../../shared/domain/time-off-change';
import { addDays } from '../../../shared/domain/zoned-time';
import { monthName } from '../../../shared/mail/format';
import { issueVaPageLink } from '../../../shared/use-cases/roster';
import { settledTask } from '../../support/billing';
import { aClient, aTask, aVa } from '../../support/builders';
import { uniqueDomain } from '../../support/mail';

/** The VA's own page over HTTP on the local stack: same handler and table as on AWS. */
describe("a VA's own page", () => {
  const api = inject('localUrls').httpApi;
  const db = createDocumentClient();
  const table = process.env.TABLE_NAME ?? '';
  const vas = new DynamoVaRepository(db, table);
  const tasks = new DynamoTaskRepository(db, table);
  const stats = new DynamoVaStatsRepository(db, table);
  const runtime = { now: () => new Date(), randomBytes: (n: number) => randomBytes(n) };
  afterAll(() => db.destroy());

  /** A day `n` days from today in Berlin, where the test VAs live. */
  const inDays = (n: number) => {
    const [year, month, day] = localDateIn(new Date(), 'Europe/Berlin').split('-').map(Number) as [
      number,
      number,
      number,
    ];
    return isoDate(addDays({ year, month, day }, n));
  };

  const newVa = async (overrides: Parameters<typeof aVa>[0] = {}) => {
    const id = `va_${uniqueDomain().slice(1, 9).toUpperCase()}`;
    // A language of its own puts the VA alone in its skill-index partition, where the test reads it.
    const language = randomBytes(2)
      .toString('hex')
      .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)] ?? 'q')
      .slice(0, 2);
    const va = aVa({ id, name: 'Mia <Muster>', languages: [language], holidays: 'DE-BY', ...overrides });
    await vas.create(va);
    const token = await issueVaPageLink(va.id, { vas, runtime });
    return { va, token, language, page: `${api}/v/${token}` };
  };

  const post = (url: string, fields: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });

  it("shows the VA's page in their language, escaped, with the holidays they keep; forged and replaced links show nothing", async () => {
    const { va, token, page } = await newVa();
    const response = await fetch(page);
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const body = await response.text();
    expect(body).toContain('<html lang="de">');
    expect(body).toContain('Hallo Mia &lt;Muster&gt;');
    expect(body).toContain('<h2>Feiertage (DE-BY) in den nächsten drei Monaten</h2>');
    expect(body).toContain(`action="/v/${token}/time-off?lang=de"`);
    expect(await (await fetch(`${page}?lang=en`)).text()).toContain('Your days off');

    expect((await fetch(`${api}/v/${'0'.repeat(32)}`)).status).toBe(404);
    expect((await fetch(`${api}/v/not-a-token`)).status).toBe(404);
    const replaced = await issueVaPageLink(va.id, { vas, runtime });
    expect((await fetch(page)).status).toBe(404);
    expect((await post(`${page}/time-off`, { from: inDays(3) })).status).toBe(404);
    expect((await fetch(`${api}/v/${replaced}`)).status).toBe(200);
    expect((await vas.get(va.id))?.timeOff).toEqual([]);
  });

  it('lists the tasks the VA holds now, and none they finished or someone else holds', async () => {
    const { va, page } = await newVa();
    const other = await newVa();
    const prefix = va.id.slice(3, 8);
    const held = aTask({
      id: `VA-${prefix}H`,
      status: 'ASSIGNED',
      assignedVaId: va.id,
      title: 'Reise <planen>',
      deadline: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    });
    const finished = aTask({
      id: `VA-${prefix}F`,
      status: 'COMPLETED',
      assignedVaId: va.id,
      title: 'Fertig',
    });
    const theirs = aTask({
      id: `VA-${prefix}T`,
      status: 'ASSIGNED',
      assignedVaId: other.va.id,
      title: 'Fremd',
    });
    for (const task of [held, finished, theirs]) {
      await tasks.create(task);
      const holder = task.assignedVaId ?? '';
      const at = new Date().toISOString();
      await stats.apply(
        holder,
        { kind: 'offered', taskId: task.id, clientId: task.clientId, at },
        { kind: 'answered', taskId: task.id, outcome: 'accepted', at },
      );
    }

    const body = await (await fetch(page)).text();
    expect(body).toContain(`Reise &lt;planen&gt;<br><span class="hint">${held.id}</span>`);
    expect(body).not.toContain(finished.id);
    expect(body).not.toContain(theirs.id);
    expect(await (await fetch(other.page)).text()).not.toContain(held.id);
  });

  it('shows what this month so far and the two before owe the VA, and what was transferred', async () => {
    const { va, page } = await newVa({ payoutRateCents: 3000 });
    const billing = createStatementDeps(
      loadConfig(StatementConfigSchema, { ...process.env, TABLE_NAME: table }),
    );
    const client = aClient({ id: `cli_${va.id.slice(3)}`, emails: [`anna@${uniqueDomain()}`] });
    await billing.clients.create(client);
    const now = new Date().toISOString();
    await settledTask(billing, {
      id: `VA-${va.id.slice(3, 8)}E`,
      clientId: client.id,
      vaId: va.id,
      minutes: 90,
      completedAt: now,
    });

    const body = await (await fetch(page)).text();
    const month = monthName(billingPeriodOf(now), 'de');
    expect(body).toMatch(
      new RegExp(
        `<td>${month} <span class="hint">bisher</span></td><td>45,00\\s€</td><td>0,00\\s€</td><td>45,00\\s€</td>`,
      ),
    );
    const before = monthName(periodBefore(billingPeriodOf(now)), 'de');
    expect(body).toMatch(new RegExp(`<td>${before}</td><td>0,00\\s€</td>`));
  });

  it('adds days off once, for routing too, warns of a task due in them, and refuses what does not fit', async () => {
    const { va, page, language } = await newVa();
    const due = aTask({
      id: `VA-${va.id.slice(3, 8)}D`,
      status: 'ASSIGNED',
      assignedVaId: va.id,
      title: 'Angebot <schreiben>',
      deadline: `${inDays(12)}T10:00:00.000Z`,
    });
    await tasks.create(due);
    const at = new Date().toISOString();
    await stats.apply(
      va.id,
      { kind: 'offered', taskId: due.id, clientId: due.clientId, at },
      { kind: 'answered', taskId: due.id, outcome: 'accepted', at },
    );
    const period = { from: inDays(10), to: inDays(14), note: 'Urlaub <script>alert(1)</script>' };

    // Sent twice (a double click): one period.
    const [first, second] = await Promise.all([
      post(`${page}/time-off`, period),
      post(`${page}/time-off`, period),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const answers = [await first.text(), await second.text()];
    expect(answers.join()).toContain('Eingetragen:');
    expect(answers.find((a) => a.includes('Eingetragen:'))).toContain('Angebot &lt;schreiben&gt;');
    const stored = await vas.get(va.id);
    expect(stored?.timeOff).toEqual([
      { from: period.from, to: period.to, note: 'Urlaub <script>alert(1)</script>' },
    ]);
    // Matching reads the skill index, not the profile: it has the days off as well.
    const { candidates } = await vas.findBySkill({
      skill: 'correspondence',
      language,
      minLevel: 1,
      limit: 5,
    });
    expect(candidates.find((c) => c.id === va.id)?.timeOff).toEqual(stored?.timeOff);

    const page2 = await (await fetch(page)).text();
    expect(page2).toContain('Urlaub &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page2).not.toContain('<script>');

    const overlap = await post(`${page}/time-off`, { from: inDays(14), to: inDays(16) });
    expect(overlap.status).toBe(422);
    const overlapBody = await overlap.text();
    expect(overlapBody).toMatch(
      /id="from"[^>]*aria-invalid="true"[^>]*aria-describedby="from-hint from-error"/,
    );
    expect(overlapBody).toContain('Überschneidet sich mit freien Tagen');
    expect(overlapBody).toContain(`value="${inDays(16)}"`);
    const past = await post(`${page}/time-off`, { from: inDays(-1) });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('Der Tag liegt in der Vergangenheit.');
    expect((await vas.get(va.id))?.timeOff).toHaveLength(1);
  });

  it('keeps every period when several are added at once', async () => {
    const { va, page } = await newVa();
    const days = [20, 30, 40, 50].map(inDays);
    const answers = await Promise.all(days.map((from) => post(`${page}/time-off`, { from })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await vas.get(va.id))?.timeOff.map((t) => t.from)).toEqual(days);
  });

  it('removes days off by POST only, once', async () => {
    const { va, page } = await newVa();
    await post(`${page}/time-off`, { from: inDays(5), to: inDays(6) });
    // A link checker following the form's address changes nothing.
    expect((await fetch(`${page}/time-off/remove?from=${inDays(5)}`)).status).toBe(404);
    expect((await vas.get(va.id))?.timeOff).toHaveLength(1);

    const removed = await post(`${page}/time-off/remove`, { from: inDays(5) });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain('Entfernt:');
    expect((await vas.get(va.id))?.timeOff).toEqual([]);
    const again = await post(`${page}/time-off/remove`, { from: inDays(5) });
    expect(await again.text()).toContain('nichts geändert');
  });
});
