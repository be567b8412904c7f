import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { DEMO_DISTRICTS, DEMO_GROUPS } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError, request } from '../setup/http';
import { seedSecondMunicipality } from '../setup/municipalities';
import { expectOneAudit, useFreshTable } from '../setup/table';

/** Candidate measures: what the board's ideas became, targeting aspects, groups and districts. */
const table = useFreshTable({ seed: true });
useLocalAuth();

/** Spring 2026 (monitoring): its cards and a board idea to point at. Spring 2025 is closed. */
const ROUND = '00000000-0000-4000-8000-000000000502';
const CLOSED_ROUND = '00000000-0000-4000-8000-000000000501';
const SEEDED_CLOSED_CANDIDATE = '00000000-0000-4000-8000-000000001000';
const SEEDED_PLANNED_CANDIDATE = '00000000-0000-4000-8000-000000001100';
const MISSING = '00000000-0000-4000-8000-999999999999';
const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const path = `/api/rounds/${ROUND}/candidates`;

let cardId = '';
let ideaId = '';
const input = (over: object = {}) => ({
  title: 'Yhteiset iltakävelyt',
  description: 'Asukkaat ja poliisi kävelevät yhdessä kerran kuussa.',
  aspects: ['safety', 'interaction'],
  populationGroupIds: [DEMO_GROUPS[0]!.id, DEMO_GROUPS[2]!.id],
  districtIds: [DEMO_DISTRICTS[0]!.id],
  ...over,
});

beforeAll(async () => {
  cardId = (await call('coordinator', 'GET', `/api/rounds/${ROUND}/cards`)).body.items[0].id;
  const board = await call('coordinator', 'POST', `/api/rounds/${ROUND}/board/open`, { tables: 2 });
  const idea = await request(app, 'POST', `/api/boards/${board.body.token}/tables/1/ideas`, {
    kind: 'reduceBad',
    text: 'Kävelyretkiä illalla.',
  });
  ideaId = idea.body.id;
});

