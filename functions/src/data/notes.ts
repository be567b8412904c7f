import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ConfirmedFlag, Notes, NotesDraft, Session } from '@sillat/shared';
import { type Actor, auditPut } from './audit';
import { putNew, SYSTEM_ACTOR, type AuditFor } from './audited-write';
import { db, tableName } from './client';
import { isConditionFailure, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { queryByPrefix } from './query';

/**
 * A session's anonymised notes. Keys: pk = MUNI#<m>, sk = ROUND#<r>#NOTES#<session>
 * (beside, not under, the session's own key, so listing sessions never reads
 * notes). Every write is conditional on the notes' version and status, and
 * delivery and review change the session's status in the same transaction,
 * so notes and session can never disagree.
 *
 * Audit entries name the sections that changed, never their text: the notes
 * are already anonymised, but the trail need not hold a second copy.
 */
const ENTITY = 'notes';
const key = (m: string, roundId: string, sessionId: string) => ({
  pk: municipalityPk(m),
  sk: `ROUND#${roundId}#NOTES#${sessionId}`,
});
const sessionKey = (m: string, roundId: string, sessionId: string) => ({
  pk: municipalityPk(m),
  sk: `ROUND#${roundId}#SESSION#${sessionId}`,
});

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export class NotesLockedError extends Error {
  override readonly name = 'NotesLockedError';
  constructor(readonly status: string) {
    super(
      status === 'approved'
        ? 'The notes are approved and no longer change.'
        : 'The notes have been delivered; the coordinator must return them before they can be changed.',
    );
  }
}

export class NotesStateError extends Error {
  override readonly name = 'NotesStateError';
}

function toNotes(raw: Record<string, unknown>): Notes {
  const { pk: _pk, sk: _sk, type: _type, municipalityId: _m, ...notes } = raw;
  return notes as Notes;
}

/** The stored notes, or an empty draft at version 0 (what the first save must name in If-Match). */
export async function getNotes(m: string, session: Session, defaultLanguage: 'fi' | 'sv'): Promise<Notes> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(m, session.roundId, session.id), ConsistentRead: true }),
  );
  if (res.Item) return toNotes(res.Item);
  return {
    sessionId: session.id,
    roundId: session.roundId,
    language: defaultLanguage,
    sections: {},
    status: 'draft',
    version: 0,
  };
}

/** Why a conditional write on the notes failed: locked by status, or someone else saved first. */
async function explain(m: string, session: Session, expectedVersion: number): Promise<never> {
  const now = await getNotes(m, session, 'fi');
  if (now.status === 'delivered' || now.status === 'approved') throw new NotesLockedError(now.status);
  throw new VersionConflictError(ENTITY, session.id, expectedVersion);
}

const changedSections = (before: Notes['sections'], after: NotesDraft['sections']) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (s) => (before[s] ?? '') !== ((after as Record<string, string | undefined>)[s] ?? ''),
  );

/** Saves a draft (the clerk's autosave): creates at version 0, else updates an editable draft at its version. */
export async function saveNotesDraft(
  m: string,
  session: Session,
  current: Notes,
  draft: NotesDraft,
  expectedVersion: number,
  actor: Actor,
): Promise<Notes> {
  const at = new Date().toISOString();
  const sections = Object.fromEntries(Object.entries(draft.sections).filter(([, v]) => v));
  const status = current.status === 'returned' ? 'returned' : 'draft';
  const item = {
    type: ENTITY,
    municipalityId: m,
    ...current,
    sessionId: session.id,
    roundId: session.roundId,
    language: draft.language,
    sections,
    status,
    version: expectedVersion + 1,
    updatedAt: at,
  };
  const audit = auditPut({
    actor,
    municipalityId: m,
    action: 'notes.save',
    target: { type: ENTITY, id: session.id },
    changes: { language: draft.language, sections: changedSections(current.sections, draft.sections) },
    at,
  });
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...item, ...key(m, session.roundId, session.id) },
              ConditionExpression:
                expectedVersion === 0
                  ? 'attribute_not_exists(pk)'
                  : '#version = :expected AND #status IN (:draft, :returned)',
              ...(expectedVersion === 0
                ? {}
                : {
                    ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
                    ExpressionAttributeValues: {
                      ':expected': expectedVersion,
                      ':draft': 'draft',
                      ':returned': 'returned',
                    },
                  }),
            },
          },
          audit,
        ],
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) await explain(m, session, expectedVersion);
    throw err;
  }
  return toNotes(item);
}

