import type { Principal } from '@sillat/shared/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { expectOneAudit, useFreshTable } from '../setup/table';

/** Sessions: planning, references, the planned ⇄ held status flow, and organisation scoping. */
const table = useFreshTable({ seed: true });
useLocalAuth();

const [ORG_A, ORG_B] = DEMO_ORGANISATIONS.map((o) => o.id) as [string, string];
const [GROUP_1, GROUP_2, GROUP_OUT] = DEMO_GROUPS.map((g) => g.id) as [string, string, string];
const DISTRICT = DEMO_DISTRICTS[0]!.id;
const staffA = DEMO.organisationStaff; // belongs to ORG_A
let staffB: Principal;
let roundId = '';

const sessionBody = (over: object = {}) => ({
  populationGroupId: GROUP_1,
  districtId: DISTRICT,
  organisationId: ORG_A,
  language: 'so',
  date: '2027-03-01',
  place: 'Itäkeskuksen kirjasto',
  notesDeadline: '2027-03-15',
  ...over,
});
const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });

async function newSession(over: object = {}) {
  const res = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, sessionBody(over));
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number; organisationId: string };
}

beforeAll(async () => {
  const round = await call('coordinator', 'POST', '/api/rounds', {
    name: { fi: 'Kevät 2027' },
    period: { start: '2027-02-01', end: '2027-05-31' },
    populationGroupIds: [GROUP_1, GROUP_2],
    organisationIds: [ORG_A, ORG_B],
  });
  roundId = round.body.id;
  const user = await call('coordinator', 'POST', '/api/users', {
    email: 'clerk.b@sillat.example',
    name: 'Clerk B',
    role: 'organisationStaff',
    organisationId: ORG_B,
    locale: 'fi',
  });
  staffB = { userId: user.body.id, role: 'organisationStaff', municipalityId: 'demo', organisationId: ORG_B };
});

describe('planning sessions', () => {
  it('creates a planned session with its language normalised, audited', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, sessionBody({ language: 'SOM' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ roundId, status: 'planned', language: 'so', version: 1 });
    expectOneAudit(before, await table.snapshot(), 'session.create', res.body.id);
  });

  it.each([
    [{ populationGroupId: GROUP_OUT }, 'populationGroupId'],
    [{ organisationId: DEMO_ORGANISATIONS[2]!.id }, 'organisationId'],
    [{ districtId: '00000000-0000-4000-8000-999999999999' }, 'districtId'],
    [{ clerkId: DEMO.coordinator.userId }, 'clerkId'],
    [{ participantCount: -1 }, 'participantCount'],
    [{ participantCount: 1001 }, 'participantCount'],
    [{ place: '' }, 'place'],
    [{ language: 'klingon' }, 'language'],
    [{ participantNames: ['Aino'] }, 'participantNames'],
  ])('refuses %j naming %s, writing nothing', async (over, field) => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, sessionBody(over));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await table.snapshot()).toEqual(before);
  });

  it('accepts staff of the session’s organisation as facilitator and clerk, not staff of another', async () => {
    expect((await newSession({ facilitatorId: staffA.userId, clerkId: staffA.userId })).id).toBeTruthy();
    const res = await call(
      'coordinator',
      'POST',
      `/api/rounds/${roundId}/sessions`,
      sessionBody({ clerkId: staffB.userId }),
    );
    expectError(res, 400, 'validation_failed');
  });

  it('is 404 for an unknown round', async () => {
    const res = await call(
      'coordinator',
      'POST',
      '/api/rounds/00000000-0000-4000-8000-999999999999/sessions',
      sessionBody(),
    );
    expectError(res, 404, 'not_found');
  });
});

describe('organisation scoping', () => {
  it('shows staff only their own organisation’s sessions; others are 404 and stay unchanged', async () => {
    const mine = await newSession();
    const theirs = await newSession({ organisationId: ORG_B });
    const listed = (await call(staffA, 'GET', `/api/rounds/${roundId}/sessions`)).body.items as {
      organisationId: string;
    }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((s) => s.organisationId === ORG_A)).toBe(true);
    expect((await call('coordinator', 'GET', `/api/rounds/${roundId}/sessions`)).body.items.length).toBeGreaterThan(
      listed.length,
    );

    expect((await call(staffA, 'GET', `/api/rounds/${roundId}/sessions/${mine.id}`)).status).toBe(200);
    const before = await table.snapshot();
    const path = `/api/rounds/${roundId}/sessions/${theirs.id}`;
    expectError(await call(staffA, 'GET', path), 404, 'not_found');
    expectError(await call(staffA, 'PATCH', path, { place: 'Elsewhere' }, ifMatch(1)), 404, 'not_found');
    expectError(await call(staffA, 'POST', `${path}/status`, { status: 'held' }, ifMatch(1)), 404, 'not_found');
    expect(await table.snapshot()).toEqual(before);
    expect((await call(staffB, 'GET', path)).status).toBe(200);
  });

  it('lets staff change the practicalities of their own session but not who, where or the deadline', async () => {
    const s = await newSession();
    const path = `/api/rounds/${roundId}/sessions/${s.id}`;
    const ok = await call(staffA, 'PATCH', path, { participantCount: 9, clerkId: staffA.userId }, ifMatch(1));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ participantCount: 9, clerkId: staffA.userId, version: 2 });
    const before = await table.snapshot();
    for (const patch of [{ organisationId: ORG_B }, { notesDeadline: '2027-04-01' }, { populationGroupId: GROUP_2 }]) {
      const res = await call(staffA, 'PATCH', path, patch, ifMatch(2));
      expectError(res, 403, 'forbidden');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(Object.keys(patch));
    }
    expect(await table.snapshot()).toEqual(before);
  });

  it('clears a clerk with null, keeping "cleared" in the audit trail', async () => {
    const s = await newSession({ clerkId: staffA.userId });
    const before = await table.snapshot();
    const res = await call(
      'coordinator',
      'PATCH',
      `/api/rounds/${roundId}/sessions/${s.id}`,
      { clerkId: null },
      ifMatch(1),
    );
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('clerkId');
    const entry = expectOneAudit(before, await table.snapshot(), 'session.update', s.id);
    expect(entry.changes).toEqual({ clerkId: null });
  });
});

