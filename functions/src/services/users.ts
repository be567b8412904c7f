import type { CreatedUser, User, UserInput } from '@sillat/shared';
import { allAuditEntries, type Actor } from '../data/audit';
import { createUser, eraseUserProfile, getUser, UserStillActiveError } from '../data/users';
import { EmailTakenError, identityDirectory } from '../identity/directory';
import { ApiError } from '../http/errors';
import { log } from '../http/log';

/**
 * User operations that span the identity provider and the table. They cannot
 * share one transaction, so each is ordered to leave nothing half-done that
 * matters: the table's profile decides access (http/context.ts), and each
 * identity step is either undone on failure or safe to retry.
 */

/** Identity first (it owns the id and the e-mail's uniqueness), then the profile; a failed profile write removes the identity again. */
export async function createUserWithIdentity(
  municipalityId: string,
  input: UserInput,
  actor: Actor,
): Promise<CreatedUser> {
  const directory = await identityDirectory();
  let identity: Awaited<ReturnType<typeof directory.create>>;
  try {
    identity = await directory.create({ email: input.email, municipalityId, locale: input.locale });
  } catch (err) {
    if (err instanceof EmailTakenError) {
      throw new ApiError(409, 'email_taken', err.message, [{ field: 'email', message: err.message }]);
    }
    throw err;
  }
  try {
    const user = await createUser(municipalityId, identity.userId, input, actor);
    return identity.temporaryPassword ? { ...user, temporaryPassword: identity.temporaryPassword } : user;
  } catch (err) {
    await directory.remove({ municipalityId, userId: identity.userId, email: input.email }).catch((undo: unknown) => {
      log('error', 'could not remove the identity of a user whose profile failed', {
        userId: identity.userId,
        error: undo instanceof Error ? undo.name : String(undo),
      });
    });
    throw err;
  }
}

/**
 * After the profile's status changed: mirror it in the directory. The profile
 * already decides (the next request of a deactivated user is refused), so a
 * failure here is logged and the change stands; reactivating again repairs it.
 */
export async function syncIdentityStatus(municipalityId: string, user: User): Promise<void> {
  const ref = { municipalityId, userId: user.id, email: user.email };
  const directory = await identityDirectory();
  await (user.status === 'active' ? directory.enable(ref) : directory.disable(ref));
}

/** Everything Sillat stores about one user, for a data-subject access request. */
export async function exportUser(municipalityId: string, id: string): Promise<Record<string, unknown>> {
  const profile = await getUser(municipalityId, id);
  const directory = await identityDirectory();
  const [identity, actions, history] = await Promise.all([
    directory.describe({ municipalityId, userId: id, email: profile.email }),
    allAuditEntries(municipalityId, { actorId: id }),
    allAuditEntries(municipalityId, { targetType: 'user', targetId: id }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    municipalityId,
    profile,
    signIn: identity ?? null,
    auditEntriesByUser: actions,
    auditEntriesAboutUser: history,
  };
}

/**
 * GDPR erasure of a deactivated user: the identity goes first (idempotent, so
 * a retry after a failure finishes the job), then the profile with its audit
 * entry in one transaction whose condition enforces "deactivated first".
 */
export async function eraseUser(municipalityId: string, id: string, actor: Actor): Promise<void> {
  const profile = await getUser(municipalityId, id);
  if (profile.status !== 'deactivated') {
    throw new ApiError(409, 'user_active', new UserStillActiveError().message);
  }
  const directory = await identityDirectory();
  await directory.remove({ municipalityId, userId: id, email: profile.email });
  try {
    await eraseUserProfile(municipalityId, id, actor);
  } catch (err) {
    if (err instanceof UserStillActiveError) throw new ApiError(409, 'user_active', err.message);
    throw err;
  }
}
