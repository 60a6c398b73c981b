import type { Client } from '../domain/client';
import type { Language } from '../domain/common';
import { LINK_TOKEN_PATTERN, newLinkToken } from '../domain/ids';
import type { Task, TaskStatus } from '../domain/task';
import { ConflictError } from '../errors';
import { sha256Hex } from '../hash';
import { withdrawnClientMail, withdrawnOperatorMail } from '../mail/withdraw-templates';
import type { Runtime } from '../ports/clock';
import type { Outbox } from '../ports/intake';
import type { ClientRepository, OfferRepository, TaskRepository } from '../ports/repositories';
import type { LinkRepository, Workflow } from '../ports/routing';
import type { WithdrawOutcome } from '../web/link-pages';
import { withdrawPath } from '../web/link-paths';
import type { OperatorMailConfig } from './routing/deps';
import { sendClientNote, sendWorkflowMail } from './routing/mail';
import { withdrawPendingOffers } from './routing/pending-offers';

/** Long enough for any task still waiting for someone to take it. */
const WITHDRAW_LINK_DAYS = 30;

/** Before a VA has it: afterwards the client talks to their VA, whose time may already be spent. */
const WITHDRAWABLE: ReadonlySet<TaskStatus> = new Set(['NEEDS_INFO', 'ROUTING', 'OFFERED', 'UNASSIGNED']);

/**
 * A fresh withdraw link for the client's first mail about a task. The token lives only in that
 * mail; a retry that mails nothing new makes a link nobody will ever see, and that is harmless.
 */
export const issueWithdrawLink = async (
  deps: { links: Pick<LinkRepository, 'put'>; runtime: Runtime; config: { publicBaseUrl: string } },
  task: Pick<Task, 'id' | 'clientId'>,
): Promise<string> => {
  const token = newLinkToken(deps.runtime.randomBytes);
  const expires = Math.floor(deps.runtime.now().getTime() / 1000) + WITHDRAW_LINK_DAYS * 86_400;
  await deps.links.put(
    sha256Hex(token),
    { kind: 'withdraw', taskId: task.id, clientId: task.clientId },
    expires,
  );
  return `${deps.config.publicBaseUrl}${withdrawPath(token)}`;
};

type WithdrawDeps = {
  links: Pick<LinkRepository, 'find'>;
  tasks: TaskRepository;
  clients: Pick<ClientRepository, 'get'>;
  offers: Pick<OfferRepository, 'listByTask' | 'close'>;
  workflow: Pick<Workflow, 'fail'>;
  outbox: Outbox;
  runtime: Pick<Runtime, 'now'>;
  config: OperatorMailConfig;
};

const findWithdrawal = async (token: string, deps: WithdrawDeps) => {
  if (!LINK_TOKEN_PATTERN.test(token)) return undefined;
  const link = await deps.links.find(sha256Hex(token));
  if (link?.kind !== 'withdraw') return undefined;
  const [task, client] = await Promise.all([deps.tasks.get(link.taskId), deps.clients.get(link.clientId)]);
  // The link names the client it was mailed to: it never reaches another client's task.
  return task && client && task.clientId === client.id ? { task, client } : undefined;
};

const closedOutcome = (task: Task): WithdrawOutcome | undefined => {
  if (WITHDRAWABLE.has(task.status)) return undefined;
  if (task.status === 'CANCELLED') return task.cancelledBy === 'operator' ? 'cancelled' : 'already-withdrawn';
  return task.status === 'ASSIGNED' ? 'taken' : 'closed';
};

export type WithdrawView =
  | { kind: 'open'; task: Task; language: Language }
  | { kind: 'closed'; outcome: WithdrawOutcome; language?: Language };

export const viewWithdraw = async (token: string, deps: WithdrawDeps): Promise<WithdrawView> => {
  const found = await findWithdrawal(token, deps);
  if (!found) return { kind: 'closed', outcome: 'invalid-link' };
  const { task, client } = found;
  const closed = closedOutcome(task);
  return closed
    ? { kind: 'closed', outcome: closed, language: client.language }
    : { kind: 'open', task, language: client.language };
};

/**
 * What follows a withdrawal, each part once however often it runs: pending offers are withdrawn
 * (their links say so), the round they wait in ends at once, and client and operator hear of it.
 */
const afterWithdrawal = async (task: Task, client: Client, deps: WithdrawDeps) => {
  const pending = await withdrawPendingOffers(deps.offers, task.id, deps.runtime.now().toISOString());
  const tokens = new Set(pending.flatMap((offer) => (offer.taskToken ? [offer.taskToken] : [])));
  for (const token of tokens) await deps.workflow.fail(token, 'TaskCancelled', 'Withdrawn by the client');
  const ref = `withdrawn:${task.id}`;
  const agency = { name: deps.config.agencyName };
  await sendClientNote(deps, `${ref}:client`, client, task, withdrawnClientMail);
  await sendWorkflowMail(
    deps,
    `${ref}:operator`,
    deps.config.operatorEmail,
    withdrawnOperatorMail({
      language: deps.config.operatorLanguage,
      agency,
      task,
      clientName: client.company ?? client.contactName,
    }),
  );
};

/**
 * The POST of the withdraw page. The move to CANCELLED is one conditional write, so of a withdrawal
 * and a VA's accept at the same moment exactly one wins. A click that crashed after it is finished
 * by the next one.
 */
export const withdrawTask = async (
  token: string,
  deps: WithdrawDeps,
): Promise<{ outcome: WithdrawOutcome; language?: Language }> => {
  const found = await findWithdrawal(token, deps);
  if (!found) return { outcome: 'invalid-link' };
  const { client } = found;
  const language = client.language;
  let task = found.task;
  for (let attempt = 0; attempt < 3; attempt++) {
    const closed = closedOutcome(task);
    if (closed === 'already-withdrawn') await afterWithdrawal(task, client, deps);
    if (closed) return { outcome: closed, language };
    try {
      const cancelled = await deps.tasks.transition(
        task.id,
        task.status,
        'CANCELLED',
        deps.runtime.now().toISOString(),
        { cancelledBy: 'client' },
      );
      await afterWithdrawal(cancelled, client, deps);
      return { outcome: 'withdrawn', language };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // The task moved on meanwhile (an offer went out, or was accepted): decide on where it is now.
      const now = await deps.tasks.get(task.id);
      if (!now) return { outcome: 'invalid-link' };
      task = now;
    }
  }
  return { outcome: 'taken', language };
};
