import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Municipality, MunicipalityPatch } from '@sillat/shared';
import { type Actor, auditPut } from './audit';
import { db, tableName } from './client';
import { NotFoundError, VersionConflictError, isConditionFailure } from './errors';
import { municipalityPk } from './municipality-keys';

/** A municipality's settings: one item, pk = MUNI#<id>, sk = SETTINGS. */
const key = (municipalityId: string) => ({ pk: municipalityPk(municipalityId), sk: 'SETTINGS' });

function toMunicipality(raw: Record<string, unknown>): Municipality {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = raw;
  return rest as Municipality;
}

export async function getMunicipality(municipalityId: string): Promise<Municipality> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(municipalityId), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError('municipality', municipalityId);
  return toMunicipality(res.Item);
}

export async function updateMunicipality(
  municipalityId: string,
  patch: MunicipalityPatch,
  expectedVersion: number,
  actor: Actor,
): Promise<Municipality> {
  const at = new Date().toISOString();
  const entries = Object.entries(patch);
  const names = Object.fromEntries(entries.map(([f], i) => [`#f${i}`, f]));
  const values = Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v]));
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: key(municipalityId),
              UpdateExpression: `SET ${[...entries.map((_, i) => `#f${i} = :v${i}`), '#version = #version + :one', '#updatedAt = :at'].join(', ')}`,
              ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
              ExpressionAttributeNames: { ...names, '#version': 'version', '#updatedAt': 'updatedAt' },
              ExpressionAttributeValues: { ...values, ':one': 1, ':at': at, ':expected': expectedVersion },
            },
          },
          auditPut({
            actor,
            municipalityId,
            action: 'municipality.update',
            target: { type: 'municipality', id: municipalityId },
            changes: patch,
            at,
          }),
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    await getMunicipality(municipalityId); // NotFoundError when missing
    throw new VersionConflictError('municipality', municipalityId, expectedVersion);
  }
  return getMunicipality(municipalityId);
}

/** Creates the municipality when it does not exist yet (first start, tests). Idempotent. */
export async function seedMunicipality(
  municipalityId: string,
  settings: Pick<Municipality, 'name' | 'defaultLocale' | 'privacyThreshold'>,
  at: string,
): Promise<void> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...key(municipalityId),
                type: 'municipality',
                id: municipalityId,
                ...settings,
                version: 1,
                createdAt: at,
                updatedAt: at,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          auditPut({
            actor: { id: 'system', role: 'system' },
            municipalityId,
            action: 'municipality.seed',
            target: { type: 'municipality', id: municipalityId },
            at,
          }),
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}
