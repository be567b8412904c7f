import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Municipality, MunicipalityPatch } from '@sillat/shared';
import type { Actor } from './audit';
import { SYSTEM_ACTOR, putNew, updateVersioned } from './audited-write';
import { db, tableName } from './client';
import { NotFoundError } from './errors';
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
  const target = { type: 'municipality', id: municipalityId };
  const audit = { actor, municipalityId, action: 'municipality.update', target };
  return updateVersioned(key(municipalityId), { ...patch }, expectedVersion, audit, () =>
    getMunicipality(municipalityId),
  );
}

/** Creates the municipality when it does not exist yet (first start, a new deployment). Idempotent. */
export async function seedMunicipality(
  municipalityId: string,
  settings: Pick<Municipality, 'name' | 'defaultLocale' | 'privacyThreshold'>,
  at: string,
): Promise<void> {
  const item = { type: 'municipality', id: municipalityId, ...settings, version: 1, createdAt: at, updatedAt: at };
  const target = { type: 'municipality', id: municipalityId };
  await putNew(
    key(municipalityId),
    item,
    { actor: SYSTEM_ACTOR, municipalityId, action: 'municipality.seed', target },
    at,
  );
}