describe('candidate measures', () => {
  it('are written down by the coordinator, traced to ideas and cards, audited', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', path, input({ ideaIds: [ideaId], cardIds: [cardId] }));
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toEqual({
      ...input(),
      id: expect.any(String),
      roundId: ROUND,
      ideaIds: [ideaId],
      cardIds: [cardId],
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expectOneAudit(before, await table.snapshot(), 'candidate.create', res.body.id);
    const listed = await call('measureOwner', 'GET', path);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
    expect(listed.body.items.at(-1)).toEqual(res.body);
  });

  it('default to no ideas and no cards', async () => {
    const res = await call('coordinator', 'POST', path, input());
    expect(res.body).toMatchObject({ ideaIds: [], cardIds: [] });
  });

  it.each([
    [{ populationGroupIds: [DEMO_GROUPS[0]!.id, MISSING] }, 'populationGroupIds.1'],
    [{ districtIds: [MISSING] }, 'districtIds.0'],
    [{ ideaIds: [MISSING] }, 'ideaIds.0'],
    [{ cardIds: [MISSING] }, 'cardIds.0'],
  ])('refuse unknown references %j naming %s, writing nothing', async (over, field) => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', path, input(over));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field, message: 'No such item.' }]);
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuse a card of another round', async () => {
    const other = (await call('coordinator', 'GET', `/api/rounds/${CLOSED_ROUND}/cards`)).body.items[0].id;
    const res = await call('coordinator', 'POST', path, input({ cardIds: [other] }));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details[0].field).toBe('cardIds.0');
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ description: 'x'.repeat(4001) }, 'description'],
    [{ aspects: [] }, 'aspects'],
    [{ aspects: ['safety', 'safety'] }, 'aspects'],
    [{ aspects: ['empathy'] }, 'aspects.0'],
    [{ populationGroupIds: ['x'] }, 'populationGroupIds.0'],
  ])('refuse %j naming %s, writing nothing', async (over, field) => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', path, input(over));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await table.snapshot()).toEqual(before);
  });

  it('change with If-Match, audited; a stale change is 409 and writes nothing', async () => {
    const created = await call('coordinator', 'POST', path, input());
    const item = `${path}/${created.body.id}`;
    let before = await table.snapshot();
    const res = await call('coordinator', 'PATCH', item, { title: 'Kävelyt', aspects: ['safety'] }, ifMatch(1));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ title: 'Kävelyt', aspects: ['safety'], version: 2 });
    expectOneAudit(before, await table.snapshot(), 'candidate.update', created.body.id);
    before = await table.snapshot();
    expectError(await call('coordinator', 'PATCH', item, { title: 'Vanha' }, ifMatch(1)), 409, 'version_conflict');
    const bad = await call('coordinator', 'PATCH', item, { districtIds: [MISSING] }, ifMatch(2));
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details).toEqual([{ field: 'districtIds.0', message: 'No such item.' }]);
    expectError(await call('coordinator', 'PATCH', item, {}, ifMatch(2)), 400, 'validation_failed');
    expect(await table.snapshot()).toEqual(before);
  });

  it('are deleted with If-Match, audited; stale or repeated deletes are refused', async () => {
    const created = await call('coordinator', 'POST', path, input());
    const item = `${path}/${created.body.id}`;
    let before = await table.snapshot();
    expectError(await call('coordinator', 'DELETE', item, undefined, ifMatch(2)), 409, 'version_conflict');
    expect(await table.snapshot()).toEqual(before);
    const res = await call('coordinator', 'DELETE', item, undefined, ifMatch(1));
    expect(res.status, res.text).toBe(204);
    const after = await table.snapshot();
    expectOneAudit(before, after, 'candidate.delete', created.body.id);
    expect(after.items.some((i) => i.id === created.body.id)).toBe(false);
    before = after;
    expectError(await call('coordinator', 'DELETE', item, undefined, ifMatch(1)), 404, 'not_found');
    expect(await table.snapshot()).toEqual(before);
  });

  it('cannot be deleted while the action plan includes them', async () => {
    // The seeded, confirmed plan of spring 2026 includes its first candidate.
    const plan = await call('coordinator', 'GET', `/api/rounds/${ROUND}/action-plan`);
    expect(plan.body.candidateIds).toContain(SEEDED_PLANNED_CANDIDATE);
    let before = await table.snapshot();
    const res = await call('coordinator', 'DELETE', `${path}/${SEEDED_PLANNED_CANDIDATE}`, undefined, ifMatch(1));
    expectError(res, 409, 'candidate_in_plan');
    expect(res.body.error.message).toMatch(/action plan/);
    expect(await table.snapshot()).toEqual(before);

    // In a draft plan too; out of the plan, it can go.
    const round = await call('coordinator', 'POST', '/api/rounds', {
      name: { fi: 'Kevät 2027' },
      period: { start: '2027-02-01', end: '2027-05-31' },
      populationGroupIds: [],
      organisationIds: [],
    });
    const fresh = `/api/rounds/${round.body.id}`;
    const inPlan = await call('coordinator', 'POST', `${fresh}/candidates`, input());
    await call('coordinator', 'PUT', `${fresh}/action-plan`, { candidateIds: [inPlan.body.id] }, ifMatch(0));
    before = await table.snapshot();
    const refused = await call('coordinator', 'DELETE', `${fresh}/candidates/${inPlan.body.id}`, undefined, ifMatch(1));
    expectError(refused, 409, 'candidate_in_plan');
    expect(await table.snapshot()).toEqual(before);
    await call('coordinator', 'PUT', `${fresh}/action-plan`, { candidateIds: [] }, ifMatch(1));
    const gone = await call('coordinator', 'DELETE', `${fresh}/candidates/${inPlan.body.id}`, undefined, ifMatch(1));
    expect(gone.status, gone.text).toBe(204);
  });

  it('of a closed round no longer change (409 round_closed), writing nothing', async () => {
    const closed = `/api/rounds/${CLOSED_ROUND}/candidates`;
    expect((await call('councilMember', 'GET', closed)).body.items.length).toBeGreaterThan(0);
    const before = await table.snapshot();
    expectError(await call('coordinator', 'POST', closed, input()), 409, 'round_closed');
    expectError(
      await call('coordinator', 'PATCH', `${closed}/${SEEDED_CLOSED_CANDIDATE}`, { title: 'Uusi' }, ifMatch(1)),
      409,
      'round_closed',
    );
    expectError(
      await call('coordinator', 'DELETE', `${closed}/${SEEDED_CLOSED_CANDIDATE}`, undefined, ifMatch(1)),
      409,
      'round_closed',
    );
    expect(await table.snapshot()).toEqual(before);
  });

  it('of another municipality are invisible and unchanged', async () => {
    const other = await seedSecondMunicipality();
    const round = await call(other.coordinator, 'POST', '/api/rounds', {
      name: { fi: 'Naapurin kevät' },
      period: { start: '2027-02-01', end: '2027-05-31' },
      populationGroupIds: [],
      organisationIds: [],
    });
    const theirs = `/api/rounds/${round.body.id}/candidates`;
    const created = await call(other.coordinator, 'POST', theirs, input({ populationGroupIds: [], districtIds: [] }));
    expect(created.status, created.text).toBe(201);
    const bBefore = await table.snapshot('naapurikunta');
    expectError(await call('coordinator', 'GET', theirs), 404, 'not_found');
    expectError(
      await call('coordinator', 'PATCH', `${theirs}/${created.body.id}`, { title: 'x' }, ifMatch(1)),
      404,
      'not_found',
    );
    expectError(
      await call('coordinator', 'DELETE', `${theirs}/${created.body.id}`, undefined, ifMatch(1)),
      404,
      'not_found',
    );
    // Their candidate's id under one of our rounds names nothing either.
    expectError(
      await call('coordinator', 'DELETE', `${path}/${created.body.id}`, undefined, ifMatch(1)),
      404,
      'not_found',
    );
    expect(await table.snapshot('naapurikunta')).toEqual(bBefore);
    const ours = await call('coordinator', 'GET', path);
    expect(ours.text.includes(created.body.id)).toBe(false);
  });
});
