import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Submission, SubmissionSchema } from '../../domain/form-submission';
import type { SubmissionStore } from '../../ports/submissions';
import { fromItem, toItem } from './item-codec';
import { linkKey, submissionKey } from './keys';
import { failedConditionIndex } from './write-errors';

export class DynamoSubmissionStore implements SubmissionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(submission: Submission, confirmTokenHash?: string): Promise<Submission> {
    // Kept a week past expiry so a late click still gets "expired", not "unknown link".
    const ttl = Math.floor(Date.parse(submission.expiresAt) / 1000) + 7 * 86_400;
    const items = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...toItem('submission', submissionKey(submission.id), submission), ttl },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...(confirmTokenHash
        ? [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...linkKey(confirmTokenHash),
                  type: 'link',
                  kind: 'confirm-submission',
                  submissionId: submission.id,
                  ttl,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ]
        : []),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return submission;
    } catch (error) {
      if (failedConditionIndex(error) === undefined) throw error;
      return (await this.get(submission.id)) ?? submission;
    }
  }

  async findByConfirmToken(tokenHash: string): Promise<Submission | undefined> {
    const link = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: linkKey(tokenHash), ConsistentRead: true }),
    );
    const { kind, submissionId } = link.Item ?? {};
    return kind === 'confirm-submission' && typeof submissionId === 'string'
      ? this.get(submissionId)
      : undefined;
  }

  markCreated(id: string, taskId: string): Promise<boolean> {
    return this.settle(id, 'created', 'taskId', taskId);
  }

  markPassedOn(id: string, invoiceNumber: string): Promise<boolean> {
    return this.settle(id, 'passed-on', 'invoiceNumber', invoiceNumber);
  }

  /** pending -> `status`, with what it became; false when another attempt settled it first. */
  private async settle(
    id: string,
    status: Exclude<Submission['status'], 'pending'>,
    attribute: 'taskId' | 'invoiceNumber',
    value: string,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: submissionKey(id),
          UpdateExpression: `SET #status = :status, ${attribute} = :value`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':pending': 'pending', ':value': value },
        }),
      );
      return true;
    } catch (error) {
      if (failedConditionIndex(error) === undefined) throw error;
      return false;
    }
  }

  private async get(id: string): Promise<Submission | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: submissionKey(id), ConsistentRead: true }),
    );
    return out.Item ? fromItem(SubmissionSchema, out.Item) : undefined;
  }
}
