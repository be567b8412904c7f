import { ASPECTS } from '@sillat/shared/aspects';
import { roundComparison } from '@sillat/shared/comparison';
import { roundFigures } from '@sillat/shared/open-data';
import fc from 'fast-check';
import { cardCounter, ratingCounter } from '@sillat/shared/round-stats';
import { describe, expect, it } from 'vitest';

const cell = (
  roundId: string,
  group: string,
  district: string,
  safety: number[],
  extra: Record<string, number> = {},
) => ({
  cell: { roundId, populationGroupId: group, districtId: district },
  counters: {
    sessions: 1,
    participants: safety.reduce((a, b) => a + b, 0),
    ...Object.fromEntries(safety.map((c, i) => [ratingCounter('safety', i + 1), c])),
    ...extra,
  },
});

/**
 * Spring (from) and autumn (to), safety ratings per group. g4 was heard only
 * in spring, g5 only in autumn; g3's spring ratings come from four people.
 */
const from = [
  cell('r1', 'g1', 'd1', [0, 0, 5, 5, 0], { [cardCounter('safety', 'positive')]: 2 }),
  cell('r1', 'g2', 'd1', [0, 0, 5, 5, 0]),
  cell('r1', 'g3', 'd2', [0, 0, 2, 2, 0]),
  cell('r1', 'g4', 'd2', [0, 0, 3, 3, 0]),
];
const to = [
  cell('r2', 'g1', 'd1', [0, 0, 0, 5, 5], { [cardCounter('safety', 'negative')]: 1 }),
  cell('r2', 'g2', 'd1', [0, 0, 5, 5, 5]),
  cell('r2', 'g3', 'd2', [0, 0, 5, 5, 0]),
  cell('r2', 'g5', 'd2', [0, 0, 5, 5, 0]),
];

const safetyRows = (by: 'group' | 'district' | 'groupDistrict', threshold = 5, a = from, b = to) =>
  roundComparison({ from: a, to: b, by, threshold }).aspects.find((x) => x.aspect === 'safety')!;
const rowOf = (rows: ReturnType<typeof safetyRows>['rows'], group: string) =>
  rows.find((r) => r.populationGroupId === group)!;

describe('the round comparison from counters', () => {
  it('gives a clear improvement with its Welch interval when both sides are published', () => {
    const g1 = rowOf(safetyRows('group').rows, 'g1');
    // 3.5 (five 3s, five 4s) → 4.5 (five 4s, five 5s): both SDs √(2.5/9), SE = √(2·0.2778/10) = 0.2357,
    // Welch df = 18, t(0.975, 18) = 2.1009, half-width 0.4952.
    expect(g1.from.rating.mean).toBe(3.5);
    expect(g1.to.rating.mean).toBe(4.5);
    expect(g1.meanChange!.estimate).toBe(1);
    expect(g1.meanChange!.ci[0]).toBeCloseTo(0.5048, 4);
    expect(g1.meanChange!.ci[1]).toBeCloseTo(1.4952, 4);
    expect(g1.meanKind).toBe('improved');
    // 5/10 → 10/10 rated 4–5: Newcombe's lower bound 0.5 − hypot(1 − 0.7225, 0.7634 − 0.5) ≈ 0.117 > 0.
    expect(g1.shareChange!.estimate).toBe(0.5);
    expect(g1.shareChange!.ci[0]).toBeCloseTo(0.1174, 3);
    expect(g1.shareKind).toBe('improved');
    expect(g1.onlyIn).toBeNull();
    // Cards and sessions are not people: shown as counted.
    expect([g1.from.cards, g1.to.cards, g1.from.sessions]).toEqual([
      { positive: 2, negative: 0 },
      { positive: 0, negative: 1 },
      1,
    ]);
  });

  it('says "no clear change" when the interval spans zero, and "worsened" the other way round', () => {
    const g2 = rowOf(safetyRows('group').rows, 'g2');
    // 3.5 → 4 (five each of 3, 4, 5): SE = √(0.2778/10 + 0.7143/15) = 0.2746, df ≈ 22.95.
    expect(g2.meanChange!.estimate).toBe(0.5);
    expect(g2.meanChange!.ci[0]).toBeCloseTo(-0.0681, 4);
    expect(g2.meanChange!.ci[1]).toBeCloseTo(1.0681, 4);
    expect(g2.meanKind).toBe('noClearChange');
    // 5/10 → 10/15: +1/6 with an interval from about −0.20 to 0.49.
    expect(g2.shareChange!.estimate).toBeCloseTo(1 / 6, 12);
    expect(g2.shareKind).toBe('noClearChange');

    const back = rowOf(safetyRows('group', 5, to, from).rows, 'g1');
    expect(back.meanChange!.estimate).toBe(-1);
    expect(back.meanChange!.ci[1]).toBeCloseTo(-0.5048, 4);
    expect(back.meanKind).toBe('worsened');
  });

  it('publishes no change when a side is hidden, and hides one more row so the hidden one cannot be worked out', () => {
    const { all, rows } = safetyRows('group');
    const g3 = rowOf(rows, 'g3');
    expect(g3.from.rating).toEqual({ n: null, mean: null, sd: null, ci: null, shareHigh: null, shareHighCi: null });
    expect(g3.to.rating.mean).toBe(3.5);
    expect([g3.meanChange, g3.meanKind, g3.shareChange, g3.shareKind]).toEqual([
      null,
      'notComparable',
      null,
      'notComparable',
    ]);
    // Spring's all-row n is 30; with only g3 (4) hidden, 30 − 10 − 10 − 6 would give it away, so g4 (6) goes too.
    expect(all.from.rating.n).toBe(30);
    expect(rowOf(rows, 'g4').from.rating.n).toBeNull();
    expect([rowOf(rows, 'g1').from.rating.n, rowOf(rows, 'g2').from.rating.n]).toEqual([10, 10]);
    // With a municipality threshold of 3, four raters may be counted and g4 need not be hidden; the
    // mean stays hidden (two people gave a 3), so there is still no change to publish.
    const lower = safetyRows('group', 3).rows;
    expect([rowOf(lower, 'g3').from.rating.n, rowOf(lower, 'g4').from.rating.n]).toEqual([4, 6]);
    expect(rowOf(lower, 'g3').meanKind).toBe('notComparable');
  });

  it('shows a group heard in only one round as such, never as a change', () => {
    const { rows } = safetyRows('group');
    expect(rows.map((r) => [r.populationGroupId, r.districtId, r.onlyIn])).toEqual([
      ['g1', null, null],
      ['g2', null, null],
      ['g3', null, null],
      ['g4', null, 'from'],
      ['g5', null, 'to'],
    ]);
    const g5 = rowOf(rows, 'g5');
    expect(g5.from.sessions).toBe(0);
    expect(g5.to.rating.mean).toBe(3.5);
    expect([g5.meanChange, g5.meanKind, g5.shareChange, g5.shareKind]).toEqual([
      null,
      'notComparable',
      null,
      'notComparable',
    ]);
  });

  it('breaks down by district and by group × district, with an "all" row', () => {
    const byDistrict = safetyRows('district');
    expect(byDistrict.rows.map((r) => [r.districtId, r.from.rating.n, r.to.rating.n])).toEqual([
      ['d1', 20, 25],
      ['d2', 10, 20],
    ]);
    // d2: g3 + g4 in spring (3.5), g3 + g5 in autumn (3.5): the same mean, no clear change.
    const d2 = byDistrict.rows[1]!;
    expect(d2.meanChange!.estimate).toBe(0);
    expect(d2.meanKind).toBe('noClearChange');
    expect([byDistrict.all.populationGroupId, byDistrict.all.districtId]).toEqual([null, null]);
    expect([byDistrict.all.from.rating.n, byDistrict.all.to.rating.n]).toEqual([30, 45]);

    const both = safetyRows('groupDistrict');
    expect(both.rows.map((r) => `${r.populationGroupId}/${r.districtId}`)).toEqual([
      'g1/d1',
      'g2/d1',
      'g3/d2',
      'g4/d2',
      'g5/d2',
    ]);
  });

  it('hides a share whose hidden 4–5 count could be worked out from the all row', () => {
    // Both rows have n shown; g7's share is hidden (only two rated 1–3), so g6's must go too.
    const cells = [cell('r1', 'g6', 'd1', [0, 0, 5, 5, 0]), cell('r1', 'g7', 'd1', [0, 0, 2, 5, 0])];
    const { all, rows } = safetyRows('group', 5, cells, cells);
    expect(all.from.rating.shareHigh).toBeCloseTo(10 / 17, 12);
    expect(rows.map((r) => r.from.rating.n)).toEqual([10, 7]);
    expect(rows.map((r) => r.from.rating.shareHigh)).toEqual([null, null]);
    expect(rows[0]!.shareKind).toBe('notComparable');
  });

  it('publishes about people exactly what the open-data file publishes for that round and unit', () => {
    const ratings = fc.array(fc.nat({ max: 6 }), { minLength: 5, maxLength: 5 });
    const cellArb = fc.record({
      group: fc.constantFrom('g1', 'g2', 'g3', 'g4'),
      district: fc.constantFrom('d1', 'd2', 'd3'),
      safety: ratings,
      trust: ratings,
    });
    const round = (roundId: string) =>
      fc.uniqueArray(cellArb, { selector: (c) => `${c.group}/${c.district}`, maxLength: 8 }).map((cs) =>
        cs.map((c) => {
          const made = cell(roundId, c.group, c.district, c.safety);
          const trust = Object.fromEntries(c.trust.map((n, i) => [ratingCounter('interaction', i + 1), n]));
          return { ...made, counters: { ...made.counters, ...trust } };
        }),
      );
    fc.assert(
      fc.property(round('r1'), round('r2'), fc.constantFrom(3, 5), (a, b, threshold) => {
        const published = (cells: typeof a, roundId: string) => roundFigures(roundId, cells, threshold).units;
        const units = { from: published(a, 'r1'), to: published(b, 'r2') };
        const unitRating = (
          side: 'from' | 'to',
          level: string,
          id: string | null,
          aspect: (typeof ASPECTS)[number],
        ) => {
          const u = units[side].find((x) => x.level === level && x.id === id);
          return u ? { n: u.aspects[aspect].raters, ...u.aspects[aspect].rating } : undefined;
        };
        for (const by of ['group', 'district', 'groupDistrict'] as const) {
          for (const x of roundComparison({ from: a, to: b, by, threshold }).aspects) {
            for (const side of ['from', 'to'] as const) {
              const all = unitRating(side, 'city', null, x.aspect);
              if (all) expect(x.all[side].rating).toEqual(all);
              for (const row of x.rows) {
                const shown = row[side].rating;
                const asGroup =
                  row.populationGroupId && unitRating(side, 'populationGroup', row.populationGroupId, x.aspect);
                const asDistrict = row.districtId && unitRating(side, 'district', row.districtId, x.aspect);
                if (by === 'group' && asGroup) expect(shown).toEqual(asGroup);
                else if (by === 'district' && asDistrict) expect(shown).toEqual(asDistrict);
                else if (shown.n !== null && shown.n > 0)
                  // A group × district row publishes people only as the whole group or the whole district.
                  expect([asGroup, asDistrict]).toContainEqual(shown);
              }
            }
          }
        }
      }),
      { numRuns: 200 },
    );
    // Room for a busy machine (the CI tiers run side by side); this is a bound, not a speed check.
  }, 60_000);
});
