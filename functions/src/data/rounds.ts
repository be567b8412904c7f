import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { NextRoundInput, Round, RoundInput, RoundPatch } from '@sillat/shared';
import { canMovePhase, type RoundPhase } from '@sillat/shared/round-phases';
import { type Actor, auditPut } from './audit';
import { putNew, SYSTEM_ACTOR, updateVersioned, type AuditFor } from './audited-write';
import { db, tableName } from './client';
import { isConditionFailure, NotFoundError, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { queryIndex } from './query';

/**
 * Rounds. Keys: pk = MUNI#<m>, sk = ROUND#<id>; everything of a round (its
 * sessions, notes, cards, measures…) sorts under ROUND#<id>#…. Listing the
 * rounds therefore goes through gsi1 (gsi1pk = MUNI#<m>#ROUNDS), which holds
 * only the round items: a Query on the ROUND# prefix would read every card
 * and session of every round, growing with the data.
 */
const ENTITY = 'round';
const key = (municipalityId: string, id: string) => ({ pk: municipalityPk(municipalityId), sk: `ROUND#${id}` });
const indexKey = (municipalityId: string, id: string) => ({
  gsi1pk: `${municipalityPk(municipalityId)}#ROUNDS`,
  gsi1sk: id,
});

function toRound(raw: Record<string, unknown>): Round {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, type: _type, municipalityId: _m, ...round } = raw;
  return round as Round;
}

export async function getRound(municipalityId: string, id: string): Promise<Round> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(municipalityId, id), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(ENTITY, id);
  return toRound(res.Item);
}

/** Newest period first: the round people work on is at the top. */
export async function listRounds(municipalityId: string): Promise<Round[]> {
  const items = await queryIndex('gsi1', indexKey(municipalityId, '').gsi1pk);
  return items.map(toRound).sort((a, b) => b.period.start.localeCompare(a.period.start));
}

function newRound(municipalityId: string, id: string, input: RoundInput, at: string, previousRoundId?: string) {
  return {
    ...indexKey(municipalityId, id),
    type: ENTITY,
    municipalityId,
    ...input,
    id,
    phase: 'planning' as RoundPhase,
    ...(previousRoundId ? { previousRoundId } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

export async function createRound(municipalityId: string, input: RoundInput, actor: Actor): Promise<Round> {
  const id = randomUUID();
  const at = new Date().toISOString();
  const item = newRound(municipalityId, id, input, at);
  const audit: AuditFor = {
    actor,
    municipalityId,
    action: 'round.create',
    target: { type: ENTITY, id },
    changes: { ...input },
  };
  await putNew(key(municipalityId, id), item, audit, at);
  return toRound(item);
}

async function change(
  municipalityId: string,
  id: string,
  fields: Record<string, unknown>,
  expectedVersion: number,
  actor: Actor,
  action: string,
  changes?: Record<string, unknown>,
): Promise<Round> {
  const audit: AuditFor = {
    actor,
    municipalityId,
    action,
    target: { type: ENTITY, id },
    ...(changes ? { changes } : {}),
  };
  return updateVersioned(key(municipalityId, id), fields, expectedVersion, audit, () => getRound(municipalityId, id));
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export class ClosedRoundError extends Error {
  override readonly name = 'ClosedRoundError';
  constructor() {
    super('The round is closed; later rounds compare against it, so it no longer changes.');
  }
}

export class PhaseMoveError extends Error {
  override readonly name = 'PhaseMoveError';
  constructor(
    readonly from: RoundPhase,
    readonly to: RoundPhase,
  ) {
    super(`A round moves one phase at a time: not from ${from} to ${to}.`);
  }
}

/**
 * Changes name, period, groups or organisations of a round that is not closed.
 * The phase is read with the version and the write is conditional on that
 * version, so a round closed meanwhile makes this a 409, never a silent edit.
 */
export async function updateRound(
  municipalityId: string,
  current: Round,
  patch: RoundPatch,
  expectedVersion: number,
  actor: Actor,
): Promise<Round> {
  if (current.version !== expectedVersion) throw new VersionConflictError(ENTITY, current.id, expectedVersion);
  if (current.phase === 'closed') throw new ClosedRoundError();
  return change(municipalityId, current.id, { ...patch }, expectedVersion, actor, 'round.update');
}

/** One explicit step between phases, audited with where it came from. */
export async function moveRoundPhase(
  municipalityId: string,
  current: Round,
  to: RoundPhase,
  expectedVersion: number,
  actor: Actor,
): Promise<Round> {
  if (current.version !== expectedVersion) throw new VersionConflictError(ENTITY, current.id, expectedVersion);
  if (!canMovePhase(current.phase, to)) throw new PhaseMoveError(current.phase, to);
  // Closing starts the notes' retention period (jobs/retention.ts); a closed round is never reopened.
  const fields = to === 'closed' ? { phase: to, closedAt: new Date().toISOString() } : { phase: to };
  return change(municipalityId, current.id, fields, expectedVersion, actor, 'round.phase', {
    phase: to,
    previousPhase: current.phase,
  });
}

export class NextRoundExistsError extends Error {
  override readonly name = 'NextRoundExistsError';
  constructor(readonly nextRoundId: string) {
    super('A next round has already been started from this round.');
  }
}

/**
 * Starts the round after `previous`: the same population groups and
 * organisations, linked both ways. One transaction writes the new round, the
 * forward link on the previous one (only if it has none, so two coordinators
 * clicking at once cannot start two "next" rounds) and both audit entries.
 */
export async function startNextRound(
  municipalityId: string,
  previous: Round,
  input: NextRoundInput,
  actor: Actor,
  /** Items the new round starts with (e.g. the survey's wording), written in the same transaction. */
  carriedOver: (roundId: string, at: string) => TransactItem[] = () => [],
): Promise<Round> {
  if (previous.nextRoundId) throw new NextRoundExistsError(previous.nextRoundId);
  const id = randomUUID();
  const at = new Date().toISOString();
  const roundInput: RoundInput = {
    ...input,
    populationGroupIds: previous.populationGroupIds,
    organisationIds: previous.organisationIds,
  };
  const item = newRound(municipalityId, id, roundInput, at, previous.id);
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...item, ...key(municipalityId, id) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: key(municipalityId, previous.id),
              UpdateExpression: 'SET nextRoundId = :id, #version = #version + :one, updatedAt = :at',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(nextRoundId)',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':id': id, ':one': 1, ':at': at },
            },
          },
          auditPut({
            actor,
            municipalityId,
            action: 'round.create',
            target: { type: ENTITY, id },
            changes: { ...roundInput, previousRoundId: previous.id },
            at,
          }),
          auditPut({
            actor,
            municipalityId,
            action: 'round.startNext',
            target: { type: ENTITY, id: previous.id },
            changes: { nextRoundId: id },
            at,
          }),
          ...carriedOver(id, at),
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const now = await getRound(municipalityId, previous.id); // NotFoundError when gone
    throw new NextRoundExistsError(now.nextRoundId ?? '');
  }
  return toRound(item);
}

/** Seeding only: writes a complete round with a fixed id (phase and links included); nothing when it exists. */
export async function seedRound(municipalityId: string, round: Round): Promise<void> {
  const audit: AuditFor = {
    actor: SYSTEM_ACTOR,
    municipalityId,
    action: 'round.seed',
    target: { type: ENTITY, id: round.id },
  };
  await putNew(
    key(municipalityId, round.id),
    { ...indexKey(municipalityId, round.id), type: ENTITY, municipalityId, ...round },
    audit,
    round.createdAt,
  );
}
