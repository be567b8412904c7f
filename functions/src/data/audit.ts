import { randomUUID } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { tableName } from './client';
import { municipalityPk } from './municipality-keys';

/**
 * Audit entries are append-only and written in the same transaction as the
 * change they describe, so there is never a change without its entry.
 * They live in their own partition per municipality, sorted by time.
 */
export interface Actor {
  /** Pseudonymous user id; "anonymous" until sign-in exists. */
  id: string;
  role: string;
}

export interface AuditInput {
  actor: Actor;
  municipalityId: string;
  action: string;
  target: { type: string; id: string };
  /** What changed: field names with their new values, never whole documents. */
  changes?: Record<string, unknown>;
  at: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const auditPk = (municipalityId: string) => `${municipalityPk(municipalityId)}#AUDIT`;

export function auditPut(entry: AuditInput): TransactItem {
  const id = randomUUID();
  return {
    Put: {
      TableName: tableName(),
      Item: {
        pk: auditPk(entry.municipalityId),
        sk: `${entry.at}#${id}`,
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

export { auditPk as auditPartitionKey };
