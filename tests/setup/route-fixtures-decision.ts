import type { Role } from '@sillat/shared/auth';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import type { Tenant } from './municipalities';
import { ALL, COORD, ifMatch, ok, type RouteFixture, unique } from './route-fixtures';

/**
 * Request fixtures for the decision-maker session's routes: the session, the
 * "more of this, less of that" board (staff and public), candidate measures
 * and the action plan (see route-fixtures.ts).
 */
const ROUND_BODY = {
  name: { fi: 'Syksy 2027', sv: 'Hösten 2027' },
  period: { start: '2027-09-01', end: '2027-12-15' },
  populationGroupIds: [],
  organisationIds: [],
};

const newRound = async (t: Tenant) => (await ok(t.coordinator, 'POST', '/api/rounds', ROUND_BODY)).body.id as string;

/** A round with one experience card in its deck, made the way a coordinator makes one. */
async function roundWithCard(t: Tenant) {
  let ids: { group: string; district: string; org: string };
  if (t.id === 'demo') {
    ids = { group: DEMO_GROUPS[2]!.id, district: DEMO_DISTRICTS[1]!.id, org: DEMO_ORGANISATIONS[1]!.id };
  } else {
    const [group, district, org] = await Promise.all(
      ['/api/population-groups', '/api/districts', '/api/organisations'].map((p) =>
        ok(t.coordinator, 'POST', p, { name: { fi: `Pöytä ${unique()}` } }),
      ),
    );
    ids = { group: group!.body.id, district: district!.body.id, org: org!.body.id };
  }
  const roundId = (
    await ok(t.coordinator, 'POST', '/api/rounds', {
      ...ROUND_BODY,
      populationGroupIds: [ids.group],
      organisationIds: [ids.org],
    })
  ).body.id as string;
  const session = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/sessions`, {
    populationGroupId: ids.group,
    districtId: ids.district,
    organisationId: ids.org,
    language: 'fi',
    date: '2027-09-10',
    place: 'Asukastalo',
    notesDeadline: '2027-09-24',
  });
  const path = `/api/rounds/${roundId}/sessions/${session.body.id}`;
  await ok(t.coordinator, 'POST', `${path}/status`, { status: 'held' }, ifMatch('"1"'));
  await ok(
    t.coordinator,
    'PUT',
    `${path}/notes`,
    { language: 'fi', sections: { interaction: 'Kohtaamisia.' } },
    ifMatch('"0"'),
  );
  await ok(t.coordinator, 'POST', `${path}/notes/deliver`, { confirmations: [] }, ifMatch('"1"'));
  await ok(t.coordinator, 'POST', `${path}/notes/approve`, undefined, ifMatch('"2"'));
  const card = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/cards`, {
    sessionId: session.body.id,
    aspect: 'interaction',
    tone: 'positive',
    language: 'fi',
    text: 'Kokkikerhossa tutustuu naapureihin.',
  });
  return { roundId, cardId: card.body.id as string };
}

