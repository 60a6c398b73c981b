import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Task,
  type TaskChanges,
  type TaskField,
  TaskSchema,
  type TaskStatus,
  TERMINAL_STATUSES,
} from '../../domain/task';
import { ConflictError, NotFoundError } from '../../errors';
import type { Page, TaskRepository } from '../../ports/repositories';
import { fromItem, toItem } from './item-codec';
import { clientTasksPartition, statusPartition, taskByClientKeys, taskByStatusKeys, taskKey } from './keys';
import { queryPage } from './query';
import type { GlobalIndexName } from './table-definition';
import { conditionalWrite } from './write-errors';

/** The open-tasks index is sparse: finished tasks leave it so it stays small. */
const statusIndexKeys = (task: Pick<Task, 'status' | 'createdAt' | 'id'>) =>
  TERMINAL_STATUSES.has(task.status) ? {} : taskByStatusKeys(task.status, task.createdAt, task.id);

/**
 * The update that moves a task from one status to the next: the status, its place in the open-tasks
 * index (which finished tasks leave), the version, and any `changes` and `clear`ed fields, only if
 * the task is still in `from` (and meets `condition`). Every status change of a task, alone or
 * inside a transaction, is built here, so the index can never disagree with the status.
 */
export const taskTransitionUpdate = (
  tableName: string,
  t: {
    taskId: string;
    from: TaskStatus;
    to: TaskStatus;
    at: string;
    changes?: TaskChanges;
    clear?: readonly TaskField[];
    /** A further condition, e.g. `assignedVaId = :va`, with its values. */
    condition?: { expression: string; values: Record<string, unknown> };
  },
) => {
  const names: Record<string, string> = {
    '#status': 'status',
    '#updatedAt': 'updatedAt',
    '#version': 'version',
  };
  const values: Record<string, unknown> = {
    ':from': t.from,
    ':to': t.to,
    ':at': t.at,
    ':one': 1,
    ...t.condition?.values,
  };
  const sets = ['#status = :to', '#updatedAt = :at', '#version = #version + :one'];
  const removes: string[] = (t.clear ?? []).map((field) => {
    names[`#${field}`] = field;
    return `#${field}`;
  });
  for (const [field, value] of Object.entries(t.changes ?? {})) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  if (TERMINAL_STATUSES.has(t.to)) {
    removes.push('GSI2PK', 'GSI2SK');
  } else {
    // The status index sorts by creation time, which the update cannot read; it is kept as GSI2SK.
    names['#gsi2pk'] = 'GSI2PK';
    values[':gsi2pk'] = statusPartition(t.to);
    sets.push('#gsi2pk = :gsi2pk');
  }
  return {
    TableName: tableName,
    Key: taskKey(t.taskId),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: `attribute_exists(PK) AND #status = :from${t.condition ? ` AND ${t.condition.expression}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

export class DynamoTaskRepository implements TaskRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(task: Task): Promise<void> {
    const keys = {
      ...taskKey(task.id),
      ...taskByClientKeys(task.clientId, task.createdAt, task.id),
      ...statusIndexKeys(task),
    };
    await conditionalWrite(
      () =>
        this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: toItem('task', keys, task),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      () => new ConflictError(`Task ${task.id} already exists`),
    );
  }

  async get(taskId: string): Promise<Task | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: taskKey(taskId), ConsistentRead: true }),
    );
    return out.Item ? fromItem(TaskSchema, out.Item) : undefined;
  }

  /** A client's tasks, newest first. */
  listByClient(clientId: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<Task>> {
    return this.queryIndex('GSI1', 'GSI1PK', clientTasksPartition(clientId), false, options);
  }

  /** Open tasks in one status, oldest first (the order they should be worked on). */
  listByStatus(status: TaskStatus, options: { limit?: number; cursor?: string } = {}): Promise<Page<Task>> {
    return this.queryIndex('GSI2', 'GSI2PK', statusPartition(status), true, options);
  }

  private async queryIndex(
    indexName: GlobalIndexName,
    partitionKey: string,
    partition: string,
    oldestFirst: boolean,
    options: { limit?: number; cursor?: string },
  ): Promise<Page<Task>> {
    const page = await queryPage(
      this.db,
      {
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :p',
        ExpressionAttributeNames: { '#pk': partitionKey },
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: oldestFirst,
        Limit: options.limit ?? 50,
      },
      options.cursor,
    );
    return { items: page.items.map((i) => fromItem(TaskSchema, i)), cursor: page.cursor };
  }

  async transition(
    taskId: string,
    from: TaskStatus,
    to: TaskStatus,
    at: string,
    changes: TaskChanges = {},
    clear: readonly TaskField[] = [],
  ): Promise<Task> {
    const update = taskTransitionUpdate(this.tableName, { taskId, from, to, at, changes, clear });
    try {
      const out = await conditionalWrite(
        () => this.db.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' })),
        () => new ConflictError(`Task ${taskId} is no longer ${from}`),
      );
      return fromItem(TaskSchema, out.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConflictError && !(await this.get(taskId)))
        throw new NotFoundError(`No task ${taskId}`);
      throw error;
    }
  }
}
