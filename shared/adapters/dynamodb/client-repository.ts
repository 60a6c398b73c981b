import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Client, ClientSchema } from '../../domain/client';
import { normalizeEmailAddress } from '../../domain/email-address';
import { ConflictError, NotFoundError } from '../../errors';
import type { ClientRepository } from '../../ports/repositories';
import { fromItem, toItem } from './item-codec';
import { CLIENT_LIST_PARTITION, clientKey, clientListKeys, formTokenKey, senderKey } from './keys';
import { queryAll } from './query';
import { conditionalWrite } from './write-errors';

export class DynamoClientRepository implements ClientRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(client: Client): Promise<void> {
    const senders = [...new Set(client.emails.map(normalizeEmailAddress))];
    const notExists = 'attribute_not_exists(PK)';
    await conditionalWrite(
      () =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: toItem('client', { ...clientKey(client.id), ...clientListKeys(client.id) }, client),
                  ConditionExpression: notExists,
                },
              },
              ...senders.map((address) => ({
                Put: {
                  TableName: this.tableName,
                  Item: { ...senderKey(address), type: 'sender', clientId: client.id, address },
                  ConditionExpression: notExists,
                },
              })),
            ],
          }),
        ),
      (index) =>
        index === 0
          ? new ConflictError(`Client ${client.id} already exists`)
          : new ConflictError(`The address ${senders[index - 1]} already belongs to a client`),
    );
  }

  async get(clientId: string): Promise<Client | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: clientKey(clientId), ConsistentRead: true }),
    );
    return out.Item ? fromItem(ClientSchema, out.Item) : undefined;
  }

  async findBySender(address: string): Promise<Client | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: senderKey(normalizeEmailAddress(address)),
        ConsistentRead: true,
      }),
    );
    const clientId = out.Item?.clientId;
    return typeof clientId === 'string' ? this.get(clientId) : undefined;
  }

  async setFormToken(clientId: string, tokenHash: string): Promise<void> {
    const client = await this.get(clientId);
    if (!client) throw new NotFoundError(`No client with id ${clientId}`);
    await conditionalWrite(
      () =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: clientKey(clientId),
                  UpdateExpression: 'SET formTokenHash = :new',
                  ConditionExpression: client.formTokenHash
                    ? 'formTokenHash = :old'
                    : 'attribute_not_exists(formTokenHash)',
                  ExpressionAttributeValues: {
                    ':new': tokenHash,
                    ...(client.formTokenHash ? { ':old': client.formTokenHash } : {}),
                  },
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...formTokenKey(tokenHash), type: 'form-token', clientId },
                },
              },
              ...(client.formTokenHash
                ? [{ Delete: { TableName: this.tableName, Key: formTokenKey(client.formTokenHash) } }]
                : []),
            ],
          }),
        ),
      () => new ConflictError(`The form link of ${clientId} was changed at the same time; try again`),
    );
  }

  async findByFormToken(tokenHash: string): Promise<Client | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: formTokenKey(tokenHash), ConsistentRead: true }),
    );
    const clientId = out.Item?.clientId;
    const client = typeof clientId === 'string' ? await this.get(clientId) : undefined;
    // Only the current link counts, even if an old token item outlived its rotation.
    return client?.formTokenHash === tokenHash ? client : undefined;
  }

  async list(): Promise<Client[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': CLIENT_LIST_PARTITION },
    });
    return items.map((item) => fromItem(ClientSchema, item));
  }
}
