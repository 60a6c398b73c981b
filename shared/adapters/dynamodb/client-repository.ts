import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Client, ClientSchema } from '../../domain/client';
import { normalizeEmailAddress } from '../../domain/email-address';
import { ConflictError, NotFoundError } from '../../errors';
import type { ClientRepository } from '../../ports/repositories';
import { fromItem, toItem } from './item-codec';
import { CLIENT_LIST_PARTITION, clientKey, clientListKeys, formTokenKey, senderKey } from './keys';
import { queryAll } from './query';
import { tokenRotation } from './token-rotation';
import { conditionalTransaction } from './write-errors';

const NOT_EXISTS = 'attribute_not_exists(PK)';

/** The client's profile item, in the clients' list index. */
export const clientItem = (client: Client) =>
  toItem('client', { ...clientKey(client.id), ...clientListKeys(client.id) }, client);

/** Claims a sender address for the client; fails when any client has it. */
const claimSender = (tableName: string, clientId: string) => (address: string) => ({
  Put: {
    TableName: tableName,
    Item: { ...senderKey(address), type: 'sender', clientId, address },
    ConditionExpression: NOT_EXISTS,
  },
});

export class DynamoClientRepository implements ClientRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(client: Client): Promise<void> {
    const senders = [...new Set(client.emails.map(normalizeEmailAddress))];
    await conditionalTransaction(
      this.db,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: clientItem(client),
            ConditionExpression: NOT_EXISTS,
          },
        },
        ...senders.map(claimSender(this.tableName, client.id)),
      ],
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

  async update(client: Client): Promise<Client> {
    const current = await this.get(client.id);
    if (!current) throw new NotFoundError(`No client with id ${client.id}`);
    const next: Client = { ...client, version: client.version + 1 };
    const before = new Set(current.emails.map(normalizeEmailAddress));
    const after = new Set(next.emails.map(normalizeEmailAddress));
    const added = [...after].filter((address) => !before.has(address));
    const removed = [...before].filter((address) => !after.has(address));
    await conditionalTransaction(
      this.db,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: clientItem(next),
            // An erased client stays erased, whatever an operator had open.
            ConditionExpression: 'version = :read AND attribute_not_exists(erasedAt)',
            ExpressionAttributeValues: { ':read': client.version },
          },
        },
        ...added.map(claimSender(this.tableName, next.id)),
        ...removed.map((address) => ({
          Delete: {
            TableName: this.tableName,
            Key: senderKey(address),
            // Never someone else's; a link already gone is no reason to fail.
            ConditionExpression: 'attribute_not_exists(PK) OR clientId = :id',
            ExpressionAttributeValues: { ':id': next.id },
          },
        })),
      ],
      (index) =>
        index > 0 && index <= added.length
          ? new ConflictError(`The address ${added[index - 1]} already belongs to a client`)
          : new ConflictError(`Client ${client.id} was changed by someone else; read it again and retry`),
    );
    return next;
  }

  async setFormToken(clientId: string, tokenHash: string): Promise<void> {
    const client = await this.get(clientId);
    if (!client) throw new NotFoundError(`No client with id ${clientId}`);
    await conditionalTransaction(
      this.db,
      tokenRotation({
        tableName: this.tableName,
        profileKey: clientKey(clientId),
        attribute: 'formTokenHash',
        previous: client.formTokenHash,
        next: tokenHash,
        tokenKey: formTokenKey,
        tokenItem: { type: 'form-token', clientId },
      }),
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
