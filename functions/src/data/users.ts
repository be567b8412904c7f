import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  organisationMatchesRole,
  PERSONAL_DATA_MARK,
  type User,
  type UserInput,
  type UserPatch,
  type UserStatus,
} from '@sillat/shared';
import * as z from 'zod';
import { type Actor, auditPut } from './audit';
import { putNew, updateVersioned, type AuditFor } from './audited-write';
import { db, tableName } from './client';
import { isConditionFailure, NotFoundError, VersionConflictError } from './errors';
import { municipalityPk } from './municipality-keys';
import { queryByPrefix } from './query';

/**
 * Staff user profiles. Keys: pk = MUNI#<m>, sk = USER#<id>, where the id is the
 * identity provider's `sub`. The profile decides role, organisation and status;
 * the API checks it on every request (see http/context.ts).
 */
const ENTITY = 'user';
const key = (municipalityId: string, id: string) => ({ pk: municipalityPk(municipalityId), sk: `USER#${id}` });
/** The profile item's key, for the files that keep a person's own settings on it (account.ts, calendar-feeds.ts). */
export const userKey = key;

/** Staff names and e-mail addresses never enter the append-only audit trail, so erasure can be complete. */
const PERSONAL_FIELDS = new Set(['email', 'name']);
export function redactPersonal(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, PERSONAL_FIELDS.has(k) && v !== undefined ? PERSONAL_DATA_MARK : v]),
  );
}

function toUser(raw: Record<string, unknown>): User {
  const { id, email, name, role, organisationId, locale, status, version, createdAt, updatedAt } = raw as User;
  return {
    id,
    email,
    name,
    role,
    locale,
    status,
    version,
    createdAt,
    updatedAt,
    ...(organisationId ? { organisationId } : {}),
  };
}

/** The profile, or undefined. Strongly consistent: a deactivation must count from the next request on. */
export async function findUser(municipalityId: string, id: string): Promise<User | undefined> {
  const res = await db().send(
    new GetCommand({ TableName: tableName(), Key: key(municipalityId, id), ConsistentRead: true }),
  );
  return res.Item ? toUser(res.Item) : undefined;
}

export async function getUser(municipalityId: string, id: string): Promise<User> {
  const user = await findUser(municipalityId, id);
  if (!user) throw new NotFoundError(ENTITY, id);
  return user;
}

export async function listUsers(municipalityId: string, opts: { status?: UserStatus } = {}): Promise<User[]> {
  const users = (await queryByPrefix(municipalityPk(municipalityId), 'USER#')).map(toUser);
  return users
    .filter((u) => !opts.status || u.status === opts.status)
    .sort((a, b) => a.name.localeCompare(b.name, 'fi'));
}

/** Who a reminder can reach: an active user's address, language and notification choices. */
export interface Recipient {
  id: string;
  role: User['role'];
  email: string;
  locale: User['locale'];
  notify: { reminders: boolean; escalations: boolean };
}

/**
 * The profile's optional `notifications` attribute (written by PUT
 * /api/me/notifications): each kind is on unless the person turned it off.
 */
export function storedNotifications(raw: Record<string, unknown>): Recipient['notify'] {
  const stored = (raw.notifications ?? {}) as { reminders?: unknown; escalations?: unknown };
  return { reminders: stored.reminders !== false, escalations: stored.escalations !== false };
}

/** The active users as the reminder job sees them, with their notification choices. */
export async function listRecipients(municipalityId: string): Promise<Recipient[]> {
  const items = await queryByPrefix(municipalityPk(municipalityId), 'USER#');
  return items
    .filter((raw) => raw.status === 'active')
    .map((raw) => {
      const user = toUser(raw);
      return {
        id: user.id,
        role: user.role,
        email: user.email,
        locale: user.locale,
        notify: storedNotifications(raw),
      };
    });
}

/**
 * The active staff of one organisation: who may facilitate a session or keep
 * its notes. The same Query as {@link listUsers} (users live in the
 * municipality's partition; a few hundred at most), narrowed here.
 */
export async function listOrganisationStaff(municipalityId: string, organisationId: string): Promise<User[]> {
  const active = await listUsers(municipalityId, { status: 'active' });
  return active.filter((u) => u.role === 'organisationStaff' && u.organisationId === organisationId);
}

