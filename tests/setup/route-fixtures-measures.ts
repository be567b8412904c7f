import type { Role } from '@sillat/shared/auth';
import { DEMO } from './auth';
import type { Tenant } from './municipalities';
import { ADMIN, ALL, COORD, ifMatch, ok, type RouteFixture } from './route-fixtures';

/**
 * Request fixtures for the measures' routes (see route-fixtures.ts). Routes a
 * measure owner or organisation staff may call only for measures they are on
 * get a measure whose owner is the demo measure owner and whose contributor is
 * the demo staff member; in another municipality its coordinator owns it.
 */
const ROUND_BODY = {
  name: { fi: 'Seuranta 2027' },
  period: { start: '2027-09-01', end: '2027-12-15' },
  populationGroupIds: [],
  organisationIds: [],
};

export const REPORT_BODY = {
  status: 'onTrack',
  progress: 40,
  narrative: 'Kaksi kävelyä pidetty, kolmas sovittu.',
  evidenceLinks: ['https://example.org/kavelyt'],
  checkpointDate: '2027-12-01',
};

/** A quarterly schedule the owner reports on. */
export const SCHEDULE_BODY = {
  entries: [
    { kind: 'single', date: '2027-10-15', assess: 'Onko ensimmäinen kävely pidetty?' },
    { kind: 'recurring', start: '2027-09-30', rule: 'FREQ=MONTHLY;INTERVAL=3', assess: 'Osallistujamäärä' },
  ],
};
export const TEMPLATE_BODY = { start: '2027-09-30', until: '2028-09-30', assess: 'Eteneekö toimenpide?' };

/** A measure of a freshly confirmed plan (version 1, nobody responsible yet). */
export async function confirmedMeasure(t: Tenant) {
  const roundId = (await ok(t.coordinator, 'POST', '/api/rounds', ROUND_BODY)).body.id as string;
  const candidate = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/candidates`, {
    title: 'Iltakävelyt',
    description: 'Asukkaat ja poliisi kävelevät yhdessä.',
    aspects: ['safety'],
    populationGroupIds: [],
    districtIds: [],
  });
  const id = candidate.body.id as string;
  const plan = await ok(
    t.coordinator,
    'PUT',
    `/api/rounds/${roundId}/action-plan`,
    { candidateIds: [id] },
    ifMatch('"0"'),
  );
  await ok(
    t.coordinator,
    'POST',
    `/api/rounds/${roundId}/action-plan/confirm`,
    undefined,
    ifMatch(plan.headers.get('etag')),
  );
  return { roundId, id, path: `/api/rounds/${roundId}/measures/${id}` };
}

export const responsibilityFor = (t: Tenant) =>
  t.id === 'demo'
    ? { ownerId: DEMO.measureOwner.userId, contributors: [{ kind: 'user', userId: DEMO.organisationStaff.userId }] }
    : { ownerId: t.coordinator.userId, contributors: [] };

/** A confirmed measure with the demo owner and staff member on it (version 2). */
async function assignedMeasure(t: Tenant) {
  const measure = await confirmedMeasure(t);
  const res = await ok(t.coordinator, 'PUT', `${measure.path}/responsibility`, responsibilityFor(t), ifMatch('"1"'));
  return { ...measure, etag: res.headers.get('etag') };
}

export function measureFixtures(): Record<string, RouteFixture> {
  const REPORTERS: readonly Role[] = ['coordinator', 'measureOwner', 'organisationStaff'];
  return {
    'GET /api/measures': { roles: ALL, prepare: async () => ({ path: '/api/measures' }) },
    'GET /api/rounds/{roundId}/measures/{id}': {
      roles: ALL,
      prepare: async (t) => ({ path: (await assignedMeasure(t)).path }),
    },
    'PUT /api/rounds/{roundId}/measures/{id}/responsibility': {
      roles: COORD,
      prepare: async (t) => ({
        path: `${(await confirmedMeasure(t)).path}/responsibility`,
        body: responsibilityFor(t),
        headers: ifMatch('"1"'),
      }),
    },
    'PUT /api/rounds/{roundId}/measures/{id}/schedule': {
      roles: COORD,
      prepare: async (t) => {
        const { path, etag } = await assignedMeasure(t);
        return { path: `${path}/schedule`, body: SCHEDULE_BODY, headers: ifMatch(etag) };
      },
    },
    'POST /api/rounds/{roundId}/measures/schedule-template': {
      roles: COORD,
      prepare: async (t) => ({
        path: `/api/rounds/${(await confirmedMeasure(t)).roundId}/measures/schedule-template`,
        body: TEMPLATE_BODY,
      }),
    },
    // The reminder job's outbox (administrators only).
    'GET /api/outbox': { roles: ADMIN, prepare: async () => ({ path: '/api/outbox' }) },
    'POST /api/rounds/{roundId}/measures/{id}/reports': {
      roles: REPORTERS,
      prepare: async (t) => {
        const { path, etag } = await assignedMeasure(t);
        return { path: `${path}/reports`, body: REPORT_BODY, headers: ifMatch(etag) };
      },
    },
  };
}
