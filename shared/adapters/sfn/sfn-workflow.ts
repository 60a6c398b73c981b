import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { Workflow, WorkflowInput } from '../../ports/routing';

/** The answers that mean "this state no longer waits": expected in races, never an error. */
const isGone = (error: unknown) =>
  error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken;

/** The task lifecycle on Step Functions (or the local engine through AWS_ENDPOINT_URL_SFN). */
export class SfnWorkflow implements Workflow {
  constructor(
    private readonly stateMachineArn: string,
    private readonly sfn = new SFNClient({}),
  ) {}

  async start(name: string, input: WorkflowInput) {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return 'started' as const;
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return 'already-started' as const;
      throw error;
    }
  }

  async succeed(token: string, output: unknown) {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      if (isGone(error)) return false;
      throw error;
    }
  }

  async fail(token: string, error: string, cause: string) {
    try {
      await this.sfn.send(
        new SendTaskFailureCommand({ taskToken: token, error, cause: cause.slice(0, 32_000) }),
      );
      return true;
    } catch (e) {
      if (isGone(e)) return false;
      throw e;
    }
  }

  async stop(name: string, cause: string) {
    try {
      const out = await this.sfn.send(
        new StopExecutionCommand({ executionArn: this.executionArn(name), cause }),
      );
      return out.stopDate !== undefined;
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return false;
      throw error;
    }
  }

  async exists(name: string) {
    try {
      await this.sfn.send(new DescribeExecutionCommand({ executionArn: this.executionArn(name) }));
      return true;
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return false;
      throw error;
    }
  }

  private executionArn(name: string) {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }
}
