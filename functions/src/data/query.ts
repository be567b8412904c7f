import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TableIndexName } from '@sillat/shared/table';
import { db, tableName } from './client';

/**
 * Every item of one partition whose sort key starts with `prefix`, all pages:
 * the "list the <kind>s of a municipality" pattern (a Query, never a Scan).
 */
export async function queryByPrefix(pk: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(res.Items ?? []));
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * Every item of one secondary-index partition (optionally narrowed to a sort
 * key prefix), all pages. Index reads are eventually consistent.
 */
export async function queryIndex(
  index: TableIndexName,
  pk: string,
  skPrefix?: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk${skPrefix ? ` AND begins_with(${index}sk, :prefix)` : ''}`,
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(res.Items ?? []));
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return items;
}
