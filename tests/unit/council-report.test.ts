import { councilReport, type CouncilReportInput } from '@sillat/shared/council-report';
import { roundFigures } from '@sillat/shared/open-data';
import { cardCounter, ratingCounter } from '@sillat/shared/round-stats';
import { meanDifference, publishableRating } from '@sillat/shared/stats';
import { describe, expect, it } from 'vitest';

const round = (id: string, groups: string[], previous = false) => ({
  id,
  name: { fi: previous ? 'Kevät 2025' : 'Kevät 2026' },
  period: { start: '2026-02-01', end: '2026-05-31' },
  phase: 'monitoring' as const,
  populationGroupIds: groups,
});
/** The same ratings on every aspect. */
const rated = (counts: number[]) =>
  Object.fromEntries(
    ['attitudes', 'safety', 'interaction', 'participation'].flatMap((a) =>
      counts.map((c, i) => [ratingCounter(a as 'safety', i + 1), c]),
    ),
  );
const cell = (roundId: string, group: string, counts: number[], extra: Record<string, number> = {}) => ({
  cell: { roundId, populationGroupId: group, districtId: 'd1' },
  counters: { sessions: 1, participants: counts.reduce((a, b) => a + b, 0), ...rated(counts), ...extra },
});

// Spread-out ratings whose mean is publishable; "low" and "high" differ clearly.
const LOW = [4, 6, 6, 2, 2];
const HIGH = [0, 0, 5, 8, 7];
/** The smallest group above the threshold: hidden beside a small one, so the total cannot give the small one away. */
const SPARE = [1, 2, 3, 2, 2];

function input(overrides: Partial<CouncilReportInput> = {}): CouncilReportInput {
  return {
    municipality: { name: { fi: 'Esimerkkilä' } },
    threshold: 5,
    round: round('r2', ['big', 'tiny', 'mid', 'spare', 'new']),
    previous: round('r1', ['big', 'tiny', 'mid', 'spare', 'gone'], true),
    cells: [
      cell('r1', 'big', LOW, { [cardCounter('safety', 'negative')]: 3 }),
      cell('r1', 'tiny', [0, 1, 1, 0, 0]),
      cell('r1', 'mid', HIGH),
      cell('r1', 'spare', SPARE),
      cell('r1', 'gone', LOW),
      cell('r2', 'big', HIGH, { [cardCounter('safety', 'positive')]: 2 }),
      cell('r2', 'tiny', [0, 0, 2, 1, 0]),
      cell('r2', 'mid', HIGH),
      cell('r2', 'spare', SPARE),
      cell('r2', 'new', LOW),
    ],
    survey: { status: 'closed', counters: { n: 3 } },
    measures: [
      {
        id: 'm1',
        title: 'Iltakävelyt',
        aspects: ['safety'],
        populationGroupIds: ['big'],
        districtIds: ['d1'],
        ownerId: 'u1',
        lastStatus: 'atRisk',
        progress: 40,
        nextCheckpoint: { date: '2026-09-01', assess: 'Osallistujat' },
        overdue: true,
      },
      { id: 'm2', title: 'Asukasraati', aspects: [], populationGroupIds: [], districtIds: [], overdue: false },
    ],
    groups: ['big', 'tiny', 'mid', 'spare', 'new', 'gone'].map((id) => ({ id, name: { fi: `Ryhmä ${id}` } })),
    districts: [{ id: 'd1', name: { fi: 'Keskusta' } }],
    owners: [{ id: 'u1', name: 'Olli Omistaja' }],
    ...overrides,
  };
}

