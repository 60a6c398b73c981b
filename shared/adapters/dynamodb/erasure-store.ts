import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Client } from '../../domain/client';
import { normalizeEmailAddress } from '../../domain/email-address';
import { ERASED } from '../../domain/privacy/erasure';
import { ConflictError } from '../../errors';
import type { ErasureStore } from '../../ports/erasure';
import type { TaskMessage } from '../../ports/intake';
import { clientItem } from './client-repository';
import {
  dedupeKey,
  formTokenKey,
  outboxKey,
  senderKey,
  statementKey,
  submissionKey,
  taskKey,
  taskMessageKey,
} from './keys';
import { conditionalWrite, failedConditionIndex } from './write-errors';

export class DynamoErasureStore implements ErasureStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async deleteMessages(taskId: string, messages: readonly TaskMessage[]): Promise<void> {
    for (const m of messages)
      await this.db.send(
        new DeleteCommand({ TableName: this.tableName, Key: taskMessageKey(taskId, m.receivedAt, m.id) }),
      );
  }

  anonymiseTask(taskId: string): Promise<void> {
    return this.updateIfThere({
      TableName: this.tableName,
      Key: taskKey(taskId),
      UpdateExpression: 'SET title = :erased, description = :empty REMOVE completionNote',
      ExpressionAttributeValues: { ':erased': ERASED, ':empty': '' },
    });
  }

  async anonymiseIntakeRecords(ids: readonly string[]): Promise<void> {
    for (const id of ids)
      await this.updateIfThere({
        TableName: this.tableName,
        Key: dedupeKey(id),
        UpdateExpression: 'SET #from = :erased, subject = :erased',
        ExpressionAttributeNames: { '#from': 'from' },
        ExpressionAttributeValues: { ':erased': ERASED },
      });
  }

  async anonymiseOutbox(refs: readonly string[]): Promise<void> {
    for (const ref of refs)
      await this.updateIfThere({
        TableName: this.tableName,
        Key: outboxKey(ref),
        UpdateExpression: 'SET #to = :erased, subject = :erased',
        ExpressionAttributeNames: { '#to': 'to' },
        ExpressionAttributeValues: { ':erased': ERASED },
      });
  }

  async deleteSubmission(submissionId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: submissionKey(submissionId) }));
  }

  blockStatement(clientId: string, period: string, block: { since: string; retainUntil: string }) {
    return this.updateIfThere({
      TableName: this.tableName,
      Key: statementKey(clientId, period),
      UpdateExpression: 'SET blocked = :block',
      ExpressionAttributeValues: { ':block': block },
    });
  }

  async tombstone(client: Client, tombstone: Client): Promise<void> {
    const senders = [...new Set(client.emails.map(normalizeEmailAddress))];
    const write = () =>
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: clientItem(tombstone),
                // A concurrent edit of the client makes this fail rather than resurrect what it wrote.
                ConditionExpression: 'version = :read',
                ExpressionAttributeValues: { ':read': client.version },
              },
            },
            ...senders.map((address) => ({
              Delete: { TableName: this.tableName, Key: senderKey(address) },
            })),
            ...(client.formTokenHash
              ? [{ Delete: { TableName: this.tableName, Key: formTokenKey(client.formTokenHash) } }]
              : []),
          ],
        }),
      );
    await conditionalWrite(
      write,
      () => new ConflictError(`Client ${client.id} changed while being erased; run again`),
    );
  }

  /** An update of an item that may be gone already (expired by its TTL, or erased by an earlier run). */
  private async updateIfThere(input: UpdateCommandInput): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({ ...input, ConditionExpression: 'attribute_exists(PK)' }));
    } catch (error) {
      if (failedConditionIndex(error) === undefined) throw error;
    }
  }
}