/** Moves notes and session together; both conditions hold or nothing is written. */
async function transition(
  m: string,
  session: Session,
  expectedVersion: number,
  notes: { from: readonly string[]; to: string; set?: Record<string, unknown>; remove?: string[] },
  sessionMove: { from: string; to: string },
  audit: { actor: Actor; action: string; changes: Record<string, unknown> },
): Promise<void> {
  const at = new Date().toISOString();
  const names: Record<string, string> = { '#version': 'version', '#status': 'status', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':to': notes.to, ':at': at };
  const sets = ['#version = #version + :one', '#status = :to', '#updatedAt = :at'];
  Object.entries(notes.set ?? {}).forEach(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    sets.push(`#s${i} = :s${i}`);
  });
  notes.from.forEach((s, i) => (values[`:from${i}`] = s));
  const removes = (notes.remove ?? []).map((k, i) => ((names[`#r${i}`] = k), `#r${i}`));
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: key(m, session.roundId, session.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `#version = :expected AND #status IN (${notes.from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: sessionKey(m, session.roundId, session.id),
        UpdateExpression: 'SET #status = :to, #version = #version + :one, #updatedAt = :at',
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: { ':to': sessionMove.to, ':from': sessionMove.from, ':one': 1, ':at': at },
      },
    },
    auditPut({ ...audit, municipalityId: m, target: { type: ENTITY, id: session.id }, at }),
  ];
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const now = await getNotes(m, session, 'fi');
    if (now.version !== expectedVersion) throw new VersionConflictError(ENTITY, session.id, expectedVersion);
    throw new NotesStateError(`Notes that are ${now.status} cannot be moved to ${notes.to}.`);
  }
}

/** Delivery: notes draft/returned → delivered, session held → notes delivered. */
export function deliverNotes(
  m: string,
  session: Session,
  expectedVersion: number,
  confirmations: ConfirmedFlag[],
  actor: Actor,
) {
  return transition(
    m,
    session,
    expectedVersion,
    { from: ['draft', 'returned'], to: 'delivered', set: { confirmations }, remove: ['returnComment'] },
    { from: 'held', to: 'notesDelivered' },
    { actor, action: 'notes.deliver', changes: { confirmations: confirmations.length } },
  );
}

/** The coordinator's review: approve (session approved) or return with a comment (session back to held). */
export function reviewNotes(
  m: string,
  session: Session,
  expectedVersion: number,
  decision: { approve: true } | { approve: false; comment: string },
  actor: Actor,
) {
  return decision.approve
    ? transition(
        m,
        session,
        expectedVersion,
        { from: ['delivered'], to: 'approved' },
        { from: 'notesDelivered', to: 'approved' },
        {
          actor,
          action: 'notes.approve',
          changes: {},
        },
      )
    : transition(
        m,
        session,
        expectedVersion,
        { from: ['delivered'], to: 'returned', set: { returnComment: decision.comment } },
        { from: 'notesDelivered', to: 'held' },
        { actor, action: 'notes.return', changes: { returnComment: decision.comment } },
      );
}

/** Seeding only: notes as stored (e.g. approved); nothing when they exist. */
export async function seedNotes(m: string, notes: Notes, at: string): Promise<void> {
  const audit: AuditFor = {
    actor: SYSTEM_ACTOR,
    municipalityId: m,
    action: 'notes.seed',
    target: { type: ENTITY, id: notes.sessionId },
  };
  await putNew(
    key(m, notes.roundId, notes.sessionId),
    { type: ENTITY, municipalityId: m, ...notes, updatedAt: at },
    audit,
    at,
  );
}

/** The session ids of a round's stored notes (one Query of the round's NOTES# prefix; keys only). */
export async function listRoundNotesSessionIds(m: string, roundId: string): Promise<string[]> {
  const prefix = `ROUND#${roundId}#NOTES#`;
  return (await queryByPrefix(municipalityPk(m), prefix)).map((item) => String(item.sk).slice(prefix.length));
}

/**
 * Retention: deletes one session's notes, with an audit entry saying why, in
 * one transaction. Returns false when they were already gone (a second run).
 */
export async function expireNotes(m: string, roundId: string, sessionId: string, at: string): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: key(m, roundId, sessionId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          // The session remembers that its notes were deleted on purpose (not lost), and when.
          {
            Update: {
              TableName: tableName(),
              Key: sessionKey(m, roundId, sessionId),
              UpdateExpression: 'SET notesExpiredAt = :at',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':at': at },
            },
          },
          auditPut({
            actor: SYSTEM_ACTOR,
            municipalityId: m,
            action: 'notes.expire',
            target: { type: ENTITY, id: sessionId },
            changes: { roundId, reason: 'retention' },
            at,
          }),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
