import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type Actor, type AuditInput, auditPut } from './audit';
import { db, tableName } from './client';
import { isConditionFailure, VersionConflictError } from './errors';
import { retryingConflicts } from './retry';

/**
 * The two write shapes every versioned entity uses, each one transaction with
 * its audit entry, so a change never exists without its record:
 * - `putNew`: create an item that must not exist yet (version 1);
 * - `updateVersioned`: change fields only if the stored version is the one the
 *   caller edited (optimistic locking), bumping version and updatedAt.
 * Conditions are enforced by DynamoDB, never by a read before the write.
 */
export type Key = { pk: string; sk: string };

/** An audit entry as the caller describes it; the write adds the time. */
export type AuditFor = Omit<AuditInput, 'at'>;

/** More writes that must happen with this one or not at all (e.g. the dashboards' counters). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Puts `item` at `key` unless something is there. Returns false when it already existed. */
export async function putNew(
  key: Key,
  item: Record<string, unknown>,
  audit: AuditFor,
  at: string,
  extra: TransactItem[] = [],
): Promise<boolean> {
  try {
    // Counters (`extra`) are shared by many writers; a clash with another transaction is retried.
    await retryingConflicts(() =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: { ...item, ...key },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            auditPut({ ...audit, at }),
            ...extra,
          ],
        }),
      ),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/**
 * Sets `fields` (an undefined value removes the attribute) if the item exists
 * at `expectedVersion`, then returns the item as `read` finds it. When the
 * condition fails, `read` tells why: it throws NotFoundError when the item is
 * gone; otherwise someone else changed it, a VersionConflictError.
 */
export async function updateVersioned<T>(
  key: Key,
  fields: Record<string, unknown>,
  expectedVersion: number,
  audit: AuditFor,
  read: () => Promise<T>,
  extra: TransactItem[] = [],
): Promise<T> {
  const at = new Date().toISOString();
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':at': at };
  const sets = ['#version = #version + :one', '#updatedAt = :at'];
  const removes: string[] = [];
  Object.entries(fields).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    if (value === undefined) {
      removes.push(`#f${i}`);
    } else {
      values[`:v${i}`] = value;
      sets.push(`#f${i} = :v${i}`);
    }
  });
  try {
    // Counters (`extra`) are shared by many writers; a clash with another transaction is retried.
    await retryingConflicts(() =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: key,
                UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
                ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            auditPut({ ...audit, changes: audit.changes ?? fields, at }),
            ...extra,
          ],
        }),
      ),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    await read();
    throw new VersionConflictError(audit.target.type, audit.target.id, expectedVersion);
  }
  return read();
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };
