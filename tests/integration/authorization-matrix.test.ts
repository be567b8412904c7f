import { type Access, isPublicRoute } from '@sillat/shared/access';
import { type Principal, ROLES, type Role } from '@sillat/shared/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { app, OPENAPI_ACCESS } from '../../functions/src/app';
import { ACCESS_EXTENSION } from '../../functions/src/http/access';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { request } from '../setup/http';
import { seedSecondMunicipality, TENANT_A, type Tenant } from '../setup/municipalities';
import { ROUTE_FIXTURES } from '../setup/route-fixtures';
import { useFreshTable } from '../setup/table';

/**
 * The authorisation matrix, generated from the app's own route table: every
 * route Hono has registered × every role. Each route's rule is the
 * `x-sillat-access` it declares in the OpenAPI document; a route without one,
 * or without a request fixture, fails here — so a new route is covered (or
 * this test goes red) automatically.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

interface RouteUnderTest {
  key: string; // "METHOD /api/path/{id}"
  method: string;
  path: string;
  access: Access;
  /** Whether the operation reads a JSON body (actions such as archive take none). */
  takesBody: boolean;
}

/** Routes other than OpenAPI operations, with their rule stated where they are mounted. */
const NON_OPERATION_ACCESS: Record<string, Access> = {
  'GET /api/openapi.json': OPENAPI_ACCESS,
  // The survey pages: plain HTML for respondents without accounts (functions/src/survey-page/).
  'GET /s': 'public',
  'GET /s/{code}': 'public',
  'GET /s/{code}/thanks': 'public',
  'POST /s/{code}': 'public',
};
const isPage = (r: RouteUnderTest) => !r.path.startsWith('/api/');
/** Pages answer a form post with a redirect (303) to the next page; the API with 2xx. */
const succeeded = (r: RouteUnderTest) => (isPage(r) ? 400 : 300);

function routesUnderTest(): RouteUnderTest[] {
  const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'matrix', version: '0' } });
  const seen = new Map<string, RouteUnderTest>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue; // middleware
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const key = `${route.method} ${path}`;
    if (seen.has(key)) continue;
    const operation = (doc.paths?.[path] as Record<string, Record<string, unknown>> | undefined)?.[
      route.method.toLowerCase()
    ];
    const access = (operation?.[ACCESS_EXTENSION] as Access | undefined) ?? NON_OPERATION_ACCESS[key];
    if (access === undefined) throw new Error(`${key} declares no access rule: build it with guardedRoute().`);
    seen.set(key, { key, method: route.method, path, access, takesBody: operation?.requestBody !== undefined });
  }
  return [...seen.values()];
}

const ROUTES = routesUnderTest();
const allowed = (r: RouteUnderTest, role: Role) => r.access === 'public' || r.access.includes(role);
const demo = (role: Role): Principal => DEMO[role];

let tenantB: Tenant;
let principalsB: Record<Role, Principal>;

beforeAll(async () => {
  principalsB = await seedSecondMunicipality();
  tenantB = { id: 'naapurikunta', coordinator: principalsB.coordinator, administrator: principalsB.administrator };
});

describe('the route table', () => {
  it('covers the whole API and every route has a request fixture', () => {
    expect(ROUTES.length).toBeGreaterThan(20);
    const missing = ROUTES.map((r) => r.key).filter((key) => !(key in ROUTE_FIXTURES));
    expect(missing, 'add a fixture to tests/setup/route-fixtures.ts').toEqual([]);
  });

  it('declares, for every route, exactly the roles the reviewed policy names', () => {
    const declared = Object.fromEntries(ROUTES.map((r) => [r.key, r.access]));
    const policy = Object.fromEntries(ROUTES.map((r) => [r.key, ROUTE_FIXTURES[r.key]?.roles]));
    expect(declared).toEqual(policy);
  });

  it('has exactly the shared allow-list as public routes', () => {
    const publicKeys = ROUTES.filter((r) => r.access === 'public' && !isPage(r)).map((r) => r.key);
    expect([...publicKeys].sort()).toEqual([
      'GET /api/boards/{token}/tables/{table}',
      'GET /api/calendar/{secret}',
      'GET /api/health',
      'POST /api/boards/{token}/tables/{table}/ideas',
      'POST /api/surveys/{code}/responses',
      'PUT /api/boards/{token}/tables/{table}/marks/{cardId}',
    ]);
    for (const r of ROUTES.filter((route) => !isPage(route)))
      expect(isPublicRoute(r.method, r.path.replace(/\{\w+\}/g, 'x')), r.key).toBe(r.access === 'public');
    // Everything outside /api is a public survey page, and nothing else is.
    expect(ROUTES.filter(isPage).map((r) => [r.key, r.access])).toEqual(
      ROUTES.filter(isPage).map((r) => [r.key, 'public']),
    );
    expect(ROUTES.filter(isPage).every((r) => r.path === '/s' || r.path.startsWith('/s/'))).toBe(true);
  });
});

