import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeEmailAddress } from '../../domain/email-address';
import { toMatchProfile, type Va, VaMatchProfileSchema, VaSchema } from '../../domain/va';
import { ConflictError, NotFoundError } from '../../errors';
import type { SkillQuery, SkillQueryResult, VaRepository } from '../../ports/repositories';
import { fromItem, toItem } from './item-codec';
import {
  skillLevelFloor,
  skillMemberKey,
  skillPartition,
  VA_LIST_PARTITION,
  vaEmailKey,
  vaKey,
  vaListKeys,
  vaPageTokenKey,
} from './keys';
import { queryAll, queryPage } from './query';
import { tokenRotation } from './token-rotation';
import { conditionalTransaction, type TransactItem } from './write-errors';

/** The skill-index items a VA should have: one per skill and spoken language, none while inactive. */
const membershipKeys = (va: Va) =>
  va.active
    ? va.skills.flatMap(({ skill, level }) =>
        va.languages.map((lang) => skillMemberKey(skill, lang, level, va.id)),
      )
    : [];

const keyId = (key: { PK: string; SK: string }) => `${key.PK}|${key.SK}`;

/** The items a VA is stored as: the profile, the address lookup, and the skill-index entries. */
export const vaItems = (va: Va) => ({
  profile: toItem('va', { ...vaKey(va.id), ...vaListKeys(va.id) }, va),
  address: { ...vaEmailKey(normalizeEmailAddress(va.email)), type: 'va-email', vaId: va.id },
  memberships: membershipKeys(va).map((key) => toItem('skill-member', key, toMatchProfile(va))),
});

export class DynamoVaRepository implements VaRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(va: Va): Promise<void> {
    const email = normalizeEmailAddress(va.email);
    const stored = vaItems(va);
    const items: TransactItem[] = [
      this.putProfile(stored.profile, 'attribute_not_exists(PK)'),
      {
        Put: {
          TableName: this.tableName,
          Item: stored.address,
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...this.putMemberships(stored.memberships),
    ];
    await conditionalTransaction(this.db, items, (index) =>
      index === 0
        ? new ConflictError(`VA ${va.id} already exists`)
        : new ConflictError(`The address ${email} already belongs to a VA`),
    );
  }

  async get(vaId: string): Promise<Va | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: vaKey(vaId), ConsistentRead: true }),
    );
    return out.Item ? fromItem(VaSchema, out.Item) : undefined;
  }

  async findByEmail(address: string): Promise<Va | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: vaEmailKey(normalizeEmailAddress(address)),
        ConsistentRead: true,
      }),
    );
    const vaId = out.Item?.vaId;
    return typeof vaId === 'string' ? this.get(vaId) : undefined;
  }

  async list(): Promise<Va[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': VA_LIST_PARTITION },
    });
    return items.map((item) => fromItem(VaSchema, item));
  }

  /**
   * Replaces the profile and re-derives its skill-index items in one transaction, guarded by the
   * version the caller read: a concurrent edit makes this fail instead of being silently lost.
   */
  async update(va: Va): Promise<Va> {
    const current = await this.get(va.id);
    if (!current) throw new NotFoundError(`No VA ${va.id}`);
    const next: Va = { ...va, version: va.version + 1 };
    const stored = vaItems(next);
    const items: TransactItem[] = [
      this.putProfile(stored.profile, 'version = :expected', { ':expected': va.version }),
    ];
    const oldEmail = normalizeEmailAddress(current.email);
    const newEmail = normalizeEmailAddress(next.email);
    if (oldEmail !== newEmail) {
      items.push(
        {
          Delete: {
            TableName: this.tableName,
            Key: vaEmailKey(oldEmail),
            ConditionExpression: 'vaId = :id',
            ExpressionAttributeValues: { ':id': va.id },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: stored.address,
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      );
    }
    const keep = new Set(membershipKeys(next).map(keyId));
    for (const key of membershipKeys(current)) {
      if (!keep.has(keyId(key))) items.push({ Delete: { TableName: this.tableName, Key: key } });
    }
    items.push(...this.putMemberships(stored.memberships));
    await conditionalTransaction(this.db, items, (index) =>
      index === 0
        ? new ConflictError(`VA ${va.id} was changed by someone else; read it again and retry`)
        : new ConflictError(`The address ${newEmail} already belongs to a VA`),
    );
    return next;
  }

  async setPageToken(vaId: string, tokenHash: string): Promise<void> {
    const va = await this.get(vaId);
    if (!va) throw new NotFoundError(`No VA ${vaId}`);
    await conditionalTransaction(
      this.db,
      tokenRotation({
        tableName: this.tableName,
        profileKey: vaKey(vaId),
        attribute: 'pageTokenHash',
        previous: va.pageTokenHash,
        next: tokenHash,
        tokenKey: vaPageTokenKey,
        tokenItem: { type: 'va-page-token', vaId },
      }),
      () => new ConflictError(`The page link of ${vaId} was changed at the same time; try again`),
    );
  }

  async findByPageToken(tokenHash: string): Promise<Va | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: vaPageTokenKey(tokenHash), ConsistentRead: true }),
    );
    const vaId = out.Item?.vaId;
    const va = typeof vaId === 'string' ? await this.get(vaId) : undefined;
    // Only the current link counts, even if an old token item outlived its rotation.
    return va?.pageTokenHash === tokenHash ? va : undefined;
  }

  async findBySkill(query: SkillQuery): Promise<SkillQueryResult> {
    const page = await queryPage(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :p AND SK >= :floor',
      ExpressionAttributeValues: {
        ':p': skillPartition(query.skill, query.language),
        ':floor': skillLevelFloor(query.minLevel),
      },
      ScanIndexForward: false,
      Limit: query.limit,
    });
    return {
      candidates: page.items.map((item) => fromItem(VaMatchProfileSchema, item)),
      itemsRead: page.scanned,
    };
  }

  private putProfile(
    profile: Record<string, unknown>,
    condition: string,
    values?: Record<string, unknown>,
  ): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: profile,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
      },
    };
  }

  private putMemberships(memberships: Record<string, unknown>[]): TransactItem[] {
    return memberships.map((Item) => ({ Put: { TableName: this.tableName, Item } }));
  }
}
