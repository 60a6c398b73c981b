import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/hash';
import { cancelTask } from '../../../shared/use-cases/routing/operator';
import { issueWithdrawLink } from '../../../shared/use-cases/withdraw-task';
import { aClient, aVa } from '../../support/builders';
import { saying, sentAbout } from '../../support/mail';
import { linkIn, type RoutingHarness, startRoutingHarness } from '../../support/routing-harness';

const _HOUR = 3_600_000;
const suffix = randomUUID().slice(0, 6);

/**
 * A client withdraws a task through the link in their acknowledgement, before anyone has taken it:
 * on the synthesized state machine, with the link pages over HTTP.
 */
describe('withdrawing a task', () => {
  let h: RoutingHarness;
  let n = 0;

  beforeAll(async () => {
    h = await startRoutingHarness();
    await h.deps.clients.create(aClient({ id: 'cli_WDRW', emails: [`karin-${suffix}@baeckerei.example`] }));
    await h.deps.clients.create(aClient({ id: 'cli_OTHER', emails: [`other-${suffix}@firma.example`] }));
    await h.deps.vas.create(
      aVa({
        id: 'va_WDRW',
        name: 'Wanda Writer',
        email: `wanda-${suffix}@va.example`,
        skills: [{ skill: 'social-media', level: 5 }],
        weeklyAvailability: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({
          day: day as 'mon',
          start: '08:00',
          end: '18:00',
        })),
      }),
    );
  }, 60_000);
  afterAll(() => h?.stop());

  /** A task of Karin's, routed (the VA has the offer) unless it still needs information. */
  const karinsTask = async (status: 'ROUTING' | 'NEEDS_INFO' = 'ROUTING') => {
    n++;
    const task = await h.routeTask({
      id: `VA-WDRW0${n}`,
      clientId: 'cli_WDRW',
      status,
      title: `Beiträge planen ${n}`,
      skills: [{ skill: 'social-media', confidence: 0.9, minLevel: 1 }],
    });
    const url = await issueWithdrawLink(h.deps, task);
    return { task, path: url.slice(h.baseUrl.length) };
  };

  it("withdraws an offered task: the offer's link goes dead and the workflow ends at once", async () => {
    const { task, path } = await karinsTask();
    expect((await h.deps.tasks.get(task.id))?.status).toBe('OFFERED');
    expect(await h.request(path)).toMatchObject({
      status: 200,
      heading: `Auftrag zurückziehen: ${task.title}`,
    });
    // Opening the page decided nothing.
    expect((await h.deps.tasks.get(task.id))?.status).toBe('OFFERED');

    expect(await h.request(path, { method: 'POST' })).toMatchObject({
      status: 200,
      heading: 'Zurückgezogen',
    });
    await h.engine.idle();
    expect((await h.deps.tasks.get(task.id))?.status).toBe('CANCELLED');
    expect((await h.deps.offers.listByTask(task.id)).map((o) => o.status)).toEqual(['WITHDRAWN']);
    expect(h.execution(task.id).status).toBe('SUCCEEDED');
    expect(h.statesEntered(task.id).at(-1)).toBe('Cancelled');

    const offer = await linkIn(`wanda-${suffix}@va.example`, task.id, 'offer');
    expect((await h.request(`${offer}/accept`, { method: 'POST' })).status).toBe(410);
    expect(await h.request(path, { method: 'POST' })).toMatchObject({
      status: 200,
      heading: 'Schon zurückgezogen',
    });

    // Client and operator hear of it once, however often the button is pressed.
    const confirmations = saying(
      await sentAbout(`karin-${suffix}@baeckerei.example`, task.id),
      'Sie haben diesen Auftrag zurückgezogen',
    );
    expect(confirmations).toHaveLength(1);
    const notices = await sentAbout(h.deps.config.operatorEmail, task.id);
    expect(notices.map((m) => m.subject)).toEqual([`[${task.id}] Vom Kunden zurückgezogen: ${task.title}`]);
  });

  it('finishes on the next click a withdrawal that crashed after its write', async () => {
    const { task, path } = await karinsTask();
    const send = h.deps.outbox.send;
    h.deps.outbox.send = async () => {
      h.deps.outbox.send = send;
      throw new Error('injected crash before the confirmation');
    };
    try {
      expect((await h.request(path, { method: 'POST' })).status).toBe(500);
    } finally {
      h.deps.outbox.send = send;
    }
    // The task is withdrawn and its offer closed; the mails have not gone out yet.
    expect((await h.deps.tasks.get(task.id))?.status).toBe('CANCELLED');
    expect(await sentAbout(h.deps.config.operatorEmail, task.id)).toEqual([]);

    expect(await h.request(path, { method: 'POST' })).toMatchObject({
      status: 200,
      heading: 'Schon zurückgezogen',
    });
    await h.engine.idle();
    expect((await h.deps.offers.listByTask(task.id)).map((o) => o.status)).toEqual(['WITHDRAWN']);
    expect(h.statesEntered(task.id).at(-1)).toBe('Cancelled');
    expect(
      saying(
        await sentAbout(`karin-${suffix}@baeckerei.example`, task.id),
        'Sie haben diesen Auftrag zurückgezogen',
      ),
    ).toHaveLength(1);
    expect(await sentAbout(h.deps.config.operatorEmail, task.id)).toHaveLength(1);
  });

  it('tells the client the agency cancelled the task already, and mails nobody', async () => {
    const { task, path } = await karinsTask();
    await cancelTask(task.id, h.deps);
    expect(await h.request(path, { method: 'POST' })).toMatchObject({
      status: 409,
      heading: 'Schon abgesagt',
    });
    expect(await sentAbout(h.deps.config.operatorEmail, task.id)).toEqual([]);
    expect(saying(await sentAbout(`karin-${suffix}@baeckerei.example`, task.id), 'zurückgezogen')).toEqual(
      [],
    );
  });

  it('withdraws a task that still waits for the client to answer', async () => {
    const { task, path } = await karinsTask('NEEDS_INFO');
    expect(await h.request(path, { method: 'POST' })).toMatchObject({
      status: 200,
      heading: 'Zurückgezogen',
    });
    expect((await h.deps.tasks.get(task.id))?.status).toBe('CANCELLED');
  });

  it('leaves a task the VA has taken to them, and says so', async () => {
    const { task, path } = await karinsTask();
    const offer = await linkIn(`wanda-${suffix}@va.example`, task.id, 'offer');
    expect((await h.request(`${offer}/accept`, { method: 'POST' })).status).toBe(200);
    await h.engine.idle();
    expect(await h.request(path)).toMatchObject({ status: 409, heading: 'Schon übernommen' });
    expect(await h.request(path, { method: 'POST' })).toMatchObject({
      status: 409,
      heading: 'Schon übernommen',
    });
    expect((await h.deps.tasks.get(task.id))?.status).toBe('ASSIGNED');
  });

  it("races the VA's accept: exactly one of the two wins, and the task shows which", async () => {
    const { task, path } = await karinsTask();
    const offer = await linkIn(`wanda-${suffix}@va.example`, task.id, 'offer');
    const [accepted, withdrawn] = await Promise.all([
      h.request(`${offer}/accept`, { method: 'POST' }),
      h.request(path, { method: 'POST' }),
    ]);
    await h.engine.idle();
    expect([accepted.status, withdrawn.status].filter((s) => s === 200)).toHaveLength(1);
    expect((await h.deps.tasks.get(task.id))?.status).toBe(
      accepted.status === 200 ? 'ASSIGNED' : 'CANCELLED',
    );
  });

  it('lands between the offer round reading the task and storing its offer: no offer is left behind', async () => {
    n++;
    const task = { id: `VA-WDRW0${n}`, clientId: 'cli_WDRW' };
    const path = (await issueWithdrawLink(h.deps, task)).slice(h.baseUrl.length);
    let withdrawn: Awaited<ReturnType<RoutingHarness['request']>> | undefined;
    const unhook = h.beforeNextOffer(async () => {
      withdrawn = await h.request(path, { method: 'POST' });
    });
    await h
      .routeTask({
        ...task,
        title: 'Beiträge planen, gleich zurückgezogen',
        skills: [{ skill: 'social-media', confidence: 0.9, minLevel: 1 }],
      })
      .finally(unhook);
    expect(withdrawn).toMatchObject({ status: 200, heading: 'Zurückgezogen' });
    expect((await h.deps.tasks.get(task.id))?.status).toBe('CANCELLED');
    expect(await h.deps.offers.listByTask(task.id)).toEqual([]);
    expect(await sentAbout(`wanda-${suffix}@va.example`, task.id)).toEqual([]);
    expect(h.execution(task.id).status).toBe('SUCCEEDED');
    expect(h.statesEntered(task.id).at(-1)).toBe('Cancelled');
  });

  it("refuses forged links, and a link that names another client's task", async () => {
    const { task } = await karinsTask();
    expect(await h.request(`/w/${'0'.repeat(32)}`, { method: 'POST' })).toMatchObject({
      status: 404,
      heading: 'Link ungültig',
    });
    expect((await h.request('/w/not-a-token')).status).toBe(404);
    const token = 'ab'.repeat(16);
    await h.deps.links.put(
      sha256Hex(token),
      { kind: 'withdraw', taskId: task.id, clientId: 'cli_OTHER' },
      Math.floor(h.clock.now() / 1000) + 3600,
    );
    expect((await h.request(`/w/${token}`, { method: 'POST' })).status).toBe(404);
    expect((await h.deps.tasks.get(task.id))?.status).toBe('OFFERED');
  });
});
