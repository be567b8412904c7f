import { beforeAll, describe, expect, it } from 'vitest';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { seedSecondMunicipality } from '../setup/municipalities';
import { expectOneAudit, useFreshTable } from '../setup/table';

/** The action plan: one to four candidate measures, a draft until confirmed, then fixed. */
const table = useFreshTable({ seed: true });
useLocalAuth();

const CLOSED_ROUND = '00000000-0000-4000-8000-000000000501';
const MISSING = '00000000-0000-4000-8000-999999999999';
const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const ROUND_BODY = {
  name: { fi: 'Kevät 2027' },
  period: { start: '2027-02-01', end: '2027-05-31' },
  populationGroupIds: [],
  organisationIds: [],
};

let round = '';
let plan = '';
let candidates: string[] = [];

async function candidateIn(roundPath: string, title: string) {
  const res = await call('coordinator', 'POST', `${roundPath}/candidates`, {
    title,
    description: '',
    aspects: ['participation'],
    populationGroupIds: [],
    districtIds: [],
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  round = `/api/rounds/${(await call('coordinator', 'POST', '/api/rounds', ROUND_BODY)).body.id}`;
  plan = `${round}/action-plan`;
  candidates = [];
  for (const t of ['Yksi', 'Kaksi', 'Kolme', 'Neljä', 'Viisi']) candidates.push(await candidateIn(round, t));
});

describe('the action plan', () => {
  it('is an empty draft at version 0 before the first save, for everyone signed in', async () => {
    for (const role of ['coordinator', 'measureOwner', 'councilMember', 'organisationStaff'] as const) {
      const res = await call(role, 'GET', plan);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('etag')).toBe('"0"');
      expect(res.body).toEqual({ roundId: round.split('/').pop(), candidateIds: [], status: 'draft', version: 0 });
    }
  });

  it('cannot be confirmed while empty (409 plan_empty), saved or not, writing nothing', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `${plan}/confirm`, undefined, ifMatch(0));
    expectError(res, 409, 'plan_empty');
    expect(res.body.error.message).toBe('Choose at least one measure before confirming the plan.');
    expect(await table.snapshot()).toEqual(before);

    const other = `/api/rounds/${(await call('coordinator', 'POST', '/api/rounds', ROUND_BODY)).body.id}/action-plan`;
    expect((await call('coordinator', 'PUT', other, { candidateIds: [] }, ifMatch(0))).status).toBe(200);
    const saved = await table.snapshot();
    expectError(await call('coordinator', 'POST', `${other}/confirm`, undefined, ifMatch(1)), 409, 'plan_empty');
    expect(await table.snapshot()).toEqual(saved);
  });

  it('refuses a fifth measure with the message people see, writing nothing', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'PUT', plan, { candidateIds: candidates }, ifMatch(0));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([
      { field: 'candidateIds', message: 'An action plan has one to four measures.' },
    ]);
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a candidate that does not exist in the round, naming it, writing nothing', async () => {
    const before = await table.snapshot();
    const closedRoundCandidate = '00000000-0000-4000-8000-000000001000';
    for (const unknown of [MISSING, closedRoundCandidate]) {
      const res = await call('coordinator', 'PUT', plan, { candidateIds: [candidates[0], unknown] }, ifMatch(0));
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.details).toEqual([
        { field: 'candidateIds.1', message: 'No such candidate measure in this round.' },
      ]);
    }
    expect(await table.snapshot()).toEqual(before);
  });

  it('saves one to four measures with If-Match, audited; a stale save is 409', async () => {
    let before = await table.snapshot();
    const first = await call('coordinator', 'PUT', plan, { candidateIds: candidates.slice(0, 2) }, ifMatch(0));
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.body).toMatchObject({ candidateIds: candidates.slice(0, 2), status: 'draft', version: 1 });
    expectOneAudit(before, await table.snapshot(), 'actionPlan.save', round.split('/').pop()!);

    before = await table.snapshot();
    expectError(await call('coordinator', 'PUT', plan, { candidateIds: [] }, ifMatch(0)), 409, 'version_conflict');
    expectError(await call('coordinator', 'PUT', plan, { candidateIds: [] }, ifMatch(3)), 409, 'version_conflict');
    expect(await table.snapshot()).toEqual(before);

    const four = candidates.slice(0, 4);
    const res = await call('coordinator', 'PUT', plan, { candidateIds: [...four, four[0]] }, ifMatch(1));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ candidateIds: four, version: 2 });
    expectError(await call('measureOwner', 'PUT', plan, { candidateIds: [] }, ifMatch(2)), 403, 'forbidden');
  });

  it('is confirmed at its version, audited, and then no longer changes', async () => {
    let before = await table.snapshot();
    expectError(await call('coordinator', 'POST', `${plan}/confirm`, undefined, ifMatch(1)), 409, 'version_conflict');
    expect(await table.snapshot()).toEqual(before);
    const res = await call('coordinator', 'POST', `${plan}/confirm`, undefined, ifMatch(2));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String), version: 3 });
    expect(res.body.candidateIds).toHaveLength(4);
    expectOneAudit(before, await table.snapshot(), 'actionPlan.confirm', round.split('/').pop()!);

    before = await table.snapshot();
    expectError(await call('coordinator', 'PUT', plan, { candidateIds: [] }, ifMatch(3)), 409, 'plan_confirmed');
    expectError(await call('coordinator', 'POST', `${plan}/confirm`, undefined, ifMatch(3)), 409, 'plan_confirmed');
    expectError(
      await call('coordinator', 'DELETE', `${round}/candidates/${candidates[0]}`, undefined, ifMatch(1)),
      409,
      'candidate_in_plan',
    );
    expect(await table.snapshot()).toEqual(before);
    // A candidate left out can still go.
    expect(
      (await call('coordinator', 'DELETE', `${round}/candidates/${candidates[4]}`, undefined, ifMatch(1))).status,
    ).toBe(204);
  });

  it('of a closed round no longer changes (409 round_closed), writing nothing', async () => {
    const closed = `/api/rounds/${CLOSED_ROUND}/action-plan`;
    const current = await call('councilMember', 'GET', closed);
    expect(current.body.status).toBe('confirmed');
    const before = await table.snapshot();
    expectError(
      await call('coordinator', 'PUT', closed, { candidateIds: [] }, ifMatch(current.body.version)),
      409,
      'round_closed',
    );
    expectError(
      await call('coordinator', 'POST', `${closed}/confirm`, undefined, ifMatch(current.body.version)),
      409,
      'round_closed',
    );
    expect(await table.snapshot()).toEqual(before);
  });

  it('of another municipality is invisible and unchanged', async () => {
    const other = await seedSecondMunicipality();
    const theirRound = `/api/rounds/${(await call(other.coordinator, 'POST', '/api/rounds', ROUND_BODY)).body.id}`;
    const id = (
      await call(other.coordinator, 'POST', `${theirRound}/candidates`, {
        title: 'Naapurin toimenpide',
        description: '',
        aspects: ['safety'],
        populationGroupIds: [],
        districtIds: [],
      })
    ).body.id;
    expect(
      (await call(other.coordinator, 'PUT', `${theirRound}/action-plan`, { candidateIds: [id] }, ifMatch(0))).status,
    ).toBe(200);
    const bBefore = await table.snapshot('naapurikunta');
    expectError(await call('coordinator', 'GET', `${theirRound}/action-plan`), 404, 'not_found');
    expectError(
      await call('coordinator', 'PUT', `${theirRound}/action-plan`, { candidateIds: [] }, ifMatch(1)),
      404,
      'not_found',
    );
    expectError(
      await call('coordinator', 'POST', `${theirRound}/action-plan/confirm`, undefined, ifMatch(1)),
      404,
      'not_found',
    );
    // Their candidate cannot be put into one of our plans either.
    const ours = `/api/rounds/${(await call('coordinator', 'POST', '/api/rounds', ROUND_BODY)).body.id}/action-plan`;
    const mid = await table.snapshot();
    const res = await call('coordinator', 'PUT', ours, { candidateIds: [id] }, ifMatch(0));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details[0].field).toBe('candidateIds.0');
    expect(await table.snapshot()).toEqual(mid);
    expect(await table.snapshot('naapurikunta')).toEqual(bBefore);
  });
});
