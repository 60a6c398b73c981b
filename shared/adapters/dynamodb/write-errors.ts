import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../errors';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Runs a transaction; undefined when it committed, else each item's cancellation code, in order. */
export const transactWrite = async (
  db: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<Array<string | undefined> | undefined> => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return undefined;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    return (error.CancellationReasons ?? []).map((r) => r.Code);
  }
};

/**
 * For a failed write, the index of the first item whose condition failed (0 for a single write),
 * or undefined when the failure was not a condition at all.
 */
export const failedConditionIndex = (error: unknown): number | undefined => {
  if (error instanceof ConditionalCheckFailedException) return 0;
  if (error instanceof TransactionCanceledException) {
    const index = (error.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed');
    return index >= 0 ? index : undefined;
  }
  return undefined;
};

const isTransactionConflict = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict') &&
  failedConditionIndex(error) === undefined;

/**
 * Runs a conditional write; when its condition fails, throws the ConflictError `describe` names.
 * Two transactions touching the same item at once may both be cancelled with TransactionConflict;
 * conditions make a retry safe, so we retry and let the loser fail on its condition instead.
 */
export const conditionalWrite = async <T>(
  write: () => Promise<T>,
  describe: (failedIndex: number) => ConflictError,
  attempts = 6,
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const index = failedConditionIndex(error);
      if (index !== undefined) throw describe(index);
      if (isTransactionConflict(error) && attempt < attempts) {
        await sleep(10 * 2 ** attempt * Math.random());
        continue;
      }
      if (isTransactionConflict(error))
        throw new ConflictError('Another change to the same record is in progress');
      throw error;
    }
  }
};

/** A transaction run as a conditional write: `describe` names the item whose condition failed. */
export const conditionalTransaction = (
  db: DynamoDBDocumentClient,
  items: TransactItem[],
  describe: (failedIndex: number) => ConflictError,
) => conditionalWrite(() => db.send(new TransactWriteCommand({ TransactItems: items })), describe);
