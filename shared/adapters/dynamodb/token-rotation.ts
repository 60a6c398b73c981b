import type { TableKey } from './keys';
import type { TransactItem } from './write-errors';

/**
 * The writes that make `next` the one personal-link token of a profile (a client's form link, a VA's
 * page): the profile's hash moves on only from the hash read before, the new token item points at the
 * profile, and the old one goes. The profile's version moves too, so an edit made from the profile as
 * read before fails instead of writing the old hash back.
 */
export const tokenRotation = (p: {
  tableName: string;
  profileKey: TableKey;
  attribute: string;
  previous: string | undefined;
  next: string;
  tokenKey: (hash: string) => TableKey;
  tokenItem: Record<string, string>;
}): TransactItem[] => [
  {
    Update: {
      TableName: p.tableName,
      Key: p.profileKey,
      UpdateExpression: 'SET #hash = :new ADD version :one',
      ConditionExpression: p.previous ? '#hash = :old' : 'attribute_not_exists(#hash)',
      ExpressionAttributeNames: { '#hash': p.attribute },
      ExpressionAttributeValues: { ':new': p.next, ':one': 1, ...(p.previous ? { ':old': p.previous } : {}) },
    },
  },
  { Put: { TableName: p.tableName, Item: { ...p.tokenKey(p.next), ...p.tokenItem } } },
  ...(p.previous ? [{ Delete: { TableName: p.tableName, Key: p.tokenKey(p.previous) } }] : []),
];
