import type { Principal } from '@sillat/shared/auth';
import { findUser } from '../data/users';

/**
 * The principal to put into a new access token, from the user's current
 * profile — or undefined when the user may not sign in (no profile in that
 * municipality, or deactivated). Shared by the Cognito pre-token-generation
 * trigger and the local issuer, so both mint tokens from the same rule.
 */
export async function principalForSignIn(municipalityId: string, userId: string): Promise<Principal | undefined> {
  const user = await findUser(municipalityId, userId);
  if (!user || user.status !== 'active') return undefined;
  return {
    userId: user.id,
    role: user.role,
    municipalityId,
    ...(user.organisationId ? { organisationId: user.organisationId } : {}),
  };
}
