import { describe, expect, it } from 'vitest';
import { DEMO_DISTRICTS, DEMO_GROUPS } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { useFreshTable } from '../setup/table';

/** The impact view over the demo: spring 2025's measures against spring 2026. */
useFreshTable({ seed: true });
useLocalAuth();

const ROUND_2025 = '00000000-0000-4000-8000-000000000501';
const ROUND_2026 = '00000000-0000-4000-8000-000000000502';
const measureId = (i: number) => `00000000-0000-4000-8000-${(1000 + i).toString().padStart(12, '0')}`;

type Rating = { n: number | null; mean: number | null; ci: [number, number] | null; shareHigh: number | null };
interface View {
  threshold: number;
  round: { id: string };
  nextRound: { id: string } | null;
  summary: Record<string, number>;
  measures: {
    measureId: string;
    aspects: string[];
    populationGroupIds: string[];
    districtIds: string[];
    sourceCardIds: string[];
    before: { sessions: number; participants: number | null };
    after: { sessions: number; participants: number | null } | null;
    outcome: string;
    notComparableReason?: string;
    byAspect: {
      aspect: string;
      before: Rating;
      after: Rating | null;
      meanChange: { estimate: number; ci: [number, number] } | null;
      change: string;
      cardsBefore: { positive: number; negative: number };
      cardsAfter: { positive: number; negative: number } | null;
    }[];
  }[];
}

const publishable = (n: number | null, threshold: number) => n === null || n === 0 || n >= threshold;

describe('GET /api/dashboard/impact', () => {
  it("follows 2025's measures into 2026, exactly on their targets", async () => {
    const res = await call('councilMember', 'GET', `/api/dashboard/impact?roundId=${ROUND_2025}`);
    expect(res.status, res.text).toBe(200);
    const v = res.body as View;
    expect([v.round.id, v.nextRound?.id]).toEqual([ROUND_2025, ROUND_2026]);
    // The three measures of the confirmed plan, not the fourth candidate.
    expect(v.measures.map((x) => x.measureId).sort()).toEqual([measureId(0), measureId(1), measureId(2)]);
    expect(v.summary['total']).toBe(3);
    expect(
      Object.entries(v.summary)
        .filter(([k]) => k !== 'total')
        .reduce((a, [, n]) => a + n, 0),
    ).toBe(3);

    for (const x of v.measures) {
      // Every targeted aspect appears, in the measure's order, and nothing else.
      expect(x.byAspect.map((a) => a.aspect)).toEqual(x.aspects);
      expect(x.sourceCardIds.length).toBeGreaterThan(0);
      expect(publishable(x.before.participants, v.threshold)).toBe(true);
      expect(publishable(x.after!.participants, v.threshold)).toBe(true);
      for (const a of x.byAspect) {
        expect(publishable(a.before.n, v.threshold)).toBe(true);
        expect(publishable(a.after!.n, v.threshold)).toBe(true);
        // A change only between two published means.
        if (a.meanChange) expect([a.before.mean, a.after!.mean]).not.toContain(null);
        if (a.change === 'notComparable') expect(a.meanChange).toBeNull();
      }
    }

    // Evening walks: groups 0 and 2 in district 0 — only group 0 met there, once a round (about 22
    // people a side). Interaction, which 2026's demo lifts for the targeted groups, clearly improved.
    const walks = v.measures.find((x) => x.measureId === measureId(0))!;
    expect(walks.populationGroupIds).toEqual([DEMO_GROUPS[0]!.id, DEMO_GROUPS[2]!.id]);
    expect(walks.districtIds).toEqual([DEMO_DISTRICTS[0]!.id]);
    expect([walks.before.sessions, walks.after!.sessions]).toEqual([1, 1]);
    const walksInteraction = walks.byAspect.find((a) => a.aspect === 'interaction')!;
    expect(walksInteraction.change).toBe('improved');
    expect(walksInteraction.meanChange!.ci[0]).toBeGreaterThan(0);

    // The cooking club: groups 0 and 4, who both met in district 0 — two sessions a round, 41 and 47 people.
    const club = v.measures.find((x) => x.measureId === measureId(1))!;
    expect([club.before.sessions, club.after!.sessions]).toEqual([2, 2]);
    expect([club.before.participants, club.after!.participants]).toEqual([41, 47]);
    expect(club.outcome).toBe('improved');
    for (const a of club.byAspect) {
      expect(a.change).toBe('improved');
      expect(a.meanChange!.ci[0]).toBeGreaterThan(0);
      expect(a.meanChange!.estimate).toBeCloseTo(a.after!.mean! - a.before.mean!, 10);
    }

    // Multilingual information: groups 2 and 4 everywhere — two sessions a round. Whatever the words,
    // they never claim more than the interval allows.
    const info = v.measures.find((x) => x.measureId === measureId(2))!;
    expect([info.before.sessions, info.after!.sessions]).toEqual([2, 2]);
    for (const a of info.byAspect) {
      if (a.meanChange && a.meanChange.ci[0] <= 0 && a.meanChange.ci[1] >= 0) expect(a.change).toBe('noClearChange');
    }
    expect(v.summary['improved']).toBe(2);
  });

  it('opens on the latest round whose next round has data, and says so for the last round', async () => {
    const res = await call('coordinator', 'GET', '/api/dashboard/impact');
    expect(res.status, res.text).toBe(200);
    expect((res.body as View).round.id).toBe(ROUND_2025);
    const last = (await call('administrator', 'GET', `/api/dashboard/impact?roundId=${ROUND_2026}`)).body as View;
    expect(last.nextRound).toBeNull();
    expect(last.measures.length).toBeGreaterThan(0);
    for (const x of last.measures)
      expect([x.outcome, x.notComparableReason, x.after]).toEqual(['notComparable', 'noNextRound', null]);
  });

  it('refuses other roles, bad and unknown rounds', async () => {
    expect((await call('measureOwner', 'GET', '/api/dashboard/impact')).status).toBe(403);
    expect((await call('organisationStaff', 'GET', '/api/dashboard/impact')).status).toBe(403);
    const bad = await call('coordinator', 'GET', '/api/dashboard/impact?roundId=nope');
    expectError(bad, 400, 'validation_failed');
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['roundId']);
    expectError(await call('coordinator', 'GET', '/api/dashboard/impact?colour=red'), 400, 'validation_failed');
    const unknown = '00000000-0000-4000-8000-00000000ffff';
    expectError(await call('coordinator', 'GET', `/api/dashboard/impact?roundId=${unknown}`), 404, 'not_found');
  });
});
