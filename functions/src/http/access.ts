import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { isAllowed, type Access } from '@sillat/shared/access';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { ApiError } from './errors';

/** The OpenAPI extension naming who may call an operation; the authorisation-matrix test reads it. */
export const ACCESS_EXTENSION = 'x-sillat-access';

const ROLE_WORDS: Record<string, string> = {
  administrator: 'an administrator',
  coordinator: 'a coordinator',
  organisationStaff: 'organisation staff',
  measureOwner: 'a measure owner',
  councilMember: 'a council member',
};

/** Refuses (403) callers whose role the route does not admit. Runs before validation, so a refused caller learns nothing about the body. */
export function requireAccess(access: Access) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (access === 'public') return next();
    const role = c.var.principal?.role;
    if (!isAllowed(access, role)) {
      throw new ApiError(403, 'forbidden', `As ${ROLE_WORDS[role ?? ''] ?? 'this user'} you may not do this.`);
    }
    return next();
  });
}

/**
 * `createRoute` with the one thing no route may forget: who may call it. The
 * declaration both installs the role check and appears in the OpenAPI document
 * as `x-sillat-access`, so the matrix test and API readers see the same rule.
 */
export function guardedRoute<P extends string, R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P }>(
  config: R & { access: Access },
) {
  const { access, ...route } = config;
  return createRoute({
    ...(route as unknown as R),
    middleware: requireAccess(access),
    [ACCESS_EXTENSION]: access === 'public' ? 'public' : [...access],
    // The document's default is bearer auth; a public operation says it needs none.
    ...(access === 'public' ? { security: [] } : {}),
  });
}
