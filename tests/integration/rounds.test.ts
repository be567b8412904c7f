import { describe, expect, it } from 'vitest';
import { DEMO_GROUPS, DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { expectOneAudit, newAuditEntries, useFreshTable } from '../setup/table';

/** Rounds: creation with references checked, explicit one-step phase changes, and "start the next round". */
const table = useFreshTable({ seed: true });
useLocalAuth();

const GROUPS = DEMO_GROUPS.slice(0, 3).map((g) => g.id);
const ORGS = DEMO_ORGANISATIONS.slice(0, 2).map((o) => o.id);
const body = (over: object = {}) => ({
  name: { fi: 'Kevät 2027', sv: 'Våren 2027' },
  period: { start: '2027-02-01', end: '2027-05-31' },
  populationGroupIds: GROUPS,
  organisationIds: ORGS,
  ...over,
});
const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });

async function newRound(over: object = {}) {
  const res = await call('coordinator', 'POST', '/api/rounds', body(over));
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
}

describe('creating rounds', () => {
  it('starts in planning with its groups and organisations, audited', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', '/api/rounds', body({ populationGroupIds: [...GROUPS, GROUPS[0]] }));
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      phase: 'planning',
      populationGroupIds: GROUPS,
      organisationIds: ORGS,
      version: 1,
    });
    expect(res.body).not.toHaveProperty('previousRoundId');
    expectOneAudit(before, await table.snapshot(), 'round.create', res.body.id);
  });

  it.each([
    [{ period: { start: '2027-06-01', end: '2027-05-31' } }, 'period.end'],
    [{ period: { start: '1.2.2027', end: '2027-05-31' } }, 'period.start'],
    [{ name: {} }, 'name'],
    [{ populationGroupIds: ['not-an-id'] }, 'populationGroupIds.0'],
    [{ phase: 'closed' }, 'phase'],
  ])('refuses %j naming %s, writing nothing', async (over, field) => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', '/api/rounds', body(over));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses groups and organisations that do not exist in the municipality, naming each', async () => {
    const unknown = '00000000-0000-4000-8000-999999999999';
    const res = await call(
      'coordinator',
      'POST',
      '/api/rounds',
      body({ populationGroupIds: [GROUPS[0], unknown], organisationIds: [unknown] }),
    );
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'populationGroupIds.1',
      'organisationIds.0',
    ]);
  });

  it('lists rounds newest period first, without anything stored under them', async () => {
    await newRound({ period: { start: '2025-02-01', end: '2025-05-31' } });
    const items = (await call('councilMember', 'GET', '/api/rounds')).body.items as { period: { start: string } }[];
    const starts = items.map((r) => r.period.start);
    expect([...starts].sort().reverse()).toEqual(starts);
  });
});

describe('phases', () => {
  it('moves one step at a time, forward and back, each move audited with where it came from', async () => {
    const { id } = await newRound();
    let version = 1;
    for (const phase of ['dataCollection', 'planning', 'dataCollection', 'decisionSession', 'monitoring']) {
      const before = await table.snapshot();
      const res = await call('coordinator', 'POST', `/api/rounds/${id}/phase`, { phase }, ifMatch(version));
      expect(res.status, res.text).toBe(200);
      expect(res.body.phase).toBe(phase);
      version = res.body.version;
      const entry = expectOneAudit(before, await table.snapshot(), 'round.phase', id);
      expect(entry.changes).toMatchObject({ phase });
    }
  });

  it('refuses skipping a phase and staying put: 409, unchanged', async () => {
    const { id } = await newRound();
    const before = await table.snapshot();
    for (const phase of ['decisionSession', 'closed', 'planning']) {
      const res = await call('coordinator', 'POST', `/api/rounds/${id}/phase`, { phase }, ifMatch(1));
      expectError(res, 409, 'phase_move_not_allowed');
      expect(res.body.error.details).toEqual([{ field: 'phase', message: expect.any(String) }]);
    }
    expect(await table.snapshot()).toEqual(before);
  });

  it('keeps a closed round closed: no more moves, no more edits', async () => {
    const { id } = await newRound();
    let version = 1;
    const beforeClosing = Date.now();
    for (const phase of ['dataCollection', 'decisionSession', 'monitoring', 'closed']) {
      const moved = await call('coordinator', 'POST', `/api/rounds/${id}/phase`, { phase }, ifMatch(version));
      version = moved.body.version;
      // Only closing records when: the notes' retention period runs from it.
      expect(moved.body.closedAt === undefined).toBe(phase !== 'closed');
    }
    const { closedAt } = (await call('coordinator', 'GET', `/api/rounds/${id}`)).body;
    expect(Date.parse(closedAt)).toBeGreaterThanOrEqual(beforeClosing - 1000);
    expectError(
      await call('coordinator', 'POST', `/api/rounds/${id}/phase`, { phase: 'monitoring' }, ifMatch(version)),
      409,
      'phase_move_not_allowed',
    );
    expectError(
      await call('coordinator', 'PATCH', `/api/rounds/${id}`, { name: { fi: 'Uusi nimi' } }, ifMatch(version)),
      409,
      'round_closed',
    );
  });

  it('uses optimistic locking on phase moves and edits', async () => {
    const { id } = await newRound();
    expect((await call('coordinator', 'PATCH', `/api/rounds/${id}`, { name: { fi: 'A' } }, ifMatch(1))).status).toBe(
      200,
    );
    expectError(
      await call('coordinator', 'POST', `/api/rounds/${id}/phase`, { phase: 'dataCollection' }, ifMatch(1)),
      409,
      'version_conflict',
    );
    expectError(
      await call('coordinator', 'POST', `/api/rounds/${id}/phase`, { phase: 'dataCollection' }),
      428,
      'precondition_required',
    );
  });
});

describe('starting the next round', () => {
  it('copies groups and organisations and links the two rounds both ways, in one transaction', async () => {
    const previous = await newRound();
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `/api/rounds/${previous.id}/next`, {
      name: { fi: 'Syksy 2027' },
      period: { start: '2027-09-01', end: '2027-12-15' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phase: 'planning',
      previousRoundId: previous.id,
      populationGroupIds: GROUPS,
      organisationIds: ORGS,
      name: { fi: 'Syksy 2027' },
    });
    const after = await table.snapshot();
    expect(
      newAuditEntries(before, after)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['round.create', 'round.startNext']);
    const old = await call('coordinator', 'GET', `/api/rounds/${previous.id}`);
    expect(old.body).toMatchObject({ nextRoundId: res.body.id, version: 2 });
  });

  it('starts at most one next round, even when two coordinators click at once', async () => {
    const previous = await newRound();
    const next = { name: { fi: 'Seuraava' }, period: { start: '2027-09-01', end: '2027-12-15' } };
    const answers = await Promise.all([
      call('coordinator', 'POST', `/api/rounds/${previous.id}/next`, next),
      call('coordinator', 'POST', `/api/rounds/${previous.id}/next`, next),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error.code).toBe('next_round_exists');
    const rounds = (await call('coordinator', 'GET', '/api/rounds')).body.items as { previousRoundId?: string }[];
    expect(rounds.filter((r) => r.previousRoundId === previous.id)).toHaveLength(1);
  });

  it('is 404 for an unknown round', async () => {
    const res = await call('coordinator', 'POST', '/api/rounds/00000000-0000-4000-8000-999999999999/next', {
      name: { fi: 'X' },
      period: { start: '2027-09-01', end: '2027-12-15' },
    });
    expectError(res, 404, 'not_found');
  });
});
