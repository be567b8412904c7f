import { DASHBOARD_READERS as DASHBOARD_ROLES } from '@sillat/shared/access';
import type { Role } from '@sillat/shared/auth';
import { DEMO_DISTRICTS, DEMO_GROUPS } from '../../functions/src/local/demo-data';
import { DEMO } from './auth';
import type { Tenant } from './municipalities';
import { ALL, COORD, ifMatch, ok, type RouteFixture, unique } from './route-fixtures';

/** Request fixtures for the routes of the cycle itself: rounds, sessions, notes, cards (see route-fixtures.ts). */
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
export async function sessionSetup(t: Tenant) {
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
      roles: DASHBOARD_ROLES,
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
    'GET /api/rounds/{roundId}/cards/{id}': {
      roles: DASHBOARD_ROLES,
      prepare: async (t) => ({ path: (await created(t)).path }),
    },
    'PATCH /api/rounds/{roundId}/cards/{id}': {
      roles: COORD,
      prepare: async (t) => {
        const { path, etag } = await created(t);
        return { path, body: { inDeck: false }, headers: ifMatch(etag) };
      },
    },
  };
}

export function cycleFixtures(): Record<string, RouteFixture> {
  return { ...roundFixtures(), ...sessionFixtures(), ...notesFixtures(), ...cardFixtures() };
}
