import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ActionPlan } from '@sillat/shared';
import {
  MAX_PLAN_MEASURES,
  PLAN_CONFIRMED_MESSAGE,
  PLAN_EMPTY_MESSAGE,
  PLAN_SIZE_MESSAGE,
  planConfirmRefusal,
  type PlanConfirmRefusal,
} from '@sillat/shared/action-plan';
import { type Actor, auditPut } from './audit';
import { putNew, SYSTEM_ACTOR, type AuditFor } from './audited-write';
import { candidateAt, candidateExists, getCandidate } from './candidates';
import { db, tableName } from './client';
import { isConditionFailure, VersionConflictError } from './errors';
import { measurePut } from './measures';
import { municipalityPk } from './municipality-keys';
import { failedAt } from './public-codes';

/**
 * The action plan of a round: one to four of its candidate measures, a draft
 * until the coordinator confirms it. One per round: pk = MUNI#<m>,
 * sk = ROUND#<r>#ACTION_PLAN; reads answer an empty draft at version 0 before
 * the first save. Saving checks, in the same transaction, that every named
 * candidate exists; deleting a candidate checks that the plan does not name it
 * (`planWithout`), so a plan never points at a measure that is gone.
 */
const ENTITY = 'actionPlan';
const key = (m: string, roundId: string) => ({ pk: municipalityPk(m), sk: `ROUND#${roundId}#ACTION_PLAN` });

const REFUSAL_MESSAGES: Record<PlanConfirmRefusal, string> = {
  plan_confirmed: PLAN_CONFIRMED_MESSAGE,
  plan_empty: PLAN_EMPTY_MESSAGE,
  plan_too_large: PLAN_SIZE_MESSAGE,
};

/** The plan's rules refuse the change; `code` is the API's error code. */
export class PlanRefusedError extends Error {
  override readonly name = 'PlanRefusedError';
  constructor(readonly code: PlanConfirmRefusal) {
    super(REFUSAL_MESSAGES[code]);
  }
}

/** The plan names a candidate that does not exist (any more); `index` is its place in the list. */
export class UnknownCandidateError extends Error {
  override readonly name = 'UnknownCandidateError';
  constructor(readonly index: number) {
    super('No such candidate measure in this round.');
  }
}

function toPlan(raw: Record<string, unknown>): ActionPlan {
  const { pk: _pk, sk: _sk, type: _type, municipalityId: _m, createdAt: _c, ...plan } = raw;
  return plan as ActionPlan;
}

export async function getActionPlan(m: string, roundId: string): Promise<ActionPlan> {
  const res = await db().send(new GetCommand({ TableName: tableName(), Key: key(m, roundId), ConsistentRead: true }));
  if (res.Item) return toPlan(res.Item);
  return { roundId, candidateIds: [], status: 'draft', version: 0 };
}

/** For a candidate's delete: holds while no plan exists or the plan does not name the candidate. */
export function planWithout(m: string, roundId: string, candidateId: string) {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: key(m, roundId),
      ConditionExpression: 'attribute_not_exists(pk) OR NOT contains(#ids, :id)',
      ExpressionAttributeNames: { '#ids': 'candidateIds' },
      ExpressionAttributeValues: { ':id': candidateId },
    },
  };
}

/** Why a write at `expectedVersion` did not hold, read after the fact. */
async function explain(m: string, roundId: string, expectedVersion: number): Promise<never> {
  const now = await getActionPlan(m, roundId);
  if (now.status === 'confirmed') throw new PlanRefusedError('plan_confirmed');
  throw new VersionConflictError(ENTITY, roundId, expectedVersion);
}

/**
 * Saves the draft's choice of measures (at most four, each an existing
 * candidate of the round): creates the plan at version 0, else changes the
 * version the caller edited, as long as it is not confirmed.
 */
