import type { Principal, Role } from '@sillat/shared/auth';
import { expect } from 'vitest';
import { DEMO_DISTRICTS, DEMO_GROUPS } from '../../functions/src/local/demo-data';
import { call, DEMO } from './auth';
import type { Tenant } from './municipalities';
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

const ALL: readonly Role[] = ['administrator', 'coordinator', 'organisationStaff', 'measureOwner', 'councilMember'];
const ADMIN: readonly Role[] = ['administrator'];
const COORD: readonly Role[] = ['coordinator'];
const MANAGERS: readonly Role[] = ['administrator', 'coordinator'];

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

async function ok(who: Principal, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const res = await call(who, method, path, body, headers);
  expect(res.status, `${method} ${path} while preparing: ${res.text}`).toBeLessThan(300);
  return res;
}

const ifMatch = (etag: string | null) => ({ 'If-Match': etag ?? '' });

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

const ROUND_BODY = {
  name: { fi: 'Kevät 2027', sv: 'Våren 2027' },
  period: { start: '2027-02-01', end: '2027-05-31' },
  populationGroupIds: [],
  organisationIds: [],
};

function roundFixtures(): Record<string, RouteFixture> {
  const created = async (tenant: Tenant) => {
    const res = await ok(tenant.coordinator, 'POST', '/api/rounds', ROUND_BODY);
    return { id: res.body.id as string, etag: res.headers.get('etag') };
  };
  return {
    'GET /api/rounds': { roles: ALL, prepare: async () => ({ path: '/api/rounds' }) },
    'POST /api/rounds': { roles: COORD, prepare: async () => ({ path: '/api/rounds', body: ROUND_BODY }) },
    'GET /api/rounds/{id}': { roles: ALL, prepare: async (t) => ({ path: `/api/rounds/${(await created(t)).id}` }) },
    'PATCH /api/rounds/{id}': {
      roles: COORD,
      prepare: async (t) => {
        const { id, etag } = await created(t);
        return { path: `/api/rounds/${id}`, body: { name: { fi: 'Syksy 2027' } }, headers: ifMatch(etag) };
      },
    },
    'POST /api/rounds/{id}/phase': {
      roles: COORD,
      prepare: async (t) => {
        const { id, etag } = await created(t);
        return { path: `/api/rounds/${id}/phase`, body: { phase: 'dataCollection' }, headers: ifMatch(etag) };
      },
    },
    'POST /api/rounds/{id}/next': {
      roles: COORD,
      prepare: async (t) => ({
        path: `/api/rounds/${(await created(t)).id}/next`,
        body: { name: { fi: 'Syksy 2027' }, period: { start: '2027-09-01', end: '2027-12-15' } },
      }),
    },
  };
}

/**
 * A round ready for sessions. In the demo municipality the session goes to the
 * demo staff member's own organisation, so staff are among the allowed callers;
 * elsewhere the registries are created first.
 */
async function sessionSetup(t: Tenant) {
  let ids: { group: string; district: string; org: string };
  if (t.id === 'demo') {
    ids = { group: DEMO_GROUPS[0]!.id, district: DEMO_DISTRICTS[0]!.id, org: DEMO.organisationStaff.organisationId! };
  } else {
    const [group, district, org] = await Promise.all(
      ['/api/population-groups', '/api/districts', '/api/organisations'].map((p) =>
        ok(t.coordinator, 'POST', p, { name: { fi: `Matriisi ${unique()}` } }),
      ),
    );
    ids = { group: group!.body.id, district: district!.body.id, org: org!.body.id };
  }
  const round = await ok(t.coordinator, 'POST', '/api/rounds', {
    ...ROUND_BODY,
    populationGroupIds: [ids.group],
    organisationIds: [ids.org],
  });
  const body = {
    populationGroupId: ids.group,
    districtId: ids.district,
    organisationId: ids.org,
    language: 'fi',
    date: '2027-03-01',
    place: 'Kirjasto',
    notesDeadline: '2027-03-15',
  };
  return { roundId: round.body.id as string, body };
}

