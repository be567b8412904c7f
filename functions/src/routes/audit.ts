import { OpenAPIHono } from '@hono/zod-openapi';
import { ADMINISTRATORS } from '@sillat/shared/access';
import { AuditPage, AuditQuery } from '@sillat/shared';
import { BadCursorError, listAuditEntries } from '../data/audit';
import { guardedRoute } from '../http/access';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { ErrorResponses } from '../http/openapi';
import { validationHook } from '../http/validation';

/** The municipality's audit trail, newest first, for administrators. Read-only: there is no route that changes it. */
const list = guardedRoute({
  method: 'get',
  path: '/',
  tags: ['Audit'],
  summary: 'Browse the audit trail (filter by day range, person, target or action)',
  access: ADMINISTRATORS,
  request: { query: AuditQuery },
  responses: {
    200: { description: 'One page of entries', content: { 'application/json': { schema: AuditPage } } },
    ...ErrorResponses,
  },
});

export const auditRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(list, async (c) => {
  try {
    return c.json(await listAuditEntries(c.var.municipalityId, c.req.valid('query')), 200);
  } catch (err) {
    if (err instanceof BadCursorError) {
      throw new ApiError(400, 'validation_failed', 'The query string is not valid.', [
        { field: 'cursor', message: err.message },
      ]);
    }
    throw err;
  }
});