export async function saveActionPlan(
  m: string,
  roundId: string,
  candidateIds: string[],
  expectedVersion: number,
  actor: Actor,
): Promise<ActionPlan> {
  if (candidateIds.length > MAX_PLAN_MEASURES) throw new PlanRefusedError('plan_too_large');
  const at = new Date().toISOString();
  const values: Record<string, unknown> = {
    ':ids': candidateIds,
    ':draft': 'draft',
    ':next': expectedVersion + 1,
    ':at': at,
    ':type': ENTITY,
    ':m': m,
    ':round': roundId,
  };
  if (expectedVersion > 0) values[':expected'] = expectedVersion;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: key(m, roundId),
              UpdateExpression:
                'SET #ids = :ids, #status = :draft, #version = :next, updatedAt = :at, createdAt = if_not_exists(createdAt, :at), #type = :type, municipalityId = :m, roundId = :round',
              ConditionExpression:
                expectedVersion === 0 ? 'attribute_not_exists(pk)' : '#version = :expected AND #status = :draft',
              ExpressionAttributeNames: {
                '#ids': 'candidateIds',
                '#status': 'status',
                '#version': 'version',
                '#type': 'type',
              },
              ExpressionAttributeValues: values,
            },
          },
          ...candidateIds.map((id) => candidateExists(m, roundId, id)),
          auditPut({
            actor,
            municipalityId: m,
            action: 'actionPlan.save',
            target: { type: ENTITY, id: roundId },
            changes: { candidateIds },
            at,
          }),
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    if (failedAt(err, 0)) await explain(m, roundId, expectedVersion);
    const index = candidateIds.findIndex((_, i) => failedAt(err, i + 1));
    if (index >= 0) throw new UnknownCandidateError(index);
    throw err;
  }
  return getActionPlan(m, roundId);
}

/** Confirms a draft of one to four measures at the version the coordinator saw; from then on it is fixed. */
export async function confirmActionPlan(
  m: string,
  roundId: string,
  expectedVersion: number,
  actor: Actor,
): Promise<ActionPlan> {
  const current = await getActionPlan(m, roundId);
  if (current.version !== expectedVersion) throw new VersionConflictError(ENTITY, roundId, expectedVersion);
  const refusal = planConfirmRefusal(current);
  if (refusal) throw new PlanRefusedError(refusal);
  // Each chosen candidate becomes a measure, put in the confirming transaction; the candidates'
  // versions are checked there too, so a measure is a copy of the candidate the plan was confirmed with.
  const candidates = await Promise.all(current.candidateIds.map((id) => getCandidate(m, roundId, id)));
  const at = new Date().toISOString();
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: key(m, roundId),
              UpdateExpression:
                'SET #status = :confirmed, confirmedAt = :at, updatedAt = :at, #version = #version + :one',
              // The stored plan itself must still be a non-empty draft of at most four: no read decides it.
              ConditionExpression: '#version = :expected AND #status = :draft AND size(#ids) BETWEEN :one AND :max',
              ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#ids': 'candidateIds' },
              ExpressionAttributeValues: {
                ':confirmed': 'confirmed',
                ':draft': 'draft',
                ':at': at,
                ':one': 1,
                ':max': MAX_PLAN_MEASURES,
                ':expected': expectedVersion,
              },
            },
          },
          ...candidates.map((c) => measurePut(m, c, at)),
          ...candidates.map((c) => candidateAt(m, roundId, c.id, c.version)),
          auditPut({
            actor,
            municipalityId: m,
            action: 'actionPlan.confirm',
            target: { type: ENTITY, id: roundId },
            changes: { candidateIds: current.candidateIds },
            at,
          }),
        ],
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) await explain(m, roundId, expectedVersion);
    throw err;
  }
  return getActionPlan(m, roundId);
}

/** Seeding only: a plan as stored (e.g. confirmed); nothing when it exists. */
export async function seedActionPlan(m: string, plan: ActionPlan, at: string): Promise<void> {
  const audit: AuditFor = {
    actor: SYSTEM_ACTOR,
    municipalityId: m,
    action: 'actionPlan.seed',
    target: { type: ENTITY, id: plan.roundId },
  };
  await putNew(key(m, plan.roundId), { type: ENTITY, municipalityId: m, ...plan, createdAt: at }, audit, at);
}
