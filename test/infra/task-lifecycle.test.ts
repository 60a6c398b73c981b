import { describe, expect, it } from 'vitest';
import { WORKFLOW_ERRORS } from '../../infra/constructs/task-lifecycle';
import { unsupportedFeatures } from '../../infra/local/step-functions/asl';
import { synthesizeStateMachines } from '../../infra/local/step-functions/definition-from-app';

/**
 * The local stack runs the definition the CDK app synthesizes. If a construct ever emits a state
 * type, field or resource the local engine does not implement, this fails before anyone is misled.
 */
describe('the synthesized task lifecycle', () => {
  const [lifecycle] = synthesizeStateMachines('eu-central-1', '000000000000');

  it('uses only what the local engine implements', () => {
    expect(lifecycle).toBeDefined();
    expect(unsupportedFeatures(lifecycle?.definition ?? { StartAt: '', States: {} })).toEqual([]);
  });

  it('has the states of DESIGN.md: find, offer loop with escalation, assign, await completion, settle, notify', () => {
    const states = lifecycle?.definition.States ?? {};
    expect(lifecycle?.definition.StartAt).toBe('FindCandidates');
    expect(Object.keys(states).sort()).toEqual(
      [
        'Assign',
        'AwaitCompletion',
        'Cancelled',
        'Escalate',
        'FindCandidates',
        'GiveUp?',
        'NextRound',
        'NotifyClient',
        'RemindVa',
        'SendOffer',
        'Settle',
        'Unassigned',
        'WaitBeforeWiderSearch',
      ].sort(),
    );
    for (const name of ['SendOffer', 'AwaitCompletion']) {
      expect(states[name]?.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(states[name]?.TimeoutSecondsPath).toMatch(/^\$\./);
    }
    for (const ended of ['States.Timeout', 'OfferDeclined'])
      expect(states.SendOffer?.Catch?.find((c) => c.ErrorEquals.includes(ended))?.Next).toBe('NextRound');
    expect(states.NextRound?.Next).toBe('SendOffer');
    expect(states.SendOffer?.Catch?.find((c) => c.ErrorEquals.includes('NoCandidateLeft'))?.Next).toBe(
      'Escalate',
    );
    for (const wake of ['States.Timeout', 'DeadlineMoved'])
      expect(states.AwaitCompletion?.Catch?.find((c) => c.ErrorEquals.includes(wake))?.Next).toBe('RemindVa');
  });

  it('never retries a cancelled task, but retries other step failures', () => {
    const states = lifecycle?.definition.States ?? {};
    for (const name of ['FindCandidates', 'Assign', 'Settle', 'NotifyClient', 'Escalate', 'RemindVa']) {
      const retry = states[name]?.Retry ?? [];
      const cancelled = retry.findIndex((r) => r.ErrorEquals.includes('TaskCancelled'));
      const failed = retry.findIndex((r) => r.ErrorEquals.includes('States.TaskFailed'));
      expect(retry[cancelled]?.MaxAttempts).toBe(0);
      expect(cancelled).toBeLessThan(failed);
    }
  });

  it('retries a failed invocation of a waiting state, never an answer, and tells the step which entry it is', () => {
    const states = lifecycle?.definition.States ?? {};
    for (const name of ['SendOffer', 'AwaitCompletion']) {
      const retry = states[name]?.Retry ?? [];
      const failed = retry.findIndex((r) => r.ErrorEquals.includes('States.TaskFailed'));
      expect(retry[failed]?.MaxAttempts).toBeGreaterThan(0);
      // States.TaskFailed matches any error name: the answers must be matched (and not retried) first.
      for (const error of Object.values(WORKFLOW_ERRORS)) {
        const own = retry.findIndex((r) => r.ErrorEquals.includes(error));
        expect(retry[own]?.MaxAttempts).toBe(0);
        expect(own).toBeLessThan(failed);
      }
      expect((states[name]?.Parameters as { Payload?: unknown } | undefined)?.Payload).toMatchObject({
        'enteredAt.$': '$$.State.EnteredTime',
      });
    }
  });
});