/** An open board with four tables on a round with a card; the tables' base path. */
async function openBoard(t: Tenant) {
  const { roundId, cardId } = await roundWithCard(t);
  const board = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/board/open`, { tables: 4 });
  return { roundId, cardId, table: `/api/boards/${board.body.token}/tables/2`, etag: board.headers.get('etag') };
}

const CANDIDATE = {
  title: 'Iltakävelyt ostoskeskuksen ympäristössä',
  description: 'Asukkaat ja poliisi kävelevät yhdessä kerran kuussa.',
  aspects: ['safety', 'interaction'],
  populationGroupIds: [],
  districtIds: [],
};

async function candidate(t: Tenant, roundId?: string) {
  const round = roundId ?? (await newRound(t));
  const res = await ok(t.coordinator, 'POST', `/api/rounds/${round}/candidates`, CANDIDATE);
  return { roundId: round, id: res.body.id as string, etag: res.headers.get('etag') };
}

const ATTENDANCE = {
  electedOfficials: 6,
  officials: 9,
  wellbeingServicesCounty: 3,
  police: 2,
  organisations: 5,
  facilitatorsAndClerks: 6,
  residents: 14,
};

export function decisionFixtures(): Record<string, RouteFixture> {
  const READERS: readonly Role[] = ['coordinator', 'councilMember'];
  return {
    'GET /api/rounds/{roundId}/decision-session': {
      roles: READERS,
      prepare: async (t) => ({ path: `/api/rounds/${await newRound(t)}/decision-session` }),
    },
    'PUT /api/rounds/{roundId}/decision-session': {
      roles: COORD,
      prepare: async (t) => ({
        path: `/api/rounds/${await newRound(t)}/decision-session`,
        body: { date: '2027-11-20', place: 'Valtuustosali', attendance: ATTENDANCE },
        headers: ifMatch('"0"'),
      }),
    },
    'GET /api/rounds/{roundId}/board': {
      roles: COORD,
      prepare: async (t) => ({ path: `/api/rounds/${await newRound(t)}/board` }),
    },
    'POST /api/rounds/{roundId}/board/open': {
      roles: COORD,
      prepare: async (t) => ({ path: `/api/rounds/${await newRound(t)}/board/open`, body: { tables: 5 } }),
    },
    'POST /api/rounds/{roundId}/board/close': {
      roles: COORD,
      prepare: async (t) => {
        const roundId = await newRound(t);
        const board = await ok(t.coordinator, 'POST', `/api/rounds/${roundId}/board/open`, { tables: 3 });
        return { path: `/api/rounds/${roundId}/board/close`, headers: ifMatch(board.headers.get('etag')) };
      },
    },
    'GET /api/boards/{token}/tables/{table}': {
      roles: 'public',
      prepare: async (t) => ({ path: (await openBoard(t)).table }),
    },
    'PUT /api/boards/{token}/tables/{table}/marks/{cardId}': {
      roles: 'public',
      prepare: async (t) => {
        const { table, cardId } = await openBoard(t);
        return { path: `${table}/marks/${cardId}`, body: { mark: 'more' } };
      },
    },
    'POST /api/boards/{token}/tables/{table}/ideas': {
      roles: 'public',
      prepare: async (t) => {
        const { table, cardId } = await openBoard(t);
        return {
          path: `${table}/ideas`,
          body: { kind: 'increaseGood', text: 'Kokkikerho kerran viikossa.', cardIds: [cardId] },
        };
      },
    },
    'GET /api/rounds/{roundId}/candidates': {
      roles: ALL,
      prepare: async (t) => ({ path: `/api/rounds/${(await candidate(t)).roundId}/candidates` }),
    },
    'POST /api/rounds/{roundId}/candidates': {
      roles: COORD,
      prepare: async (t) => ({ path: `/api/rounds/${await newRound(t)}/candidates`, body: CANDIDATE }),
    },
    'PATCH /api/rounds/{roundId}/candidates/{id}': {
      roles: COORD,
      prepare: async (t) => {
        const { roundId, id, etag } = await candidate(t);
        return {
          path: `/api/rounds/${roundId}/candidates/${id}`,
          body: { title: 'Yhteiset iltakävelyt' },
          headers: ifMatch(etag),
        };
      },
    },
    'DELETE /api/rounds/{roundId}/candidates/{id}': {
      roles: COORD,
      prepare: async (t) => {
        const { roundId, id, etag } = await candidate(t);
        return { path: `/api/rounds/${roundId}/candidates/${id}`, headers: ifMatch(etag) };
      },
    },
    'GET /api/rounds/{roundId}/action-plan': {
      roles: ALL,
      prepare: async (t) => ({ path: `/api/rounds/${await newRound(t)}/action-plan` }),
    },
    'PUT /api/rounds/{roundId}/action-plan': {
      roles: COORD,
      prepare: async (t) => {
        const { roundId, id } = await candidate(t);
        return { path: `/api/rounds/${roundId}/action-plan`, body: { candidateIds: [id] }, headers: ifMatch('"0"') };
      },
    },
    'POST /api/rounds/{roundId}/action-plan/confirm': {
      roles: COORD,
      prepare: async (t) => {
        const { roundId, id } = await candidate(t);
        const plan = await ok(
          t.coordinator,
          'PUT',
          `/api/rounds/${roundId}/action-plan`,
          { candidateIds: [id] },
          ifMatch('"0"'),
        );
        return { path: `/api/rounds/${roundId}/action-plan/confirm`, headers: ifMatch(plan.headers.get('etag')) };
      },
    },
  };
}
