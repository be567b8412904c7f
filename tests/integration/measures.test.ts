import type { Principal, Role } from '@sillat/shared/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { seedSecondMunicipality, TENANT_A, type Tenant } from '../setup/municipalities';
// Through route-fixtures.ts, which the measures' fixtures extend (the same order the matrix loads them in).
import '../setup/route-fixtures';
import { confirmedMeasure, REPORT_BODY } from '../setup/route-fixtures-measures';
import { expectOneAudit, type TableSnapshot, useFreshTable } from '../setup/table';

/**
 * Measures of a confirmed plan: responsibility (owner, contributors, "my
 * measures"), progress reports with a timeline, optimistic locking.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const DEMO_ORG = '00000000-0000-4000-8000-000000000301';
const DEMO_DISTRICT = '00000000-0000-4000-8000-000000000101';
const MISSING = '00000000-0000-4000-8000-999999999999';
/** Spring 2025, closed; its first measure is the demo owner's. */
const CLOSED_ROUND = '00000000-0000-4000-8000-000000000501';

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((x) => x.id);
const membersOf = (snap: TableSnapshot, id: string) =>
  snap.items
    .filter((i) => String(i.sk).includes(`#MEASURE#${id}#WHO#`))
    .map((i) => i.userId)
    .sort();
const reportsOf = (snap: TableSnapshot, id: string) =>
  snap.items.filter((i) => String(i.sk).includes(`#MEASURE#${id}#REPORT#`));

let measure = { roundId: '', id: '', path: '' };

beforeAll(async () => {
  measure = await confirmedMeasure(TENANT_A);
});

