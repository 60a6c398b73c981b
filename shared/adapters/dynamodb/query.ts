import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../errors';

type Item = Record<string, unknown>;

const encodeCursor = (key: Item | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

const decodeCursor = (cursor: string | undefined): Item | undefined => {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item;
  } catch {
    throw new ValidationError('The page cursor is not valid');
  }
};

/** One page of a query, with an opaque cursor for the next. */
export const queryPage = async (
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  cursor?: string,
): Promise<{ items: Item[]; cursor?: string; scanned: number }> => {
  const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: decodeCursor(cursor) }));
  return {
    items: out.Items ?? [],
    cursor: encodeCursor(out.LastEvaluatedKey),
    scanned: out.ScannedCount ?? 0,
  };
};

/** Every item a query matches, following pagination. Only for bounded lists (the roster, the clients). */
export const queryAll = async (db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> => {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage(db, input, cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
};
