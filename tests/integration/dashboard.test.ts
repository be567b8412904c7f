import { describe, expect, it } from 'vitest';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { useFreshTable } from '../setup/table';

/** The trend dashboard over the demo's two past rounds, from the precomputed counters. */
useFreshTable({ seed: true });
useLocalAuth();

const CLOSED_ROUND = '00000000-0000-4000-8000-000000000501';
const MONITORING_ROUND = '00000000-0000-4000-8000-000000000502';

interface Figures {
  threshold: number;
  rounds: { id: string }[];
  coverage: { roundId: string; sessions: number; participants: number | null }[];
  aspects: {
    aspect: string;
    rounds: {
      roundId: string;
      sessions: number;
      cards: { positive: number; negative: number };
      rating: { n: number | null; mean: number | null; ci: [number, number] | null };
    }[];
  }[];
  survey: { roundId: string; status: string; respondents: number | null; changedUnderstanding: unknown }[];
  measures: { roundId: string; total: number; byStatus: Record<string, number> }[];
}

describe('GET /api/dashboard/trends', () => {
  it('gives every aspect across the rounds, oldest first, with the survey and measures', async () => {
    const res = await call('councilMember', 'GET', '/api/dashboard/trends');
    expect(res.status, res.text).toBe(200);
    const d = res.body as Figures;
    expect(d.threshold).toBe(5);
    expect(d.rounds.map((r) => r.id)).toEqual([CLOSED_ROUND, MONITORING_ROUND]);
    expect(d.aspects.map((a) => a.aspect)).toEqual(['attitudes', 'safety', 'interaction', 'participation']);
    for (const aspect of d.aspects) {
      for (const r of aspect.rounds) {
        expect(r.sessions).toBeGreaterThan(0);
        expect(r.cards.positive + r.cards.negative).toBeGreaterThan(0);
        // City-wide, every aspect was rated by many: the mean and its interval are published.
        expect(r.rating.n).toBeGreaterThanOrEqual(d.threshold);
        expect(r.rating.ci![0]).toBeLessThanOrEqual(r.rating.mean!);
        expect(r.rating.ci![1]).toBeGreaterThanOrEqual(r.rating.mean!);
      }
    }
    expect(d.survey.map((s) => [s.status, s.respondents])).toEqual([
      ['closed', 27],
      ['closed', 34],
    ]);
    expect(d.measures.every((x) => x.total > 0)).toBe(true);
  });

  it('narrows to one group and district, hiding figures about fewer than five people', async () => {
    const all = (await call('coordinator', 'GET', '/api/dashboard/trends')).body as Figures;
    const group = DEMO_GROUPS[0]!.id;
    const district = DEMO_DISTRICTS[0]!.id;
    const res = await call(
      'coordinator',
      'GET',
      `/api/dashboard/trends?populationGroupId=${group}&districtId=${district}`,
    );
    expect(res.status, res.text).toBe(200);
    const d = res.body as Figures;
    for (const aspect of d.aspects) {
      for (const r of aspect.rounds) {
        const city = all.aspects.find((a) => a.aspect === aspect.aspect)!.rounds.find((x) => x.roundId === r.roundId)!;
        expect(r.sessions).toBeLessThan(city.sessions);
        if (r.rating.n === null) expect(r.rating.mean).toBeNull();
        if (r.rating.n !== null) expect(r.rating.n === 0 || r.rating.n >= d.threshold).toBe(true);
      }
    }
    for (const c of d.coverage)
      expect(c.participants === null || c.participants === 0 || c.participants >= 5).toBe(true);
  });

  it('refuses roles that do not follow the trends, and bad filters', async () => {
    expect((await call('measureOwner', 'GET', '/api/dashboard/trends')).status).toBe(403);
    expect((await call('organisationStaff', 'GET', '/api/dashboard/trends')).status).toBe(403);
    const bad = await call('coordinator', 'GET', '/api/dashboard/trends?districtId=nope');
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['districtId']);
    expectError(await call('coordinator', 'GET', '/api/dashboard/trends?colour=red'), 400, 'validation_failed');
  });
});

