import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';

/**
 * Proves the table answers: a consistent read of a key that never exists.
 * Cheaper than DescribeTable and needs no extra IAM permission.
 */
export async function pingDatabase(): Promise<void> {
  await db().send(new GetCommand({ TableName: tableName(), Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
}