describe('status', () => {
  it('goes planned → held → planned, by staff or coordinator, audited; other moves are 409', async () => {
    const s = await newSession();
    const path = `/api/rounds/${roundId}/sessions/${s.id}/status`;
    const held = await call(staffA, 'POST', path, { status: 'held' }, ifMatch(1));
    expect(held.body).toMatchObject({ status: 'held', version: 2 });
    for (const status of ['approved', 'notesDelivered', 'held']) {
      expectError(await call('coordinator', 'POST', path, { status }, ifMatch(2)), 409, 'status_move_not_allowed');
    }
    const back = await call('coordinator', 'POST', path, { status: 'planned' }, ifMatch(2));
    expect(back.body).toMatchObject({ status: 'planned', version: 3 });
    expectError(await call('coordinator', 'POST', path, { status: 'held' }, ifMatch(2)), 409, 'version_conflict');
  });

  it('freezes the sessions of a closed round', async () => {
    const round = await call('coordinator', 'POST', '/api/rounds', {
      name: { fi: 'Vanha' },
      period: { start: '2025-02-01', end: '2025-05-31' },
      populationGroupIds: [GROUP_1],
      organisationIds: [ORG_A],
    });
    const id = round.body.id as string;
    const s = await call('coordinator', 'POST', `/api/rounds/${id}/sessions`, sessionBody());
    let version = 1;
    for (const phase of ['dataCollection', 'decisionSession', 'monitoring', 'closed']) {
      version = (await call('coordinator', 'POST', `/api/rounds/${id}/phase`, { phase }, ifMatch(version))).body
        .version;
    }
    const path = `/api/rounds/${id}/sessions/${s.body.id}`;
    expectError(await call('coordinator', 'PATCH', path, { place: 'X' }, ifMatch(1)), 409, 'round_closed');
    expectError(
      await call('coordinator', 'POST', `${path}/status`, { status: 'held' }, ifMatch(1)),
      409,
      'round_closed',
    );
    expectError(await call('coordinator', 'POST', `/api/rounds/${id}/sessions`, sessionBody()), 409, 'round_closed');
    expect((await call(staffA, 'GET', path)).status).toBe(200);
  });
});

describe('aspect ratings', () => {
  async function heldSession(participants?: number) {
    const s = await newSession(participants === undefined ? {} : { participantCount: participants });
    const path = `/api/rounds/${roundId}/sessions/${s.id}`;
    const held = await call('coordinator', 'POST', `${path}/status`, { status: 'held' }, ifMatch(1));
    return { path, version: held.body.version as number };
  }

  it('stores counts per point for the aspects given, by the session’s own staff, audited', async () => {
    const { path, version } = await heldSession(12);
    const before = await table.snapshot();
    const ratings = { safety: [0, 2, 5, 3, 2], interaction: [1, 1, 1, 1, 1] };
    const res = await call(staffA, 'PUT', `${path}/ratings`, { ratings }, ifMatch(version));
    expect(res.status, res.text).toBe(200);
    expect(res.body.ratings).toEqual(ratings);
    const entry = expectOneAudit(before, await table.snapshot(), 'session.ratings', res.body.id, staffA);
    expect(entry.changes).toEqual({ ratings });
  });

  it('refuses more ratings than participants, naming the aspect, and writes nothing', async () => {
    const { path, version } = await heldSession(5);
    const before = await table.snapshot();
    const res = await call(
      'coordinator',
      'PUT',
      `${path}/ratings`,
      { ratings: { attitudes: [1, 1, 1, 1, 2], safety: [5, 0, 0, 0, 0] } },
      ifMatch(version),
    );
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([
      { field: 'ratings.attitudes', message: '6 ratings but only 5 participants.' },
    ]);
    expect(await table.snapshot()).toEqual(before);
  });

  it.each([
    [{ ratings: { empathy: [1, 1, 1, 1, 1] } }, 'ratings.empathy'],
    [{ ratings: { safety: [1, 1, 1, 1] } }, 'ratings.safety'],
    [{ ratings: { safety: [1, 1, 1, 1, -1] } }, 'ratings.safety.4'],
    [{ ratings: { safety: [1, 1, 1.5, 1, 1] } }, 'ratings.safety.2'],
    [{ ratings: { safety: [1, 1, 1, 1, 1] }, answers: [] }, 'answers'],
  ])('refuses %j naming %s', async (body, field) => {
    const { path, version } = await heldSession(20);
    const res = await call('coordinator', 'PUT', `${path}/ratings`, body, ifMatch(version));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('needs the session held and its participant count known', async () => {
    const planned = await newSession({ participantCount: 10 });
    const plannedPath = `/api/rounds/${roundId}/sessions/${planned.id}/ratings`;
    expectError(
      await call('coordinator', 'PUT', plannedPath, { ratings: { safety: [1, 0, 0, 0, 0] } }, ifMatch(1)),
      409,
      'session_not_held',
    );
    const { path, version } = await heldSession();
    const res = await call(
      'coordinator',
      'PUT',
      `${path}/ratings`,
      { ratings: { safety: [1, 0, 0, 0, 0] } },
      ifMatch(version),
    );
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([
      { field: 'ratings.safety', message: 'Record the number of participants first.' },
    ]);
  });
});
