import { changedUnderstanding, statsByRound, trendDashboard } from '@sillat/shared/dashboard';
import { cardCounter, ratingCounter } from '@sillat/shared/round-stats';
import { describe, expect, it } from 'vitest';

const round = (id: string, start: string) => ({ id, name: { fi: id }, period: { start, end: start }, phase: 'closed' });
const cell = (roundId: string, group: string, district: string, counters: Record<string, number>) => ({
  cell: { roundId, populationGroupId: group, districtId: district },
  counters,
});
const safety = (counts: number[]) => Object.fromEntries(counts.map((c, i) => [ratingCounter('safety', i + 1), c]));

describe('the trend dashboard from counters', () => {
  const cells = [
    cell('r1', 'g1', 'd1', {
      sessions: 1,
      participants: 12,
      ...safety([0, 3, 5, 4, 0]),
      [cardCounter('safety', 'negative')]: 2,
    }),
    cell('r1', 'g2', 'd2', { sessions: 2, participants: 3, ...safety([0, 0, 3, 0, 0]) }),
    cell('r2', 'g1', 'd1', {
      sessions: 1,
      participants: 10,
      ...safety([0, 0, 5, 5, 0]),
      [cardCounter('safety', 'positive')]: 1,
    }),
  ];
  const input = {
    rounds: [round('r2', '2026-02-01'), round('r1', '2025-02-01')],
    cells,
    surveys: [],
    measures: [],
    threshold: 5,
  };

  it('sums the selected cells per round, oldest round first', () => {
    const all = statsByRound(cells, {});
    expect(all.get('r1')!.sessions).toBe(3);
    expect(all.get('r1')!.ratings.safety).toEqual([0, 3, 8, 4, 0]);
    expect(statsByRound(cells, { populationGroupId: 'g2' }).get('r1')!.participants).toBe(3);
    const d = trendDashboard({ ...input, filters: {} });
    expect(d.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
    const s = d.aspects.find((a) => a.aspect === 'safety')!;
    expect(s.rounds.map((r) => r.cards)).toEqual([
      { positive: 0, negative: 2, total: 2, balance: -1 },
      { positive: 1, negative: 0, total: 1, balance: 1 },
    ]);
  });

  it('hides participants and ratings of fewer than five people', () => {
    const d = trendDashboard({ ...input, filters: { populationGroupId: 'g2' } });
    expect(d.coverage[0]).toEqual({ roundId: 'r1', sessions: 2, participants: null });
    const r1 = d.aspects.find((a) => a.aspect === 'safety')!.rounds[0]!;
    expect([r1.rating.n, r1.rating.mean, r1.rating.shareHigh]).toEqual([null, null, null]);
    // A round with nobody selected: zeros are shown, they are about nobody.
    expect(d.coverage[1]).toEqual({ roundId: 'r2', sessions: 0, participants: 0 });
  });

  it('never lets one filtered view be subtracted from another to reveal a hidden group', () => {
    // Spring r1: the city's 15 raters are group g1's 12 and group g2's 3. g2 is hidden; showing g1
    // beside the city would give g2's 3 away, so g1 is hidden too — the open data file's rule.
    const city = trendDashboard({ ...input, filters: {} }).aspects.find((a) => a.aspect === 'safety')!.rounds[0]!;
    const g1 = trendDashboard({ ...input, filters: { populationGroupId: 'g1' } }).aspects.find(
      (a) => a.aspect === 'safety',
    )!.rounds[0]!;
    expect(city.rating.n).toBe(15);
    expect([g1.rating.n, g1.rating.mean, g1.rating.shareHigh]).toEqual([null, null, null]);
    // The same cell asked for as group × district is the whole group: the same (hidden) figures.
    const both = trendDashboard({ ...input, filters: { populationGroupId: 'g1', districtId: 'd1' } });
    expect(both.aspects.find((a) => a.aspect === 'safety')!.rounds[0]!.rating.n).toBeNull();
    expect(both.coverage[0]!.participants).toBeNull();
    // Its sessions and cards are not about people and stay.
    expect(g1.sessions).toBe(1);
    expect(g1.cards.negative).toBe(2);
  });

  it('counts measures that target the filtered group, or everyone, by their last status', () => {
    const measure = (groups: string[], lastStatus?: 'atRisk' | 'done', overdue = false) => ({
      roundId: 'r1',
      populationGroupIds: groups,
      districtIds: [],
      aspects: ['safety' as const],
      ...(lastStatus ? { lastStatus } : {}),
      overdue,
    });
    const d = trendDashboard({
      ...input,
      measures: [measure(['g1'], 'atRisk', true), measure([], 'done'), measure(['g2'])],
      filters: { populationGroupId: 'g1' },
    });
    expect(d.measures[0]).toMatchObject({ total: 2, overdue: 1, byStatus: { atRisk: 1, done: 1, notStarted: 0 } });
  });
});

describe('"changed my understanding" from the survey counters', () => {
  const counters = (counts: number[]) => ({
    n: counts.reduce((a, b) => a + b, 0),
    'a:understandingOverall': counts.reduce((a, b) => a + b, 0),
    ...Object.fromEntries(counts.map((c, i) => [`c:understandingOverall:${i + 1}`, c])),
  });

  it('is the share answering 4–5, with its interval', () => {
    const p = changedUnderstanding(counters([0, 5, 6, 10, 6]), 5);
    expect(p.k).toBe(16);
    expect(p.share).toBeCloseTo(16 / 27, 12);
  });

  it('is hidden when it would undo the survey page’s suppression', () => {
    // The page shows 4 as 10 and hides 5 (= 3) together with the 3-point cell: a share of 13 minus 10 would give the 3 away.
    expect(changedUnderstanding(counters([0, 0, 8, 10, 3]), 5).share).toBeNull();
    // Both sides large and nothing hidden: shown.
    expect(changedUnderstanding(counters([0, 0, 8, 10, 5]), 5).share).toBeCloseTo(15 / 23, 12);
  });
});
