import { describe, expect, it } from 'vitest';
import { DEMO_DISTRICTS, DEMO_GROUPS } from '../../functions/src/local/demo-data';
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
