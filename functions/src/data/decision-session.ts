import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DecisionSession, DecisionSessionInput, Round } from '@sillat/shared';
import { emptyAttendance } from '@sillat/shared/attendance';
import type { Actor } from './audit';
import { putNew, SYSTEM_ACTOR, updateVersioned, type AuditFor } from './audited-write';
import { db, tableName } from './client';
import { VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { ClosedRoundError, getRound } from './rounds';

/**
 * The decision-maker session of a round: one per round, so its key has no id
 * of its own: pk = MUNI#<m>, sk = ROUND#<r>#DECISION_SESSION. Until the
 * coordinator first saves it, reads answer an empty session at version 0,
 * which is the version the first save names in If-Match.
 */
const ENTITY = 'decisionSession';
const key = (m: string, roundId: string) => ({ pk: municipalityPk(m), sk: `ROUND#${roundId}#DECISION_SESSION` });

function toDecisionSession(raw: Record<string, unknown>): DecisionSession {
  const { pk: _pk, sk: _sk, type: _type, municipalityId: _m, createdAt: _c, ...session } = raw;
  return session as DecisionSession;
}

/**
 * The round, for a change to something in it: NotFoundError when it does not
 * exist, ClosedRoundError when it is closed (later rounds compare against it).
 * Shared by the decision session, the board, candidates and the action plan.
 */
export async function getWritableRound(m: string, roundId: string): Promise<Round> {
  const round = await getRound(m, roundId);
  if (round.phase === 'closed') throw new ClosedRoundError();
  return round;
}

export async function getDecisionSession(m: string, roundId: string): Promise<DecisionSession> {
  const res = await db().send(new GetCommand({ TableName: tableName(), Key: key(m, roundId), ConsistentRead: true }));
  if (res.Item) return toDecisionSession(res.Item);
  return { roundId, attendance: emptyAttendance(), version: 0 };
}

/** Saves date, place and attendance: creates at version 0, else changes the version the caller edited. */
export async function saveDecisionSession(
  m: string,
  roundId: string,
  input: DecisionSessionInput,
  expectedVersion: number,
  actor: Actor,
): Promise<DecisionSession> {
  const audit: AuditFor = {
    actor,
    municipalityId: m,
    action: 'decisionSession.save',
    target: { type: ENTITY, id: roundId },
    changes: { ...input },
  };
  if (expectedVersion > 0) {
    return updateVersioned(key(m, roundId), { ...input }, expectedVersion, audit, () => getDecisionSession(m, roundId));
  }
  const at = new Date().toISOString();
  const item = { type: ENTITY, municipalityId: m, roundId, ...input, version: 1, createdAt: at, updatedAt: at };
  if (!(await putNew(key(m, roundId), item, audit, at))) throw new VersionConflictError(ENTITY, roundId, 0);
  return toDecisionSession(item);
}

/** Seeding only: a saved session with a fixed round; nothing when it exists. */
export async function seedDecisionSession(m: string, session: DecisionSession, at: string): Promise<void> {
  const audit: AuditFor = {
    actor: SYSTEM_ACTOR,
    municipalityId: m,
    action: 'decisionSession.seed',
    target: { type: ENTITY, id: session.roundId },
  };
  await putNew(
    key(m, session.roundId),
    { type: ENTITY, municipalityId: m, ...session, createdAt: at, updatedAt: session.updatedAt ?? at },
    audit,
    at,
  );
}