describe('GET /api/dashboard/sessions', () => {
  interface SessionList {
    round: { id: string; name: Record<string, string> };
    filters: Record<string, string>;
    items: Record<string, unknown>[];
  }
  /** What a reader may see of a held session: nothing about its people (no count, names, notes or place). */
  const ITEM_KEYS = ['date', 'districtId', 'organisationId', 'populationGroupId'];

  async function countAndList(query: string, roundId: string) {
    const trends = await call('councilMember', 'GET', `/api/dashboard/trends${query ? `?${query}` : ''}`);
    expect(trends.status, trends.text).toBe(200);
    const d = trends.body as Figures;
    const counts = d.aspects.map((a) => a.rounds.find((r) => r.roundId === roundId)!.sessions);
    const res = await call(
      'councilMember',
      'GET',
      `/api/dashboard/sessions?roundId=${roundId}${query ? `&${query}` : ''}`,
    );
    expect(res.status, res.text).toBe(200);
    return { counts, coverage: d.coverage.find((c) => c.roundId === roundId)!.sessions, list: res.body as SessionList };
  }

  it.each([
    ['the whole city', ''],
    ['one group', `populationGroupId=${DEMO_GROUPS[1]!.id}`],
    ['one district', `districtId=${DEMO_DISTRICTS[0]!.id}`],
    ['one group in one district', `populationGroupId=${DEMO_GROUPS[0]!.id}&districtId=${DEMO_DISTRICTS[0]!.id}`],
  ])('lists, for %s, exactly the held sessions the dashboard counts, and nothing about people', async (_, query) => {
    for (const roundId of [CLOSED_ROUND, MONITORING_ROUND]) {
      const { counts, coverage, list } = await countAndList(query, roundId);
      expect(list.items.length).toBeGreaterThan(0);
      expect(counts).toEqual(counts.map(() => list.items.length));
      expect(coverage).toBe(list.items.length);
      expect(Object.keys(list).sort()).toEqual(['filters', 'items', 'round']);
      expect(list.round.id).toBe(roundId);
      const filters = Object.fromEntries(new URLSearchParams(query));
      expect(list.filters).toEqual(filters);
      for (const item of list.items) {
        expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
        expect(item).toMatchObject(filters);
      }
      const dates = list.items.map((i) => i.date as string);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it('leaves out sessions that have not been held, as the counters do', async () => {
    const round = await call('coordinator', 'POST', '/api/rounds', {
      name: { fi: 'Syksy 2027' },
      period: { start: '2027-08-01', end: '2027-12-31' },
      populationGroupIds: [DEMO_GROUPS[0]!.id],
      organisationIds: [DEMO_ORGANISATIONS[0]!.id],
    });
    expect(round.status, round.text).toBe(201);
    const roundId = round.body.id as string;
    const body = {
      populationGroupId: DEMO_GROUPS[0]!.id,
      districtId: DEMO_DISTRICTS[0]!.id,
      organisationId: DEMO_ORGANISATIONS[0]!.id,
      language: 'fi',
      place: 'Asukastalo',
      participantCount: 3,
      notesDeadline: '2027-10-30',
    };
    const planned = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, {
      ...body,
      date: '2027-09-01',
    });
    const held = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, { ...body, date: '2027-09-10' });
    expect([planned.status, held.status]).toEqual([201, 201]);
    const status = await call(
      'coordinator',
      'POST',
      `/api/rounds/${roundId}/sessions/${held.body.id}/status`,
      { status: 'held' },
      { 'If-Match': `"${held.body.version}"` },
    );
    expect(status.status, status.text).toBe(200);

    const { counts, list } = await countAndList('', roundId);
    expect(counts).toEqual(counts.map(() => 1));
    expect(list.items).toEqual([
      {
        date: '2027-09-10',
        populationGroupId: DEMO_GROUPS[0]!.id,
        districtId: DEMO_DISTRICTS[0]!.id,
        organisationId: DEMO_ORGANISATIONS[0]!.id,
      },
    ]);
  });

  it('refuses other roles, an unknown round and bad filters', async () => {
    const path = `/api/dashboard/sessions?roundId=${CLOSED_ROUND}`;
    expect((await call('measureOwner', 'GET', path)).status).toBe(403);
    expect((await call('organisationStaff', 'GET', path)).status).toBe(403);
    expectError(
      await call('councilMember', 'GET', '/api/dashboard/sessions?roundId=00000000-0000-4000-8000-999999999999'),
      404,
      'not_found',
    );
    const missing = await call('councilMember', 'GET', '/api/dashboard/sessions');
    expectError(missing, 400, 'validation_failed');
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(['roundId']);
    const bad = await call('councilMember', 'GET', `${path}&districtId=nope`);
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['districtId']);
    expectError(await call('councilMember', 'GET', `${path}&participants=1`), 400, 'validation_failed');
  });
});