describe('measures of a confirmed plan', () => {
  it('exist once the plan is confirmed: a copy of the candidate, nobody responsible yet', async () => {
    const res = await call('coordinator', 'GET', measure.path);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toEqual({
      measure: {
        id: measure.id,
        roundId: measure.roundId,
        title: 'Iltakävelyt',
        description: 'Asukkaat ja poliisi kävelevät yhdessä.',
        aspects: ['safety'],
        populationGroupIds: [],
        districtIds: [],
        contributors: [],
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      reports: [],
    });
    expect(ids(await call('councilMember', 'GET', '/api/measures'))).toContain(measure.id);
    expect(ids(await call('measureOwner', 'GET', '/api/measures'))).not.toContain(measure.id);
  });

  it('get an owner and contributors from the coordinator: audited, membership items written', async () => {
    const before = await table.snapshot();
    const body = {
      ownerId: DEMO.measureOwner.userId,
      contributors: [
        { kind: 'user', userId: DEMO.organisationStaff.userId },
        { kind: 'organisation', organisationId: DEMO_ORG },
        { kind: 'districtLiaison', districtId: DEMO_DISTRICT },
      ],
    };
    const res = await call('coordinator', 'PUT', `${measure.path}/responsibility`, body, ifMatch(1));
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ ...body, version: 2 });
    const after = await table.snapshot();
    expectOneAudit(before, after, 'measure.assign', measure.id);
    expect(membersOf(after, measure.id)).toEqual([DEMO.organisationStaff.userId, DEMO.measureOwner.userId].sort());

    const stale = await table.snapshot();
    expectError(
      await call('coordinator', 'PUT', `${measure.path}/responsibility`, body, ifMatch(1)),
      409,
      'version_conflict',
    );
    expect(await table.snapshot()).toEqual(stale);
  });

  it('appear in "my measures" of the owner and of contributor users, not of others', async () => {
    expect(ids(await call('measureOwner', 'GET', '/api/measures'))).toContain(measure.id);
    expect(ids(await call('organisationStaff', 'GET', '/api/measures'))).toContain(measure.id);
    const filtered = await call(
      'coordinator',
      'GET',
      `/api/measures?ownerId=${DEMO.measureOwner.userId}&aspect=safety`,
    );
    expect(ids(filtered)).toContain(measure.id);
    expect(ids(await call('coordinator', 'GET', '/api/measures?aspect=attitudes'))).not.toContain(measure.id);
    expect(ids(await call('coordinator', 'GET', `/api/measures?districtId=${DEMO_DISTRICT}`))).not.toContain(
      measure.id,
    );
    expectError(await call('coordinator', 'GET', '/api/measures?aspect=luck'), 400, 'validation_failed');
  });

  it('save reports into a timeline, newest first; the ETag is the measure’s version', async () => {
    const first = await call('measureOwner', 'POST', `${measure.path}/reports`, REPORT_BODY, ifMatch(2));
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('etag')).toBe('"3"');
    expect(first.body).toMatchObject({ ...REPORT_BODY, authorId: DEMO.measureOwner.userId, version: 3 });
    const before = await table.snapshot();
    const atRisk = { status: 'atRisk', progress: 45, narrative: 'Poliisi ei ehdi.', evidenceLinks: [] };
    const second = await call('organisationStaff', 'POST', `${measure.path}/reports`, atRisk, ifMatch(3));
    expect(second.status, second.text).toBe(201);
    expectOneAudit(before, await table.snapshot(), 'measure.report', measure.id, DEMO.organisationStaff);

    const res = await call('measureOwner', 'GET', measure.path);
    expect(res.body.measure).toMatchObject({ lastStatus: 'atRisk', progress: 45, version: 4 });
    expect(res.body.measure.lastReportAt).toBe(second.body.createdAt);
    expect(res.body.reports.map((r: { id: string }) => r.id)).toEqual([second.body.id, first.body.id]);
    // At risk comes first in the overview.
    expect(ids(await call('coordinator', 'GET', '/api/measures'))[0]).toBe(measure.id);
  });

  it('two people saving the same version: one 201, one 409, and the loser sees the other’s report', async () => {
    const before = await table.snapshot();
    const [a, b] = await Promise.all(
      (['measureOwner', 'organisationStaff'] as Role[]).map((who) =>
        call(who, 'POST', `${measure.path}/reports`, { ...REPORT_BODY, narrative: who }, ifMatch(4)),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    const [won, lost] = a!.status === 201 ? [a!, b!] : [b!, a!];
    expectError(lost, 409, 'version_conflict');
    const after = await table.snapshot();
    expect(reportsOf(after, measure.id).length - reportsOf(before, measure.id).length).toBe(1);
    expectOneAudit(before, after, 'measure.report', measure.id, won === a ? DEMO.measureOwner : DEMO.organisationStaff);

    const reread = await call(lost === a ? 'measureOwner' : 'organisationStaff', 'GET', measure.path);
    expect(reread.headers.get('etag')).toBe('"5"');
    expect(reread.body.reports[0]).toEqual(won.body);
  });

  it('refuses bad reports and bad assignments with 400 naming the fields, writing nothing', async () => {
    const before = await table.snapshot();
    const bad = await call(
      'measureOwner',
      'POST',
      `${measure.path}/reports`,
      {
        status: 'fine',
        progress: 101,
        narrative: 'x'.repeat(2001),
        evidenceLinks: ['http://example.org/plain'],
        checkpointDate: '1.12.2027',
      },
      ifMatch(5),
    );
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['checkpointDate', 'evidenceLinks.0', 'narrative', 'progress', 'status'].sort(),
    );
    const council = DEMO.councilMember.userId;
    const assign = await call(
      'coordinator',
      'PUT',
      `${measure.path}/responsibility`,
      {
        ownerId: council,
        contributors: [
          { kind: 'user', userId: DEMO.organisationStaff.userId },
          { kind: 'organisation', organisationId: MISSING },
          { kind: 'districtLiaison', districtId: MISSING },
          { kind: 'user', userId: MISSING },
        ],
      },
      ifMatch(5),
    );
    expectError(assign, 400, 'validation_failed');
    expect(assign.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'ownerId',
      'contributors.1',
      'contributors.2',
      'contributors.3',
    ]);
    const tooMany = Array.from({ length: 21 }, () => ({ kind: 'organisation', organisationId: DEMO_ORG }));
    const big = await call(
      'coordinator',
      'PUT',
      `${measure.path}/responsibility`,
      { ownerId: DEMO.measureOwner.userId, contributors: tooMany },
      ifMatch(5),
    );
    expectError(big, 400, 'validation_failed');
    expect(big.body.error.details.map((d: { field: string }) => d.field)).toContain('contributors');
    expect(await table.snapshot()).toEqual(before);
  });

  it('reassigning replaces the membership items: the old owner loses the measure (404)', async () => {
    const before = await table.snapshot();
    const res = await call(
      'coordinator',
      'PUT',
      `${measure.path}/responsibility`,
      { ownerId: DEMO.coordinator.userId, contributors: [{ kind: 'user', userId: DEMO.organisationStaff.userId }] },
      ifMatch(5),
    );
    expect(res.status, res.text).toBe(200);
    const after = await table.snapshot();
    expectOneAudit(before, after, 'measure.assign', measure.id);
    expect(membersOf(after, measure.id)).toEqual([DEMO.coordinator.userId, DEMO.organisationStaff.userId].sort());
    expect(ids(await call('measureOwner', 'GET', '/api/measures'))).not.toContain(measure.id);
    expectError(await call('measureOwner', 'GET', measure.path), 404, 'not_found');
    const untouched = await table.snapshot();
    const report = await call('measureOwner', 'POST', `${measure.path}/reports`, REPORT_BODY, ifMatch(6));
    expectError(report, 404, 'not_found');
    expect(await table.snapshot()).toEqual(untouched);
    expect((await call('organisationStaff', 'GET', measure.path)).status).toBe(200);
  });

  it('of a closed round refuse reports and reassignment (409 round_closed), writing nothing', async () => {
    const mine = (await call('measureOwner', 'GET', '/api/measures')).body.items as { id: string; roundId: string }[];
    const closed = mine.find((x) => x.roundId === CLOSED_ROUND)!;
    const path = `/api/rounds/${CLOSED_ROUND}/measures/${closed.id}`;
    const etag = (await call('measureOwner', 'GET', path)).headers.get('etag')!;
    const before = await table.snapshot();
    expectError(
      await call('measureOwner', 'POST', `${path}/reports`, REPORT_BODY, { 'If-Match': etag }),
      409,
      'round_closed',
    );
    expectError(
      await call(
        'coordinator',
        'PUT',
        `${path}/responsibility`,
        { ownerId: DEMO.coordinator.userId, contributors: [] },
        { 'If-Match': etag },
      ),
      409,
      'round_closed',
    );
    expect(await table.snapshot()).toEqual(before);
  });
});

