import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Candidate, CandidateInput, CandidatePatch } from '@sillat/shared';
import { planWithout } from './action-plan';
import { type Actor, auditPut } from './audit';
import { putNew, SYSTEM_ACTOR, updateVersioned, type AuditFor } from './audited-write';
import { db, tableName } from './client';
import { isConditionFailure, NotFoundError, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { failedAt } from './public-codes';
import { queryByPrefix } from './query';

/**
 * Candidate measures of a round: what the decision-maker session's ideas
 * became, with the aspects, groups and districts they target, traceable to
 * the board's ideas and the experience cards behind them. Keys: pk = MUNI#<m>,
 * sk = ROUND#<r>#CANDIDATE#<id>; a round's candidates are one Query. A
 * candidate in the action plan cannot be deleted: the delete and a check of
 * the plan are one transaction.
 */
const ENTITY = 'candidate';
const prefix = (roundId: string) => `ROUND#${roundId}#CANDIDATE#`;
const key = (m: string, roundId: string, id: string) => ({ pk: municipalityPk(m), sk: `${prefix(roundId)}${id}` });

export class CandidateInPlanError extends Error {
  override readonly name = 'CandidateInPlanError';
  constructor() {
    super('The measure is in the action plan. Take it out of the plan before deleting it.');
  }
}

function toCandidate(raw: Record<string, unknown>): Candidate {
  const { pk: _pk, sk: _sk, type: _type, municipalityId: _m, ...candidate } = raw;
  return candidate as Candidate;
}

export async function getCandidate(m: string, roundId: string, id: string): Promise<Candidate> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(m, roundId, id), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(ENTITY, id);
  return toCandidate(res.Item);
}

/** In the order they were written down. */
export async function listCandidates(m: string, roundId: string): Promise<Candidate[]> {
  return (await queryByPrefix(municipalityPk(m), prefix(roundId)))
    .map(toCandidate)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** For the action plan's transaction: the candidate must still exist when the plan names it. */
export function candidateExists(m: string, roundId: string, id: string) {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: key(m, roundId, id),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/** For the plan's confirmation: the candidate is still at the version its measure copies. */
export function candidateAt(m: string, roundId: string, id: string, version: number) {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: key(m, roundId, id),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': version },
    },
  };
}

export async function createCandidate(
  m: string,
  roundId: string,
  input: CandidateInput,
  actor: Actor,
): Promise<Candidate> {
  const id = randomUUID();
  const at = new Date().toISOString();
  const item = {
    type: ENTITY,
    municipalityId: m,
    ideaIds: [],
    cardIds: [],
    ...input,
    id,
    roundId,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const audit: AuditFor = {
    actor,
    municipalityId: m,
    action: 'candidate.create',
    target: { type: ENTITY, id },
    changes: { ...input },
  };
  await putNew(key(m, roundId, id), item, audit, at);
  return toCandidate(item);
}

export async function updateCandidate(
  m: string,
  current: Candidate,
  patch: CandidatePatch,
  expectedVersion: number,
  actor: Actor,
): Promise<Candidate> {
  const audit: AuditFor = {
    actor,
    municipalityId: m,
    action: 'candidate.update',
    target: { type: ENTITY, id: current.id },
  };
  return updateVersioned(key(m, current.roundId, current.id), { ...patch }, expectedVersion, audit, () =>
    getCandidate(m, current.roundId, current.id),
  );
}

/** Deletes a candidate at the version the caller saw, unless the action plan includes it. */
export async function deleteCandidate(
  m: string,
  current: Candidate,
  expectedVersion: number,
  actor: Actor,
): Promise<void> {
  const at = new Date().toISOString();
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: key(m, current.roundId, current.id),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          },
          planWithout(m, current.roundId, current.id),
          auditPut({
            actor,
            municipalityId: m,
            action: 'candidate.delete',
            target: { type: ENTITY, id: current.id },
            changes: { title: current.title },
            at,
          }),
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    if (failedAt(err, 1)) throw new CandidateInPlanError();
    await getCandidate(m, current.roundId, current.id); // NotFoundError when already gone
    throw new VersionConflictError(ENTITY, current.id, expectedVersion);
  }
}

/** Seeding only: a complete candidate with a fixed id; nothing when it exists. */
export async function seedCandidate(m: string, candidate: Candidate): Promise<void> {
  const audit: AuditFor = {
    actor: SYSTEM_ACTOR,
    municipalityId: m,
    action: 'candidate.seed',
    target: { type: ENTITY, id: candidate.id },
  };
  await putNew(
    key(m, candidate.roundId, candidate.id),
    { type: ENTITY, municipalityId: m, ...candidate },
    audit,
    candidate.createdAt,
  );
}
