import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AspectRatings, Session, SessionInput, SessionPatch } from '@sillat/shared';
import { sessionContribution } from '@sillat/shared/round-stats';
import type { SessionStatus } from '@sillat/shared/session-status';
import type { Actor } from './audit';
import { putNew, SYSTEM_ACTOR, updateVersioned, type AuditFor } from './audited-write';
import { db, tableName } from './client';
import { NotFoundError, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { queryByPrefix } from './query';
import { statsUpdates } from './round-stats';

/**
 * Discussion sessions. Keys: pk = MUNI#<m>, sk = ROUND#<round>#SESSION#<id>:
 * a round's sessions are one Query on the prefix, and a session cannot be
 * read without naming its round. Organisation staff see their organisation's
 * sessions only; the filter is applied here, in the data layer, so no route
 * can forget it.
 */
const ENTITY = 'session';
const prefix = (roundId: string) => `ROUND#${roundId}#SESSION#`;
const key = (municipalityId: string, roundId: string, id: string) => ({
  pk: municipalityPk(municipalityId),
  sk: `${prefix(roundId)}${id}`,
});

/** Whose sessions a caller may see: all of them, or one organisation's. */
export type SessionScope = { organisationId?: string };

function toSession(raw: Record<string, unknown>): Session {
  const { pk: _pk, sk: _sk, type: _type, municipalityId: _m, ...session } = raw;
  return session as Session;
}

const visible = (session: Session, scope: SessionScope) =>
  scope.organisationId === undefined || session.organisationId === scope.organisationId;

/** The session, or NotFoundError — also when it belongs to another organisation than the scope's. */
export async function getSession(
  municipalityId: string,
  roundId: string,
  id: string,
  scope: SessionScope = {},
): Promise<Session> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(municipalityId, roundId, id), ConsistentRead: true }),
  );
  const session = res.Item ? toSession(res.Item) : undefined;
  if (!session || !visible(session, scope)) throw new NotFoundError(ENTITY, id);
  return session;
}

/** By date, then place: the order a coordinator plans in. */
export async function listSessions(
  municipalityId: string,
  roundId: string,
  scope: SessionScope = {},
): Promise<Session[]> {
  const items = await queryByPrefix(municipalityPk(municipalityId), prefix(roundId));
  return items
    .map(toSession)
    .filter((s) => visible(s, scope))
    .sort((a, b) => a.date.localeCompare(b.date) || a.place.localeCompare(b.place, 'fi'));
}

export async function createSession(
  municipalityId: string,
  roundId: string,
  input: SessionInput,
  actor: Actor,
): Promise<Session> {
  const id = randomUUID();
  const at = new Date().toISOString();
  const item = {
    type: ENTITY,
    municipalityId,
    ...input,
    id,
    roundId,
    status: 'planned' as SessionStatus,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const audit: AuditFor = {
    actor,
    municipalityId,
    action: 'session.create',
    target: { type: ENTITY, id },
    changes: { roundId, ...input },
  };
  // A new session is planned and adds nothing to the counters; written the same way regardless.
  await putNew(
    key(municipalityId, roundId, id),
    item,
    audit,
    at,
    statsUpdates(municipalityId, null, sessionContribution(item)),
  );
  return toSession(item);
}

async function change(
  municipalityId: string,
  session: Session,
  fields: Record<string, unknown>,
  expectedVersion: number,
  actor: Actor,
  action: string,
  changes: Record<string, unknown> = fields,
): Promise<Session> {
  const audit: AuditFor = { actor, municipalityId, action, target: { type: ENTITY, id: session.id }, changes };
  // The counters move by what this session contributed before and after. That
  // holds only if the stored item is the one read: the write's version
  // condition guarantees it when the caller's version is the version read.
  if (session.version !== expectedVersion) {
    await getSession(municipalityId, session.roundId, session.id);
    throw new VersionConflictError(ENTITY, session.id, expectedVersion);
  }
  const after = Object.fromEntries(
    Object.entries({ ...session, ...fields }).filter(([, v]) => v !== undefined),
  ) as Session;
  return updateVersioned(
    key(municipalityId, session.roundId, session.id),
    fields,
    expectedVersion,
    audit,
    () => getSession(municipalityId, session.roundId, session.id),
    statsUpdates(municipalityId, sessionContribution(session), sessionContribution(after)),
  );
}

/** `null` in the patch removes the attribute (a cleared clerk or count). */
export function updateSession(
  municipalityId: string,
  session: Session,
  patch: SessionPatch,
  expectedVersion: number,
  actor: Actor,
): Promise<Session> {
  const fields = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === null ? undefined : v]));
  // The audit entry keeps the nulls: "cleared" must stay visible in the trail.
  return change(municipalityId, session, fields, expectedVersion, actor, 'session.update', { ...patch });
}

export function setSessionStatus(
  municipalityId: string,
  session: Session,
  status: SessionStatus,
  expectedVersion: number,
  actor: Actor,
): Promise<Session> {
  return change(municipalityId, session, { status }, expectedVersion, actor, 'session.status');
}

/** Replaces the session's aspect ratings (counts per point); audited like any change. */
export function setSessionRatings(
  municipalityId: string,
  session: Session,
  ratings: AspectRatings,
  expectedVersion: number,
  actor: Actor,
): Promise<Session> {
  return change(municipalityId, session, { ratings }, expectedVersion, actor, 'session.ratings');
}

/** Seeding only: a complete session with a fixed id; nothing when it exists. */
export async function seedSession(municipalityId: string, session: Session): Promise<void> {
  const audit: AuditFor = {
    actor: SYSTEM_ACTOR,
    municipalityId,
    action: 'session.seed',
    target: { type: ENTITY, id: session.id },
  };
  await putNew(
    key(municipalityId, session.roundId, session.id),
    { type: ENTITY, municipalityId, ...session },
    audit,
    session.createdAt,
    statsUpdates(municipalityId, null, sessionContribution(session)),
  );
}
