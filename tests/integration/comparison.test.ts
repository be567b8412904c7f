import { describe, expect, it } from 'vitest';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { useFreshTable } from '../setup/table';

/** The round comparison over the demo's two past rounds, from the precomputed counters. */
useFreshTable({ seed: true });
useLocalAuth();

const SPRING_2025 = '00000000-0000-4000-8000-000000000501';
const SPRING_2026 = '00000000-0000-4000-8000-000000000502';
const ASPECTS = ['attitudes', 'safety', 'interaction', 'participation'];

interface Rating {
  n: number | null;
  mean: number | null;
  ci: [number, number] | null;
  shareHigh: number | null;
}
interface Side {
  sessions: number;
  cards: { positive: number; negative: number };
  rating: Rating;
}
interface Change {
  estimate: number;
  ci: [number, number];
}
interface Row {
  populationGroupId: string | null;
  districtId: string | null;
  onlyIn: 'from' | 'to' | null;
  from: Side;
  to: Side;
  meanChange: Change | null;
  meanKind: string;
  shareChange: Change | null;
  shareKind: string;
}
interface Comparison {
  threshold: number;
  by: string;
  from: { id: string };
  to: { id: string };
  aspects: { aspect: string; all: Row; rows: Row[] }[];
}

const compare = async (from: string, to: string, by?: string) => {
  const res = await call(
    'councilMember',
    'GET',
    `/api/dashboard/compare?from=${from}&to=${to}${by ? `&by=${by}` : ''}`,
  );
  expect(res.status, res.text).toBe(200);
  return res.body as Comparison;
};

/** Privacy and honesty for every row: n is 0 or ≥ threshold, and a change only when both sides are published. */
function expectPublishable(d: Comparison) {
  for (const { all, rows } of d.aspects) {
    for (const row of [all, ...rows]) {
      for (const side of [row.from, row.to]) {
        const { n, mean, shareHigh } = side.rating;
        if (n !== null) expect(n === 0 || n >= d.threshold, `n = ${n}`).toBe(true);
        if (n === null) expect([mean, shareHigh]).toEqual([null, null]);
      }
      const meanShown = row.from.rating.mean !== null && row.to.rating.mean !== null && row.onlyIn === null;
      const shareShown = row.from.rating.shareHigh !== null && row.to.rating.shareHigh !== null && row.onlyIn === null;
      expect(row.meanChange !== null, JSON.stringify(row)).toBe(meanShown);
      expect(row.shareChange !== null, JSON.stringify(row)).toBe(shareShown);
      if (!row.meanChange) expect(row.meanKind).toBe('notComparable');
      if (row.meanChange) {
        const [lo, hi] = row.meanChange.ci;
        expect(row.meanChange.estimate).toBeCloseTo(row.to.rating.mean! - row.from.rating.mean!, 12);
        expect(row.meanKind).toBe(lo > 0 ? 'improved' : hi < 0 ? 'worsened' : 'noClearChange');
      }
    }
  }
}

