import { StateMachine } from 'aws-local-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StateMachineDefinition } from '../../infra/local/step-functions/asl';
import { ManualClock } from '../../infra/local/step-functions/clock';
import { synthesizeStateMachines } from '../../infra/local/step-functions/definition-from-app';
import { LocalStepFunctions } from '../../infra/local/step-functions/engine';
import { MemoryJournal } from '../../infra/local/step-functions/journal';

/**
 * Our engine against the maintained ASL interpreter, on the definition the CDK app synthesizes:
 * for the same step outcomes, both must walk the same states and end with the same output.
 * aws-local-stepfunctions has no task tokens, so there a callback's answer is what its local
 * handler returns or throws; in our engine it arrives through SendTaskSuccess/Failure or the clock.
 */

// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
const withResolvers = <T>() => {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
Object.assign(Promise, {
  withResolvers: (Promise as { withResolvers?: unknown }).withResolvers ?? withResolvers,
});

type Outcome = { ok: unknown } | { error: string };
type Script = Record<string, Outcome[]>;

const STEP_TO_STATE: Record<string, string> = {
  'find-candidates': 'FindCandidates',
  'send-offer': 'SendOffer',
  'next-round': 'NextRound',
  escalate: 'Escalate',
  assign: 'Assign',
  'await-completion': 'AwaitCompletion',
  remind: 'RemindVa',
  settle: 'Settle',
  'notify-client': 'NotifyClient',
};

const errorNamed = (name: string) => Object.assign(new Error(`${name} (scripted)`), { name });

const next = (script: Script, state: string): Outcome => {
  const outcome = script[state]?.shift();
  if (!outcome) throw new Error(`The script has nothing left for ${state}`);
  return outcome;
};

const runOurs = async (definition: StateMachineDefinition, script: Script) => {
  const clock = new ManualClock();
  let engine: LocalStepFunctions | undefined;
  engine = new LocalStepFunctions({
    clock,
    journal: new MemoryJournal(),
    region: 'eu-central-1',
    accountId: '000000000000',
    invoke: async (_arn, payload) => {
      const { step, token } = payload as { step: string; token?: string };
      const outcome = next(script, STEP_TO_STATE[step] ?? step);
      if (!token) {
        if ('error' in outcome) throw errorNamed(outcome.error);
        return outcome.ok;
      }
      // A callback: answered as the links would, or left to time out on the clock.
      if ('ok' in outcome) engine?.sendTaskSuccess({ taskToken: token, output: JSON.stringify(outcome.ok) });
      else if (outcome.error !== 'States.Timeout')
        engine?.sendTaskFailure({ taskToken: token, error: outcome.error });
      return {};
    },
  });
  const arn = engine.registerStateMachine('lifecycle', definition);
  const { executionArn } = engine.startExecution({
    stateMachineArn: arn,
    name: 'VA-CROSS1',
    input: '{"taskId":"VA-CROSS1"}',
  });
  await engine.idle();
  for (let i = 0; i < 50 && engine.describeExecution({ executionArn }).status === 'RUNNING'; i++) {
    clock.advance(86_400_000);
    await engine.idle();
  }
  const result = engine.describeExecution({ executionArn });
  const states = engine
    .getExecutionHistory({ executionArn })
    .events.filter((e) => e.type.endsWith('StateEntered'))
    .map((e) => e.stateEnteredEventDetails?.name);
  return { status: result.status, output: result.output ? JSON.parse(result.output) : undefined, states };
};

const runReference = async (definition: StateMachineDefinition, script: Script) => {
  const handlers = Object.fromEntries(
    Object.values(STEP_TO_STATE).map((state) => [
      state,
      async () => {
        const outcome = next(script, state);
        // Left unanswered, so that the reference's own timer raises States.Timeout: an error of that
        // name thrown by a handler is, to it, an ordinary failure (which States.TaskFailed retries).
        if ('error' in outcome && outcome.error === 'States.Timeout') return new Promise<never>(() => {});
        if ('error' in outcome) throw errorNamed(outcome.error);
        return outcome.ok as never;
      },
    ]),
  );
  // aws-local-stepfunctions 3.0 resolves TimeoutSecondsPath against the input after Parameters;
  // Step Functions (and the CDK's Timeout.at) resolve it against the state input. Timeouts here are
  // scripted anyway, so the reference waits one real second instead.
  for (const state of Object.values(definition.States)) {
    if (state.TimeoutSecondsPath === undefined) continue;
    delete state.TimeoutSecondsPath;
    Object.assign(state, { TimeoutSeconds: 1 });
  }
  const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
  const execution = machine.run(
    { taskId: 'VA-CROSS1' },
    {
      overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: { WaitBeforeWiderSearch: 0 } },
      // Nor a State.EnteredTime of its own; the callbacks pass it to their step.
      context: {
        Task: { Token: 'reference-has-no-tokens' },
        State: { EnteredTime: '2026-11-25T09:00:00.000Z' },
      } as never,
    },
  );
  const states: string[] = [];
  const collect = (async () => {
    for await (const event of execution.eventLogs)
      if (event.type === 'StateEntered') states.push((event as { state: { name: string } }).state.name);
  })();
  try {
    const output = await execution.result;
    await collect;
    return { status: 'SUCCEEDED', output, states };
  } catch {
    await collect;
    return { status: 'FAILED', output: undefined, states };
  }
};

