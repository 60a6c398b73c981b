import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../infra/local/provision';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client';

/** A fresh table (same definition as production) for one test file, so files never share data. */
export const createTestTable = async (): Promise<{ tableName: string; db: DynamoDBDocumentClient }> => {
  const tableName = `t-${randomUUID()}`;
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  client.destroy();
  return { tableName, db: createDocumentClient() };
};
