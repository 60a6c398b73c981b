import * as z from 'zod';
import {
  assign,
  awaitCompletion,
  notifyClient,
  remindVa,
  settle,
} from '../../shared/use-cases/routing/assignment-steps';
import type { RoutingDeps } from '../../shared/use-cases/routing/deps';
import {
  escalate,
  planNextRound,
  planRouting,
  sendOffers,
  type WorkflowState,
} from '../../shared/use-cases/routing/offer-steps';

/** The workflow's data as the state machine passes it; each step reads what it needs from it. */
const StateSchema = z.looseObject({ taskId: z.string().min(1) });
const plain = <S extends string>(step: S) => z.object({ step: z.literal(step), state: StateSchema });
/** `enteredAt` ($$.State.EnteredTime) tells a retried attempt of a state from a new entry into it. */
const callback = <S extends string>(step: S) =>
  z.object({
    step: z.literal(step),
    state: StateSchema,
    token: z.string().min(1),
    enteredAt: z.string().min(1).optional(),
  });

/** Step names: the state machine (infra/constructs/task-lifecycle.ts) sends these. */
export const StepEventSchema = z.discriminatedUnion('step', [
  plain('find-candidates'),
  callback('send-offer'),
  plain('next-round'),
  plain('escalate'),
  plain('assign'),
  callback('await-completion'),
  plain('remind'),
  plain('settle'),
  plain('notify-client'),
]);
export type StepEvent = z.infer<typeof StepEventSchema>;
export type StepName = StepEvent['step'];

/** Runs one step of the task lifecycle. */
export const runStep = async (event: StepEvent, deps: RoutingDeps): Promise<unknown> => {
  const state = event.state as unknown as WorkflowState;
  switch (event.step) {
    case 'find-candidates':
      return planRouting(state, deps);
    case 'send-offer':
      return sendOffers(state, event.token, deps, event.enteredAt);
    case 'next-round':
      return planNextRound(state, deps);
    case 'escalate':
      return escalate(state, deps);
    case 'assign':
      return assign(state, deps);
    case 'await-completion':
      return awaitCompletion(state, event.token, deps);
    case 'remind':
      return remindVa(state, deps);
    case 'settle':
      return settle(state, deps);
    case 'notify-client':
      return notifyClient(state, deps);
  }
};
