import { randomUUID } from 'node:crypto';
import type { Tenant } from './municipalities';
import { COORD, ifMatch, ok, type RouteFixture } from './route-fixtures';

/**
 * Request fixtures for the feedback survey: the staff routes, the public
 * answer route and the public survey pages at /s (see route-fixtures.ts).
 */
const READERS = ['coordinator', 'councilMember'] as const;

const newRound = async (t: Tenant) =>
  (
    await ok(t.coordinator, 'POST', '/api/rounds', {
      name: { fi: 'Kyselykierros' },
      period: { start: '2027-09-01', end: '2027-12-15' },
      populationGroupIds: [],
      organisationIds: [],
    })
  ).body.id as string;

/** A round whose survey is open: its id, code and current version. */
async function openSurvey(t: Tenant) {
  const roundId = await newRound(t);
  const res = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/survey/open`, {}, ifMatch('"0"'));
  return { roundId, code: res.body.code as string, etag: res.headers.get('etag') };
}

const answer = () => ({ deviceId: randomUUID(), submissionId: randomUUID(), answers: { usefulness: 4 } });

export function surveyFixtures(): Record<string, RouteFixture> {
  return {
    'GET /api/rounds/{roundId}/survey': {
      roles: READERS,
      prepare: async (t) => ({ path: `/api/rounds/${await newRound(t)}/survey` }),
    },
    'PUT /api/rounds/{roundId}/survey/instrument': {
      roles: COORD,
      prepare: async (t) => ({
        path: `/api/rounds/${await newRound(t)}/survey/instrument`,
        body: { questions: { usefulness: { text: { fi: 'Oliko tilaisuudesta hyötyä?' } } } },
        headers: ifMatch('"0"'),
      }),
    },
    'POST /api/rounds/{roundId}/survey/open': {
      roles: COORD,
      prepare: async (t) => ({
        path: `/api/rounds/${await newRound(t)}/survey/open`,
        body: {},
        headers: ifMatch('"0"'),
      }),
    },
    'POST /api/rounds/{roundId}/survey/close': {
      roles: COORD,
      prepare: async (t) => {
        const { roundId, etag } = await openSurvey(t);
        return { path: `/api/rounds/${roundId}/survey/close`, headers: ifMatch(etag) };
      },
    },
    'GET /api/rounds/{roundId}/survey/results': {
      roles: COORD,
      prepare: async (t) => ({ path: `/api/rounds/${(await openSurvey(t)).roundId}/survey/results` }),
    },
    'POST /api/surveys/{code}/responses': {
      roles: 'public',
      prepare: async (t) => ({ path: `/api/surveys/${(await openSurvey(t)).code}/responses`, body: answer() }),
    },
    'GET /s': { roles: 'public', prepare: async () => ({ path: '/s' }) },
    'GET /s/{code}': { roles: 'public', prepare: async (t) => ({ path: `/s/${(await openSurvey(t)).code}` }) },
    'GET /s/{code}/thanks': {
      roles: 'public',
      prepare: async (t) => ({ path: `/s/${(await openSurvey(t)).code}/thanks` }),
    },
    'POST /s/{code}': {
      roles: 'public',
      prepare: async (t) => {
        const { deviceId, submissionId } = answer();
        return {
          path: `/s/${(await openSurvey(t)).code}`,
          body: new URLSearchParams({ deviceId, submissionId, usefulness: '4' }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        };
      },
    },
  };
}
