import { DEFAULT_TIME_ZONE } from '../../domain/common';
import { newLinkToken } from '../../domain/ids';
import { isClosedOffer, type Offer } from '../../domain/offer';
import { offerWindowSeconds } from '../../domain/routing/offer-window';
import {
  CANDIDATE_LIST_LIMIT,
  ESCALATION_RETRY_MINUTES,
  nextOfferTargets,
  offerSeconds,
  offersBarring,
  PARALLEL_OFFERS,
} from '../../domain/routing/policy';
import { chosenVaOf, type Task } from '../../domain/task';
import type { Va } from '../../domain/va';
import { ConflictError, TaskClosedError } from '../../errors';
import { sha256Hex } from '../../hash';
import { escalationMail, firstName, offerMail } from '../../mail/routing-templates';
import { offerPath } from '../../web/link-paths';
import { type CandidateResult, findCandidates } from '../find-candidates';
import { type RoutingDeps, TaskCancelledError } from './deps';
import { sendWorkflowMail } from './mail';

/** What the workflow carries between states (JSONPath `$`). */
export interface WorkflowState {
  taskId: string;
  /** The routing run this execution is; absent in executions started before runs were carried. */
  run?: number;
  routing?: RoutingPlan;
  escalation?: { count: number; giveUp: boolean; waitSeconds?: number };
  assignment?: { vaId: string };
  completion?: { timeoutSeconds: number; reminders: number };
  /** Why the last completion wait ended without the done form: its timer, or a moved deadline. */
  lastWait?: { Error: string };
}

export interface RoutingPlan {
  /** Ranked VA ids, best first; offers go down this list. */
  candidates: string[];
  offerSeconds: number;
  parallel: number;
  wider: boolean;
}

const OPEN_FOR_ROUTING = new Set<Task['status']>(['ROUTING', 'OFFERED']);

const loadOpenTask = async (deps: RoutingDeps, taskId: string): Promise<Task> => {
  const task = await deps.tasks.get(taskId);
  if (!task || task.status === 'CANCELLED')
    throw new TaskCancelledError(`Task ${taskId} is cancelled or gone`);
  return task;
};

/**
 * FindCandidates: ranks VAs now (a second search after an escalation is wider). A run the operator
 * gave one VA asks only them, whatever their skills and calendar say: the operator has spoken to them.
 */
export const planRouting = async (state: WorkflowState, deps: RoutingDeps): Promise<RoutingPlan> => {
  const task = await loadOpenTask(deps, state.taskId);
  const chosen = chosenVaOf(task);
  if (chosen) {
    const va = await deps.vas.get(chosen);
    const candidates = va?.active ? [chosen] : [];
    return withWindow(task, { candidates, parallel: 1, wider: false }, deps);
  }
  const wider = (state.escalation?.count ?? 0) > 0;
  const { ranked, read } = await findCandidates(task, deps, { wider, limit: CANDIDATE_LIST_LIMIT });
  return withWindow(
    task,
    { candidates: ranked.map((c) => c.vaId), parallel: PARALLEL_OFFERS[task.priority], wider },
    deps,
    read,
  );
};

/**
 * NextRound: the last round was declined or ran out. The next one asks other VAs, whose working
 * hours set how long it stays open; the list stays as FindCandidates ranked it.
 */
export const planNextRound = async (state: WorkflowState, deps: RoutingDeps): Promise<RoutingPlan> => {
  const task = await loadOpenTask(deps, state.taskId);
  const { candidates = [], parallel = 1, wider = false } = state.routing ?? {};
  return withWindow(task, { candidates, parallel, wider }, deps);
};

/**
 * The plan with the window of its next round, worked out for the VAs that round will ask; `read`
 * is what the ranking read just now, so the happy path reads nothing more.
 */
const withWindow = async (
  task: Task,
  plan: Omit<RoutingPlan, 'offerSeconds'>,
  deps: RoutingDeps,
  read?: CandidateResult['read'],
): Promise<RoutingPlan> => {
  const asked = read?.offers ?? (plan.candidates.length > 0 ? await deps.offers.listByTask(task.id) : []);
  const targets = nextOfferTargets(
    plan.candidates,
    offersBarring(task, task.routingRun, asked),
    plan.parallel,
  );
  const round = await Promise.all(targets.map((vaId) => read?.profiles.get(vaId) ?? deps.vas.get(vaId)));
  const calendars = round.filter((va) => va !== undefined);
  return { ...plan, offerSeconds: offerWindowSeconds(task, calendars, deps.runtime.now()) };
};

/**
 * SendOffer, one round of the offer loop, waiting on `token`. Closes what earlier rounds left open,
 * then offers the task to the next VAs on the list. The round's answer arrives through the links;
 * with nobody left it fails the round itself with NoCandidateLeft, which leads to the escalation.
 * Run twice for the same round (a retried invocation), it sends nothing twice. `enteredAt` is when
 * the state was entered: Step Functions gives a retried attempt a new token but the same entry time,
 * so its offers move to the new token and stay open, while a new round's entry closes the last one.
 */
