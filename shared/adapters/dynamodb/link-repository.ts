import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LinkRepository, LinkTarget } from '../../ports/routing';
import { linkKey } from './keys';

/** Mailed links by token hash. DynamoDB's TTL removes them some time after they expire. */
export class DynamoLinkRepository implements LinkRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async put(tokenHash: string, target: LinkTarget, ttlEpochSeconds: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...linkKey(tokenHash), type: 'link', ...target, ttl: ttlEpochSeconds },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async find(tokenHash: string): Promise<LinkTarget | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: linkKey(tokenHash), ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item || typeof item.taskId !== 'string') return undefined;
    // TTL deletion lags by up to days; an expired link is gone as far as anyone can tell.
    if (typeof item.ttl === 'number' && item.ttl * 1000 <= this.now().getTime()) return undefined;
    if (item.kind === 'withdraw' && typeof item.clientId === 'string')
      return { kind: item.kind, taskId: item.taskId, clientId: item.clientId };
    if (item.kind === 'offer' && typeof item.vaId === 'string')
      return {
        kind: item.kind,
        taskId: item.taskId,
        vaId: item.vaId,
        ...(typeof item.offerRun === 'number' ? { offerRun: item.offerRun } : {}),
      };
    if (item.kind === 'done' && typeof item.vaId === 'string')
      return { kind: item.kind, taskId: item.taskId, vaId: item.vaId };
    return undefined;
  }
}