const scripts: Record<string, () => Script> = {
  'decline, timeout, nobody left, a wider search, accept, a reminder, done': () => ({
    FindCandidates: [
      { ok: { candidates: ['va_a', 'va_b'], offerSeconds: 900, parallel: 1, wider: false } },
      { ok: { candidates: ['va_c'], offerSeconds: 900, parallel: 1, wider: true } },
    ],
    SendOffer: [
      { error: 'OfferDeclined' },
      { error: 'States.Timeout' },
      { error: 'NoCandidateLeft' },
      { ok: { vaId: 'va_c' } },
    ],
    NextRound: [
      { ok: { candidates: ['va_a', 'va_b'], offerSeconds: 28_800, parallel: 1, wider: false } },
      { ok: { candidates: ['va_a', 'va_b'], offerSeconds: 900, parallel: 1, wider: false } },
      { ok: { candidates: ['va_c'], offerSeconds: 900, parallel: 1, wider: true } },
    ],
    Escalate: [{ ok: { count: 1, giveUp: false, waitSeconds: 7200 } }],
    Assign: [{ ok: { timeoutSeconds: 3600, reminders: 0 } }],
    AwaitCompletion: [{ error: 'States.Timeout' }, { ok: { workedMinutes: 30 } }],
    RemindVa: [{ ok: { timeoutSeconds: 86_400, reminders: 1 } }],
    Settle: [{ ok: { settled: false, workedMinutes: 30 } }],
    NotifyClient: [{ ok: { notified: true } }],
  }),
  'nobody twice: the operator is told and the task stays unassigned': () => ({
    FindCandidates: [
      { ok: { candidates: [], offerSeconds: 900, parallel: 1, wider: false } },
      { ok: { candidates: [], offerSeconds: 900, parallel: 1, wider: true } },
    ],
    SendOffer: [{ error: 'NoCandidateLeft' }, { error: 'NoCandidateLeft' }],
    Escalate: [{ ok: { count: 1, giveUp: false, waitSeconds: 7200 } }, { ok: { count: 2, giveUp: true } }],
  }),
  'the deadline moves while the VA works: a quiet recheck, then done': () => ({
    FindCandidates: [{ ok: { candidates: ['va_a'], offerSeconds: 14_400, parallel: 1, wider: false } }],
    SendOffer: [{ ok: { vaId: 'va_a' } }],
    Assign: [{ ok: { timeoutSeconds: 172_800, reminders: 0 } }],
    AwaitCompletion: [{ error: 'DeadlineMoved' }, { ok: { workedMinutes: 45 } }],
    RemindVa: [{ ok: { timeoutSeconds: 86_400, reminders: 0 } }],
    Settle: [{ ok: { settled: true, workedMinutes: 45 } }],
    NotifyClient: [{ ok: { notified: true } }],
  }),
  'cancelled while assigned: ends quietly, without retrying': () => ({
    FindCandidates: [{ ok: { candidates: ['va_a'], offerSeconds: 14_400, parallel: 1, wider: false } }],
    SendOffer: [{ ok: { vaId: 'va_a' } }],
    Assign: [{ error: 'TaskCancelled' }],
  }),
};

/** Error causes are free text that differs between engines (and on AWS); error names must agree. */
const withoutCauses = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null, (key, v) => (key === 'Cause' ? undefined : v)));

describe('our engine and aws-local-stepfunctions agree on the task lifecycle', () => {
  let definition: StateMachineDefinition;
  beforeAll(() => {
    const [lifecycle] = synthesizeStateMachines('eu-central-1', '000000000000');
    if (!lifecycle) throw new Error('no state machine');
    definition = lifecycle.definition;
  });

  it.each(Object.keys(scripts))('%s', async (name) => {
    const make = scripts[name] as () => Script;
    const ours = await runOurs(structuredClone(definition), make());
    const reference = await runReference(structuredClone(definition), make());
    expect(ours.states).toEqual(reference.states);
    expect(ours.status).toBe(reference.status);
    expect(withoutCauses(ours.output)).toEqual(withoutCauses(reference.output));
    expect(ours.status).toBe('SUCCEEDED');
  });
});
