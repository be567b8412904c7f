import type { Principal, Role } from '@sillat/shared/auth';
import { expect } from 'vitest';
import { call, DEMO } from './auth';
import type { Tenant } from './municipalities';
import { cycleFixtures } from './route-fixtures-cycle';
import { surveyFixtures } from './route-fixtures-survey';
import { decisionFixtures } from './route-fixtures-decision';
import { dashboardFixtures } from './route-fixtures-dashboard';
import { measureFixtures } from './route-fixtures-measures';
import { REGISTRIES } from './registries';

/**
 * A valid request for every API route, keyed by `METHOD /openapi/path`. Each
 * call prepares fresh objects in the tenant's municipality (created by its
 * coordinator or administrator), so a route can be tried once per role without
 * one attempt spoiling the next. The authorisation-matrix test fails for any
 * route of the app that has no entry here: a new route cannot go untested.
 */
export interface PreparedRequest {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteFixture {
  /**
   * Who may call the route, written out here independently of the route's own
   * declaration: the matrix test checks the two agree, so a change to who may
   * do what is always a deliberate edit in two places.
   */
  roles: 'public' | readonly Role[];
  prepare: (tenant: Tenant) => Promise<PreparedRequest>;
}

export const ALL: readonly Role[] = [
  'administrator',
  'coordinator',
  'organisationStaff',
  'measureOwner',
  'councilMember',
];
export const ADMIN: readonly Role[] = ['administrator'];
export const COORD: readonly Role[] = ['coordinator'];
export const MANAGERS: readonly Role[] = ['administrator', 'coordinator'];

let counter = 0;
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function ok(
  who: Principal,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const res = await call(who, method, path, body, headers);
  expect(res.status, `${method} ${path} while preparing: ${res.text}`).toBeLessThan(300);
  return res;
}

export const ifMatch = (etag: string | null) => ({ 'If-Match': etag ?? '' });

/** A new user (a measure owner, which coordinators may manage) in the tenant's municipality. */
async function newUser(tenant: Tenant, opts: { deactivated?: boolean } = {}) {
  const res = await ok(tenant.administrator, 'POST', '/api/users', {
    email: `matrix-${unique()}@${tenant.id}.example`,
    name: 'Matrix Person',
    role: 'measureOwner',
    locale: 'fi',
  });
  let etag = res.headers.get('etag');
  if (opts.deactivated) {
    const off = await ok(
      tenant.administrator,
      'POST',
      `/api/users/${res.body.id}/deactivate`,
      undefined,
      ifMatch(etag),
    );
    etag = off.headers.get('etag');
  }
  return { id: res.body.id as string, etag };
}

function registryFixtures(): Record<string, RouteFixture> {
  const out: Record<string, RouteFixture> = {};
  for (const r of REGISTRIES) {
    const created = async (tenant: Tenant) => {
      const res = await ok(tenant.coordinator, 'POST', r.path, r.create.body);
      return { id: res.body.id as string, etag: res.headers.get('etag') };
    };
    out[`GET ${r.path}`] = { roles: ALL, prepare: async () => ({ path: r.path }) };
    out[`POST ${r.path}`] = { roles: COORD, prepare: async () => ({ path: r.path, body: r.create.body }) };
    out[`GET ${r.path}/{id}`] = {
      roles: ALL,
      prepare: async (t) => ({ path: `${r.path}/${(await created(t)).id}` }),
    };
    out[`PATCH ${r.path}/{id}`] = {
      roles: COORD,
      prepare: async (t) => {
        const { id, etag } = await created(t);
        return { path: `${r.path}/${id}`, body: r.patch.body, headers: ifMatch(etag) };
      },
    };
    out[`POST ${r.path}/{id}/archive`] = {
      roles: COORD,
      prepare: async (t) => {
        const { id, etag } = await created(t);
        return { path: `${r.path}/${id}/archive`, headers: ifMatch(etag) };
      },
    };
    out[`POST ${r.path}/{id}/restore`] = {
      roles: COORD,
      prepare: async (t) => {
        const { id, etag } = await created(t);
        const archived = await ok(t.coordinator, 'POST', `${r.path}/${id}/archive`, undefined, ifMatch(etag));
        return { path: `${r.path}/${id}/restore`, headers: ifMatch(archived.headers.get('etag')) };
      },
    };
  }
  return out;
}

export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/health': { roles: 'public', prepare: async () => ({ path: '/api/health' }) },
  'GET /api/openapi.json': { roles: ALL, prepare: async () => ({ path: '/api/openapi.json' }) },
  'GET /api/me': { roles: ALL, prepare: async () => ({ path: '/api/me' }) },
  'PUT /api/me/notifications': {
    roles: ALL,
    prepare: async () => ({ path: '/api/me/notifications', body: { reminders: true, escalations: false } }),
  },
  'POST /api/me/calendar': { roles: ALL, prepare: async () => ({ path: '/api/me/calendar' }) },
  'DELETE /api/me/calendar': {
    roles: ALL,
    prepare: async () => {
      // Whoever calls it turns off their own feed, so every demo user gets one first.
      for (const who of Object.values(DEMO)) await ok(who, 'POST', '/api/me/calendar');
      return { path: '/api/me/calendar' };
    },
  },
  'GET /api/calendar/{secret}': {
    roles: 'public',
    prepare: async (t) => {
      const feed = await ok(t.coordinator, 'POST', '/api/me/calendar');
      return { path: new URL(feed.body.url as string).pathname };
    },
  },
  'GET /api/municipality': { roles: ALL, prepare: async () => ({ path: '/api/municipality' }) },
  'PATCH /api/municipality': {
    roles: ADMIN,
    prepare: async (t) => {
      const current = await ok(t.administrator, 'GET', '/api/municipality');
      return {
        path: '/api/municipality',
        body: { privacyThreshold: 6 },
        headers: ifMatch(current.headers.get('etag')),
      };
    },
  },
  ...registryFixtures(),
  'GET /api/organisations/{id}/staff': {
    roles: ['administrator', 'coordinator', 'organisationStaff'],
    prepare: async (t) => {
      // The demo staff member may list only their own organisation; elsewhere a fresh one stands in.
      if (t.id === 'demo') return { path: `/api/organisations/${DEMO.organisationStaff.organisationId}/staff` };
      const org = await ok(t.coordinator, 'POST', '/api/organisations', { name: { fi: `Matriisi ${unique()}` } });
      return { path: `/api/organisations/${org.body.id}/staff` };
    },
  },
  'GET /api/users': { roles: MANAGERS, prepare: async () => ({ path: '/api/users' }) },
  'POST /api/users': {
    roles: MANAGERS,
    prepare: async (t) => ({
      path: '/api/users',
      body: { email: `new-${unique()}@${t.id}.example`, name: 'New Owner', role: 'measureOwner', locale: 'sv' },
    }),
  },
  'GET /api/users/{id}': { roles: MANAGERS, prepare: async (t) => ({ path: `/api/users/${(await newUser(t)).id}` }) },
  'PATCH /api/users/{id}': {
    roles: MANAGERS,
    prepare: async (t) => {
      const { id, etag } = await newUser(t);
      return { path: `/api/users/${id}`, body: { name: 'Renamed Owner' }, headers: ifMatch(etag) };
    },
  },
  'POST /api/users/{id}/deactivate': {
    roles: MANAGERS,
    prepare: async (t) => {
      const { id, etag } = await newUser(t);
      return { path: `/api/users/${id}/deactivate`, headers: ifMatch(etag) };
    },
  },
  'POST /api/users/{id}/reactivate': {
    roles: MANAGERS,
    prepare: async (t) => {
      const { id, etag } = await newUser(t, { deactivated: true });
      return { path: `/api/users/${id}/reactivate`, headers: ifMatch(etag) };
    },
  },
  'GET /api/users/{id}/export': {
    roles: ADMIN,
    prepare: async (t) => ({ path: `/api/users/${(await newUser(t)).id}/export` }),
  },
  'DELETE /api/users/{id}': {
    roles: ADMIN,
    prepare: async (t) => ({ path: `/api/users/${(await newUser(t, { deactivated: true })).id}` }),
  },
  'GET /api/audit': { roles: ADMIN, prepare: async () => ({ path: '/api/audit' }) },
  ...cycleFixtures(),
  ...decisionFixtures(),
  ...surveyFixtures(),
  ...measureFixtures(),
  ...dashboardFixtures(),
};