export const sendOffers = async (
  state: WorkflowState,
  token: string,
  deps: RoutingDeps,
  enteredAt?: string,
): Promise<void> => {
  const now = deps.runtime.now();
  const at = now.toISOString();
  let task = await deps.tasks.get(state.taskId);
  if (!task || task.status === 'CANCELLED') {
    await deps.workflow.fail(token, 'TaskCancelled', `Task ${state.taskId} is cancelled or gone`);
    return;
  }
  // A reroute stops this execution, but a step already running finishes: it must not offer for the
  // run that replaced it.
  const run = state.run ?? task.routingRun;
  if (task.routingRun !== run) {
    await deps.workflow.fail(token, 'TaskCancelled', `Task ${task.id} is on routing run ${task.routingRun}`);
    return;
  }
  const earlier = await deps.offers.listByTask(task.id);
  for (const offer of earlier) {
    if (offer.status !== 'PENDING' || offer.taskToken === token) continue;
    const sameRound = enteredAt !== undefined && offer.roundEnteredAt === enteredAt;
    if (sameRound && offer.taskToken) {
      await deps.offers.retoken(offer.taskId, offer.vaId, offer.taskToken, token);
    } else if (await deps.offers.close(offer.taskId, offer.vaId, 'EXPIRED', at)) {
      await deps.stats.apply(offer.vaId, { kind: 'answered', taskId: task.id, outcome: 'expired', at });
    }
  }
  // Re-read after closing: an accept that won against the timeout shows here, and wins. A first
  // round has nothing to re-read: without an offer, nobody can have answered one.
  if (earlier.length > 0) task = (await deps.tasks.get(task.id)) ?? task;
  if (await endedRound(task, token, deps)) return;
  const offers = earlier.length > 0 ? await deps.offers.listByTask(task.id) : earlier;
  let round = offers.filter((o) => o.taskToken === token);
  const fresh = round.length === 0;
  if (fresh) {
    const plan = state.routing;
    const targets = nextOfferTargets(
      plan?.candidates ?? [],
      offersBarring(task, run, offers),
      plan?.parallel ?? 1,
    );
    if (targets.length === 0) {
      await deps.workflow.fail(token, 'NoCandidateLeft', `Asked ${offers.length} VAs for ${task.id}`);
      return;
    }
    if (task.status === 'ROUTING') await moveToOffered(deps, task.id, at);
    const number = Math.max(0, ...offers.map((o) => o.round)) + 1;
    const expiresAt = new Date(now.getTime() + (plan?.offerSeconds ?? offerSeconds(task.priority)) * 1000);
    round = targets.map((vaId) => ({
      taskId: task.id,
      vaId,
      status: 'PENDING' as const,
      rank: (plan?.candidates.indexOf(vaId) ?? 0) + 1,
      round: number,
      tokenHash: '0'.repeat(64),
      taskToken: token,
      ...(enteredAt ? { roundEnteredAt: enteredAt } : {}),
      sentAt: at,
      expiresAt: expiresAt.toISOString(),
      run,
    }));
  }
  // An earlier run's answer of a VA the operator asks again: their offer is reopened, not made anew.
  const previousOf = (vaId: string) => (fresh ? offers.find((o) => o.vaId === vaId) : undefined);
  const mailed = await Promise.allSettled(
    round.map((offer) => mailOffer(offer, task, run, deps, fresh, previousOf(offer.vaId))),
  );
  const failed = mailed.flatMap((m) => (m.status === 'rejected' ? [m.reason as unknown] : []));
  const unexpected = failed.find((reason) => !(reason instanceof TaskClosedError));
  if (unexpected) throw unexpected;
  if (failed.length === 0) return;
  // The task closed while the round was being written: end the round on what closed it.
  const latest = await deps.tasks.get(task.id);
  if (latest && (await endedRound(latest, token, deps))) return;
  await deps.workflow.fail(token, 'TaskCancelled', `Task ${task.id} stopped taking offers mid-round`);
};

/**
 * Ends the round on a task that no longer takes offers: an accept that won shows as the answer, and
 * anything else ends the workflow. False while the task is open for offers.
 */
const endedRound = async (task: Task, token: string, deps: RoutingDeps): Promise<boolean> => {
  if (task.status === 'ASSIGNED' && task.assignedVaId) {
    await deps.workflow.succeed(token, { vaId: task.assignedVaId });
    return true;
  }
  if (OPEN_FOR_ROUTING.has(task.status)) return false;
  await deps.workflow.fail(token, 'TaskCancelled', `Task ${task.id} is ${task.status}`);
  return true;
};

