import { randomBytes } from 'node:crypto';
import {
  type Catcher,
  LAMBDA_INVOKE,
  LAMBDA_INVOKE_WAIT,
  type Retrier,
  type State,
  type StateMachineDefinition,
  unsupportedFeatures,
} from './asl';
import { ruleMatches } from './choice';
import type { EngineClock } from './clock';
import { SfnApiError, StateFailure } from './errors';
import type { ExecutionRecord, ExecutionStatus, HistoryEvent, Journal, Position } from './journal';
import { applyResultPath, readPath, resolveTemplate, selectPath } from './json-path';

/** Runs a Lambda by ARN; the local stack binds ARNs to the in-process handlers. */
export type LambdaInvoker = (functionArn: string, payload: unknown) => Promise<unknown>;

export interface EngineOptions {
  clock: EngineClock;
  journal: Journal;
  invoke: LambdaInvoker;
  region: string;
  accountId: string;
  onError?: (error: unknown) => void;
}

interface StateMachine {
  arn: string;
  name: string;
  definition: StateMachineDefinition;
  createdAt: number;
}

/** Spent tokens answer like AWS: a timed-out task says so, anything else no longer exists. */
type SpentReason = 'timed-out' | 'closed';

const DEFAULT_RETRY = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 };

const errorMatches = (list: readonly string[], error: string) =>
  list.some(
    (e) =>
      e === error ||
      e === 'States.ALL' ||
      (e === 'States.Timeout' && error === 'States.HeartbeatTimeout') ||
      (e === 'States.TaskFailed' && error !== 'States.Timeout' && error !== 'States.HeartbeatTimeout'),
  );

/** An execution as ListExecutions shows it (dates in epoch seconds, as the API has them). */
const executionSummary = (r: ExecutionRecord) => ({
  executionArn: r.executionArn,
  stateMachineArn: r.stateMachineArn,
  name: r.name,
  status: r.status,
  startDate: r.startDate / 1000,
  stopDate: r.stopDate === undefined ? undefined : r.stopDate / 1000,
});

const failureOf = (error: unknown): StateFailure => {
  if (error instanceof StateFailure) return error;
  if (error instanceof Error) return new StateFailure(error.name || 'Error', error.message);
  return new StateFailure('Error', String(error));
};