describe('GET /api/dashboard/compare', () => {
  it('compares spring 2025 with spring 2026 per group: every group heard in both, the changes honest', async () => {
    const d = await compare(SPRING_2025, SPRING_2026);
    expect([d.by, d.threshold, d.from.id, d.to.id]).toEqual(['group', 5, SPRING_2025, SPRING_2026]);
    expect(d.aspects.map((a) => a.aspect)).toEqual(ASPECTS);
    expectPublishable(d);
    for (const { all, rows } of d.aspects) {
      expect(rows.map((r) => r.populationGroupId).sort()).toEqual(DEMO_GROUPS.map((g) => g.id).sort());
      expect(rows.every((r) => r.onlyIn === null && r.districtId === null)).toBe(true);
      expect(rows.every((r) => r.from.sessions === 1 && r.to.sessions === 1)).toBe(true);
      // City-wide both rounds are published, so the change is given with its interval.
      expect(all.meanChange).not.toBeNull();
      expect(all.from.sessions).toBe(DEMO_GROUPS.length);
    }
    // The groups the 2025 measures targeted improved, or at least did not clearly worsen.
    const targeted = [0, 2, 4].map((i) => DEMO_GROUPS[i]!.id);
    const kinds = d.aspects.flatMap((a) =>
      a.rows.filter((r) => targeted.includes(r.populationGroupId!)).map((r) => r.meanKind),
    );
    expect(kinds).not.toContain('worsened');
  });

  it('breaks down by district and by group × district under the same privacy rules', async () => {
    const byDistrict = await compare(SPRING_2025, SPRING_2026, 'district');
    expect(byDistrict.by).toBe('district');
    expectPublishable(byDistrict);
    const districts = new Set(DEMO_DISTRICTS.map((x) => x.id));
    for (const a of byDistrict.aspects) {
      expect(a.rows.length).toBeGreaterThan(0);
      expect(a.rows.every((r) => r.populationGroupId === null && districts.has(r.districtId!))).toBe(true);
    }
    const both = await compare(SPRING_2025, SPRING_2026, 'groupDistrict');
    expectPublishable(both);
    for (const a of both.aspects) {
      expect(a.rows.every((r) => r.populationGroupId !== null && r.districtId !== null)).toBe(true);
      // One session of 8–14 people per cell: at most one side per cell can be hidden, and then no change.
      expect(a.rows.filter((r) => r.from.rating.n === null).every((r) => r.meanKind === 'notComparable')).toBe(true);
    }
  });

  it('shows groups consulted in only one of the rounds as such, never as a change', async () => {
    const group = DEMO_GROUPS[0]!.id;
    const round = await call('coordinator', 'POST', '/api/rounds', {
      name: { fi: 'Kevät 2027', sv: 'Våren 2027' },
      period: { start: '2027-02-01', end: '2027-05-31' },
      populationGroupIds: [group],
      organisationIds: [DEMO_ORGANISATIONS[0]!.id],
    });
    expect(round.status, round.text).toBe(201);
    const roundId = round.body.id as string;
    const session = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, {
      populationGroupId: group,
      districtId: DEMO_DISTRICTS[0]!.id,
      organisationId: DEMO_ORGANISATIONS[0]!.id,
      language: 'fi',
      date: '2027-03-01',
      place: 'Kirjasto',
      participantCount: 12,
      notesDeadline: '2027-03-15',
    });
    expect(session.status, session.text).toBe(201);
    const path = `/api/rounds/${roundId}/sessions/${session.body.id}`;
    const held = await call('coordinator', 'POST', `${path}/status`, { status: 'held' }, { 'If-Match': '"1"' });
    expect(held.status, held.text).toBe(200);
    const rated = await call(
      'coordinator',
      'PUT',
      `${path}/ratings`,
      { ratings: { safety: [0, 0, 4, 4, 4] } },
      { 'If-Match': held.headers.get('etag')! },
    );
    expect(rated.status, rated.text).toBe(200);

    const d = await compare(SPRING_2026, roundId);
    expectPublishable(d);
    const safety = d.aspects.find((a) => a.aspect === 'safety')!;
    expect(safety.rows.map((r) => [r.populationGroupId, r.onlyIn]).sort()).toEqual(
      DEMO_GROUPS.map((g) => [g.id, g.id === group ? null : 'from']).sort(),
    );
    for (const r of safety.rows.filter((x) => x.onlyIn))
      expect([r.to.sessions, r.meanChange, r.meanKind, r.shareChange, r.shareKind]).toEqual([
        0,
        null,
        'notComparable',
        null,
        'notComparable',
      ]);
    const heardTwice = safety.rows.find((r) => r.populationGroupId === group)!;
    expect(heardTwice.to.rating.n).toBe(12);
    // The other way round the same groups were heard only in the earlier round's "to" position.
    const back = await compare(roundId, SPRING_2026);
    expect(back.aspects[0]!.rows.filter((r) => r.onlyIn === 'to')).toHaveLength(DEMO_GROUPS.length - 1);
  });

  it('refuses bad queries naming the field, unknown rounds and roles that do not follow the trends', async () => {
    const path = '/api/dashboard/compare';
    const fields = async (query: string) => {
      const res = await call('coordinator', 'GET', `${path}?${query}`);
      expectError(res, 400, 'validation_failed');
      return res.body.error.details.map((x: { field: string }) => x.field);
    };
    expect(await fields(`from=nope&to=${SPRING_2026}`)).toEqual(['from']);
    expect(await fields(`from=${SPRING_2026}&to=${SPRING_2026}`)).toEqual(['to']);
    expect(await fields(`from=${SPRING_2025}`)).toEqual(['to']);
    expect(await fields(`from=${SPRING_2025}&to=${SPRING_2026}&by=colour`)).toEqual(['by']);
    expect(await fields(`from=${SPRING_2025}&to=${SPRING_2026}&colour=red`)).toEqual(['colour']);
    const unknown = '00000000-0000-4000-8000-000000009999';
    expectError(await call('coordinator', 'GET', `${path}?from=${SPRING_2025}&to=${unknown}`), 404, 'not_found');
    const query = `?from=${SPRING_2025}&to=${SPRING_2026}`;
    expect((await call('measureOwner', 'GET', path + query)).status).toBe(403);
    expect((await call('organisationStaff', 'GET', path + query)).status).toBe(403);
  });
});
