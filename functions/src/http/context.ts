import type { User } from '@sillat/shared';
import type { Principal } from '@sillat/shared/auth';
import { isPublicRoute } from '@sillat/shared/access';
import { createMiddleware } from 'hono/factory';
import { tokenVerifier } from '../auth/config';
import { InvalidTokenError, readBearer } from '../auth/verify-token';
import type { Actor } from '../data/audit';
import { findUser } from '../data/users';
import { ApiError } from './errors';

/**
 * Who is calling and for which municipality. All three come from the verified
 * access token (and the user's current profile) — never from path, query or
 * body — so no request can name another municipality. On public routes they
 * are unset, and no public handler reads them.
 */
export interface AppEnv {
  Variables: {
    principal: Principal;
    /** The caller's profile as read for this request (see `authenticate`). */
    user: User;
    municipalityId: string;
    actor: Actor;
  };
}

const unauthenticated = (code: string, message: string, error?: string) =>
  new ApiError(401, code, message, [], {
    // RFC 6750: tell the client which scheme, and whether its token was the problem.
    'WWW-Authenticate': error ? `Bearer realm="sillat", error="${error}"` : 'Bearer realm="sillat"',
  });

/**
 * Authenticates every request that is not on the public allow-list: a valid
 * access token from the configured issuer (Cognito, or the local issuer),
 * whose user still exists in that municipality, is active, and has the role
 * the token claims. The profile check makes a deactivation or a role change
 * take effect on the next request rather than when the token expires.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  if (isPublicRoute(c.req.method, c.req.path)) return next();
  const token = readBearer(c.req.header('authorization'));
  if (!token) throw unauthenticated('unauthenticated', 'Sign in to use this.');
  let principal: Principal;
  try {
    principal = await tokenVerifier().verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      throw unauthenticated(
        'invalid_token',
        'Your sign-in has expired or is not valid. Sign in again.',
        'invalid_token',
      );
    }
    throw error;
  }
  const user = await findUser(principal.municipalityId, principal.userId);
  if (!user || user.status !== 'active') {
    throw unauthenticated('account_inactive', 'This account is not active. Ask your administrator.', 'invalid_token');
  }
  if (user.role !== principal.role || user.organisationId !== principal.organisationId) {
    throw unauthenticated(
      'token_outdated',
      'Your role has changed since you signed in. Sign in again.',
      'invalid_token',
    );
  }
  c.set('principal', principal);
  c.set('user', user);
  c.set('municipalityId', principal.municipalityId);
  c.set('actor', { id: principal.userId, role: principal.role });
  return next();
});
