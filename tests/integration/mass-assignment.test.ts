import { ROLES, type Role } from '@sillat/shared/auth';
import { describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { call, useLocalAuth } from '../setup/auth';
import { TENANT_A } from '../setup/municipalities';
import { ROUTE_FIXTURES } from '../setup/route-fixtures';
import { useFreshTable } from '../setup/table';

/**
 * Mass assignment, for every route that takes a JSON body (read from the
 * OpenAPI document, so new write routes are included automatically): fields
 * the server owns — keys, version, tenant, status, role where the body does
 * not legitimately carry one — are refused with a 400 naming the field, and
 * nothing in the table changes.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

const SERVER_OWNED = ['role', 'municipalityId', 'version', 'pk', 'sk', 'gsi1pk', 'id', 'createdAt', 'status', 'type'];

type Schema = { $ref?: string; properties?: Record<string, unknown>; allOf?: Schema[]; anyOf?: Schema[] };

const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'mass assignment', version: '0' } });

function resolveSchema(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return resolveSchema(doc.components?.schemas?.[name] as Schema | undefined);
}

/** The field names a body schema accepts (its top-level properties). */
function acceptedFields(schema: Schema | undefined): Set<string> {
  const resolved = resolveSchema(schema);
  const nested = [...(resolved?.allOf ?? []), ...(resolved?.anyOf ?? [])].flatMap((s) => [...acceptedFields(s)]);
  return new Set([...Object.keys(resolved?.properties ?? {}), ...nested]);
}

const WRITE_ROUTES = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>)
    .filter(([, op]) => op.requestBody?.content?.['application/json'])
    .map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      accepted: acceptedFields(op.requestBody?.content?.['application/json']?.schema),
    })),
);

describe('mass assignment', () => {
  it('finds every write route with a body', () => {
    expect(WRITE_ROUTES.map((r) => r.key).sort()).toEqual(
      [
        'PATCH /api/municipality',
        'PUT /api/me/notifications',
        'POST /api/rounds/{id}/next',
        'POST /api/rounds/{roundId}/sessions',
        'PATCH /api/rounds/{roundId}/sessions/{id}',
        'POST /api/rounds/{roundId}/sessions/{id}/status',
        'PUT /api/rounds/{roundId}/sessions/{id}/ratings',
        'PUT /api/rounds/{roundId}/sessions/{id}/notes',
        'POST /api/rounds/{roundId}/cards',
        'PATCH /api/rounds/{roundId}/cards/{id}',
        'POST /api/rounds/{roundId}/sessions/{id}/notes/deliver',
        'POST /api/rounds/{roundId}/sessions/{id}/notes/return',
        'POST /api/rounds/{id}/phase',
        'PUT /api/rounds/{roundId}/survey/instrument',
        'POST /api/rounds/{roundId}/survey/open',
        'POST /api/surveys/{code}/responses',
        'PUT /api/rounds/{roundId}/decision-session',
        'POST /api/rounds/{roundId}/board/open',
        'PUT /api/boards/{token}/tables/{table}/marks/{cardId}',
        'POST /api/boards/{token}/tables/{table}/ideas',
        'POST /api/rounds/{roundId}/candidates',
        'PATCH /api/rounds/{roundId}/candidates/{id}',
        'PUT /api/rounds/{roundId}/action-plan',
        'PUT /api/rounds/{roundId}/measures/{id}/responsibility',
        'POST /api/rounds/{roundId}/measures/{id}/reports',
        'PUT /api/rounds/{roundId}/measures/{id}/schedule',
        'POST /api/rounds/{roundId}/measures/schedule-template',
        ...['/api/districts', '/api/population-groups', '/api/organisations', '/api/users', '/api/rounds'].flatMap(
          (p) => [`POST ${p}`, `PATCH ${p}/{id}`],
        ),
      ].sort(),
    );
  });

  describe.each(WRITE_ROUTES)('$key', (route) => {
    const fields = SERVER_OWNED.filter((f) => !route.accepted.has(f));
    const fixture = ROUTE_FIXTURES[route.key];
    const role = fixture?.roles === 'public' ? 'administrator' : (fixture?.roles[0] as Role);

    it('accepts some fields and refuses the server-owned ones it does not', () => {
      expect(route.accepted.size).toBeGreaterThan(0);
      expect(fields.length).toBeGreaterThan(5);
      expect(ROLES).toContain(role);
    });

    it.each(fields)('refuses %s with 400 naming it, and writes nothing', async (field) => {
      const req = await fixture!.prepare(TENANT_A);
      const before = await table.snapshot();
      const body = { ...(req.body as object), [field]: field === 'version' ? 99 : 'forged' };
      const res = await call(role, route.method, req.path, body, req.headers);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContainEqual({ field, message: 'Unknown field.' });
      expect(await table.snapshot()).toEqual(before);
    });
  });
});
