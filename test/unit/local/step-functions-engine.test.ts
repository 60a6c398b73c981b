import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  LAMBDA_INVOKE_WAIT,
  type StateMachineDefinition,
  unsupportedFeatures,
} from '../../../infra/local/step-functions/asl';
import { ManualClock, realClock } from '../../../infra/local/step-functions/clock';
import { LocalStepFunctions } from '../../../infra/local/step-functions/engine';
import { FileJournal, type Journal, MemoryJournal } from '../../../infra/local/step-functions/journal';

const FN = 'arn:aws:lambda:eu-central-1:000000000000:function:steps';
const HOUR = 3_600_000;

type Handler = (payload: Record<string, unknown>) => unknown;

const engineWith = (handler: Handler, options: { clock?: ManualClock; journal?: Journal } = {}) => {
  const clock = options.clock ?? new ManualClock();
  const calls: Array<Record<string, unknown>> = [];
  const engine = new LocalStepFunctions({
    clock,
    journal: options.journal ?? new MemoryJournal(),
    region: 'eu-central-1',
    accountId: '000000000000',
    invoke: async (_arn, payload) => {
      calls.push(payload as Record<string, unknown>);
      return handler(payload as Record<string, unknown>);
    },
  });
  return { engine, clock, calls };
};

/** A callback task with a timeout from the input, a retry on flaky errors and a catch for declines and timeouts. */
const offerLoop: StateMachineDefinition = {
  StartAt: 'Plan',
  States: {
    Plan: {
      Type: 'Task',
      Resource: FN,
      Parameters: { step: 'plan', 'state.$': '$' },
      ResultPath: '$.plan',
      Next: 'Offer',
    },
    Offer: {
      Type: 'Task',
      Resource: LAMBDA_INVOKE_WAIT,
      Parameters: {
        FunctionName: FN,
        Payload: { step: 'offer', 'token.$': '$$.Task.Token', 'name.$': '$$.Execution.Name' },
      },
      TimeoutSecondsPath: '$.plan.seconds',
      ResultPath: '$.answer',
      Catch: [
        { ErrorEquals: ['Declined', 'States.Timeout'], ResultPath: '$.last', Next: 'Offer' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' },
      ],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'Gave up' },
  },
};

const tokens = (calls: Array<Record<string, unknown>>) =>
  calls.filter((c) => c.step === 'offer').map((c) => String(c.token));

describe('local Step Functions engine', () => {
  it('runs a callback task: the token reaches the Lambda, SendTaskSuccess carries the execution on', async () => {
    const { engine, calls } = engineWith((p) => (p.step === 'plan' ? { seconds: 4 * 3600 } : {}));
    const arn = engine.registerStateMachine('loop', offerLoop);
    const { executionArn } = engine.startExecution({
      stateMachineArn: arn,
      name: 'VA-AAAAAA',
      input: '{"taskId":"VA-AAAAAA"}',
    });
    await engine.idle();
    expect(calls.map((c) => c.step)).toEqual(['plan', 'offer']);
    expect(calls[1]?.name).toBe('VA-AAAAAA');
    engine.sendTaskSuccess({ taskToken: tokens(calls)[0] ?? '', output: '{"vaId":"va_1"}' });
    await engine.idle();
    const done = engine.describeExecution({ executionArn });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({
      taskId: 'VA-AAAAAA',
      plan: { seconds: 14_400 },
      answer: { vaId: 'va_1' },
    });
    expect(() => engine.sendTaskSuccess({ taskToken: tokens(calls)[0] ?? '', output: '{}' })).toThrowError(
      expect.objectContaining({ code: 'TaskDoesNotExist' }),
    );
  });

  it('times a callback out after exactly TimeoutSecondsPath, hours later, and a late answer is refused', async () => {
    const { engine, clock, calls } = engineWith((p) => (p.step === 'plan' ? { seconds: 4 * 3600 } : {}));
    const arn = engine.registerStateMachine('loop', offerLoop);
    engine.startExecution({ stateMachineArn: arn, name: 't1', input: '{}' });
    await engine.idle();
    clock.advance(4 * HOUR - 1000);
    await engine.idle();
    expect(tokens(calls)).toHaveLength(1);
    clock.advance(1000);
    await engine.idle();
    expect(tokens(calls)).toHaveLength(2);
    expect(() => engine.sendTaskSuccess({ taskToken: tokens(calls)[0] ?? '', output: '{}' })).toThrowError(
      expect.objectContaining({ code: 'TaskTimedOut' }),
    );
  });

  it('lets a Lambda fail its own token before it returns (no deadlock), and routes the error through Catch', async () => {
    let engineRef: LocalStepFunctions | undefined;
    const { engine, calls } = engineWith((p) => {
      if (p.step === 'plan') return { seconds: 60 };
      if (tokens(calls).length < 3)
        engineRef?.sendTaskFailure({ taskToken: String(p.token), error: 'Declined' });
      else
        engineRef?.sendTaskFailure({ taskToken: String(p.token), error: 'NobodyLeft', cause: 'all asked' });
      return {};
    });
    engineRef = engine;
    const arn = engine.registerStateMachine('loop', offerLoop);
    const { executionArn } = engine.startExecution({ stateMachineArn: arn, name: 'self', input: '{}' });
    await engine.idle();
    expect(tokens(calls)).toHaveLength(3);
    expect(engine.describeExecution({ executionArn })).toMatchObject({ status: 'FAILED', error: 'Gave up' });
    const entered = engine
      .getExecutionHistory({ executionArn })
      .events.filter((e) => e.type.endsWith('StateEntered'));
    // Plan, three offer rounds, Failed.
    expect(entered.map((e) => e.stateEnteredEventDetails?.name)).toEqual([
      'Plan',
      'Offer',
      'Offer',
      'Offer',
      'Failed',
    ]);
  });

  it('keeps a callback alive while heartbeats arrive, and fails it with States.HeartbeatTimeout when they stop', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: LAMBDA_INVOKE_WAIT,
          Parameters: { FunctionName: FN, Payload: { 'token.$': '$$.Task.Token' } },
          HeartbeatSeconds: 600,
          TimeoutSeconds: 86_400 * 30,
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Late' }],
          End: true,
        },
        Late: { Type: 'Pass', Result: 'late', End: true },
      },
    };
    const { engine, clock, calls } = engineWith(() => ({}));
    const arn = engine.registerStateMachine('hb', definition);
    const { executionArn } = engine.startExecution({ stateMachineArn: arn, input: '{}' });
    await engine.idle();
    const token = String(calls[0]?.token);
    for (let i = 0; i < 5; i++) {
      clock.advance(500_000);
      engine.sendTaskHeartbeat({ taskToken: token });
    }
    await engine.idle();
    expect(engine.describeExecution({ executionArn }).status).toBe('RUNNING');
    clock.advance(600_000);
    await engine.idle();
    expect(engine.describeExecution({ executionArn })).toMatchObject({
      status: 'SUCCEEDED',
      output: '"late"',
    });
  });

  const flaky: StateMachineDefinition = {
    StartAt: 'Flaky',
    States: {
      Flaky: {
        Type: 'Task',
        Resource: FN,
        Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        End: true,
      },
    },
  };
  const throttled = () => Object.assign(new Error('throttled'), { name: 'ThrottlingException' });

  it('retries a failing task with backoff on the clock, then carries on', async () => {
    let failures = 2;
    const { engine, clock, calls } = engineWith(() => {
      if (failures-- > 0) throw throttled();
      return { ok: true };
    });
    const arn = engine.registerStateMachine('retry', flaky);
    const { executionArn } = engine.startExecution({ stateMachineArn: arn, input: '{}' });
    await engine.idle();
    clock.advance(2000);
    await engine.idle();
    expect(calls).toHaveLength(2);
    clock.advance(4000);
    await engine.idle();
    expect(engine.describeExecution({ executionArn })).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"ok":true}',
    });
  });

  it('schedules nothing once stopped: a step that fails during the stop leaves no retry timer behind', async () => {
    const clock = new ManualClock();
    const scheduled: number[] = [];
    const schedule = clock.schedule.bind(clock);
    clock.schedule = (at, fn) => {
      scheduled.push(at);
      return schedule(at, fn);
    };
    let fail: (() => void) | undefined;
    const { engine } = engineWith(
      () =>
        new Promise((_, reject) => {
          fail = () => reject(throttled());
        }),
      { clock },
    );
    engine.startExecution({ stateMachineArn: engine.registerStateMachine('retry', flaky), input: '{}' });
    await vi.waitFor(() => expect(fail).toBeDefined());
    const stopped = engine.stop();
    fail?.();
    await stopped;
    // With a real clock such a timer kept `npm test` from exiting until the retry was due.
    expect(scheduled).toEqual([]);
  });

  it('waits days in a Wait state, chooses by the input, and fails when told to', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', SecondsPath: '$.wait', Next: 'Which' },
        Which: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.giveUp', BooleanEquals: true, Next: 'Stop' },
            {
              And: [
                { Variable: '$.n', IsPresent: true },
                { Variable: '$.n', NumericGreaterThanEquals: 3 },
              ],
              Next: 'Many',
            },
          ],
          Default: 'Few',
        },
        Stop: { Type: 'Fail', Error: 'GaveUp', Cause: 'asked to' },
        Many: { Type: 'Pass', Result: 'many', End: true },
        Few: {
          Type: 'Pass',
          Parameters: { 'count.$': '$.n' },
          ResultPath: '$.out',
          OutputPath: '$.out',
          End: true,
        },
      },
    };
    const { engine, clock } = engineWith(() => ({}));
    const arn = engine.registerStateMachine('choice', definition);
    const run = (input: unknown) =>
      engine.startExecution({ stateMachineArn: arn, input: JSON.stringify(input) }).executionArn;
    const [many, few, stop] = [
      run({ wait: 172_800, n: 5 }),
      run({ wait: 172_800, n: 1 }),
      run({ wait: 10, giveUp: true }),
    ];
    await engine.idle();
    clock.advance(10_000);
    await engine.idle();
    expect(engine.describeExecution({ executionArn: stop })).toMatchObject({
      status: 'FAILED',
      error: 'GaveUp',
    });
    expect(engine.describeExecution({ executionArn: many }).status).toBe('RUNNING');
    clock.advance(172_800_000);
    await engine.idle();
    expect(engine.describeExecution({ executionArn: many }).output).toBe('"many"');
    expect(engine.describeExecution({ executionArn: few }).output).toBe('{"count":1}');
  });

  it('starts idempotently by name and input, like Standard workflows', () => {
    const { engine } = engineWith(() => ({ seconds: 60 }));
    const arn = engine.registerStateMachine('loop', offerLoop);
    const first = engine.startExecution({
      stateMachineArn: arn,
      name: 'VA-BBBBBB',
      input: '{"taskId":"VA-BBBBBB"}',
    });
    expect(
      engine.startExecution({ stateMachineArn: arn, name: 'VA-BBBBBB', input: '{"taskId":"VA-BBBBBB"}' }),
    ).toEqual(first);
    expect(() =>
      engine.startExecution({ stateMachineArn: arn, name: 'VA-BBBBBB', input: '{"taskId":"other"}' }),
    ).toThrowError(expect.objectContaining({ code: 'ExecutionAlreadyExists' }));
  });

  describe('after a restart, from the journal on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'va-sfn-'));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('accepts the original token and still fires the timeouts on time', async () => {
      const clock = new ManualClock();
      const before = engineWith((p) => (p.step === 'plan' ? { seconds: 10 * 86_400 } : {}), {
        clock,
        journal: new FileJournal(dir),
      });
      const arn = before.engine.registerStateMachine('loop', offerLoop);
      const a = before.engine.startExecution({ stateMachineArn: arn, name: 'a', input: '{}' }).executionArn;
      const b = before.engine.startExecution({ stateMachineArn: arn, name: 'b', input: '{}' }).executionArn;
      await before.engine.idle();
      const [tokenA] = tokens(before.calls);
      await before.engine.stop();

      const after = engineWith(() => ({}), { clock, journal: new FileJournal(dir) });
      after.engine.registerStateMachine('loop', offerLoop);
      expect(after.engine.resume()).toBe(2);
      after.engine.sendTaskSuccess({ taskToken: tokenA ?? '', output: '{"vaId":"va_1"}' });
      await after.engine.idle();
      expect(after.engine.describeExecution({ executionArn: a }).status).toBe('SUCCEEDED');
      clock.advance(10 * 86_400_000);
      await after.engine.idle();
      // b's offer timed out after ten days and the loop offered again.
      expect(tokens(after.calls)).toHaveLength(1);
      expect(after.engine.describeExecution({ executionArn: b }).status).toBe('RUNNING');
    });
  });
});

