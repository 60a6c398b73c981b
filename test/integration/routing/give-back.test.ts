import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/ports/routing';
import { giveBackTask } from '../../../shared/use-cases/routing/give-back';
import { aClient, aVa } from '../../support/builders';
import { saying, sentAbout } from '../../support/mail';
import { linkIn, type RoutingHarness, startRoutingHarness } from '../../support/routing-harness';

const _HOUR = 3_600_000;
const suffix = randomUUID().slice(0, 6);

/**
 * A VA who accepted a task gives it back through their done link: on the synthesized state machine,
 * with the link pages over HTTP, as the VA's browser would use them.
 */
describe('giving a task back', () => {
  let h: RoutingHarness;
  const clientEmail = `karin-${suffix}@baeckerei.example`;
  let run = 0;

  beforeAll(async () => {
    h = await startRoutingHarness();
    await h.deps.clients.create(
      aClient({ id: 'cli_BACK', contactName: 'Karin Sommer', emails: [clientEmail] }),
    );
  }, 60_000);
  afterAll(() => h?.stop());

  /** Each test's own kind of work, so that earlier tests' VAs are not candidates. */
  const SKILLS = ['research', 'presentations', 'data-entry', 'bookkeeping'] as const;

  /** Two VAs, Anna the better; a task routed to them and accepted by Anna. */
  const acceptedByAnna = async () => {
    const skill = SKILLS[run] ?? 'research';
    run++;
    const vas = ['Anna', 'Ben'].map((name, i) =>
      aVa({
        id: `va_BACK${run}${i}`,
        name: `${name} Research${run}`,
        email: `${name.toLowerCase()}-${run}-${suffix}@va.example`,
        skills: [{ skill, level: 5 - i }],
        weeklyAvailability: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({
          day: day as 'mon',
          start: '08:00',
          end: '18:00',
        })),
      }),
    );
    for (const va of vas) await h.deps.vas.create(va);
    const task = await h.routeTask({
      id: `VA-BACK0${run}`,
      clientId: 'cli_BACK',
      title: `Marktrecherche ${run}`,
      skills: [{ skill, confidence: 0.9, minLevel: 1 }],
    });
    const [anna, ben] = vas as [(typeof vas)[0], (typeof vas)[0]];
    const offer = await linkIn(anna.email, task.id, 'offer');
    expect((await h.request(`${offer}/accept`, { method: 'POST' })).status).toBe(200);
    await h.engine.idle();
    const done = (await linkIn(anna.email, task.id, 'done')) ?? '';
    return { task, anna, ben, done, giveBack: done.replace(/\/done$/, '/give-back') };
  };

  it('passes the task to the next VA, tells client and operator once, and the old links say so', async () => {
    const { task, anna, ben, done, giveBack } = await acceptedByAnna();
    expect((await h.request(done)).html).toContain(giveBack);
    expect(await h.request(giveBack)).toMatchObject({
      status: 200,
      heading: `Auftrag zurückgeben: ${task.title}`,
    });
    // Opening the page decided nothing.
    expect((await h.deps.tasks.get(task.id))?.status).toBe('ASSIGNED');

    const form = { reason: 'Bin krank geworden <b>leider</b>' };
    expect(await h.request(giveBack, { method: 'POST', form })).toMatchObject({
      status: 200,
      heading: 'Zurückgegeben',
    });
    await h.engine.idle();
    expect(h.execution(task.id).status).toBe('SUCCEEDED');
    expect(h.statesEntered(task.id).at(-1)).toBe('Cancelled');
    expect(h.execution(`${task.id}-2`).status).toBe('RUNNING');
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'OFFERED', routingRun: 2 });
    const offers = await h.deps.offers.listByTask(task.id);
    expect(offers.map((o) => [o.vaId, o.status])).toEqual(
      expect.arrayContaining([
        [anna.id, 'RELEASED'],
        [ben.id, 'PENDING'],
      ]),
    );
    const { stats } = await h.deps.stats.getMany([anna.id]);
    expect(stats.get(anna.id)?.openTasks).toBe(0);

    // A second click, and the done link, change nothing more.
    expect(await h.request(giveBack, { method: 'POST', form })).toMatchObject({
      status: 200,
      heading: 'Schon zurückgegeben',
    });
    expect(await h.request(done, { method: 'POST', form: { minutes: '30' } })).toMatchObject({
      status: 409,
      heading: 'Nicht mehr Ihr Auftrag',
    });
    await h.engine.idle();
    const toClient = saying(
      await sentAbout(clientEmail, task.id),
      'kann Ihren Auftrag leider nicht weiterführen',
    );
    expect(toClient).toHaveLength(1);
    expect(toClient[0]?.body.text).toContain('Anna kann Ihren Auftrag');
    expect(toClient[0]?.body.text).not.toContain('krank');
    const toOperator = await sentAbout(h.operatorEmail, task.id);
    expect(toOperator.map((m) => m.subject)).toEqual([
      `[${task.id}] Zurückgegeben von ${anna.name}: ${task.title}`,
    ]);
    expect(toOperator[0]?.body.text).toContain('Bin krank geworden <b>leider</b>');

    // Ben takes it: he gets the task mail, and the client hears who has it now.
    const benOffer = await linkIn(ben.email, task.id, 'offer');
    expect((await h.request(`${benOffer}/accept`, { method: 'POST' })).status).toBe(200);
    await h.engine.idle();
    expect(await linkIn(ben.email, task.id, 'done')).toBeDefined();
    expect(saying(await sentAbout(clientEmail, task.id), 'Ben hat Ihren Auftrag übernommen')).toHaveLength(1);
  });

  it('races the done form: exactly one of the two wins', async () => {
    const { task, done, giveBack } = await acceptedByAnna();
    const [doneAnswer, backAnswer] = await Promise.all([
      h.request(done, { method: 'POST', form: { minutes: '45' } }),
      h.request(giveBack, { method: 'POST', form: { reason: '' } }),
    ]);
    await h.engine.idle();
    const wins = [doneAnswer.status, backAnswer.status].filter((s) => s === 200);
    expect(wins).toHaveLength(1);
    const stored = await h.deps.tasks.get(task.id);
    if (doneAnswer.status === 200) expect(stored?.status).toMatch(/COMPLETED|BILLED/);
    else expect(stored).toMatchObject({ status: 'OFFERED', routingRun: 2 });
  });

  it('is finished by the next click when the first crashed after taking the task back', async () => {
    const { task, ben, done, giveBack } = await acceptedByAnna();
    const token = /\/t\/([0-9a-f]{32})\/done/.exec(done)?.[1] ?? '';
    const real = h.deps.workflow;
    const crashing: Workflow = {
      start: async () => {
        throw new Error('injected: crashed before starting the new run');
      },
      succeed: (...a) => real.succeed(...a),
      fail: (...a) => real.fail(...a),
      stop: (...a) => real.stop(...a),
      exists: (...a) => real.exists(...a),
    };
    await expect(
      giveBackTask(token, { reason: 'Termin' }, { ...h.deps, workflow: crashing }),
    ).rejects.toThrow('injected');
    await h.engine.idle();
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'ROUTING', routingRun: 2 });

    expect(await h.request(giveBack, { method: 'POST', form: { reason: 'Termin' } })).toMatchObject({
      status: 200,
      heading: 'Schon zurückgegeben',
    });
    await h.engine.idle();
    expect(h.execution(`${task.id}-2`).status).toBe('RUNNING');
    expect(await linkIn(ben.email, task.id, 'offer')).toBeDefined();
    expect(await sentAbout(h.operatorEmail, task.id)).toHaveLength(1);
  });

  it('refuses forged links and an overlong reason, changing nothing', async () => {
    const { task, giveBack } = await acceptedByAnna();
    expect(await h.request(`/t/${'0'.repeat(32)}/give-back`, { method: 'POST', form: {} })).toMatchObject({
      status: 404,
      heading: 'Link ungültig',
    });
    expect(await h.request('/t/not-a-token/give-back')).toMatchObject({ status: 404 });
    const long = await h.request(giveBack, { method: 'POST', form: { reason: 'x'.repeat(1001) } });
    expect(long.status).toBe(422);
    expect(long.html).toContain('höchstens 1000 Zeichen');
    expect((await h.deps.tasks.get(task.id))?.status).toBe('ASSIGNED');
  });
});
