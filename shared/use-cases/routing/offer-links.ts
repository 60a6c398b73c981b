import { LINK_TOKEN_PATTERN } from '../../domain/ids';
import type { Offer } from '../../domain/offer';
import { roundDeclined } from '../../domain/routing/policy';
import type { Task } from '../../domain/task';
import type { Va } from '../../domain/va';
import { sha256Hex } from '../../hash';
import { firstName } from '../../mail/routing-templates';
import type { OfferOutcome } from '../../web/link-pages';
import type { RoutingDeps } from './deps';

type LinkDeps = Pick<
  RoutingDeps,
  'links' | 'offers' | 'tasks' | 'vas' | 'clients' | 'assignments' | 'workflow' | 'stats' | 'runtime'
>;

interface OpenOffer {
  offer: Offer;
  task: Task;
  va: Va;
  /** The run whose offer mail carried the link; absent on links made before runs were kept on them. */
  offerRun?: number;
}

const findOffer = async (token: string, deps: LinkDeps): Promise<OpenOffer | undefined> => {
  // A token that is not even well-formed is unknown without a lookup.
  if (!LINK_TOKEN_PATTERN.test(token)) return undefined;
  const link = await deps.links.find(sha256Hex(token));
  if (link?.kind !== 'offer') return undefined;
  const [offer, task, va] = await Promise.all([
    deps.offers.get(link.taskId, link.vaId),
    deps.tasks.get(link.taskId),
    deps.vas.get(link.vaId),
  ]);
  return offer && task && va ? { offer, task, va, offerRun: link.offerRun } : undefined;
};

/** Why an offer can no longer be decided, or undefined when it can. */
const closedOutcome = ({ offer, task, offerRun }: OpenOffer, now: Date): OfferOutcome | undefined => {
  // A link of an earlier mail, from before the operator asked this VA again: the new mail decides.
  if (offerRun !== undefined && offer.run !== undefined && offerRun !== offer.run) return 'expired';
  // Offer and task are read side by side; whichever shows this VA won, they did.
  if (task.assignedVaId === offer.vaId) return 'already-accepted';
  if (offer.status === 'ACCEPTED') return 'taken';
  if (offer.status === 'DECLINED') return 'already-declined';
  if (task.assignedVaId && task.assignedVaId !== offer.vaId) return 'taken';
  if (offer.status !== 'PENDING' || Date.parse(offer.expiresAt) <= now.getTime()) return 'expired';
  if (task.status !== 'OFFERED') return 'expired';
  return undefined;
};

export type OfferView =
  | { kind: 'open'; task: Task; va: Va; clientName: string; expiresAt: string }
  | { kind: 'closed'; outcome: OfferOutcome; language?: Va['language'] };

/** GET of an offer link: shows the offer and changes nothing (mail scanners fetch links too). */
export const viewOffer = async (token: string, deps: LinkDeps): Promise<OfferView> => {
  const found = await findOffer(token, deps);
  if (!found) return { kind: 'closed', outcome: 'invalid-link' };
  const closed = closedOutcome(found, deps.runtime.now());
  if (closed) return { kind: 'closed', outcome: closed, language: found.va.language };
  const client = await deps.clients.get(found.task.clientId);
  return {
    kind: 'open',
    task: found.task,
    va: found.va,
    clientName: client?.company ?? firstName(client?.contactName ?? ''),
    expiresAt: found.offer.expiresAt,
  };
};

/**
 * POST of an offer link. Accept: one transaction takes offer and task together, so of any number
 * of simultaneous accepts exactly one wins; then the waiting workflow hears it. Decline: the offer
 * closes, and when every VA of the round has declined, the workflow moves on at once.
 */
export const decideOffer = async (
  token: string,
  decision: 'accept' | 'decline',
  deps: LinkDeps,
): Promise<{ outcome: OfferOutcome; language?: Va['language'] }> => {
  const found = await findOffer(token, deps);
  if (!found) return { outcome: 'invalid-link' };
  const { offer, va } = found;
  const now = deps.runtime.now();
  const closed = closedOutcome(found, now);
  if (closed) return { outcome: closed, language: va.language };

  if (decision === 'accept') {
    if ((await deps.assignments.accept(offer, now)) === 'conflict') {
      const again = await findOffer(token, deps);
      return { outcome: (again && closedOutcome(again, now)) || 'taken', language: va.language };
    }
    await answerAccepted(offer, deps);
    return { outcome: 'accepted', language: va.language };
  }

  const at = now.toISOString();
  if (!(await deps.offers.close(offer.taskId, offer.vaId, 'DECLINED', at))) {
    const again = await findOffer(token, deps);
    return { outcome: (again && closedOutcome(again, now)) || 'expired', language: va.language };
  }
  await deps.stats.apply(offer.vaId, { kind: 'answered', taskId: offer.taskId, outcome: 'declined', at });
  // Read again: a retried SendOffer may have moved the round to a new token since the first read.
  const roundToken = (await deps.offers.get(offer.taskId, offer.vaId))?.taskToken;
  if (roundToken && roundDeclined(await deps.offers.listByTask(offer.taskId), roundToken))
    await deps.workflow.fail(roundToken, 'OfferDeclined', `${offer.vaId} declined`);
  return { outcome: 'declined', language: va.language };
};

/**
 * Tells the waiting workflow the offer was accepted. A retried SendOffer may have moved the round to
 * a new token since the offer was read: the stale one is then gone, and the current one hears it.
 * (A retry that comes later still sees the task ASSIGNED and answers itself.)
 */
const answerAccepted = async (offer: Offer, deps: LinkDeps) => {
  const output = { vaId: offer.vaId };
  if (!offer.taskToken || (await deps.workflow.succeed(offer.taskToken, output))) return;
  const current = await deps.offers.get(offer.taskId, offer.vaId);
  if (current?.taskToken && current.taskToken !== offer.taskToken)
    await deps.workflow.succeed(current.taskToken, output);
};
