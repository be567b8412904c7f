import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Candidate, Contributor, Measure, ResponsibilityInput } from '@sillat/shared';
import { type Actor, auditPut } from './audit';
import { SYSTEM_ACTOR } from './audited-write';
import { db, tableName } from './client';
import { isConditionFailure, NotFoundError, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { queryIndex } from './query';

/**
 * Measures of a confirmed action plan (one per chosen candidate, same id):
 * pk = MUNI#<m>, sk = ROUND#<r>#MEASURE#<id>. Two indexes answer the lists
 * without a Scan:
 * - gsi1 `MUNI#<m>#MEASURES` / `<round>#<id>`: every measure of the municipality (the coordinator's overview);
 * - gsi2 on one small membership item per person (owner and contributor users), sk
 *   ROUND#<r>#MEASURE#<id>#WHO#<user>: `MUNI#<m>#MEASURES#USER#<user>` / `<round>#<id>` — "my measures".
 * A list attribute on the measure is not queryable, hence the membership items; every change of
 * responsibility replaces them in the transaction that changes the measure, so they never disagree.
 */
const ENTITY = 'measure';
const MEMBER = 'measureMember';
export const measureSk = (roundId: string, id: string) => `ROUND#${roundId}#MEASURE#${id}`;
const key = (m: string, roundId: string, id: string) => ({ pk: municipalityPk(m), sk: measureSk(roundId, id) });
/** The measure item's key, for the other measure files (schedule, reports). */
export const measureKey = key;
const memberKey = (m: string, roundId: string, id: string, userId: string) => ({
  pk: municipalityPk(m),
  sk: `${measureSk(roundId, id)}#WHO#${userId}`,
});
const allPk = (m: string) => `${municipalityPk(m)}#MEASURES`;
const userPk = (m: string, userId: string) => `${allPk(m)}#USER#${userId}`;

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

function toMeasure(raw: Record<string, unknown>): Measure {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _s1, type: _type, municipalityId: _m, ...measure } = raw;
  return measure as Measure;
}

/** The people a measure's responsibility gives access to: the owner and contributor users, each once. */
export function membersOf(measure: Pick<Measure, 'ownerId' | 'contributors'>): string[] {
  const users = measure.contributors.flatMap((c: Contributor) => (c.kind === 'user' ? [c.userId] : []));
  return [...new Set([...(measure.ownerId ? [measure.ownerId] : []), ...users])];
}

function memberPut(m: string, roundId: string, id: string, userId: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...memberKey(m, roundId, id, userId),
        gsi2pk: userPk(m, userId),
        gsi2sk: `${roundId}#${id}`,
        type: MEMBER,
        municipalityId: m,
        roundId,
        measureId: id,
        userId,
      },
    },
  };
}

/** The measure item a confirmed plan creates from one of its candidates, with no one responsible yet. */
export function newMeasureItem(m: string, candidate: Candidate, at: string): Measure & Record<string, unknown> {
  const { id, roundId, title, description, aspects, populationGroupIds, districtIds } = candidate;
  return {
    ...key(m, roundId, id),
    gsi1pk: allPk(m),
    gsi1sk: `${roundId}#${id}`,
    type: ENTITY,
    municipalityId: m,
    id,
    roundId,
    title,
    description,
    aspects,
    populationGroupIds,
    districtIds,
    contributors: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** For the plan's confirmation: the candidate's measure, which must not exist yet. */
export function measurePut(m: string, candidate: Candidate, at: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: newMeasureItem(m, candidate, at),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getMeasure(m: string, roundId: string, id: string): Promise<Measure> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(m, roundId, id), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(ENTITY, id);
  return toMeasure(res.Item);
}

/** Whether `userId` is the measure's owner or one of its contributor users (their membership item exists). */
export async function isMember(m: string, roundId: string, id: string, userId: string): Promise<boolean> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: memberKey(m, roundId, id, userId), ConsistentRead: true }),
  );
  return res.Item !== undefined;
}

/** For a member's report: holds while `userId` is still on the measure. */
export function memberCheck(m: string, roundId: string, id: string, userId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: memberKey(m, roundId, id, userId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/** Every measure of the municipality, all rounds: one Query on gsi1. */
export async function listAllMeasures(m: string): Promise<Measure[]> {
  return (await queryIndex('gsi1', allPk(m))).map(toMeasure);
}

/** The measures of one round: one Query on gsi1, narrowed to `<round>#`. */
export async function listRoundMeasures(m: string, roundId: string): Promise<Measure[]> {
  return (await queryIndex('gsi1', allPk(m), `${roundId}#`)).map(toMeasure);
}

/** The measures `userId` owns or contributes to: one Query on gsi2 for the membership items, then each measure. */
export async function listMeasuresOf(m: string, userId: string): Promise<Measure[]> {
  const memberships = await queryIndex('gsi2', userPk(m, userId));
  const measures = await Promise.all(
    memberships.map((item) =>
      getMeasure(m, String(item.roundId), String(item.measureId)).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }),
    ),
  );
  return measures.filter((x) => x !== undefined);
}

/**
 * Sets owner and contributors at the version the coordinator saw, replacing
 * the membership items in the same transaction: the people who leave lose
 * theirs, everyone named has one. `current` must be the measure at
 * `expectedVersion`, so its members are the ones stored.
 */
export async function assignResponsibility(
  m: string,
  current: Measure,
  input: ResponsibilityInput,
  expectedVersion: number,
  actor: Actor,
): Promise<Measure> {
  const { roundId, id } = current;
  if (current.version !== expectedVersion) throw new VersionConflictError(ENTITY, id, expectedVersion);
  const at = new Date().toISOString();
  const after = membersOf(input);
  const leaving = membersOf(current).filter((u) => !after.includes(u));
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: key(m, roundId, id),
              UpdateExpression:
                'SET ownerId = :owner, contributors = :contributors, #version = #version + :one, updatedAt = :at',
              ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: {
                ':owner': input.ownerId,
                ':contributors': input.contributors,
                ':one': 1,
                ':at': at,
                ':expected': expectedVersion,
              },
            },
          },
          ...leaving.map((u) => ({ Delete: { TableName: tableName(), Key: memberKey(m, roundId, id, u) } })),
          ...after.map((u) => memberPut(m, roundId, id, u)),
          auditPut({
            actor,
            municipalityId: m,
            action: 'measure.assign',
            target: { type: ENTITY, id },
            changes: { ownerId: input.ownerId, contributors: input.contributors },
            at,
          }),
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    await getMeasure(m, roundId, id); // NotFoundError when gone
    throw new VersionConflictError(ENTITY, id, expectedVersion);
  }
  return getMeasure(m, roundId, id);
}

/** Seeding only: a measure as stored, with its membership items, in one transaction; nothing when it exists. */
export async function seedMeasure(m: string, measure: Measure, candidate: Candidate): Promise<void> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...newMeasureItem(m, candidate, measure.createdAt), ...measure },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...membersOf(measure).map((u) => memberPut(m, measure.roundId, measure.id, u)),
          auditPut({
            actor: SYSTEM_ACTOR,
            municipalityId: m,
            action: 'measure.seed',
            target: { type: ENTITY, id: measure.id },
            at: measure.createdAt,
          }),
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}
