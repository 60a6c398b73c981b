import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Skill } from '../../../shared/domain/skills';
import type { Task } from '../../../shared/domain/task';
import { addDays, fromWallTime, toWallTime } from '../../../shared/domain/zoned-time';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/mail/format';
import { cancelTask, rerouteTask, startRouting } from '../../../shared/use-cases/routing/operator';
import { routeNow } from '../../../shared/use-cases/routing/route-now';
import { changeTaskDetails } from '../../../shared/use-cases/routing/task-details';
import { aClient, aTask, aVa } from '../../support/builders';
import { saying, sentAbout, sentTo } from '../../support/mail';
import { linkIn, type RoutingHarness, startRoutingHarness } from '../../support/routing-harness';

const HOUR = 3_600_000;
const suffix = randomUUID().slice(0, 6);

/**
 * The task lifecycle end to end on the synthesized state machine: offers by mail, answers through
 * the link pages, timeouts by moving the engine's clock (no real waiting), escalation, races.
 */
describe('task lifecycle', () => {
  let h: RoutingHarness;
  const clientEmail = `karin-${suffix}@baeckerei.example`;

  beforeAll(async () => {
    h = await startRoutingHarness();
    await h.deps.clients.create(
      aClient({
        id: 'cli_LIFE',
        contactName: 'Karin Sommer',
        company: 'Bäckerei Sommer',
        emails: [clientEmail],
      }),
    );
  }, 60_000);
  afterAll(() => h?.stop());

  /**
   * VAs who do only `skill`, at these levels, working weekdays in Berlin; their addresses are unique
   * to this run. A second pool of a skill needs its own `tag`, and ranks beside the first.
   */
  const pool = async (skill: Skill, levels: number[], tag = '') => {
    const vas = levels.map((level, i) =>
      aVa({
        id: `va_${tag}${skill.replace('-', '').toUpperCase().slice(0, 6)}${i}`,
        name: `${['Anna', 'Ben', 'Clara', 'David'][i]} ${skill}`,
        email: `${tag}${skill}-${i}-${suffix}@va.example`,
        skills: [{ skill, level }],
        weeklyAvailability: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({
          day: day as 'mon',
          start: '08:00',
          end: '18:00',
        })),
      }),
    );
    for (const va of vas) await h.deps.vas.create(va);
    return vas;
  };

  const route = async (overrides: Partial<Task>) => {
    const at = new Date(h.clock.now()).toISOString();
    const task = aTask({
      clientId: 'cli_LIFE',
      title: `Aufgabe ${overrides.id}`,
      effortMinutes: 60,
      deadline: new Date(h.clock.now() + 72 * HOUR).toISOString(),
      createdAt: at,
      updatedAt: at,
      ...overrides,
    });
    await h.deps.tasks.create(task);
    expect(await startRouting(h.deps.workflow, task)).toBe('started');
    await h.engine.idle();
    return task;
  };

  const offeredTo = async (taskId: string, status = 'PENDING') =>
    (await h.deps.offers.listByTask(taskId)).filter((o) => o.status === status).map((o) => o.vaId);

  /** Stores a task of the test client as it stands now, without routing it. */
  const stored = async (overrides: Partial<Task> & Pick<Task, 'id' | 'status' | 'skills'>) => {
    const at = new Date(h.clock.now()).toISOString();
    const task = aTask({ clientId: 'cli_LIFE', createdAt: at, updatedAt: at, ...overrides });
    await h.deps.tasks.create(task);
    return task;
  };

  /** Routes a task and lets whoever is offered it first accept: the task and that VA. */
  const routedAndAccepted = async (overrides: Partial<Task>) => {
    const task = await route(overrides);
    const [vaId] = await offeredTo(task.id);
    const va = await h.deps.vas.get(vaId ?? '');
    if (!va) throw new Error(`Nobody was offered ${task.id}`);
    await h.request(`${await linkIn(va.email, task.id, 'offer')}/accept`, { method: 'POST' });
    await h.engine.idle();
    return { task, va };
  };

  const emailOf = (vaId: string, vas: Array<{ id: string; email: string }>) =>
    vas.find((v) => v.id === vaId)?.email ?? '';

  it('offers, accepts, completes: VA and client are told at each step, in at most eight transitions', async () => {
    const vas = await pool('travel', [5, 3]);
    const task = await route({
      id: 'VA-LIFE01',
      skills: [{ skill: 'travel', confidence: 0.9, minLevel: 1 }],
    });
    const [first] = await offeredTo(task.id);
    expect(first).toBe(vas[0]?.id);
    const offerLink = await linkIn(emailOf(first ?? '', vas), task.id, 'offer');
    expect(offerLink).toBeDefined();

    // A GET (a mail scanner, a preview) shows the offer and decides nothing.
    const page = await h.request(`${offerLink}?choice=accept`);
    expect(page).toMatchObject({ status: 200, heading: `Angebot: ${task.title}` });
    expect((await h.deps.tasks.get(task.id))?.status).toBe('OFFERED');

    expect(await h.request(`${offerLink}/accept`, { method: 'POST' })).toMatchObject({
      status: 200,
      heading: 'Der Auftrag gehört Ihnen',
    });
    expect(await h.request(`${offerLink}/accept`, { method: 'POST' })).toMatchObject({
      status: 200,
      heading: 'Schon angenommen',
    });
    await h.engine.idle();
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'ASSIGNED', assignedVaId: first });
    const [clientNote] = saying(await sentAbout(clientEmail, task.id), 'Anna hat Ihren Auftrag übernommen');
    expect(clientNote?.subject).toBe(`[${task.id}] ${task.title}`);

    const doneLink = await linkIn(emailOf(first ?? '', vas), task.id, 'done');
    expect(await h.request(doneLink ?? '')).toMatchObject({
      status: 200,
      heading: `Erledigt melden: ${task.title}`,
    });
    const invalid = await h.request(doneLink ?? '', { method: 'POST', form: { minutes: '0', note: '' } });
    expect(invalid.status).toBe(422);
    expect(invalid.html).toContain('ganze Zahl von 1 bis');
    expect(
      await h.request(doneLink ?? '', { method: 'POST', form: { minutes: '75', note: 'Tickets <gebucht>' } }),
    ).toMatchObject({
      status: 200,
      heading: 'Erledigt, danke!',
    });
    await h.engine.idle();
    expect(await h.deps.tasks.get(task.id)).toMatchObject({
      status: 'BILLED',
      workedMinutes: 75,
      completionNote: 'Tickets <gebucht>',
    });
    // 75 minutes at 45 EUR an hour is 56.25 EUR; 19 % VAT is 10.6875, rounded half up to 10.69.
    expect(await h.deps.settlements.get(task.id)).toMatchObject({
      billedMinutes: 75,
      netCents: 5625,
      vatCents: 1069,
      grossCents: 6694,
      period: '2026-11',
    });
    expect(h.execution(task.id).status).toBe('SUCCEEDED');
    const states = h.statesEntered(task.id);
    expect(states).toEqual([
      'FindCandidates',
      'SendOffer',
      'Assign',
      'AwaitCompletion',
      'Settle',
      'NotifyClient',
    ]);
    expect(states.length).toBeLessThanOrEqual(8);
    const [done] = saying(await sentAbout(clientEmail, task.id), 'Anna hat Ihren Auftrag erledigt');
    expect(done?.subject).toBe(`[${task.id}] ${task.title}`);
    expect(done?.body.html).toContain('Tickets &lt;gebucht&gt;');
    expect(await h.request(doneLink ?? '', { method: 'POST', form: { minutes: '90' } })).toMatchObject({
      heading: 'Schon gemeldet',
    });
    expect((await h.deps.tasks.get(task.id))?.workedMinutes).toBe(75);
    expect((await h.deps.stats.getMany([first ?? ''])).stats.get(first ?? '')).toMatchObject({
      openTasks: 0,
      tasksByClient: { cli_LIFE: 1 },
    });
  });

  it('moves on to the next VA on a decline, and never asks the same VA again', async () => {
    const vas = await pool('research', [5, 4, 3]);
    const task = await route({
      id: 'VA-LIFE02',
      skills: [{ skill: 'research', confidence: 0.9, minLevel: 1 }],
    });
    const [first] = await offeredTo(task.id);
    const link = await linkIn(emailOf(first ?? '', vas), task.id, 'offer');
    expect(await h.request(`${link}/decline`, { method: 'POST' })).toMatchObject({
      status: 200,
      heading: 'Abgelehnt',
    });
    await h.engine.idle();
    const [second] = await offeredTo(task.id);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await offeredTo(task.id, 'DECLINED')).toEqual([first]);
    // The declined link cannot accept afterwards.
    expect(await h.request(`${link}/accept`, { method: 'POST' })).toMatchObject({
      heading: 'Schon abgelehnt',
    });
  });

  it('moves on when an offer times out; the missed link then says so and changes nothing', async () => {
    const vas = await pool('events', [5, 4]);
    const task = await route({
      id: 'VA-LIFE03',
      skills: [{ skill: 'events', confidence: 0.9, minLevel: 1 }],
    });
    const [first] = await offeredTo(task.id);
    const link = await linkIn(emailOf(first ?? '', vas), task.id, 'offer');
    await h.advance(4 * HOUR - 60_000);
    expect(await offeredTo(task.id)).toEqual([first]);
    await h.advance(60_000);
    const [second] = await offeredTo(task.id);
    expect(second).not.toBe(first);
    expect(await offeredTo(task.id, 'EXPIRED')).toEqual([first]);
    expect(await h.request(`${link}/accept`, { method: 'POST' })).toMatchObject({
      status: 410,
      heading: 'Angebot abgelaufen',
    });
    expect((await h.deps.tasks.get(task.id))?.status).toBe('OFFERED');
    // Missing an offer lowers a VA's acceptance for a while; it never removes them from routing.
    const stats = (await h.deps.stats.getMany([first ?? ''])).stats.get(first ?? '');
    expect(stats?.offers.map((o) => o.outcome)).toEqual(['expired']);
  });

  it("keeps an offer mailed at night open into the VA's working hours, then moves on", async () => {
    const vas = await pool('travel', [5, 4], 'N');
    // On to 02:00 in Berlin on the next Tuesday to Friday: the VAs start at 08:00 that day.
    let day = toWallTime(new Date(h.clock.now()), 'Europe/Berlin');
    let night = 0;
    while (night <= h.clock.now() || day.weekday < 2 || day.weekday > 5) {
      day = { ...day, ...addDays(day, 1), weekday: (day.weekday % 7) + 1 };
      night = fromWallTime({ ...day, hour: 2, minute: 0 }, 'Europe/Berlin').getTime();
    }
    await h.advance(night - h.clock.now());
    const task = await route({
      id: 'VA-LIFE22',
      skills: [{ skill: 'travel', confidence: 0.9, minLevel: 1 }],
      deadline: new Date(night + 5 * 24 * HOUR).toISOString(),
    });
    const [offer] = await h.deps.offers.listByTask(task.id);
    // Four working hours from 08:00: noon, ten hours on, where the clock alone would say 06:00.
    expect(offer?.expiresAt).toBe(new Date(night + 10 * HOUR).toISOString());
    const first = emailOf(offer?.vaId ?? '', vas) || (await h.deps.vas.get(offer?.vaId ?? ''))?.email || '';
    const [mail] = await sentAbout(first, task.id);
    expect(mail?.body.text).toContain(
      `Antwort bis: ${formatDateTime(offer?.expiresAt ?? '', 'de', 'Europe/Berlin')}`,
    );
    expect(mail?.body.text).toContain('um 12:00');

    await h.advance(10 * HOUR - 60_000);
    expect(await offeredTo(task.id)).toEqual([offer?.vaId]);
    await h.advance(60_000);
    const [second] = await offeredTo(task.id);
    expect(second).toBeDefined();
    expect(second).not.toBe(offer?.vaId);
    expect(h.statesEntered(task.id)).toEqual(['FindCandidates', 'SendOffer', 'NextRound', 'SendOffer']);
    // It is noon now: the next VA is at work and has four hours on the clock.
    const [next] = (await h.deps.offers.listByTask(task.id)).filter((o) => o.vaId === second);
    expect(next?.expiresAt).toBe(new Date(h.clock.now() + 4 * HOUR).toISOString());
  });

  it('tells the operator why nobody took it, searches once more wider, then leaves it UNASSIGNED', async () => {
    const vas = await pool('bookkeeping', [5, 4, 2]);
    const task = await route({
      id: 'VA-LIFE04',
      skills: [{ skill: 'bookkeeping', confidence: 0.9, minLevel: 3 }],
    });
    for (let round = 0; round < 2; round++) {
      const [vaId] = await offeredTo(task.id);
      const link = await linkIn(emailOf(vaId ?? '', vas), task.id, 'offer');
      await h.request(`${link}/decline`, { method: 'POST' });
      await h.engine.idle();
    }
    const [first] = await sentAbout(h.operatorEmail, task.id);
    expect(first?.subject).toBe(`[${task.id}] Keine Assistenz gefunden: ${task.title}`);
    expect(first?.body.text).toContain('Clara bookkeeping: skill: lacks bookkeeping (level 3+)');
    expect(first?.body.text).toContain('Anna bookkeeping: already-asked');
    expect(first?.body.text).toContain('npm run cli -- task reroute VA-LIFE04');
    expect(h.execution(task.id).status).toBe('RUNNING');

    // Two hours later the wider search (one level lower) finds the level-2 VA.
    await h.advance(2 * HOUR);
    const [wider] = await offeredTo(task.id);
    expect(wider).toBe(vas[2]?.id);
    await h.request(`${await linkIn(emailOf(wider ?? '', vas), task.id, 'offer')}/decline`, {
      method: 'POST',
    });
    await h.engine.idle();
    expect((await h.deps.tasks.get(task.id))?.status).toBe('UNASSIGNED');
    expect(h.execution(task.id).status).toBe('SUCCEEDED');
    expect(h.statesEntered(task.id).at(-1)).toBe('Unassigned');
    const mails = await sentAbout(h.operatorEmail, task.id);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.body.text).toContain('UNASSIGNED');
  });

  it("tells the operator when the roster lacks the skill in the task's language altogether", async () => {
    // Everyone in this roster speaks German only.
    const task = await route({
      id: 'VA-LIFE13',
      language: 'en',
      skills: [{ skill: 'research', confidence: 0.9, minLevel: 1 }],
    });
    const [mail] = await sentAbout(h.operatorEmail, task.id);
    expect(mail?.body.text).toContain(
      'in der Kartei hat keine aktive Assistenz Recherche auf der nötigen Stufe und spricht Englisch',
    );
    expect(mail?.body.text).not.toContain('Die Gründe je Assistenz');
  });

  it('offers an urgent task to three at once; of 100 simultaneous accepts exactly one wins', async () => {
    const vas = await pool('scheduling', [5, 4, 3]);
    const task = await route({
      id: 'VA-LIFE05',
      priority: 'urgent',
      skills: [{ skill: 'scheduling', confidence: 0.9, minLevel: 1 }],
    });
    const offered = await offeredTo(task.id);
    expect(offered.sort()).toEqual(vas.map((v) => v.id).sort());
    const links = await Promise.all(offered.map((id) => linkIn(emailOf(id, vas), task.id, 'offer')));
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => h.request(`${links[i % 3]}/accept`, { method: 'POST' })),
    );
    const won = answers.filter((a) => a.heading === 'Der Auftrag gehört Ihnen');
    expect(won).toHaveLength(1);
    const winner = (await h.deps.tasks.get(task.id))?.assignedVaId;
    const winnerLink = links[offered.indexOf(winner ?? '')];
    answers.forEach((answer, i) => {
      if (answer === won[0]) return;
      if (links[i % 3] === winnerLink) expect(answer.heading).toBe('Schon angenommen');
      else expect(answer).toMatchObject({ status: 409, heading: 'Schon vergeben' });
    });
    await h.engine.idle();
    expect(await h.deps.offers.listByTask(task.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ vaId: winner, status: 'ACCEPTED' }),
        expect.objectContaining({ status: 'WITHDRAWN' }),
      ]),
    );
    expect(h.statesEntered(task.id)).toEqual(['FindCandidates', 'SendOffer', 'Assign', 'AwaitCompletion']);
    expect(
      saying(await sentAbout(emailOf(winner ?? '', vas), task.id), 'der Auftrag gehört Ihnen'),
    ).toHaveLength(1);
  });

  it("mails the offer even when the VA's statistics keep losing their race", async () => {
    const vas = await pool('file-management', [5]);
    // Many offers to one busy VA at once: the stats write gives up after its retries.
    const apply = h.deps.stats.apply.bind(h.deps.stats);
    let lost = 0;
    h.deps.stats.apply = async (vaId, ...events) => {
      if (events.some((e) => e.kind === 'offered')) {
        lost++;
        throw new ConflictError('stats changed');
      }
      return apply(vaId, ...events);
    };
    try {
      const task = await route({
        id: 'VA-LIFE09',
        skills: [{ skill: 'file-management', confidence: 0.9, minLevel: 1 }],
      });
      const vaEmail = vas[0]?.email ?? '';
      expect(lost).toBe(1);
      expect(await sentAbout(vaEmail, task.id)).toHaveLength(1);
      expect(await h.execution(task.id)).toMatchObject({ status: 'RUNNING' });
      expect(await h.deps.offers.get(task.id, vas[0]?.id ?? '')).toMatchObject({
        status: 'PENDING',
        mailedAt: expect.any(String),
      });
      await h.request(`${await linkIn(vaEmail, task.id, 'offer')}/accept`, { method: 'POST' });
      await h.engine.idle();
      expect((await h.deps.tasks.get(task.id))?.status).toBe('ASSIGNED');
      expect(h.statesEntered(task.id)).toEqual(['FindCandidates', 'SendOffer', 'Assign', 'AwaitCompletion']);
    } finally {
      h.deps.stats.apply = apply;
    }
  });

  it('resumes an Assign step that crashed after any one of its writes: nothing lost, nothing twice', async () => {
    const vas = await pool('customer-support', [5]);
    const va = vas[0];
    const deps = h.deps;
    const originals = {
      apply: deps.stats.apply.bind(deps.stats),
      put: deps.links.put.bind(deps.links),
      send: deps.outbox.send.bind(deps.outbox),
    };
    // Each write completes, and then the process "dies" once: right after write number `crashAfter`.
    let writes = 0;
    let crashAfter = 0;
    let crashes = 0;
    const afterWrite = <T>(result: T) => {
      writes += 1;
      if (writes !== crashAfter) return result;
      crashes += 1;
      throw new Error(`crash after write ${writes}`);
    };
    deps.stats.apply = async (...args) => afterWrite(await originals.apply(...args));
    deps.links.put = async (...args) => afterWrite(await originals.put(...args));
    deps.outbox.send = async (...args) => afterWrite(await originals.send(...args));
    try {
      // Assign writes: the statistics (accepted and assigned, in one write), the done link, the VA's
      // mail, the client's mail.
      for (let point = 1; point <= 4; point++) {
        const task = await route({
          id: `VA-CRSH0${point}`,
          skills: [{ skill: 'customer-support', confidence: 0.9, minLevel: 1 }],
        });
        const offer = await linkIn(va?.email ?? '', task.id, 'offer');
        writes = 0;
        crashAfter = point;
        await h.request(`${offer}/accept`, { method: 'POST' });
        await h.engine.idle();
        crashAfter = 0;
        // Step Functions retries the failed Assign after 2 s.
        await h.advance(3_000);
        expect(h.statesEntered(task.id)).toEqual([
          'FindCandidates',
          'SendOffer',
          'Assign',
          'AwaitCompletion',
        ]);
        const toVa = await sentAbout(va?.email ?? '', task.id);
        expect(saying(toVa, 'der Auftrag gehört Ihnen')).toHaveLength(1);
        const toClient = await sentAbout(clientEmail, task.id);
        expect(saying(toClient, 'hat Ihren Auftrag übernommen')).toHaveLength(1);
      }
      expect(crashes).toBe(4);
      const stats = (await deps.stats.getMany([va?.id ?? ''])).stats.get(va?.id ?? '');
      expect(stats?.openTasks).toBe(4);
    } finally {
      Object.assign(deps.stats, { apply: originals.apply });
      Object.assign(deps.links, { put: originals.put });
      Object.assign(deps.outbox, { send: originals.send });
    }
  });

  it('resumes a Settle step that crashed after its write: posted once, the client told once', async () => {
    const [va] = await pool('lead-generation', [5]);
    const record = h.deps.settlements.record.bind(h.deps.settlements);
    let crashes = 0;
    h.deps.settlements.record = async (...args) => {
      const outcome = await record(...args);
      if (crashes === 0) {
        crashes += 1;
        throw new Error('crash after the settlement was written');
      }
      return outcome;
    };
    try {
      const task = await route({
        id: 'VA-SETL01',
        skills: [{ skill: 'lead-generation', confidence: 0.9, minLevel: 1 }],
      });
      await h.request(`${await linkIn(va?.email ?? '', task.id, 'offer')}/accept`, { method: 'POST' });
      await h.engine.idle();
      const doneLink = await linkIn(va?.email ?? '', task.id, 'done');
      await h.request(doneLink ?? '', { method: 'POST', form: { minutes: '60', note: '' } });
      await h.engine.idle();
      expect(crashes).toBe(1);
      expect(h.execution(task.id).status).toBe('RUNNING');
      // Step Functions retries the failed Settle after 2 s; it finds the settlement and goes on.
      await h.advance(3_000);
      expect(h.execution(task.id).status).toBe('SUCCEEDED');
      expect(h.statesEntered(task.id).slice(-2)).toEqual(['Settle', 'NotifyClient']);
      expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'BILLED' });
      const period = (await h.deps.settlements.get(task.id))?.period ?? '';
      const receivable = await h.deps.settlements.postings('receivable:cli_LIFE', period);
      expect(receivable.filter((p) => p.taskId === task.id)).toHaveLength(1);
      expect(saying(await sentAbout(clientEmail, task.id), 'hat Ihren Auftrag erledigt')).toHaveLength(1);
    } finally {
      Object.assign(h.deps.settlements, { record });
    }
  });

  it('retries a SendOffer that crashed after mailing: the mailed link stays open and answers the retry', async () => {
    const vas = await pool('social-media', [5, 4]);
    const markMailed = h.deps.offers.markMailed.bind(h.deps.offers);
    let crashes = 0;
    // The offer mail is out; then the invocation dies, once per task, before it notes the mail.
    const crashed = new Set<string>();
    h.deps.offers.markMailed = async (taskId, vaId, at) => {
      if (!crashed.has(taskId)) {
        crashed.add(taskId);
        crashes += 1;
        throw new Error('crash after the offer mail');
      }
      return markMailed(taskId, vaId, at);
    };
    try {
      // Retried before anyone answers: the retry waits on a new token, the mailed link still works.
      const quiet = await route({
        id: 'VA-SORT01',
        skills: [{ skill: 'social-media', confidence: 0.9, minLevel: 1 }],
      });
      await h.advance(3_000);
      expect(h.statesEntered(quiet.id)).toEqual(['FindCandidates', 'SendOffer']);
      const [offer] = await h.deps.offers.listByTask(quiet.id);
      expect(offer).toMatchObject({ vaId: vas[0]?.id, status: 'PENDING' });
      expect(offer?.mailedAt).toBeDefined();
      const mails = await sentAbout(vas[0]?.email ?? '', quiet.id);
      expect(mails).toHaveLength(1);
      expect(await sentTo(vas[1]?.email ?? '')).toHaveLength(0);
      const link = await linkIn(vas[0]?.email ?? '', quiet.id, 'offer');
      expect(await h.request(`${link}/accept`, { method: 'POST' })).toMatchObject({
        heading: 'Der Auftrag gehört Ihnen',
      });
      await h.engine.idle();
      expect(h.statesEntered(quiet.id)).toEqual(['FindCandidates', 'SendOffer', 'Assign', 'AwaitCompletion']);

      // Accepted between the crash and the retry: the stale token is gone, the retry answers itself.
      const quick = await route({
        id: 'VA-SORT02',
        skills: [{ skill: 'social-media', confidence: 0.9, minLevel: 1 }],
      });
      const quickLink = await linkIn(vas[0]?.email ?? '', quick.id, 'offer');
      expect(await h.request(`${quickLink}/accept`, { method: 'POST' })).toMatchObject({
        heading: 'Der Auftrag gehört Ihnen',
      });
      await h.advance(3_000);
      expect(h.statesEntered(quick.id)).toEqual(['FindCandidates', 'SendOffer', 'Assign', 'AwaitCompletion']);
      expect(await h.deps.tasks.get(quick.id)).toMatchObject({
        status: 'ASSIGNED',
        assignedVaId: vas[0]?.id,
      });
      expect(await sentAbout(vas[0]?.email ?? '', quick.id)).toHaveLength(2);
      expect(crashes).toBe(2);
    } finally {
      Object.assign(h.deps.offers, { markMailed });
    }
  });

  it('reroutes an assigned task to someone else, and cancels one: workflows stop, links go dead', async () => {
    const vas = await pool('copywriting', [5, 4]);
    const task = await route({
      id: 'VA-LIFE06',
      skills: [{ skill: 'copywriting', confidence: 0.9, minLevel: 1 }],
    });
    const [first] = await offeredTo(task.id);
    await h.request(`${await linkIn(emailOf(first ?? '', vas), task.id, 'offer')}/accept`, {
      method: 'POST',
    });
    await h.engine.idle();
    const doneLink = await linkIn(emailOf(first ?? '', vas), task.id, 'done');

    const rerouted = await rerouteTask(task.id, h.deps);
    await h.engine.idle();
    expect(rerouted).toMatchObject({ status: 'ROUTING', routingRun: 2 });
    // The VA who had it is told to stop, and the client that someone new is being found.
    expect(
      saying(await sentAbout(emailOf(first ?? '', vas), task.id), 'an eine andere Assistenz gegeben'),
    ).toHaveLength(1);
    expect(
      saying(await sentAbout(clientEmail, task.id), 'Wir suchen gerade eine neue Assistenz'),
    ).toHaveLength(1);
    expect(h.execution(task.id).status).toBe('ABORTED');
    const [second] = await offeredTo(task.id);
    expect(second).toBe(vas[1]?.id);
    expect(h.execution(`${task.id}-2`).status).toBe('RUNNING');
    expect(await h.request(doneLink ?? '', { method: 'POST', form: { minutes: '30' } })).toMatchObject({
      status: 409,
      heading: 'Nicht mehr Ihr Auftrag',
    });

    const cancelled = await cancelTask(task.id, h.deps, { tellClient: false });
    await h.engine.idle();
    expect(cancelled.status).toBe('CANCELLED');
    expect(h.execution(`${task.id}-2`).status).toBe('ABORTED');
    const link = await linkIn(emailOf(second ?? '', vas), task.id, 'offer');
    expect(await h.request(`${link}/accept`, { method: 'POST' })).toMatchObject({ status: 410 });
    expect((await h.deps.tasks.get(task.id))?.status).toBe('CANCELLED');
    // The second VA only had an offer, whose link says so; the client was not to be told.
    expect(saying(await sentAbout(emailOf(second ?? '', vas), task.id), 'abgesagt')).toEqual([]);
    expect(saying(await sentAbout(clientEmail, task.id), 'abgesagt')).toEqual([]);
  });

  it('cancels an assigned task: the VA is told to stop and the client that nothing is billed, once each', async () => {
    const vas = await pool('correspondence', [5]);
    const task = await route({
      id: 'VA-LIFE12',
      skills: [{ skill: 'correspondence', confidence: 0.9, minLevel: 1 }],
    });
    const va = vas[0]?.email ?? '';
    await h.request(`${await linkIn(va, task.id, 'offer')}/accept`, { method: 'POST' });
    await h.engine.idle();
    const doneLink = await linkIn(va, task.id, 'done');

    const reason = 'Der Kunde hat telefonisch abgesagt.';
    await cancelTask(task.id, h.deps, { reason });
    await cancelTask(task.id, h.deps, { reason });
    await h.engine.idle();
    expect(h.execution(task.id).status).toBe('ABORTED');
    const toVa = saying(await sentAbout(va, task.id), 'die Agentur hat diesen Auftrag abgesagt');
    expect(toVa).toHaveLength(1);
    expect(toVa[0]?.body.text).toContain(`Grund: ${reason}`);
    const toClient = saying(await sentAbout(clientEmail, task.id), 'wir haben diesen Auftrag abgesagt');
    expect(toClient).toHaveLength(1);
    expect(toClient[0]?.body.text).toContain(reason);
    expect(await h.request(doneLink ?? '', { method: 'POST', form: { minutes: '30' } })).toMatchObject({
      status: 409,
    });
    const { stats } = await h.deps.stats.getMany([vas[0]?.id ?? '']);
    expect(stats.get(vas[0]?.id ?? '')?.openTasks).toBe(0);
  });

  it('reroutes while a round is being sent: the stopped run leaves no offer, the new run makes the only one', async () => {
    const vas = await pool('marketing', [5]);
    // Run 1's round has moved the task to OFFERED and is about to store its offer.
    const unhook = h.beforeNextOffer((offer) => rerouteTask(offer.taskId, h.deps));
    const task = await route({
      id: 'VA-LIFE10',
      skills: [{ skill: 'marketing', confidence: 0.9, minLevel: 1 }],
    }).finally(unhook);
    expect(h.execution(task.id).status).toBe('ABORTED');
    expect(h.execution(`${task.id}-2`).status).toBe('RUNNING');
    expect(await h.deps.offers.listByTask(task.id)).toEqual([
      expect.objectContaining({ vaId: vas[0]?.id, status: 'PENDING', round: 1 }),
    ]);
    expect(await sentAbout(emailOf(vas[0]?.id ?? '', vas), task.id)).toHaveLength(1);

    // The one offer answers the run that is waiting for it.
    const link = await linkIn(emailOf(vas[0]?.id ?? '', vas), task.id, 'offer');
    expect((await h.request(`${link}/accept`, { method: 'POST' })).status).toBe(200);
    await h.engine.idle();
    expect(h.statesEntered(`${task.id}-2`)).toContain('AwaitCompletion');
  });

  it('finishes a reroute that stopped between its write and the start of the new run', async () => {
    const task = await stored({
      id: 'VA-LIFE14',
      status: 'UNASSIGNED',
      skills: [{ skill: 'events', confidence: 0.9, minLevel: 1 }],
    });
    const start = h.deps.workflow.start;
    h.deps.workflow.start = async () => {
      h.deps.workflow.start = start;
      throw new Error('injected crash before the new run starts');
    };
    await expect(rerouteTask(task.id, h.deps)).rejects.toThrowError('injected crash');
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'ROUTING', routingRun: 2 });
    expect(() => h.execution(`${task.id}-2`)).toThrow();

    // Run again, it starts the run its write made, and no third one.
    expect(await rerouteTask(task.id, h.deps)).toMatchObject({ status: 'ROUTING', routingRun: 2 });
    await h.engine.idle();
    expect(h.statesEntered(`${task.id}-2`)[0]).toBe('FindCandidates');
  });

  it('tells the VA and the client on the retry of a reroute that stopped after its write, once each', async () => {
    await pool('bookkeeping', [5, 4], 'R');
    const { task, va } = await routedAndAccepted({
      id: 'VA-LIFE15',
      skills: [{ skill: 'bookkeeping', confidence: 0.9, minLevel: 1 }],
    });
    const first = va.id;
    const holder = va.email;
    const start = h.deps.workflow.start;
    h.deps.workflow.start = async () => {
      h.deps.workflow.start = start;
      throw new Error('injected crash before the new run starts');
    };
    await expect(rerouteTask(task.id, h.deps)).rejects.toThrowError('injected crash');
    // The write cleared who holds the task; it kept whom it was taken from.
    expect(await h.deps.tasks.get(task.id)).toMatchObject({
      status: 'ROUTING',
      takenFrom: { vaId: first, run: 1 },
    });
    expect(saying(await sentAbout(holder, task.id), 'an eine andere Assistenz gegeben')).toEqual([]);

    await rerouteTask(task.id, h.deps);
    await rerouteTask(task.id, h.deps);
    await h.engine.idle();
    expect(saying(await sentAbout(holder, task.id), 'an eine andere Assistenz gegeben')).toHaveLength(1);
    expect(
      saying(await sentAbout(clientEmail, task.id), 'Wir suchen gerade eine neue Assistenz'),
    ).toHaveLength(1);
    expect((await offeredTo(task.id)).filter((vaId) => vaId !== first)).not.toEqual([]);
  });

  it('reminds the VA a day before the deadline with a fresh done link, and hears no more once it is done', async () => {
    await pool('events', [5], 'D');
    // Due in three days (the harness's default), at 09:00 UTC: 10:00 in Berlin.
    const { task, va: holder } = await routedAndAccepted({
      id: 'VA-LIFE16',
      skills: [{ skill: 'events', confidence: 0.9, minLevel: 1 }],
    });
    const va = holder.email;
    const taskLink = await linkIn(va, task.id, 'done');

    await h.advance(48 * HOUR - 60_000);
    expect(saying(await sentAbout(va, task.id), 'zur Erinnerung')).toEqual([]);
    await h.advance(60_000);
    const reminders = saying(await sentAbout(va, task.id), 'zur Erinnerung: Dieser Auftrag ist am');
    expect(reminders).toHaveLength(1);
    const due = formatDateTime(task.deadline ?? '', 'de', 'Europe/Berlin');
    expect(reminders[0]?.body.text).toContain(`ist am ${due} fällig`);
    const reminderLink = await linkIn(va, task.id, 'done');
    expect(reminderLink).not.toBe(taskLink);
    expect(h.statesEntered(task.id).slice(-2)).toEqual(['RemindVa', 'AwaitCompletion']);

    expect(await h.request(reminderLink ?? '', { method: 'POST', form: { minutes: '50' } })).toMatchObject({
      status: 200,
    });
    await h.engine.idle();
    await h.advance(72 * HOUR);
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'BILLED', workedMinutes: 50 });
    expect(saying(await sentAbout(va, task.id), 'Frist dieses Auftrags ist vorbei')).toEqual([]);
    expect(h.execution(task.id).status).toBe('SUCCEEDED');
  });

  it("offers an UNASSIGNED task to the operator's choice alone, though the ranking would leave them out", async () => {
    // A web VA for a research task: no skill, but the operator has called them.
    const [chosen, other] = await pool('web', [5, 5], 'O');
    const task = await stored({
      id: 'VA-LIFE17',
      status: 'UNASSIGNED',
      skills: [{ skill: 'research', confidence: 0.9, minLevel: 4 }],
    });

    await expect(rerouteTask(task.id, h.deps, { offerTo: 'va_NOBODY' })).rejects.toThrowError(NotFoundError);
    const next = await rerouteTask(task.id, h.deps, { offerTo: chosen?.id ?? '' });
    expect(next).toMatchObject({
      status: 'ROUTING',
      routingRun: 2,
      offerOnlyTo: { vaId: chosen?.id, run: 2 },
    });
    await h.engine.idle();
    expect(await h.deps.offers.listByTask(task.id)).toEqual([
      expect.objectContaining({ vaId: chosen?.id, status: 'PENDING' }),
    ]);
    expect(await sentAbout(other?.email ?? '', task.id)).toEqual([]);
    // Asked once per task: offering them the same task again is refused, and changes nothing.
    await expect(rerouteTask(task.id, h.deps, { offerTo: chosen?.id ?? '' })).rejects.toThrowError(
      /already asked for VA-LIFE17 \(PENDING\)/,
    );
    const link = await linkIn(chosen?.email ?? '', task.id, 'offer');
    expect((await h.request(`${link}/accept`, { method: 'POST' })).status).toBe(200);
    await h.engine.idle();
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'ASSIGNED', assignedVaId: chosen?.id });
    expect(h.statesEntered(`${task.id}-2`)).toContain('AwaitCompletion');
  });

  it('tells the operator at once when their choice does not take the task, and searches no wider', async () => {
    const [chosen] = await pool('web', [5], 'P');
    const task = await stored({
      id: 'VA-LIFE18',
      status: 'UNASSIGNED',
      skills: [{ skill: 'web', confidence: 0.9, minLevel: 1 }],
    });
    await rerouteTask(task.id, h.deps, { offerTo: chosen?.id ?? '' });
    await h.engine.idle();
    const link = await linkIn(chosen?.email ?? '', task.id, 'offer');
    await h.request(`${link}/decline`, { method: 'POST' });
    await h.engine.idle();
    expect((await h.deps.tasks.get(task.id))?.status).toBe('UNASSIGNED');
    expect(h.execution(`${task.id}-2`).status).toBe('SUCCEEDED');
    expect(h.statesEntered(`${task.id}-2`)).not.toContain('WaitBeforeWiderSearch');
    const toOperator = await sentAbout(h.operatorEmail, task.id);
    expect(toOperator).toHaveLength(1);
    expect(toOperator[0]?.body.text).toContain(`${chosen?.name} (${chosen?.id}) hat Ihr Angebot`);
    expect(toOperator[0]?.body.text).toContain(`npm run cli -- task offer ${task.id} <vaId>`);
    // Only the one VA was asked, though other web VAs were free.
    expect((await h.deps.offers.listByTask(task.id)).map((o) => o.vaId)).toEqual([chosen?.id]);

    // They declined by mistake and call: asked again, with a fresh link; the earlier answer is kept.
    await rerouteTask(task.id, h.deps, { offerTo: chosen?.id ?? '' });
    await h.engine.idle();
    const again = await linkIn(chosen?.email ?? '', task.id, 'offer');
    expect(again).not.toBe(link);
    await expect(rerouteTask(task.id, h.deps, { offerTo: chosen?.id ?? '' })).rejects.toThrowError(
      /already asked for VA-LIFE18 \(PENDING\): wait for their answer/,
    );
    // The first mail's links belong to the answer given: clicked now, they decide nothing.
    expect(await h.request(`${link}/accept`, { method: 'POST' })).toMatchObject({
      heading: 'Angebot abgelaufen',
    });
    expect(await h.deps.offers.get(task.id, chosen?.id ?? '')).toMatchObject({ status: 'PENDING', run: 3 });
    await h.request(`${again}/accept`, { method: 'POST' });
    await h.engine.idle();
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'ASSIGNED', assignedVaId: chosen?.id });
    expect(await h.deps.offers.listByTask(task.id)).toMatchObject([
      { vaId: chosen?.id, status: 'ACCEPTED', run: 3, earlier: [{ status: 'DECLINED', run: 2 }] },
    ]);
  });

  it('reroutes at once a task waiting for its wider search, as the escalation mail offers', async () => {
    // An English task: every VA of the pools speaks German only, so the first search finds nobody.
    const task = await route({
      id: 'VA-LIFE19',
      language: 'en',
      skills: [{ skill: 'scheduling', confidence: 0.9, minLevel: 1 }],
    });
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'ROUTING', routingRun: 1 });
    const [escalation] = await sentAbout(h.operatorEmail, task.id);
    expect(escalation?.body.text).toContain(`npm run cli -- task reroute ${task.id}`);
    expect(h.execution(task.id).status).toBe('RUNNING');

    // The operator takes on someone who fits and does not wait the two hours.
    const fits = aVa({
      id: 'va_ENSCHED',
      name: 'Erin Scheduling',
      email: `erin-${randomUUID().slice(0, 8)}@va.example`,
      languages: ['en'],
      skills: [{ skill: 'scheduling', level: 5 }],
      weeklyAvailability: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
        day,
        start: '08:00',
        end: '18:00',
      })),
    });
    await h.deps.vas.create(fits);
    expect(await rerouteTask(task.id, h.deps)).toMatchObject({ status: 'ROUTING', routingRun: 2 });
    await h.engine.idle();
    expect(h.execution(task.id).status).toBe('ABORTED');
    expect(await offeredTo(task.id)).toEqual([fits.id]);
  });

  it("corrects an assigned task's deadline and priority: the VA hears once what changed, even after a crash", async () => {
    await pool('travel', [5], 'U');
    const { task, va } = await routedAndAccepted({
      id: 'VA-LIFE20',
      skills: [{ skill: 'travel', confidence: 0.9, minLevel: 1 }],
    });
    const deadline = new Date(h.clock.now() + 5 * 24 * HOUR).toISOString();

    // The write lands, the mail to the VA does not: the repeat of the same change sends it.
    const crashing = Object.assign(Object.create(h.deps.outbox), {
      send: async () => {
        throw new Error('injected crash before the mail');
      },
    });
    await expect(
      changeTaskDetails(task.id, { deadline, priority: 'high' }, { ...h.deps, outbox: crashing }),
    ).rejects.toThrowError('injected');
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ deadline, priority: 'high', status: 'ASSIGNED' });
    for (let i = 0; i < 2; i++)
      expect(await changeTaskDetails(task.id, { deadline, priority: 'high' }, h.deps)).toMatchObject({
        changed: [],
        toldVaId: va.id,
        toldClient: true,
      });
    // The client has it in writing too, once, in their time zone.
    const clientTold = saying(await sentAbout(clientEmail, task.id), 'wir haben Ihren Auftrag angepasst');
    expect(clientTold).toHaveLength(1);
    expect(clientTold[0]?.body.text).toContain('Priorität: hoch (bisher: normal)');
    const told = saying(
      await sentAbout(va.email, task.id),
      'die Agentur hat bei diesem Auftrag etwas geändert',
    );
    expect(told).toHaveLength(1);
    const berlin = (iso: string) => formatDateTime(iso, 'de', 'Europe/Berlin');
    expect(told[0]?.body.text).toContain(
      `Frist: ${berlin(deadline)} (bisher: ${berlin(task.deadline ?? '')})`,
    );
    expect(told[0]?.body.text).toContain('Priorität: hoch (bisher: normal)');
    expect(told[0]?.body.text).not.toContain('Aufwand');

    await expect(
      changeTaskDetails(task.id, { deadline: new Date(h.clock.now() - HOUR).toISOString() }, h.deps),
    ).rejects.toThrowError(ValidationError);
    await expect(changeTaskDetails(task.id, { effortMinutes: 0 }, h.deps)).rejects.toThrowError(
      ValidationError,
    );
    // The VA has it: skills would count only for a new search.
    await expect(
      changeTaskDetails(task.id, { skills: [{ skill: 'events', minLevel: 1 }] }, h.deps),
    ).rejects.toThrowError(ConflictError);
  });

  it('times the reminder by a moved deadline, also after a change that stopped before waking the workflow', async () => {
    await pool('travel', [5], 'M');
    const { task, va } = await routedAndAccepted({
      id: 'VA-LIFE21',
      skills: [{ skill: 'travel', confidence: 0.9, minLevel: 1 }],
    });
    const start = h.clock.now();
    const remindersSaid = async () =>
      saying(await sentAbout(va.email, task.id), 'zur Erinnerung: Dieser Auftrag ist am');
    const remindSteps = () => h.statesEntered(task.id).filter((s) => s === 'RemindVa').length;

    // Ten days instead of three; the write and the VA's mail land, waking the workflow does not.
    const later = new Date(start + 10 * 24 * HOUR).toISOString();
    const stuck = Object.assign(Object.create(h.deps.workflow), {
      fail: async () => {
        throw new Error('injected crash before the wake');
      },
    });
    await expect(
      changeTaskDetails(task.id, { deadline: later }, { ...h.deps, workflow: stuck }),
    ).rejects.toThrowError('injected');
    await h.engine.idle();
    expect(remindSteps()).toBe(0);
    // The timer set for the old deadline fires and, seeing the new one, waits again in silence.
    await h.advance(48 * HOUR);
    expect(remindSteps()).toBe(1);
    expect(h.statesEntered(task.id).at(-1)).toBe('AwaitCompletion');
    expect(await remindersSaid()).toEqual([]);

    // Sooner again, 40 hours from now: the workflow wakes at once and reminds 16 hours on.
    const sooner = new Date(h.clock.now() + 40 * HOUR).toISOString();
    await changeTaskDetails(task.id, { deadline: sooner }, h.deps);
    await h.engine.idle();
    expect(remindSteps()).toBe(2);
    await h.advance(16 * HOUR - 60_000);
    expect(await remindersSaid()).toEqual([]);
    await h.advance(60_000);
    const reminders = await remindersSaid();
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.body.text).toContain(
      `ist am ${formatDateTime(sooner, 'de', 'Europe/Berlin')} fällig`,
    );
    expect(saying(await sentAbout(va.email, task.id), 'etwas geändert')).toHaveLength(2);
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'ASSIGNED', deadline: sooner });
  });

  it("routes a task waiting for the client's answer once the operator has it by phone; the client is told once", async () => {
    await pool('presentations', [5], 'Q');
    const task = await stored({
      id: 'VA-LIFE23',
      title: 'Folien für die Messe',
      status: 'NEEDS_INFO',
      skills: [{ skill: 'presentations', confidence: 0.4, minLevel: 1 }],
      missing: ['skills', 'deadline'],
      effortMinutes: 90,
      deadline: new Date(h.clock.now() + 3 * 24 * HOUR).toISOString(),
    });
    // The client confirms the deadline the brief guessed: nothing changes, but that question is settled.
    expect(await changeTaskDetails(task.id, { deadline: task.deadline ?? '' }, h.deps)).toMatchObject({
      changed: [],
      task: { status: 'NEEDS_INFO', missing: ['skills'], deadline: task.deadline },
    });
    const deadline = new Date(h.clock.now() + 4 * 24 * HOUR).toISOString();
    expect(
      await changeTaskDetails(
        task.id,
        { deadline, skills: [{ skill: 'presentations', minLevel: 2 }] },
        h.deps,
      ),
    ).toMatchObject({
      changed: ['deadline', 'skills'],
      task: {
        status: 'NEEDS_INFO',
        missing: [],
        skills: [{ skill: 'presentations', confidence: 1, minLevel: 2 }],
      },
    });
    // Twice, as after a first try that stopped midway: one confirmation, one workflow.
    for (let i = 0; i < 2; i++) expect(await routeNow(task.id, h.deps)).toMatchObject({ status: 'ROUTING' });
    await h.engine.idle();
    expect(await h.deps.tasks.get(task.id)).toMatchObject({ status: 'OFFERED' });
    expect(await offeredTo(task.id)).toHaveLength(1);
    const confirmed = saying(await sentAbout(clientEmail, task.id), 'So haben wir ihn verstanden');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]?.body.text).toContain(`Frist: ${formatDateTime(deadline, 'de', 'Europe/Berlin')}`);
    expect(h.statesEntered(task.id)).toEqual(['FindCandidates', 'SendOffer']);
    await expect(routeNow(task.id, h.deps)).rejects.toThrowError(ConflictError);
  });

  it('cancels while a round is being sent: no offer is stored, and the workflow ends', async () => {
    await pool('web', [5]);
    const unhook = h.beforeNextOffer((offer) => cancelTask(offer.taskId, h.deps));
    const task = await route({
      id: 'VA-LIFE11',
      skills: [{ skill: 'web', confidence: 0.9, minLevel: 1 }],
    }).finally(unhook);
    expect((await h.deps.tasks.get(task.id))?.status).toBe('CANCELLED');
    expect(await h.deps.offers.listByTask(task.id)).toEqual([]);
    expect(h.execution(task.id).status).not.toBe('RUNNING');
  });

  it("gives the assigned VA the task's files through links that sign a fresh download on each click", async () => {
    const vas = await pool('presentations', [5]);
    const key = 'attachments/VA-LIFE07/0123456789abcdef-0-Präsentation Q4.pptx';
    const content = new TextEncoder().encode('slides');
    await h.deps.blobs.put(key, content, 'application/octet-stream');
    await h.deps.thread.append('VA-LIFE07', {
      id: 'msg-1',
      receivedAt: new Date(h.clock.now()).toISOString(),
      from: clientEmail,
      subject: 'Folien',
      text: 'Anbei die Folien.',
      s3Key: 'raw/x',
      attachmentKeys: [key],
    });
    const task = await route({
      id: 'VA-LIFE07',
      skills: [{ skill: 'presentations', confidence: 0.9, minLevel: 1 }],
    });
    const vaEmail = vas[0]?.email ?? '';
    await h.request(`${await linkIn(vaEmail, task.id, 'offer')}/accept`, { method: 'POST' });
    await h.engine.idle();
    const [mail] = saying(await sentAbout(vaEmail, task.id), 'der Auftrag gehört Ihnen');
    const fileLink = /\/t\/[0-9a-f]{32}\/files\/0/.exec(mail?.body.text ?? '')?.[0];
    expect(mail?.body.text).toContain('Präsentation Q4.pptx: http');
    const redirect = await fetch(`${h.baseUrl}${fileLink}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const download = await fetch(redirect.headers.get('location') ?? '');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(content);
    expect(await h.request(`${fileLink?.replace(/\/0$/, '/1')}`)).toMatchObject({ status: 404 });
  });

  it('shows a package client the hours left in the assigned and done mails, and warns once when two or fewer are left', async () => {
    const email = `paket-${suffix}@kanzlei.example`;
    await h.deps.clients.create(
      aClient({
        id: 'cli_PAKET',
        contactName: 'Tom Weber',
        emails: [email],
        plan: {
          kind: 'package',
          monthlyFeeCents: 27_000,
          includedMinutes: 180,
          overageRateCents: 5000,
          rollover: false,
        },
      }),
    );
    const vas = await pool('data-entry', [5]);
    const task = await route({
      id: 'VA-LIFE08',
      clientId: 'cli_PAKET',
      skills: [{ skill: 'data-entry', confidence: 0.9, minLevel: 1 }],
    });
    const vaEmail = vas[0]?.email ?? '';
    await h.request(`${await linkIn(vaEmail, task.id, 'offer')}/accept`, { method: 'POST' });
    await h.engine.idle();
    await h.request((await linkIn(vaEmail, task.id, 'done')) ?? '', {
      method: 'POST',
      form: { minutes: '75' },
    });
    await h.engine.idle();
    const mails = await sentTo(email);
    const [assigned] = saying(mails, 'hat Ihren Auftrag übernommen');
    expect(assigned?.body.text).toContain('Paket: übrig diesen Monat: 3 Std.');
    const [done] = saying(mails, 'hat Ihren Auftrag erledigt');
    expect(done?.body.text).toContain('Paket: übrig diesen Monat: 1 Std. 45 Min.');
    expect(mails.filter((m) => m.subject === 'Ihr Stundenpaket ist fast aufgebraucht')).toHaveLength(1);
    expect(await h.deps.settlements.get(task.id)).toMatchObject({ packageMinutes: 75, netCents: 0 });
  });

  it('answers forged and malformed links with the invalid page and changes nothing', async () => {
    for (const path of [`/o/${'0'.repeat(32)}`, '/o/not-a-token', `/t/${'f'.repeat(32)}/done`]) {
      expect(await h.request(path)).toMatchObject({ status: 404, heading: 'Link ungültig' });
    }
    expect(await h.request(`/o/${'1'.repeat(32)}/accept`, { method: 'POST' })).toMatchObject({ status: 404 });
    expect(
      await h.request(`/t/${'1'.repeat(32)}/done`, { method: 'POST', form: { minutes: '5' } }),
    ).toMatchObject({ status: 404 });
  });
});