describe.each(ROUTES)('$key', (route) => {
  const fixture = (tenant: Tenant) => {
    const entry = ROUTE_FIXTURES[route.key];
    if (!entry) throw new Error(`no fixture for ${route.key}`);
    return entry.prepare(tenant);
  };

  it.each(ROLES)('as %s: allowed → success, otherwise 403 and nothing written', async (role) => {
    const req = await fixture(TENANT_A);
    const before = await table.snapshot();
    const res = await call(demo(role), route.method, req.path, req.body, req.headers);
    if (allowed(route, role)) {
      expect(res.status, res.text).toBeGreaterThanOrEqual(200);
      expect(res.status, res.text).toBeLessThan(succeeded(route));
    } else {
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 403, code: 'forbidden' });
      expect(await table.snapshot()).toEqual(before);
    }
  });

  it(route.access === 'public' ? 'needs no token' : 'without a token → 401, nothing written', async () => {
    const req = await fixture(TENANT_A);
    const before = await table.snapshot();
    const res = await request(app, route.method, req.path, req.body, req.headers ?? {});
    if (route.access === 'public') {
      expect(res.status, res.text).toBeGreaterThanOrEqual(200);
      expect(res.status, res.text).toBeLessThan(succeeded(route));
    } else {
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 401, code: 'unauthenticated' });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(await table.snapshot()).toEqual(before);
    }
  });

  if (route.path.includes('{id}'))
    it("another municipality's object is 404 for every allowed role, and stays unchanged", async () => {
      for (const role of ROLES.filter((r) => allowed(route, r))) {
        const req = await fixture(tenantB); // an object of municipality B
        const bBefore = await table.snapshot('naapurikunta');
        const res = await call(demo(role), route.method, req.path, req.body, req.headers);
        expect({ role, status: res.status, code: res.body?.error?.code }).toEqual({
          role,
          status: 404,
          code: 'not_found',
        });
        expect(await table.snapshot('naapurikunta')).toEqual(bBefore);
      }
    });

  if (route.method === 'GET' && !route.path.includes('{id}') && route.access !== 'public')
    it("never lists another municipality's items, even with a smuggled municipalityId", async () => {
      const role = ROLES.find((r) => allowed(route, r))!;
      const req = await fixture(TENANT_A);
      const ownAnswer = await call(demo(role), 'GET', req.path);
      const bIds = new Set(
        (await table.snapshot('naapurikunta')).items.map((i) => String(i.id)).filter((id) => id !== 'undefined'),
      );
      expect(bIds.size).toBeGreaterThan(0);
      for (const suffix of ['', '?municipalityId=naapurikunta']) {
        // A route that needs a query (the round comparison) gets the smuggled field as one more parameter.
        const joined = suffix && req.path.includes('?') ? `&${suffix.slice(1)}` : suffix;
        const res = await call(demo(role), 'GET', req.path + joined);
        if (suffix && res.status === 400) {
          // Strict query schemas refuse the field outright; that changes nothing either.
          expect(res.body.error.details).toContainEqual({ field: 'municipalityId', message: 'Unknown field.' });
          continue;
        }
        expect(res.status).toBe(200);
        expect(res.text.includes('naapurikunta')).toBe(false);
        for (const id of bIds) expect(res.text.includes(id), `${req.path}${suffix} leaks ${id}`).toBe(false);
        if (suffix) expect(res.body).toEqual(ownAnswer.body);
      }
    });

  if (['POST', 'PATCH'].includes(route.method) && route.access !== 'public')
    it('a municipalityId smuggled into the body or query is refused or ignored: 400, nothing written', async () => {
      const role = ROLES.find((r) => allowed(route, r))!;
      const req = await fixture(TENANT_A);
      const before = await table.snapshot();
      const bBefore = await table.snapshot('naapurikunta');
      const body = { ...((req.body as object | undefined) ?? {}), municipalityId: 'naapurikunta' };
      const res = await call(demo(role), route.method, req.path, body, req.headers);
      if (route.takesBody) {
        // Strict body schemas: an unknown field is refused, nothing is written.
        expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 400, code: 'validation_failed' });
        expect(await table.snapshot()).toEqual(before);
      } else {
        // Actions without a body never read one: the action happens in the caller's own municipality.
        expect(res.status, res.text).toBeLessThan(300);
        expect(res.text.includes('naapurikunta')).toBe(false);
      }
      expect(await table.snapshot('naapurikunta')).toEqual(bBefore);
      if (!route.takesBody) return;
      // Query strings are not read by write routes at all: the write lands in the caller's own municipality.
      const viaQuery = await call(
        demo(role),
        route.method,
        `${req.path}?municipalityId=naapurikunta`,
        req.body,
        req.headers,
      );
      expect(viaQuery.status).toBeLessThan(300);
      expect(await table.snapshot('naapurikunta')).toEqual(bBefore);
    });
});
