import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AUDIT_PAGE_SIZE, type AuditEntry, type AuditQuery } from '@sillat/shared';
import { db, tableName } from './client';
import { municipalityPk } from './municipality-keys';

/**
 * Audit entries are append-only and written in the same transaction as the
 * change they describe, so there is never a change without its entry.
 *
 * Keys (all inside the municipality, like every key in the table):
 * - pk = MUNI#<m>#AUDIT, sk = <iso time>#<id>: the municipality's trail in time order;
 * - gsi1: MUNI#<m>#AUDIT#ACTOR#<actor id>: what one person did (filter, GDPR export);
 * - gsi2: MUNI#<m>#AUDIT#TARGET#<type>#<id>: what happened to one thing (a user's history).
 * No function's IAM policy allows UpdateItem or DeleteItem on these keys (infra/lib/sillat-function.ts).
 */
export interface Actor {
  /** The user's pseudonymous id (the token's `sub`), or "system" for seeding and jobs. */
  id: string;
  role: string;
}

export interface AuditInput {
  actor: Actor;
  municipalityId: string;
  action: string;
  target: { type: string; id: string };
  /** What changed: field names with their new values, never whole documents, never staff personal data. */
  changes?: Record<string, unknown>;
  at: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const auditPk = (municipalityId: string) => `${municipalityPk(municipalityId)}#AUDIT`;
const actorPk = (municipalityId: string, actorId: string) => `${auditPk(municipalityId)}#ACTOR#${actorId}`;
const targetPk = (municipalityId: string, type: string, id: string) =>
  `${auditPk(municipalityId)}#TARGET#${type}#${id}`;

export function auditPut(entry: AuditInput): TransactItem {
  const id = randomUUID();
  const sk = `${entry.at}#${id}`;
  return {
    Put: {
      TableName: tableName(),
      Item: {
        pk: auditPk(entry.municipalityId),
        sk,
        gsi1pk: actorPk(entry.municipalityId, entry.actor.id),
        gsi1sk: sk,
        gsi2pk: targetPk(entry.municipalityId, entry.target.type, entry.target.id),
        gsi2sk: sk,
        type: 'AuditEntry',
        id,
        actorId: entry.actor.id,
        actorRole: entry.actor.role,
        municipalityId: entry.municipalityId,
        action: entry.action,
        targetType: entry.target.type,
        targetId: entry.target.id,
        changes: entry.changes ?? {},
        at: entry.at,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * One entry on its own, for reads that deserve a trail but change nothing
 * (e.g. a round's data leaving the system as an export): a single
 * conditional Put, with nothing else to keep in step.
 */
export async function recordAudit(entry: Omit<AuditInput, 'at'>): Promise<void> {
  const { Put } = auditPut({ ...entry, at: new Date().toISOString() });
  await db().send(new PutCommand(Put!));
}

export { auditPk as auditPartitionKey };

function toEntry(raw: Record<string, unknown>): AuditEntry {
  const { actorId, actorRole, municipalityId, action, targetType, targetId, changes, at, id } = raw as AuditEntry;
  return { id, at, actorId, actorRole, municipalityId, action, targetType, targetId, changes };
}

/** The cursor is the last key seen; it is opaque to clients and checked to stay in the caller's municipality. */
function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export class BadCursorError extends Error {
  override readonly name = 'BadCursorError';
}

function decodeCursor(cursor: string, municipalityId: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // Every value of a key we hand out starts with the municipality's prefix; anything else is forged.
    const prefix = auditPk(municipalityId);
    const ok = typeof key.pk === 'string' && key.pk === prefix && typeof key.sk === 'string';
    const gsiOk = Object.entries(key).every(
      ([k, v]) => typeof v === 'string' && (!k.endsWith('pk') || v.startsWith(prefix)),
    );
    if (ok && gsiOk) return key;
  } catch {
    // fall through
  }
  throw new BadCursorError('The cursor is not one this list handed out.');
}

/**
 * One page of the municipality's trail, newest first. The most selective key
 * is used — a target, else an actor, else the whole trail — with the day range
 * on the sort key and any remaining filters as a FilterExpression within that
 * one partition (a Query, never a Scan).
 */
export async function listAuditEntries(
  municipalityId: string,
  query: AuditQuery,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  let index: string | undefined;
  let pkName = 'pk';
  let skName = 'sk';
  if (query.targetType && query.targetId) {
    [index, pkName, skName] = ['gsi2', 'gsi2pk', 'gsi2sk'];
    values[':pk'] = targetPk(municipalityId, query.targetType, query.targetId);
  } else if (query.actorId) {
    [index, pkName, skName] = ['gsi1', 'gsi1pk', 'gsi1sk'];
    values[':pk'] = actorPk(municipalityId, query.actorId);
  } else {
    values[':pk'] = auditPk(municipalityId);
  }
  names['#pk'] = pkName;
  let condition = '#pk = :pk';
  // Sort keys start with the ISO time, so a day range is a string range.
  if (query.from || query.to) {
    names['#sk'] = skName;
    values[':from'] = query.from ?? '0000';
    values[':to'] = `${query.to ?? '9999-12-31'}T\uffff`;
    condition += ' AND #sk BETWEEN :from AND :to';
  }
  const filters: string[] = [];
  if (query.actorId && index !== 'gsi1') {
    filters.push('actorId = :actor');
    values[':actor'] = query.actorId;
  }
  if (query.targetType && index !== 'gsi2') {
    filters.push('targetType = :ttype');
    values[':ttype'] = query.targetType;
  }
  if (query.targetId && index !== 'gsi2') {
    filters.push('targetId = :tid');
    values[':tid'] = query.targetId;
  }
  if (query.action) {
    filters.push('begins_with(#action, :action)');
    names['#action'] = 'action';
    values[':action'] = query.action;
  }

  // A filter may discard a whole page; keep reading until the page is full or the trail ends.
  const items: AuditEntry[] = [];
  let startKey = query.cursor ? decodeCursor(query.cursor, municipalityId) : undefined;
  do {
    const res = await db().send(
      new QueryCommand({
        TableName: tableName(),
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: condition,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: pageSize - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(res.Items ?? []).map(toEntry));
    startKey = res.LastEvaluatedKey;
  } while (startKey && items.length < pageSize);
  const nextCursor = encodeCursor(startKey);
  return nextCursor ? { items, nextCursor } : { items };
}

/** Every entry for one partition of gsi1/gsi2, oldest first: for a GDPR export, not for pages on screen. */
export async function allAuditEntries(
  municipalityId: string,
  by: { actorId: string } | { targetType: string; targetId: string },
): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAuditEntries(municipalityId, { ...by, ...(cursor ? { cursor } : {}) }, 500);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out.reverse();
}
