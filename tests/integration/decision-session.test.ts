import { beforeAll, describe, expect, it } from 'vitest';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { seedSecondMunicipality } from '../setup/municipalities';
import { expectOneAudit, useFreshTable } from '../setup/table';

/** The decision-maker session of a round: date, place and attendance by category, saved with If-Match. */
const table = useFreshTable({ seed: true });
useLocalAuth();

const CLOSED_ROUND = '00000000-0000-4000-8000-000000000501';
const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const ATTENDANCE = {
  electedOfficials: 6,
  officials: 9,
  wellbeingServicesCounty: 3,
  police: 2,
  organisations: 5,
  facilitatorsAndClerks: 6,
  residents: 14,
};
const body = (over: object = {}) => ({ date: '2027-04-20', place: 'Valtuustosali', attendance: ATTENDANCE, ...over });

async function newRound(who: Parameters<typeof call>[0] = 'coordinator') {
  const res = await call(who, 'POST', '/api/rounds', {
    name: { fi: 'Kevät 2027' },
    period: { start: '2027-02-01', end: '2027-05-31' },
    populationGroupIds: [],
    organisationIds: [],
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

let roundId = '';
beforeAll(async () => {
  roundId = await newRound();
});

describe('the decision-maker session', () => {
  it('reads as empty at version 0 before the first save, for coordinators and council members', async () => {
    for (const role of ['coordinator', 'councilMember'] as const) {
      const res = await call(role, 'GET', `/api/rounds/${roundId}/decision-session`);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('etag')).toBe('"0"');
      expect(res.body).toEqual({
        roundId,
        version: 0,
        attendance: Object.fromEntries(Object.keys(ATTENDANCE).map((k) => [k, 0])),
      });
    }
    expectError(await call('organisationStaff', 'GET', `/api/rounds/${roundId}/decision-session`), 403, 'forbidden');
  });

  it('is saved with If-Match "0" first, then at its version; each save audited; a stale save is 409', async () => {
    const path = `/api/rounds/${roundId}/decision-session`;
    let before = await table.snapshot();
    const first = await call('coordinator', 'PUT', path, body(), ifMatch(0));
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.body).toMatchObject({ roundId, date: '2027-04-20', place: 'Valtuustosali', attendance: ATTENDANCE });
    expectOneAudit(before, await table.snapshot(), 'decisionSession.save', roundId);

    before = await table.snapshot();
    expectError(await call('coordinator', 'PUT', path, body({ place: 'Toinen' }), ifMatch(0)), 409, 'version_conflict');
    expect(await table.snapshot()).toEqual(before);

    const second = await call(
      'coordinator',
      'PUT',
      path,
      body({ attendance: { ...ATTENDANCE, police: 3 } }),
      ifMatch(1),
    );
    expect(second.status, second.text).toBe(200);
    expect(second.body).toMatchObject({ version: 2, attendance: { police: 3 } });
    expectOneAudit(before, await table.snapshot(), 'decisionSession.save', roundId);

    before = await table.snapshot();
    expectError(await call('coordinator', 'PUT', path, body(), ifMatch(1)), 409, 'version_conflict');
    expectError(await call('coordinator', 'PUT', path, body()), 428, 'precondition_required');
    expect(await table.snapshot()).toEqual(before);
    expect((await call('councilMember', 'GET', path)).body).toMatchObject({ version: 2, attendance: { police: 3 } });
  });

  it.each([
    [{ attendance: { ...ATTENDANCE, police: -1 } }, 'attendance.police'],
    [{ attendance: { ...ATTENDANCE, residents: 10_001 } }, 'attendance.residents'],
    [{ attendance: { ...ATTENDANCE, residents: 2.5 } }, 'attendance.residents'],
    [{ attendance: { ...ATTENDANCE, journalists: 2 } }, 'attendance.journalists'],
    [{ attendance: { officials: 3 } }, 'attendance.police'],
    [{ date: '20.4.2027' }, 'date'],
    [{ place: '' }, 'place'],
    [{ place: 'x'.repeat(201) }, 'place'],
  ])('refuses %j naming %s, writing nothing', async (over, field) => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'PUT', `/api/rounds/${roundId}/decision-session`, body(over), ifMatch(2));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await table.snapshot()).toEqual(before);
  });

  it('of a closed round no longer changes (409 round_closed), but still reads', async () => {
    const path = `/api/rounds/${CLOSED_ROUND}/decision-session`;
    const current = await call('coordinator', 'GET', path);
    expect(current.body.version).toBe(1);
    const before = await table.snapshot();
    expectError(await call('coordinator', 'PUT', path, body(), ifMatch(1)), 409, 'round_closed');
    expect(await table.snapshot()).toEqual(before);
  });

  it('of another municipality is not found, and stays as it was', async () => {
    const other = await seedSecondMunicipality();
    const theirs = await newRound(other.coordinator);
    const path = `/api/rounds/${theirs}/decision-session`;
    expect((await call(other.coordinator, 'PUT', path, body(), ifMatch(0))).status).toBe(200);
    const before = await table.snapshot('naapurikunta');
    expectError(await call('coordinator', 'GET', path), 404, 'not_found');
    expectError(await call('coordinator', 'PUT', path, body(), ifMatch(1)), 404, 'not_found');
    expect(await table.snapshot('naapurikunta')).toEqual(before);
  });
});