/**
 * A Step Functions engine for the states va-router's definition uses (see asl.ts), with what
 * `aws-local-stepfunctions` lacks: task tokens for `.waitForTaskToken`, timeouts and heartbeats of
 * any length, and a journal so executions carry on after a restart.
 *
 * Each execution runs one step at a time on its own chain; callbacks are accepted at once and run
 * on that chain, so a Lambda may answer its own token before it returns.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, StateMachine>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly tokens = new Map<string, string>();
  private readonly spent = new Map<string, SpentReason>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, Array<() => void>>();
  private stopped = false;

  constructor(private readonly options: EngineOptions) {}

  registerStateMachine(name: string, definition: StateMachineDefinition): string {
    const problems = unsupportedFeatures(definition);
    if (problems.length)
      throw new Error(`The local engine cannot run state machine ${name}:\n  ${problems.join('\n  ')}`);
    const arn = `arn:aws:states:${this.options.region}:${this.options.accountId}:stateMachine:${name}`;
    this.machines.set(arn, { arn, name, definition, createdAt: this.options.clock.now() });
    return arn;
  }

  /** Carries on every execution the journal holds as running: waits re-arm, interrupted steps run again. */
  resume(): number {
    let resumed = 0;
    for (const record of this.options.journal.loadAll()) {
      this.executions.set(record.executionArn, record);
      if (record.status !== 'RUNNING' || !record.position) continue;
      if (!this.machines.has(record.stateMachineArn)) continue;
      resumed++;
      const { waiting, resumeAt } = record.position;
      if (waiting) {
        this.tokens.set(waiting.token, record.executionArn);
        this.armTaskTimers(record);
        if (!waiting.invoked) this.enqueue(record, () => this.invokeWaitingTask(record));
      } else if (resumeAt !== undefined) {
        this.armResume(record, resumeAt);
      } else {
        this.enqueue(record, () => this.runFrom(record));
      }
      this.armExecutionTimeout(record);
    }
    return resumed;
  }

  // --- The API ---------------------------------------------------------------------------------

  startExecution(input: { stateMachineArn: string; name?: string; input?: string }) {
    const machine = this.machineOf(input.stateMachineArn);
    const name = input.name ?? randomBytes(16).toString('hex');
    if (!/^[\w.-]{1,80}$/.test(name)) throw new SfnApiError('InvalidName', `Invalid execution name ${name}`);
    const rawInput = input.input ?? '{}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawInput);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', 'Input is not JSON');
    }
    const executionArn = `arn:aws:states:${this.options.region}:${this.options.accountId}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As AWS does for Standard workflows: the same name and input while running is the same start.
      if (existing.status === 'RUNNING' && existing.input === rawInput)
        return { executionArn, startDate: existing.startDate / 1000 };
      throw new SfnApiError('ExecutionAlreadyExists', `Execution ${name} already exists`);
    }
    const now = this.options.clock.now();
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      input: rawInput,
      startDate: now,
      history: [],
      position: { state: machine.definition.StartAt, input: parsed, enteredAt: now, attempts: {} },
    };
    this.record(record, 'ExecutionStarted', undefined, { input: parsed });
    this.executions.set(executionArn, record);
    this.save(record);
    this.armExecutionTimeout(record);
    this.enqueue(record, () => this.runFrom(record));
    return { executionArn, startDate: now / 1000 };
  }

  sendTaskSuccess(input: { taskToken: string; output: string }) {
    const record = this.waitingExecution(input.taskToken);
    let output: unknown;
    try {
      output = JSON.parse(input.output);
    } catch {
      throw new SfnApiError('InvalidOutput', 'Output is not JSON');
    }
    this.closeToken(record, input.taskToken, 'closed');
    this.record(record, 'TaskSucceeded', record.position?.state, { output });
    this.save(record);
    this.enqueue(record, () => this.completeState(record, output));
    return {};
  }

  sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }) {
    const record = this.waitingExecution(input.taskToken);
    this.closeToken(record, input.taskToken, 'closed');
    const failure = new StateFailure(input.error ?? '', input.cause ?? '');
    this.record(record, 'TaskFailed', record.position?.state, { error: failure.error, cause: failure.cause });
    this.save(record);
    this.enqueue(record, () => this.failState(record, failure));
    return {};
  }

  sendTaskHeartbeat(input: { taskToken: string }) {
    const record = this.waitingExecution(input.taskToken);
    const waiting = record.position?.waiting;
    if (waiting?.heartbeatMs) {
      waiting.heartbeatAt = this.options.clock.now() + waiting.heartbeatMs;
      this.save(record);
      this.armTaskTimers(record);
    }
    return {};
  }

  describeExecution(input: { executionArn: string }) {
    const r = this.executionOf(input.executionArn);
    return {
      ...executionSummary(r),
      input: r.input,
      output: r.output,
      error: r.error,
      cause: r.cause,
    };
  }

  listExecutions(input: { stateMachineArn: string; statusFilter?: ExecutionStatus; maxResults?: number }) {
    this.machineOf(input.stateMachineArn);
    const executions = [...this.executions.values()]
      .filter((r) => r.stateMachineArn === input.stateMachineArn)
      .filter((r) => !input.statusFilter || r.status === input.statusFilter)
      .sort((a, b) => b.startDate - a.startDate)
      .slice(0, input.maxResults || 1000)
      .map(executionSummary);
    return { executions };
  }

  stopExecution(input: { executionArn: string; error?: string; cause?: string }) {
    const record = this.executionOf(input.executionArn);
    if (record.status === 'RUNNING') {
      this.finish(record, 'ABORTED', { error: input.error, cause: input.cause });
    }
    return { stopDate: (record.stopDate ?? this.options.clock.now()) / 1000 };
  }

  getExecutionHistory(input: { executionArn: string }) {
    const record = this.executionOf(input.executionArn);
    return {
      events: record.history.map((e) => ({
        id: e.id,
        timestamp: e.at / 1000,
        type: e.type,
        ...(e.state ? { stateEnteredEventDetails: { name: e.state } } : {}),
      })),
    };
  }

  describeStateMachine(input: { stateMachineArn: string }) {
    const machine = this.machineOf(input.stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: JSON.stringify(machine.definition),
      roleArn: `arn:aws:iam::${this.options.accountId}:role/local`,
      type: 'STANDARD',
      creationDate: machine.createdAt / 1000,
    };
  }

  listStateMachines() {
    return {
      stateMachines: [...this.machines.values()].map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: 'STANDARD',
        creationDate: m.createdAt / 1000,
      })),
    };
  }

  /** Resolves when no execution has a step in progress (tests wait on it after moving the clock). */
  async idle(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const cancels of this.timers.values()) for (const cancel of cancels) cancel();
    this.timers.clear();
    await this.idle();
  }

  // --- Running states --------------------------------------------------------------------------

  private enqueue(record: ExecutionRecord, step: () => Promise<void> | void) {
    const arn = record.executionArn;
    const previous = this.chains.get(arn) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        if (!this.stopped && record.status === 'RUNNING') await step();
      })
      .catch((error: unknown) => this.options.onError?.(error));
    this.chains.set(arn, next);
    void next.then(() => {
      if (this.chains.get(arn) === next) this.chains.delete(arn);
    });
  }

  private definitionOf(record: ExecutionRecord) {
    return this.machineOf(record.stateMachineArn);
  }

  /** The state the execution stands in. */
  private stateOf(record: ExecutionRecord, position: Position): State {
    return this.definitionOf(record).definition.States[position.state] as State;
  }

  private context(record: ExecutionRecord, position: Position, token?: string) {
    const machine = this.definitionOf(record);
    return {
      Execution: {
        Id: record.executionArn,
        Name: record.name,
        Input: JSON.parse(record.input) as unknown,
        StartTime: new Date(record.startDate).toISOString(),
        RoleArn: `arn:aws:iam::${this.options.accountId}:role/local`,
      },
      State: {
        Name: position.state,
        EnteredTime: new Date(position.enteredAt).toISOString(),
        RetryCount: Object.values(position.attempts).reduce((a, b) => a + b, 0),
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
      ...(token ? { Task: { Token: token } } : {}),
    };
  }

  /** Runs states from the current position until the execution waits or ends. */
  private async runFrom(record: ExecutionRecord): Promise<void> {
    const position = record.position;
    if (!position || record.status !== 'RUNNING') return;
    const state = this.definitionOf(record).definition.States[position.state];
    if (!state)
      return this.finish(record, 'FAILED', { error: 'States.Runtime', cause: `No state ${position.state}` });
    // A retry enters the same state again; only the first attempt counts as entering it.
    if (Object.keys(position.attempts).length === 0)
      this.record(record, `${state.Type}StateEntered`, position.state);
    const ctx = this.context(record, position);
    try {
      switch (state.Type) {
        case 'Task':
          return await this.runTask(record, state, position);
        case 'Pass': {
          const input = selectPath(position.input, ctx, state.InputPath);
          const result =
            state.Result !== undefined
              ? state.Result
              : state.Parameters !== undefined
                ? resolveTemplate(state.Parameters, input, ctx)
                : input;
          return this.next(
            record,
            state,
            selectPath(applyResultPath(position.input, result, state.ResultPath), ctx, state.OutputPath),
          );
        }
        case 'Choice': {
          const input = selectPath(position.input, ctx, state.InputPath);
          const rule = (state.Choices ?? []).find((r) => ruleMatches(r, input, ctx));
          const target = rule?.Next ?? state.Default;
          if (!target)
            throw new StateFailure('States.NoChoiceMatched', `No choice of ${position.state} matched`);
          this.record(record, 'ChoiceStateExited', position.state);
          return this.goTo(record, target, selectPath(input, ctx, state.OutputPath));
        }
        case 'Wait': {
          const input = selectPath(position.input, ctx, state.InputPath);
          const now = this.options.clock.now();
          const at =
            state.Seconds !== undefined
              ? now + state.Seconds * 1000
              : state.SecondsPath
                ? now + Number(readPath(input, ctx, state.SecondsPath)) * 1000
                : Date.parse(String(state.Timestamp ?? readPath(input, ctx, state.TimestampPath ?? '$')));
          if (Number.isNaN(at))
            throw new StateFailure('States.Runtime', `Wait ${position.state} has no valid time`);
          position.input = selectPath(input, ctx, state.OutputPath);
          position.resumeAt = at;
          this.save(record);
          return this.armResume(record, at);
        }
        case 'Succeed': {
          const output = selectPath(selectPath(position.input, ctx, state.InputPath), ctx, state.OutputPath);
          this.record(record, 'SucceedStateExited', position.state);
          return this.finish(record, 'SUCCEEDED', { output });
        }
        case 'Fail':
          return this.finish(record, 'FAILED', { error: state.Error, cause: state.Cause });
      }
    } catch (error) {
      return this.failState(record, failureOf(error));
    }
  }

  private async runTask(record: ExecutionRecord, state: State, position: Position) {
    const resource = state.Resource ?? '';
    const waitForToken = resource === LAMBDA_INVOKE_WAIT;
    const token = waitForToken ? randomBytes(32).toString('base64url') : undefined;
    const ctx = this.context(record, position, token);
    const input = selectPath(position.input, ctx, state.InputPath);
    const params = state.Parameters !== undefined ? resolveTemplate(state.Parameters, input, ctx) : input;

    if (waitForToken && token) {
      const now = this.options.clock.now();
      const timeout =
        state.TimeoutSeconds ??
        (state.TimeoutSecondsPath ? Number(readPath(input, ctx, state.TimeoutSecondsPath)) : undefined);
      const heartbeat =
        state.HeartbeatSeconds ??
        (state.HeartbeatSecondsPath ? Number(readPath(input, ctx, state.HeartbeatSecondsPath)) : undefined);
      position.waiting = {
        token,
        timeoutAt: timeout ? now + timeout * 1000 : undefined,
        heartbeatMs: heartbeat ? heartbeat * 1000 : undefined,
        heartbeatAt: heartbeat ? now + heartbeat * 1000 : undefined,
      };
      this.tokens.set(token, record.executionArn);
      this.record(record, 'TaskSubmitted', position.state);
      // Saved before the Lambda runs: it may answer its own token before it returns.
      this.save(record);
      this.armTaskTimers(record);
      return this.invokeWaitingTask(record, params);
    }

    const { FunctionName, Payload } = params as { FunctionName?: string; Payload?: unknown };
    const result =
      resource === LAMBDA_INVOKE
        ? {
            ExecutedVersion: '$LATEST',
            StatusCode: 200,
            Payload: await this.options.invoke(String(FunctionName), Payload ?? {}),
          }
        : await this.options.invoke(resource, params);
    if (record.status !== 'RUNNING') return;
    this.record(record, 'TaskSucceeded', position.state);
    return this.completeState(record, result);
  }

  /** Invokes the Lambda of a callback task (again, after a restart that interrupted it). */
  private async invokeWaitingTask(record: ExecutionRecord, params?: unknown) {
    const position = record.position;
    const waiting = position?.waiting;
    if (!position || !waiting) return;
    const state = this.stateOf(record, position);
    const ctx = this.context(record, position, waiting.token);
    const resolved =
      params ?? resolveTemplate(state.Parameters, selectPath(position.input, ctx, state.InputPath), ctx);
    const { FunctionName, Payload } = resolved as { FunctionName?: string; Payload?: unknown };
    try {
      await this.options.invoke(String(FunctionName), Payload ?? {});
    } catch (error) {
      if (position.waiting?.token !== waiting.token) return;
      this.closeToken(record, waiting.token, 'closed');
      return this.failState(record, failureOf(error));
    }
    if (position.waiting?.token === waiting.token) {
      position.waiting.invoked = true;
      this.save(record);
    }
  }

  /** A Task's result, through ResultSelector, ResultPath and OutputPath, then on to the next state. */
  private completeState(record: ExecutionRecord, result: unknown) {
    const position = record.position;
    if (!position) return;
    const state = this.stateOf(record, position);
    const ctx = this.context(record, position);
    try {
      const selected =
        state.ResultSelector !== undefined ? resolveTemplate(state.ResultSelector, result, ctx) : result;
      const output = selectPath(
        applyResultPath(position.input, selected, state.ResultPath),
        ctx,
        state.OutputPath,
      );
      return this.next(record, state, output);
    } catch (error) {
      return this.failState(record, failureOf(error));
    }
  }

  /** Retry if a retrier matches and has attempts left, else Catch, else the execution fails. */
  private failState(record: ExecutionRecord, failure: StateFailure): Promise<void> | void {
    const position = record.position;
    if (!position || record.status !== 'RUNNING') return;
    const state = this.stateOf(record, position);
    if (position.waiting) this.closeToken(record, position.waiting.token, 'closed');
    const retriers: Retrier[] = state.Retry ?? [];
    const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, failure.error));
    const retrier = retriers[index];
    if (retrier) {
      const attempts = position.attempts[index] ?? 0;
      const { IntervalSeconds, MaxAttempts, BackoffRate } = { ...DEFAULT_RETRY, ...retrier };
      if (attempts < MaxAttempts) {
        let delay = IntervalSeconds * BackoffRate ** attempts * 1000;
        if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds * 1000);
        position.attempts[index] = attempts + 1;
        const at = this.options.clock.now() + delay;
        position.resumeAt = at;
        this.record(record, 'TaskRetryScheduled', position.state, { error: failure.error });
        this.save(record);
        return this.armResume(record, at);
      }
    }
    const catcher: Catcher | undefined = (state.Catch ?? []).find((c) =>
      errorMatches(c.ErrorEquals, failure.error),
    );
    if (catcher) {
      const output = applyResultPath(
        position.input,
        { Error: failure.error, Cause: failure.cause },
        catcher.ResultPath === undefined ? '$' : catcher.ResultPath,
      );
      this.record(record, `${state.Type}StateExited`, position.state, { error: failure.error });
      return this.goTo(record, catcher.Next, output);
    }
    return this.finish(record, 'FAILED', { error: failure.error, cause: failure.cause });
  }

  private next(record: ExecutionRecord, state: State, output: unknown) {
    const from = record.position?.state ?? '';
    this.record(record, `${state.Type}StateExited`, from);
    if (state.End || !state.Next) return this.finish(record, 'SUCCEEDED', { output });
    return this.goTo(record, state.Next, output);
  }

  private goTo(record: ExecutionRecord, target: string, input: unknown) {
    record.position = { state: target, input, enteredAt: this.options.clock.now(), attempts: {} };
    this.save(record);
    return this.runFrom(record);
  }

  private finish(
    record: ExecutionRecord,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    result: { output?: unknown; error?: string; cause?: string },
  ) {
    if (record.position?.waiting) this.closeToken(record, record.position.waiting.token, 'closed');
    record.status = status;
    record.stopDate = this.options.clock.now();
    record.position = undefined;
    if (status === 'SUCCEEDED') record.output = JSON.stringify(result.output ?? {});
    if (result.error !== undefined) record.error = result.error;
    if (result.cause !== undefined) record.cause = result.cause;
    this.record(
      record,
      `Execution${{ SUCCEEDED: 'Succeeded', FAILED: 'Failed', TIMED_OUT: 'TimedOut', ABORTED: 'Aborted' }[status]}`,
    );
    this.save(record);
    for (const cancel of this.timers.get(record.executionArn) ?? []) cancel();
    this.timers.delete(record.executionArn);
  }

  // --- Tokens and timers -----------------------------------------------------------------------

  private waitingExecution(token: string): ExecutionRecord {
    const spent = this.spent.get(token);
    if (spent === 'timed-out') throw new SfnApiError('TaskTimedOut', 'The task has timed out');
    const arn = this.tokens.get(token);
    const record = arn ? this.executions.get(arn) : undefined;
    if (record?.status !== 'RUNNING' || record.position?.waiting?.token !== token) {
      if (spent || record) throw new SfnApiError('TaskDoesNotExist', 'The task is no longer waiting');
      throw new SfnApiError('InvalidToken', 'Unknown task token');
    }
    return record;
  }

  private closeToken(record: ExecutionRecord, token: string, reason: SpentReason) {
    this.tokens.delete(token);
    this.spent.set(token, reason);
    if (record.position?.waiting?.token === token) record.position.waiting = undefined;
  }

  private addTimer(record: ExecutionRecord, at: number, fn: () => void) {
    // A step that was running when the engine stopped may still schedule; that timer would keep the
    // process alive until it fires (a retry can be minutes away), for a step that then does nothing.
    if (this.stopped) return;
    const cancel = this.options.clock.schedule(at, fn);
    const list = this.timers.get(record.executionArn) ?? [];
    list.push(cancel);
    this.timers.set(record.executionArn, list);
  }

  private armTaskTimers(record: ExecutionRecord) {
    const waiting = record.position?.waiting;
    if (!waiting) return;
    const { token } = waiting;
    const expire = (error: string, due: () => number | undefined) => () => {
      const current = record.position?.waiting;
      const at = due();
      if (current?.token !== token || at === undefined || at > this.options.clock.now()) return;
      this.closeToken(record, token, 'timed-out');
      this.record(record, 'TaskTimedOut', record.position?.state, { error });
      this.save(record);
      this.enqueue(record, () =>
        this.failState(record, new StateFailure(error, 'The task did not answer in time')),
      );
    };
    if (waiting.timeoutAt !== undefined)
      this.addTimer(
        record,
        waiting.timeoutAt,
        expire('States.Timeout', () => record.position?.waiting?.timeoutAt),
      );
    if (waiting.heartbeatAt !== undefined)
      this.addTimer(
        record,
        waiting.heartbeatAt,
        expire('States.HeartbeatTimeout', () => record.position?.waiting?.heartbeatAt),
      );
  }

  private armResume(record: ExecutionRecord, at: number) {
    const position = record.position;
    this.addTimer(record, at, () =>
      this.enqueue(record, () => {
        if (record.position !== position || position?.resumeAt !== at) return;
        position.resumeAt = undefined;
        const state = this.stateOf(record, position);
        // A Wait state is over; a retry runs its state again.
        if (state.Type === 'Wait') return this.next(record, state, position.input);
        return this.runFrom(record);
      }),
    );
  }

  private armExecutionTimeout(record: ExecutionRecord) {
    const seconds = this.definitionOf(record).definition.TimeoutSeconds;
    if (!seconds) return;
    this.addTimer(record, record.startDate + seconds * 1000, () => {
      if (record.status === 'RUNNING')
        this.finish(record, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution ran out of time' });
    });
  }

  private record(record: ExecutionRecord, type: string, state?: string, detail?: Record<string, unknown>) {
    const event: HistoryEvent = {
      id: record.history.length + 1,
      at: this.options.clock.now(),
      type,
      state,
      detail,
    };
    record.history.push(event);
  }

  private save(record: ExecutionRecord) {
    this.options.journal.save(record);
  }

  private machineOf(arn: string): StateMachine {
    const machine = this.machines.get(arn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `No state machine ${arn}`);
    return machine;
  }

  private executionOf(arn: string): ExecutionRecord {
    const record = this.executions.get(arn);
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `No execution ${arn}`);
    return record;
  }
}
