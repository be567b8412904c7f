import { coverageView, worsenedAspects } from '@sillat/shared/coverage';
import { roundFigures } from '@sillat/shared/open-data';
import { addCounters, emptyStats, ratingCounter } from '@sillat/shared/round-stats';
import { describeChange, meanDifference, publishableRating } from '@sillat/shared/stats';
import { describe, expect, it } from 'vitest';

const round = (id: string, start: string) => ({ id, name: { fi: id }, period: { start, end: start } });
const group = (id: string, archived = false) => ({ id, name: { fi: id }, archived });
const cell = (roundId: string, g: string, district: string, counters: Record<string, number>) => ({
  cell: { roundId, populationGroupId: g, districtId: district },
  counters,
});
const safety = (counts: number[]) => Object.fromEntries(counts.map((c, i) => [ratingCounter('safety', i + 1), c]));

describe('the coverage matrix and who to consult next', () => {
  const rounds = [round('r2', '2026-02-01'), round('r1', '2025-02-01'), round('r3', '2027-02-01')];
  const groups = [group('heard'), group('worse'), group('old'), group('never'), group('small'), group('gone', true)];
  const cells = [
    cell('r1', 'heard', 'd1', { sessions: 1, participants: 10, ...safety([0, 0, 5, 5, 0]) }),
    cell('r2', 'heard', 'd1', { sessions: 1, participants: 6, ...safety([0, 0, 3, 3, 0]) }),
    cell('r2', 'heard', 'd2', { sessions: 1, participants: 6, ...safety([0, 0, 3, 3, 0]) }),
    cell('r1', 'worse', 'd1', { sessions: 1, participants: 20, ...safety([0, 0, 0, 10, 10]) }),
    cell('r2', 'worse', 'd1', { sessions: 1, participants: 20, ...safety([10, 10, 0, 0, 0]) }),
    cell('r1', 'old', 'd1', { sessions: 2, participants: 15 }),
    // Three people, rating much worse: not published, so not a reason.
    cell('r1', 'small', 'd1', { sessions: 1, participants: 3, ...safety([0, 0, 0, 0, 3]) }),
    cell('r2', 'small', 'd1', { sessions: 1, participants: 3, ...safety([3, 0, 0, 0, 0]) }),
    cell('r1', 'gone', 'd1', { sessions: 1, participants: 9 }),
  ];
  const view = coverageView({ rounds, groups, cells, threshold: 5 });

  it('has active groups as rows and rounds oldest first, with participants by the threshold rule', () => {
    expect(view.rounds.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(view.groups.map((g) => g.id)).toEqual(['heard', 'worse', 'old', 'never', 'small']);
    expect(view.latestRoundId).toBe('r2');
    const row = (id: string) => view.groups.find((g) => g.id === id)!.cells;
    expect(row('heard')).toEqual([
      { roundId: 'r1', sessions: 1, participants: 10 },
      // "small" (3) is hidden in r2; the round total is published, so the next-smallest group goes too.
      { roundId: 'r2', sessions: 2, participants: null },
      { roundId: 'r3', sessions: 0, participants: 0 },
    ]);
    expect(row('small')[0]).toEqual({ roundId: 'r1', sessions: 1, participants: null });
    expect(row('never').every((c) => c.sessions === 0 && c.participants === 0)).toBe(true);
  });

  it('publishes each group exactly as the open-data file does for that round', () => {
    for (const g of view.groups)
      for (const c of g.cells) {
        const unit = roundFigures(c.roundId, cells, 5).units.find(
          (u) => u.level === 'populationGroup' && u.id === g.id,
        );
        expect(c.participants).toBe(unit ? unit.participants : 0);
      }
  });

  it('ranks never consulted, then not heard in the latest round, then published worsening', () => {
    expect(view.suggestions.map((s) => [s.populationGroupId, s.rank])).toEqual([
      ['never', 1],
      ['old', 2],
      ['worse', 3],
    ]);
    expect(view.suggestions[0]!.reasons).toEqual([{ reason: 'neverConsulted' }]);
    expect(view.suggestions[1]!.reasons).toEqual([{ reason: 'notHeardSince', roundId: 'r1', latestRoundId: 'r2' }]);
    expect(view.suggestions[2]!.reasons).toEqual([
      { reason: 'worsened', aspect: 'safety', measure: 'mean', from: 'r1', to: 'r2' },
    ]);
  });

  it('puts the group unheard the longest first within a rank', () => {
    const v = coverageView({
      rounds: [...rounds, round('r4', '2028-02-01')],
      groups: [group('recent'), group('oldest')],
      cells: [
        cell('r1', 'oldest', 'd', { sessions: 1, participants: 5 }),
        cell('r3', 'recent', 'd', { sessions: 1, participants: 5 }),
        cell('r4', 'other', 'd', { sessions: 1, participants: 5 }),
      ],
      threshold: 5,
    });
    expect(v.latestRoundId).toBe('r4');
    expect(v.suggestions.map((s) => s.populationGroupId)).toEqual(['oldest', 'recent']);
  });

  it('has no suggestions and no latest round without data', () => {
    const v = coverageView({ rounds, groups: [], cells: [], threshold: 5 });
    expect([v.latestRoundId, v.suggestions]).toEqual([null, []]);
  });
});

describe('worsened aspects', () => {
  const stats = (counts: number[]) => addCounters(emptyStats(), safety(counts));

  it('takes the mean when both means are published', () => {
    expect(worsenedAspects(stats([0, 0, 5, 0, 25]), stats([0, 0, 25, 0, 5]), 5)).toEqual([
      { aspect: 'safety', measure: 'mean' },
    ]);
  });

  it('takes the share when the means are hidden but both shares are published', () => {
    // Afterwards everyone but one person gave a 2: n and the mean alone pin that person down, so
    // there is no mean to compare with; 10 of 15 and then 0 of 15 rated 4–5 are both published.
    const before = stats([0, 0, 5, 0, 10]);
    const after = stats([1, 14, 0, 0, 0]);
    expect(worsenedAspects(before, after, 5)).toEqual([{ aspect: 'safety', measure: 'shareHigh' }]);
  });

  it('ignores a worsening when one side is not published', () => {
    // After: one of five rated 4–5, so neither its share nor its mean is published — though the drop is clear.
    const after = stats([4, 0, 0, 0, 1]);
    expect(publishableRating(after.ratings.safety, 5)).toMatchObject({ mean: null, shareHigh: null });
    expect(describeChange(meanDifference(stats([0, 0, 0, 0, 10]).ratings.safety, after.ratings.safety))).toBe(
      'worsened',
    );
    expect(worsenedAspects(stats([0, 0, 0, 0, 10]), after, 5)).toEqual([]);
  });

  it('says nothing about a change within the interval', () => {
    expect(worsenedAspects(stats([2, 3, 5, 5, 5]), stats([3, 3, 5, 5, 4]), 5)).toEqual([]);
  });
});
