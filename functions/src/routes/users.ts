import { OpenAPIHono } from '@hono/zod-openapi';
import { ADMINISTRATORS, canManageRole, USER_MANAGERS } from '@sillat/shared/access';
import type { Role } from '@sillat/shared/auth';
import { CreatedUser, Id, User, UserInput, UserListQuery, UserPatch } from '@sillat/shared';
import * as z from 'zod';
import { organisations } from '../data/organisations';
import { NotFoundError } from '../data/errors';
import { getUser, InvalidUserChangeError, listUsers, setUserStatus, updateUser } from '../data/users';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';
import { IfMatchHeader, etag } from '../http/versioning';
import { createUserWithIdentity, eraseUser, exportUser, syncIdentityStatus } from '../services/users';

/**
 * User management. Administrators manage everyone; coordinators manage the
 * organisation staff and measure owners they work with (shared/src/access.ts).
 * E-mail and name are staff personal data: they are stored in the profile but
 * never copied into the audit trail.
 */
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const IdParam = z.object({ id: Id });
const tags = ['Users'];
const userResponse = { 200: { description: 'The user', ...json(User) }, ...ErrorResponses };

const list = guardedRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'List the users of the municipality',
  access: USER_MANAGERS,
  request: { query: UserListQuery },
  responses: { 200: { description: 'The users', ...json(z.object({ items: z.array(User) })) }, ...ErrorResponses },
});
const create = guardedRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create (invite) a user',
  access: USER_MANAGERS,
  request: { body: { required: true, ...json(UserInput) } },
  responses: { 201: { description: 'The new user', ...json(CreatedUser) }, ...ErrorResponses },
});
const read = guardedRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'Read a user',
  access: USER_MANAGERS,
  request: { params: IdParam },
  responses: userResponse,
});
const update = guardedRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Change a user’s name, role, organisation or language',
  access: USER_MANAGERS,
  request: { params: IdParam, headers: IfMatchHeader, body: { required: true, ...json(UserPatch) } },
  responses: userResponse,
});
const statusRoute = (action: 'deactivate' | 'reactivate') =>
  guardedRoute({
    method: 'post',
    path: `/{id}/${action}`,
    tags,
    access: USER_MANAGERS,
    summary: action === 'deactivate' ? 'Deactivate a user (sign-in stops at once)' : 'Reactivate a user',
    request: { params: IdParam, headers: IfMatchHeader },
    responses: userResponse,
  });
const exportRoute = guardedRoute({
  method: 'get',
  path: '/{id}/export',
  tags,
  access: ADMINISTRATORS,
  summary: 'Export everything stored about a user (GDPR access request)',
  request: { params: IdParam },
  responses: { 200: { description: 'The export', ...json(z.record(z.string(), z.unknown())) }, ...ErrorResponses },
});
const erase = guardedRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  access: ADMINISTRATORS,
  summary: 'Erase a deactivated user; audit entries keep only the pseudonymous id',
  request: { params: IdParam },
  responses: { 204: { description: 'Erased' }, ...ErrorResponses },
});

/** 403 unless the caller may manage users with `role` (coordinators: staff and owners only). */
function assertMayManage(manager: Role, role: Role): void {
  if (!canManageRole(manager, role)) {
    throw new ApiError(403, 'forbidden', 'You may not manage users with this role. Ask an administrator.');
  }
}

function assertNotSelf(callerId: string, userId: string, what: string): void {
  if (callerId === userId) {
    throw new ApiError(409, 'own_account', `You cannot ${what} your own account; ask another administrator.`);
  }
}

/** The organisation of a staff member must exist in the caller's municipality. */
async function assertOrganisation(municipalityId: string, organisationId: string | null | undefined): Promise<void> {
  if (!organisationId) return;
  try {
    const organisation = await organisations.get(municipalityId, organisationId);
    if (organisation.archived) throw new NotFoundError('organisation', organisationId);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    throw new ApiError(400, 'validation_failed', 'The request body is not valid.', [
      { field: 'organisationId', message: 'No such organisation.' },
    ]);
  }
}

export const userRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const items = await listUsers(c.var.municipalityId, c.req.valid('query'));
    return c.json({ items }, 200);
  })
  .openapi(create, async (c) => {
    const input = c.req.valid('json');
    assertMayManage(c.var.principal.role, input.role);
    await assertOrganisation(c.var.municipalityId, input.organisationId);
    const user = await createUserWithIdentity(c.var.municipalityId, input, c.var.actor);
    return c.json(user, 201, etag(user.version));
  })
  .openapi(read, async (c) => {
    const user = await getUser(c.var.municipalityId, c.req.valid('param').id);
    return c.json(user, 200, etag(user.version));
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const current = await getUser(c.var.municipalityId, id);
    assertMayManage(c.var.principal.role, current.role);
    if (patch.role !== undefined) {
      assertMayManage(c.var.principal.role, patch.role);
      if (patch.role !== current.role) assertNotSelf(c.var.principal.userId, id, 'change the role of');
    }
    await assertOrganisation(c.var.municipalityId, patch.organisationId);
    try {
      const user = await updateUser(
        c.var.municipalityId,
        current,
        patch,
        c.req.valid('header')['if-match'],
        c.var.actor,
      );
      return c.json(user, 200, etag(user.version));
    } catch (err) {
      if (err instanceof InvalidUserChangeError) {
        throw new ApiError(400, 'validation_failed', 'The request body is not valid.', err.issues);
      }
      throw err;
    }
  })
  .openapi(exportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const data = await exportUser(c.var.municipalityId, id);
    return c.json(data, 200, { 'Content-Disposition': `attachment; filename="sillat-user-${id}.json"` });
  })
  .openapi(erase, async (c) => {
    const { id } = c.req.valid('param');
    assertNotSelf(c.var.principal.userId, id, 'erase');
    await eraseUser(c.var.municipalityId, id, c.var.actor);
    return c.body(null, 204);
  });

/** Deactivate and reactivate: the profile decides at once; the identity provider follows. */
for (const [action, status] of [
  ['deactivate', 'deactivated'],
  ['reactivate', 'active'],
] as const) {
  userRoutes.openapi(statusRoute(action), async (c) => {
    const { id } = c.req.valid('param');
    const current = await getUser(c.var.municipalityId, id);
    assertMayManage(c.var.principal.role, current.role);
    if (status === 'deactivated') assertNotSelf(c.var.principal.userId, id, 'deactivate');
    const version = c.req.valid('header')['if-match'];
    const user = await setUserStatus(c.var.municipalityId, id, status, version, c.var.actor);
    await syncIdentityStatus(c.var.municipalityId, user);
    return c.json(user, 200, etag(user.version));
  });
}
