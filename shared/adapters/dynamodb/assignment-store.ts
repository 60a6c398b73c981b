import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Offer } from '../../domain/offer';
import { type Task, TaskSchema } from '../../domain/task';
import { ConflictError } from '../../errors';
import type { AcceptResult, AssignmentStore } from '../../ports/routing';
import { fromItem } from './item-codec';
import { offerKey, taskKey } from './keys';
import { taskTransitionUpdate } from './task-repository';
import { conditionalTransaction, conditionalWrite, failedConditionIndex } from './write-errors';

export class DynamoAssignmentStore implements AssignmentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Both conditions in one transaction: of any number of simultaneous accepts (same VA double
   * clicking, or three VAs of an urgent round), exactly one finds the task still OFFERED.
   */
  async accept(offer: Offer, at: Date): Promise<AcceptResult> {
    const iso = at.toISOString();
    try {
      await conditionalTransaction(
        this.db,
        [
          {
            Update: {
              TableName: this.tableName,
              Key: offerKey(offer.taskId, offer.vaId),
              UpdateExpression: 'SET #status = :accepted, decidedAt = :at',
              // The run's offer that was read: one the operator reopened since is decided by its own mail.
              ConditionExpression: `#status = :pending AND expiresAt > :at${offer.run === undefined ? '' : ' AND #run = :run'}`,
              ExpressionAttributeNames: {
                '#status': 'status',
                ...(offer.run === undefined ? {} : { '#run': 'run' }),
              },
              ExpressionAttributeValues: {
                ':accepted': 'ACCEPTED',
                ':pending': 'PENDING',
                ':at': iso,
                ...(offer.run === undefined ? {} : { ':run': offer.run }),
              },
            },
          },
          {
            Update: taskTransitionUpdate(this.tableName, {
              taskId: offer.taskId,
              from: 'OFFERED',
              to: 'ASSIGNED',
              at: iso,
              changes: { assignedVaId: offer.vaId, assignedAt: iso },
            }),
          },
        ],
        () => new ConflictError('taken'),
      );
    } catch (error) {
      if (error instanceof ConflictError) return 'conflict';
      throw error;
    }
    return 'accepted';
  }

  async awaitCompletion(taskId: string, token: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: taskKey(taskId),
          UpdateExpression: 'SET completionToken = :token',
          ConditionExpression: '#status = :assigned',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':token': token, ':assigned': 'ASSIGNED' },
        }),
      );
      return true;
    } catch (error) {
      if (failedConditionIndex(error) !== undefined) return false;
      throw error;
    }
  }

  async complete(
    taskId: string,
    vaId: string,
    work: { minutes: number; note: string; at: string },
  ): Promise<Task> {
    const out = await conditionalWrite(
      () =>
        this.db.send(
          new UpdateCommand({
            ...taskTransitionUpdate(this.tableName, {
              taskId,
              from: 'ASSIGNED',
              to: 'COMPLETED',
              at: work.at,
              changes: { workedMinutes: work.minutes, completionNote: work.note, completedAt: work.at },
              condition: { expression: 'assignedVaId = :va', values: { ':va': vaId } },
            }),
            ReturnValues: 'ALL_NEW',
          }),
        ),
      () => new ConflictError(`Task ${taskId} is not assigned to ${vaId}`),
    );
    return fromItem(TaskSchema, out.Attributes ?? {});
  }

  async release(taskId: string, vaId: string, run: number, at: string): Promise<boolean> {
    try {
      await conditionalTransaction(
        this.db,
        [
          {
            Update: {
              TableName: this.tableName,
              Key: offerKey(taskId, vaId),
              UpdateExpression: 'SET #status = :released, releasedAt = :at',
              ConditionExpression: '#status = :accepted',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':released': 'RELEASED', ':accepted': 'ACCEPTED', ':at': at },
            },
          },
          {
            Update: taskTransitionUpdate(this.tableName, {
              taskId,
              from: 'ASSIGNED',
              to: 'ROUTING',
              at,
              changes: { routingRun: run + 1 },
              clear: ['assignedVaId', 'assignedAt', 'completionToken'],
              condition: {
                expression: 'assignedVaId = :va AND routingRun = :run',
                values: { ':va': vaId, ':run': run },
              },
            }),
          },
        ],
        () => new ConflictError('not theirs'),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }
}
