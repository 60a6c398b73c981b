import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { StepName } from '../../functions/workflow/steps';
import { DEADLINE_MOVED } from '../../shared/use-cases/routing/deps';
import { acknowledge, nagResource } from './nag';

export interface TaskLifecycleProps {
  readonly stateMachineName: string;
  /** The workflow function that runs every step. */
  readonly steps: IFunction;
}

/** Errors the steps raise on purpose; everything else is retried and then fails the execution. */
export const WORKFLOW_ERRORS = {
  declined: 'OfferDeclined',
  noCandidate: 'NoCandidateLeft',
  cancelled: 'TaskCancelled',
  deadlineMoved: DEADLINE_MOVED,
} as const;

/**
 * Faults in a step (a throttled table, a network blip, a crashed invocation) are retried; the
 * workflow's own outcomes never are. States.TaskFailed matches every error name, so those come first.
 */
const retryFaults = (task: LambdaInvoke, outcomes: readonly string[]) =>
  task.addRetry({ errors: [...outcomes], maxAttempts: 0 }).addRetry({
    errors: [Errors.TASKS_FAILED],
    interval: Duration.seconds(2),
    maxAttempts: 3,
    backoffRate: 2,
  });

/**
 * The task lifecycle (DESIGN.md section 2), one Standard execution per task named after it:
 *
 *   FindCandidates -> SendOffer (waits for a link) -> Assign -> AwaitCompletion (waits for the done
 *   form) -> Settle -> NotifyClient
 *
 * A declined or unanswered round goes through NextRound (which times the next round by its VAs'
 * working hours) back to SendOffer for the next VA; a moved deadline or the
 * completion wait's timer goes to RemindVa, which times the next wait; with nobody left,
 * Escalate tells the operator, waits, and searches once more, wider, before giving up. Work
 * happens in the Lambda, not in chains of states: the happy path is six transitions.
 */
export class TaskLifecycle extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: TaskLifecycleProps) {
    super(scope, id);
    const step = (name: string, stepName: StepName, resultPath: string | undefined) => {
      const task = new LambdaInvoke(this, name, {
        lambdaFunction: props.steps,
        payload: TaskInput.fromObject({ step: stepName, state: JsonPath.entirePayload }),
        payloadResponseOnly: true,
        resultPath: resultPath ?? JsonPath.DISCARD,
      });
      return retryFaults(task, [WORKFLOW_ERRORS.cancelled]);
    };
    const callback = (name: string, stepName: StepName, resultPath: string, timeoutPath: string) => {
      const task = new LambdaInvoke(this, name, {
        lambdaFunction: props.steps,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({
          step: stepName,
          state: JsonPath.entirePayload,
          token: JsonPath.taskToken,
          // Same for every retried attempt of one entry: the step tells a retry from a new round by it.
          enteredAt: JsonPath.stringAt('$$.State.EnteredTime'),
        }),
        resultPath,
        taskTimeout: Timeout.at(timeoutPath),
      });
      // The links and the step answer with all three outcomes; the Catch clauses route them.
      return retryFaults(task, Object.values(WORKFLOW_ERRORS));
    };

    const cancelled = new Succeed(this, 'Cancelled', { comment: 'The task was cancelled or rerouted.' });
    const unassigned = new Succeed(this, 'Unassigned', {
      comment: 'Nobody took the task; the operator knows.',
    });

    const findCandidates = step('FindCandidates', 'find-candidates', '$.routing');
    const sendOffer = callback('SendOffer', 'send-offer', '$.assignment', '$.routing.offerSeconds');
    const nextRound = step('NextRound', 'next-round', '$.routing');
    const escalate = step('Escalate', 'escalate', '$.escalation');
    const assign = step('Assign', 'assign', '$.completion');
    const awaitCompletion = callback(
      'AwaitCompletion',
      'await-completion',
      '$.work',
      '$.completion.timeoutSeconds',
    );
    const remind = step('RemindVa', 'remind', '$.completion');
    const settle = step('Settle', 'settle', '$.settlement');
    const notifyClient = step('NotifyClient', 'notify-client', undefined);
    const waitToRetry = new Wait(this, 'WaitBeforeWiderSearch', {
      time: WaitTime.secondsPath('$.escalation.waitSeconds'),
    });
    const giveUp = new Choice(this, 'GiveUp?')
      .when(Condition.booleanEquals('$.escalation.giveUp', true), unassigned)
      .otherwise(waitToRetry);

    for (const task of [findCandidates, nextRound, escalate, assign, remind, settle, notifyClient])
      task.addCatch(cancelled, { errors: [WORKFLOW_ERRORS.cancelled], resultPath: '$.error' });
    sendOffer.addCatch(nextRound, {
      errors: [WORKFLOW_ERRORS.declined, Errors.TIMEOUT],
      resultPath: '$.lastRound',
    });
    sendOffer.addCatch(escalate, { errors: [WORKFLOW_ERRORS.noCandidate], resultPath: '$.lastRound' });
    sendOffer.addCatch(cancelled, { errors: [WORKFLOW_ERRORS.cancelled], resultPath: '$.error' });
    awaitCompletion.addCatch(remind, {
      errors: [Errors.TIMEOUT, WORKFLOW_ERRORS.deadlineMoved],
      resultPath: '$.lastWait',
    });
    awaitCompletion.addCatch(cancelled, { errors: [WORKFLOW_ERRORS.cancelled], resultPath: '$.error' });

    findCandidates.next(sendOffer);
    nextRound.next(sendOffer);
    sendOffer.next(assign);
    escalate.next(giveUp);
    waitToRetry.next(findCandidates);
    assign.next(awaitCompletion);
    remind.next(awaitCompletion);
    awaitCompletion.next(settle);
    settle.next(notifyClient);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(findCandidates),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', {
          retention: RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        // Every event, but without inputs and outputs: those hold client briefs and task tokens.
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    acknowledge(
      this.stateMachine,
      `AwsSolutions-IAM5[Resource::${nagResource(this.stateMachine, `${props.steps.functionArn}:*`)}]`,
      'Step Functions may invoke versions of the one workflow function; the wildcard covers only those.',
    );
    acknowledge(
      this.stateMachine,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray and CloudWatch Logs delivery actions do not support resource-level permissions.',
    );
  }
}