describe('the real clock', () => {
  afterEach(() => vi.useRealTimers());

  it('fires a timer 30 days out (beyond what one Node timer can hold) once, on time', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 25) });
    const fired: number[] = [];
    realClock.schedule(Date.now() + 30 * 86_400_000, () => fired.push(Date.now()));
    vi.advanceTimersByTime(30 * 86_400_000 - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([Date.UTC(2026, 10, 25) + 30 * 86_400_000]);
  });
});

describe('unsupportedFeatures', () => {
  it('names state types, fields, resources and paths the engine does not implement', () => {
    const problems = unsupportedFeatures({
      StartAt: 'A',
      QueryLanguage: 'JSONata' as 'JSONPath',
      States: {
        A: { Type: 'Map' as 'Pass', Next: 'B' },
        B: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { 'x.$': "States.Format('{}', $.a)" },
          Next: 'C',
        },
        C: { Type: 'Pass', Next: 'Nowhere', ItemsPath: '$.a' } as never,
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'QueryLanguage JSONata (only JSONPath)',
        'A: state type Map',
        'B: resource arn:aws:states:::sqs:sendMessage',
        expect.stringContaining('B: x.$'),
        'C: field ItemsPath on a Pass state',
        'C: goes to unknown state Nowhere',
      ]),
    );
  });
});