describe('the council report', () => {
  const report = councilReport(input());

  it('sums the round: sessions, groups heard, participants, cards, measures by status', () => {
    expect(report.summary).toMatchObject({
      sessions: 5,
      groupsConsulted: 5,
      participants: 20 + 3 + 20 + 10 + 20,
      cards: { positive: 2, negative: 0 },
      measures: { total: 2, overdue: 1, byStatus: { atRisk: 1, notStarted: 1, onTrack: 0 } },
    });
    expect(report.previousRound?.id).toBe('r1');
  });

  it('hides the survey respondents below the threshold, and an open survey entirely', () => {
    expect(report.summary.survey.respondents).toBeNull();
    const open = councilReport(input({ survey: { status: 'open', counters: { n: 40 } } }));
    expect(open.summary.survey).toEqual({ status: 'open', respondents: null, changedUnderstanding: null });
    expect(councilReport(input({ survey: null })).summary.survey.status).toBe('none');
  });

  it('never publishes a group of fewer than t people, nor one that the total would give away', () => {
    const participants = Object.fromEntries(report.groups.map((g) => [g.populationGroup.id, g.participants]));
    // "tiny" (3) is hidden; with the total shown, the next smallest ("spare", 10) goes too.
    expect(participants).toEqual({ big: 20, tiny: null, mid: 20, spare: null, new: 20 });
    const tiny = report.groups.find((g) => g.populationGroup.id === 'tiny')!;
    expect(tiny.means.every((m) => m.mean === null)).toBe(true);
    // A group whose participants are hidden shows no means either.
    for (const g of report.groups)
      if (g.participants === null) expect(g.means.every((m) => m.mean === null)).toBe(true);
  });

  it('publishes about people exactly what the open-data file publishes for the round and each group', () => {
    for (const roundId of ['r1', 'r2']) {
      const units = roundFigures(roundId, input().cells, 5).units;
      const ofRound = roundId === 'r2' ? report : councilReport(input({ round: round('r1', []), previous: null }));
      const city = units.find((u) => u.level === 'city')!;
      expect(ofRound.summary.participants).toBe(city.participants);
      for (const a of ofRound.aspects)
        expect(a.rating).toEqual({ n: city.aspects[a.aspect].raters, ...city.aspects[a.aspect].rating });
      for (const g of ofRound.groups) {
        const unit = units.find((u) => u.level === 'populationGroup' && u.id === g.populationGroup.id)!;
        expect(g.participants).toBe(unit.participants);
        expect(g.means).toEqual(
          unit ? Object.entries(unit.aspects).map(([aspect, f]) => ({ aspect, mean: f.rating.mean })) : [],
        );
      }
    }
  });

  it('gives an aspect change in words only when both rounds are published', () => {
    const safety = report.aspects.find((a) => a.aspect === 'safety')!;
    expect(safety.cards).toEqual({ positive: 2, negative: 0, total: 2, balance: 1 });
    expect(safety.previous?.cards).toEqual({ positive: 0, negative: 3 });
    // Round totals by hand: r1 = LOW + tiny + HIGH + SPARE + LOW, r2 = HIGH + tiny + HIGH + SPARE + LOW.
    const r1 = [9, 15, 21, 14, 13];
    const r2 = [5, 8, 21, 21, 18];
    expect(safety.rating).toEqual(publishableRating(r2, 5));
    expect(safety.previous?.rating).toEqual(publishableRating(r1, 5));
    const expected = meanDifference(r1, r2)!;
    expect(safety.change.estimate).toBeCloseTo(expected.estimate, 12);
    expect(safety.change.ci).toEqual(expected.ci);
    expect(safety.change.kind).toBe('improved');
    // One side hidden: no change is claimed, however large.
    const hidden = councilReport(
      input({
        cells: input()
          .cells.filter((c) => c.cell.roundId === 'r2')
          .concat(cell('r1', 'big', [0, 0, 3, 0, 0])),
      }),
    );
    expect(hidden.aspects[0]!.previous?.rating.mean).toBeNull();
    expect(hidden.aspects[0]!.change).toEqual({ kind: 'notComparable', estimate: null, ci: null });
  });

  it('compares groups heard in both rounds, and marks the others not comparable', () => {
    const byGroup = Object.fromEntries(report.comparison.map((c) => [c.populationGroup.id, c]));
    expect(Object.keys(byGroup)).toEqual(['big', 'tiny', 'mid', 'spare', 'new', 'gone']);
    expect(byGroup.new!.consulted).toBe('thisRound');
    expect(byGroup.gone!.consulted).toBe('previousRound');
    for (const id of ['new', 'gone', 'tiny', 'spare']) {
      expect(byGroup[id]!.aspects.every((a) => a.change.kind === 'notComparable' && a.change.estimate === null)).toBe(
        true,
      );
    }
    // "big" went from LOW to HIGH: a clear improvement whose whole interval is above zero.
    const big = byGroup.big!.aspects[0]!;
    expect(big.change.kind).toBe('improved');
    expect(big.change.ci![0]).toBeGreaterThan(0);
    // "mid" gave the same ratings both times: no clear change, not "worsened" or "improved".
    expect(byGroup.mid!.aspects[0]!.change.kind).toBe('noClearChange');
  });

  it('lists the measures with their owner, targets and next checkpoint', () => {
    expect(report.measures.map((m) => m.title)).toEqual(['Asukasraati', 'Iltakävelyt']);
    expect(report.measures[1]).toMatchObject({
      owner: { id: 'u1', name: 'Olli Omistaja' },
      status: 'atRisk',
      progress: 40,
      populationGroups: [{ id: 'big', name: { fi: 'Ryhmä big' } }],
      districts: [{ id: 'd1', name: { fi: 'Keskusta' } }],
      nextCheckpoint: { date: '2026-09-01', assess: 'Osallistujat' },
      overdue: true,
    });
    expect(report.measures[0]).toMatchObject({ owner: null, status: null, progress: null, nextCheckpoint: null });
  });

  it('without a previous round has no comparison and no changes', () => {
    const first = councilReport(input({ previous: null }));
    expect(first.comparison).toEqual([]);
    expect(first.aspects.every((a) => a.previous === null && a.change.kind === 'notComparable')).toBe(true);
  });

  it('publishes no figure about 1..t−1 people anywhere in the report', () => {
    const tiny = councilReport(
      input({
        cells: [cell('r2', 'big', [0, 1, 1, 1, 0]), cell('r1', 'big', [0, 2, 0, 0, 0])],
        survey: { status: 'closed', counters: { n: 4 } },
      }),
    );
    expect(tiny.summary.participants).toBeNull();
    expect(tiny.summary.survey.respondents).toBeNull();
    for (const a of tiny.aspects) {
      expect(a.rating).toMatchObject({ n: null, mean: null, shareHigh: null });
      expect(a.change.kind).toBe('notComparable');
    }
    expect(tiny.groups.every((g) => g.participants === null || g.participants === 0)).toBe(true);
  });
});