function sessionFixtures(): Record<string, RouteFixture> {
  const WORKERS: readonly Role[] = ['coordinator', 'organisationStaff'];
  const created = async (t: Tenant) => {
    const { roundId, body } = await sessionSetup(t);
    const res = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/sessions`, body);
    return { path: `/api/rounds/${roundId}/sessions/${res.body.id}`, etag: res.headers.get('etag') };
  };
  return {
    'GET /api/rounds/{roundId}/sessions': {
      roles: WORKERS,
      prepare: async (t) => ({ path: `/api/rounds/${(await sessionSetup(t)).roundId}/sessions` }),
    },
    'POST /api/rounds/{roundId}/sessions': {
      roles: COORD,
      prepare: async (t) => {
        const { roundId, body } = await sessionSetup(t);
        return { path: `/api/rounds/${roundId}/sessions`, body };
      },
    },
    'GET /api/rounds/{roundId}/sessions/{id}': {
      roles: WORKERS,
      prepare: async (t) => ({ path: (await created(t)).path }),
    },
    'PATCH /api/rounds/{roundId}/sessions/{id}': {
      roles: WORKERS,
      prepare: async (t) => {
        const { path, etag } = await created(t);
        return { path, body: { place: 'Nuorisotalo', participantCount: 12 }, headers: ifMatch(etag) };
      },
    },
    'PUT /api/rounds/{roundId}/sessions/{id}/ratings': {
      roles: WORKERS,
      prepare: async (t) => {
        const { path, etag } = await created(t);
        const counted = await ok(t.coordinator, 'PATCH', path, { participantCount: 10 }, ifMatch(etag));
        const held = await ok(
          t.coordinator,
          'POST',
          `${path}/status`,
          { status: 'held' },
          ifMatch(counted.headers.get('etag')),
        );
        return {
          path: `${path}/ratings`,
          body: { ratings: { safety: [1, 2, 3, 2, 1] } },
          headers: ifMatch(held.headers.get('etag')),
        };
      },
    },
    'POST /api/rounds/{roundId}/sessions/{id}/status': {
      roles: WORKERS,
      prepare: async (t) => {
        const { path, etag } = await created(t);
        return { path: `${path}/status`, body: { status: 'held' }, headers: ifMatch(etag) };
      },
    },
  };
}

/** A held session, optionally with saved and delivered notes; returns the notes path. */
async function notesAt(t: Tenant, stage: 'held' | 'saved' | 'delivered' | 'approved') {
  const { roundId, body } = await sessionSetup(t);
  const created = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/sessions`, body);
  const session = `/api/rounds/${roundId}/sessions/${created.body.id}`;
  await ok(t.coordinator, 'POST', `${session}/status`, { status: 'held' }, ifMatch(created.headers.get('etag')));
  const notes = `${session}/notes`;
  if (stage !== 'held') {
    await ok(
      t.coordinator,
      'PUT',
      notes,
      { language: 'fi', sections: { safety: 'Ilta-aikaan puistossa tuntuu turvattomalta.' } },
      ifMatch('"0"'),
    );
  }
  if (stage === 'delivered' || stage === 'approved') {
    await ok(t.coordinator, 'POST', `${notes}/deliver`, { confirmations: [] }, ifMatch('"1"'));
  }
  if (stage === 'approved') await ok(t.coordinator, 'POST', `${notes}/approve`, undefined, ifMatch('"2"'));
  return notes;
}

function notesFixtures(): Record<string, RouteFixture> {
  const WORKERS: readonly Role[] = ['coordinator', 'organisationStaff'];
  return {
    'GET /api/rounds/{roundId}/sessions/{id}/notes': {
      roles: WORKERS,
      prepare: async (t) => ({ path: await notesAt(t, 'held') }),
    },
    'PUT /api/rounds/{roundId}/sessions/{id}/notes': {
      roles: WORKERS,
      prepare: async (t) => ({
        path: await notesAt(t, 'held'),
        body: { language: 'sv', sections: { interaction: 'Gruppen träffas sällan.' } },
        headers: ifMatch('"0"'),
      }),
    },
    'POST /api/rounds/{roundId}/sessions/{id}/notes/deliver': {
      roles: WORKERS,
      prepare: async (t) => ({
        path: `${await notesAt(t, 'saved')}/deliver`,
        body: { confirmations: [] },
        headers: ifMatch('"1"'),
      }),
    },
    'POST /api/rounds/{roundId}/sessions/{id}/notes/approve': {
      roles: COORD,
      prepare: async (t) => ({ path: `${await notesAt(t, 'delivered')}/approve`, headers: ifMatch('"2"') }),
    },
    'POST /api/rounds/{roundId}/sessions/{id}/notes/return': {
      roles: COORD,
      prepare: async (t) => ({
        path: `${await notesAt(t, 'delivered')}/return`,
        body: { comment: 'Lisää esimerkkejä, kiitos.' },
        headers: ifMatch('"2"'),
      }),
    },
  };
}

function cardFixtures(): Record<string, RouteFixture> {
  /** An approved session's round and the body of a card made from it. */
  const source = async (t: Tenant) => {
    const [, roundId, sessionId] = /^\/api\/rounds\/([^/]+)\/sessions\/([^/]+)\//.exec(await notesAt(t, 'approved'))!;
    const body = {
      sessionId,
      aspect: 'safety',
      tone: 'negative',
      language: 'fi',
      text: 'Puistossa on pimeää iltaisin.',
    };
    return { roundId: roundId!, body };
  };
  const created = async (t: Tenant) => {
    const { roundId, body } = await source(t);
    const res = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/cards`, body);
    return { path: `/api/rounds/${roundId}/cards/${res.body.id}`, etag: res.headers.get('etag') };
  };
  return {
    'GET /api/rounds/{roundId}/cards': {
      roles: COORD,
      prepare: async (t) => ({ path: `/api/rounds/${(await source(t)).roundId}/cards` }),
    },
    'POST /api/rounds/{roundId}/cards': {
      roles: COORD,
      prepare: async (t) => {
        const { roundId, body } = await source(t);
        return { path: `/api/rounds/${roundId}/cards`, body };
      },
    },
    'GET /api/rounds/{roundId}/overview': {
      roles: COORD,
      prepare: async (t) => ({ path: `/api/rounds/${(await source(t)).roundId}/overview` }),
    },
    'GET /api/rounds/{roundId}/cards/{id}': { roles: COORD, prepare: async (t) => ({ path: (await created(t)).path }) },
    'PATCH /api/rounds/{roundId}/cards/{id}': {
      roles: COORD,
      prepare: async (t) => {
        const { path, etag } = await created(t);
        return { path, body: { inDeck: false }, headers: ifMatch(etag) };
      },
    },
  };
}

export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/health': { roles: 'public', prepare: async () => ({ path: '/api/health' }) },
  'GET /api/openapi.json': { roles: ALL, prepare: async () => ({ path: '/api/openapi.json' }) },
  'GET /api/me': { roles: ALL, prepare: async () => ({ path: '/api/me' }) },
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
  ...roundFixtures(),
  ...sessionFixtures(),
  ...notesFixtures(),
  ...cardFixtures(),
};