describe('another municipality', () => {
  let tenantB: Tenant;
  let principalsB: Record<Role, Principal>;
  beforeAll(async () => {
    principalsB = await seedSecondMunicipality();
    tenantB = { id: 'naapurikunta', coordinator: principalsB.coordinator, administrator: principalsB.administrator };
  });

  it('sees none of the demo’s measures, and the demo none of its own', async () => {
    const theirs = await confirmedMeasure(tenantB);
    const demoIds = ids(await call('coordinator', 'GET', '/api/measures'));
    expect(demoIds).not.toContain(theirs.id);
    expect(demoIds).toContain(measure.id);
    const bIds = ids(await call(principalsB.coordinator, 'GET', '/api/measures'));
    expect(bIds).toEqual([theirs.id]);
    expectError(await call('coordinator', 'GET', theirs.path), 404, 'not_found');
    expectError(await call(principalsB.councilMember, 'GET', measure.path), 404, 'not_found');
    // A demo user cannot be made owner there: they are not a user of that municipality.
    const res = await call(
      principalsB.coordinator,
      'PUT',
      `${theirs.path}/responsibility`,
      { ownerId: DEMO.measureOwner.userId, contributors: [] },
      ifMatch(1),
    );
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'ownerId', message: expect.any(String) }]);
  });
});
