/**
 * The one DynamoDB table's key schema. CDK (infra/lib/data.ts) and the local
 * runtime (functions/src/local/create-table.ts) both build the table from this,
 * so the two can never drift. Key names are generic on purpose (single-table
 * design): each entity in functions/src/data/ decides what goes into them.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Secondary indexes: every one has string hash and range keys and projects ALL attributes. */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  /**
   * Epoch seconds after which DynamoDB may delete an item (in AWS within days;
   * DynamoDB Local accepts the setting but never deletes). Only records that
   * are safe to lose carry it, such as sent reminder claims.
   */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type TableIndexName = (typeof TABLE.globalSecondaryIndexes)[number]['indexName'];
