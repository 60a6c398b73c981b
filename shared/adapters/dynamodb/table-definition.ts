/**
 * The single table, described once. The CDK stack and the local stack both build the table from this
 * object, so the two can never drift apart. Every key attribute is a string.
 */
export const TABLE_DEFINITION = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes the item some time after it passes. */
  ttlAttribute: 'ttl',
  globalIndexes: [
    /** Lists: all clients, all VAs, a client's tasks by date. */
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** Sparse: open tasks by status (terminal statuses drop out). */
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
} as const;

export type GlobalIndexName = (typeof TABLE_DEFINITION.globalIndexes)[number]['indexName'];

/** All attribute names that are keys of the table or an index. */
export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE_DEFINITION.partitionKey,
  TABLE_DEFINITION.sortKey,
  ...TABLE_DEFINITION.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
];