/** Writes the profile of a user whose identity was just created. A VersionConflictError when the id exists (never for a fresh sub). */
export async function createUser(
  municipalityId: string,
  id: string,
  input: UserInput,
  actor: Actor,
  action = 'user.create',
): Promise<User> {
  const at = new Date().toISOString();
  const item = {
    type: ENTITY,
    municipalityId,
    ...input,
    id,
    status: 'active',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const audit: AuditFor = {
    actor,
    municipalityId,
    action,
    target: { type: ENTITY, id },
    changes: redactPersonal({ ...input }),
  };
  if (!(await putNew(key(municipalityId, id), item, audit, at))) {
    throw new VersionConflictError(ENTITY, id, 0);
  }
  return toUser(item);
}

export class InvalidUserChangeError extends Error {
  override readonly name = 'InvalidUserChangeError';
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((i) => i.message).join(' '));
  }
}

/**
 * Applies a patch at `expectedVersion` to `current` (the stored user, which the
 * caller has read anyway to decide whether it may). Role and organisation must
 * still fit together after the change (staff need an organisation); the
 * version condition on the write guarantees `current` is what gets changed.
 */
export async function updateUser(
  municipalityId: string,
  current: User,
  patch: UserPatch,
  expectedVersion: number,
  actor: Actor,
): Promise<User> {
  const { id } = current;
  if (current.version !== expectedVersion) throw new VersionConflictError(ENTITY, id, expectedVersion);
  const merged = {
    role: patch.role ?? current.role,
    organisationId: patch.organisationId === undefined ? current.organisationId : patch.organisationId,
  };
  const check = z
    .object({ role: z.string(), organisationId: z.string().nullable().optional() })
    .superRefine(organisationMatchesRole)
    .safeParse(merged);
  if (!check.success) {
    throw new InvalidUserChangeError(check.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  const fields: Record<string, unknown> = { ...patch };
  if (patch.organisationId === null) fields.organisationId = undefined; // REMOVE
  return change(municipalityId, id, fields, expectedVersion, actor, 'user.update');
}

export function setUserStatus(
  municipalityId: string,
  id: string,
  status: UserStatus,
  expectedVersion: number,
  actor: Actor,
): Promise<User> {
  return change(
    municipalityId,
    id,
    { status },
    expectedVersion,
    actor,
    status === 'active' ? 'user.reactivate' : 'user.deactivate',
  );
}

async function change(
  municipalityId: string,
  id: string,
  fields: Record<string, unknown>,
  expectedVersion: number,
  actor: Actor,
  action: string,
): Promise<User> {
  const audit: AuditFor = {
    actor,
    municipalityId,
    action,
    target: { type: ENTITY, id },
    changes: redactPersonal(fields),
  };
  return updateVersioned(key(municipalityId, id), fields, expectedVersion, audit, () => getUser(municipalityId, id));
}

export class UserStillActiveError extends Error {
  override readonly name = 'UserStillActiveError';
  constructor() {
    super('Deactivate the user before erasing them.');
  }
}

/**
 * Deletes the profile of a deactivated user, with its audit entry, in one
 * transaction. The condition on status is what enforces "deactivated first";
 * audit entries keep only the pseudonymous id, which now points at nobody.
 */
export async function eraseUserProfile(municipalityId: string, id: string, actor: Actor): Promise<void> {
  const at = new Date().toISOString();
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: key(municipalityId, id),
              ConditionExpression: 'attribute_exists(pk) AND #status = :deactivated',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':deactivated': 'deactivated' },
            },
          },
          auditPut({ actor, municipalityId, action: 'user.erase', target: { type: ENTITY, id }, changes: {}, at }),
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    await getUser(municipalityId, id); // NotFoundError when gone
    throw new UserStillActiveError();
  }
}

/** Seeding only: a demo user with a fixed id; does nothing when it exists. */
export async function seedUser(municipalityId: string, id: string, input: UserInput, actor: Actor): Promise<void> {
  try {
    await createUser(municipalityId, id, input, actor, 'user.seed');
  } catch (err) {
    if (!(err instanceof VersionConflictError)) throw err;
  }
}