const moveToOffered = async (deps: RoutingDeps, taskId: string, at: string) => {
  try {
    await deps.tasks.transition(taskId, 'ROUTING', 'OFFERED', at);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
};

/**
 * Stores the offer (the first time) and mails it with a fresh link. The link's token exists only
 * in the mail; a retry that cannot tell whether the mail went out sends a new link instead. The
 * VA's statistics are counted after the mail, once per offer however often this runs: bookkeeping
 * never holds back an offer. A `draft` of a round made just now has no mail yet, and no offer but
 * the `previous` one of an earlier run the operator asks its VA again in: only a resumed round
 * looks them up.
 */
const mailOffer = async (
  draft: Offer,
  task: Task,
  run: number,
  deps: RoutingDeps,
  fresh: boolean,
  previous?: Offer,
) => {
  if (draft.mailedAt) return;
  // A VA asked again gets a mail of that run; the first offer keeps the ref it always had.
  const again = previous !== undefined || draft.earlier !== undefined;
  const ref = again ? `offer:${task.id}:${draft.vaId}:${run}` : `offer:${task.id}:${draft.vaId}`;
  if (fresh || !(await deps.outbox.wasSent(ref))) {
    const va = await deps.vas.get(draft.vaId);
    const client = await deps.clients.get(task.clientId);
    if (!va || !client) return;
    const token = newLinkToken(deps.runtime.randomBytes);
    const tokenHash = sha256Hex(token);
    const linkTtl = Math.floor(Date.parse(draft.expiresAt) / 1000) + 86_400;
    const existing = fresh ? undefined : await deps.offers.get(task.id, draft.vaId);
    if (!existing) {
      try {
        if (!previous) await deps.offers.create({ ...draft, tokenHash }, linkTtl, run);
        else if (isClosedOffer(previous))
          await deps.offers.reopen({ ...draft, tokenHash }, previous, linkTtl, run);
        else return;
      } catch (error) {
        // A concurrent run of this round stored it first and mails it.
        if (error instanceof ConflictError && !(error instanceof TaskClosedError)) return;
        throw error;
      }
    } else {
      await deps.links.put(
        tokenHash,
        {
          kind: 'offer',
          taskId: task.id,
          vaId: va.id,
          ...(existing.run === undefined ? {} : { offerRun: existing.run }),
        },
        linkTtl,
      );
    }
    await sendWorkflowMail(
      deps,
      ref,
      va.email,
      offerMail({
        language: va.language,
        agency: { name: deps.config.agencyName },
        vaName: firstName(va.name),
        timeZone: va.timeZone,
        task,
        client: { displayName: client.company ?? firstName(client.contactName) },
        expiresAt: (existing ?? draft).expiresAt,
        offerUrl: `${deps.config.publicBaseUrl}${offerPath(token)}`,
      }),
    );
  }
  try {
    await deps.stats.apply(draft.vaId, {
      kind: 'offered',
      taskId: task.id,
      clientId: task.clientId,
      at: draft.sentAt,
    });
  } catch (error) {
    // Counting an offer races nobody (one conditional append), but should a store still report a
    // conflict, the offer is out and stands: failing the step would end the workflow under a live link.
    if (!(error instanceof ConflictError)) throw error;
  }
  await deps.offers.markMailed(task.id, draft.vaId, deps.runtime.now().toISOString());
};

/**
 * Escalate: tells the operator nobody took the task and why each VA was left out. The first time,
 * the workflow waits and searches once more, wider; the second time the task becomes UNASSIGNED.
 * A run offered to the operator's choice alone ends at once: a wider search is theirs to ask for.
 */
export const escalate = async (
  state: WorkflowState,
  deps: RoutingDeps,
): Promise<NonNullable<WorkflowState['escalation']>> => {
  const task = await loadOpenTask(deps, state.taskId);
  const count = state.escalation?.count ?? 0;
  const chosen = chosenVaOf(task);
  const final = count >= 1 || chosen !== undefined;
  const now = deps.runtime.now();
  const [{ excluded }, offers, client] = await Promise.all([
    findCandidates(task, deps, { wider: final, everyone: true }),
    deps.offers.listByTask(task.id),
    deps.clients.get(task.clientId),
  ]);
  const asked = await Promise.all(offers.map((o) => deps.vas.get(o.vaId)));
  const chosenVa = chosen ? asked.find((v) => v?.id === chosen) : undefined;
  const retryAt = new Date(now.getTime() + ESCALATION_RETRY_MINUTES * 60_000).toISOString();
  if (final && OPEN_FOR_ROUTING.has(task.status)) {
    try {
      await deps.tasks.transition(task.id, task.status, 'UNASSIGNED', now.toISOString());
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  await sendWorkflowMail(
    deps,
    `escalate:${task.id}:${task.routingRun}:${count + 1}`,
    deps.config.operatorEmail,
    escalationMail({
      language: deps.config.operatorLanguage,
      agency: { name: deps.config.agencyName },
      timeZone: DEFAULT_TIME_ZONE,
      task,
      clientName: client?.company ?? client?.contactName ?? task.clientId,
      excluded,
      declined: asked.filter((v): v is Va => Boolean(v)).map((v) => `${v.name} (${v.id})`),
      final,
      retryAt: final ? undefined : retryAt,
      chosen: chosen ? (chosenVa ? `${chosenVa.name} (${chosen})` : chosen) : undefined,
    }),
  );
  return final
    ? { count: count + 1, giveUp: true }
    : { count: count + 1, giveUp: false, waitSeconds: ESCALATION_RETRY_MINUTES * 60 };
};
