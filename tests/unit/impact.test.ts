import { defaultImpactRound, impactView, measureOutcome, nextRoundOf, targetsCell } from '@sillat/shared/impact';
import { cardCounter, ratingCounter } from '@sillat/shared/round-stats';
import { describe, expect, it } from 'vitest';

const round = (id: string, start: string, nextRoundId?: string) => ({
  id,
  name: { fi: id },
  period: { start, end: start },
  ...(nextRoundId ? { nextRoundId } : {}),
});
const cell = (roundId: string, group: string, district: string, counters: Record<string, number>) => ({
  cell: { roundId, populationGroupId: group, districtId: district },
  counters,
});
const rated = (aspect: 'safety' | 'interaction', counts: number[]) =>
  Object.fromEntries(counts.map((c, i) => [ratingCounter(aspect, i + 1), c]));
const measure = (
  id: string,
  over: Partial<{ aspects: ('safety' | 'interaction')[]; groups: string[]; districts: string[] }> = {},
) => ({
  id,
  roundId: 'r1',
  title: id,
  aspects: over.aspects ?? ['safety'],
  populationGroupIds: over.groups ?? ['g1'],
  districtIds: over.districts ?? ['d1'],
});

describe('which cells a measure targets', () => {
  it('takes named groups and districts, an empty list meaning all', () => {
    const c = { roundId: 'r', populationGroupId: 'g1', districtId: 'd2' };
    expect(targetsCell({ populationGroupIds: ['g1'], districtIds: ['d1'] }, c)).toBe(false);
    expect(targetsCell({ populationGroupIds: ['g1'], districtIds: [] }, c)).toBe(true);
    expect(targetsCell({ populationGroupIds: [], districtIds: ['d2'] }, c)).toBe(true);
    expect(targetsCell({ populationGroupIds: ['g2'], districtIds: [] }, c)).toBe(false);
  });
});

describe('the impact view', () => {
  const r1 = round('r1', '2025-02-01', 'r2');
  const r2 = round('r2', '2026-02-01');
  const cells = [
    // The targeted cell: clearly better in r2.
    cell('r1', 'g1', 'd1', {
      sessions: 1,
      participants: 20,
      ...rated('safety', [5, 5, 5, 5, 0]),
      [cardCounter('safety', 'negative')]: 2,
      [cardCounter('safety', 'positive')]: 1,
    }),
    cell('r2', 'g1', 'd1', {
      sessions: 1,
      participants: 20,
      ...rated('safety', [0, 0, 5, 5, 10]),
      [cardCounter('safety', 'positive')]: 3,
    }),
    // Not targeted (another district): much worse, must not count.
    cell('r1', 'g1', 'd2', { sessions: 1, participants: 30, ...rated('safety', [0, 0, 0, 0, 30]) }),
    cell('r2', 'g1', 'd2', { sessions: 1, participants: 30, ...rated('safety', [30, 0, 0, 0, 0]) }),
  ];
  // A small group met alone in its district, three people each round.
  const smallGroup = [
    cell('r1', 'g3', 'd3', { sessions: 1, participants: 3, ...rated('safety', [0, 1, 1, 1, 0]) }),
    cell('r2', 'g3', 'd3', { sessions: 1, participants: 3, ...rated('safety', [0, 0, 1, 1, 1]) }),
  ];
  const view = (measures: ReturnType<typeof measure>[], next: typeof r2 | null = r2) =>
    impactView({
      round: r1,
      nextRound: next,
      cells,
      measures,
      sourceCards: new Map([['m1', ['card-1', 'card-2']]]),
      threshold: 5,
    });

  it('compares exactly the targeted cells and aspects, with the change in words', () => {
    const v = view([measure('m1')]);
    const m1 = v.measures[0]!;
    expect(m1.sourceCardIds).toEqual(['card-1', 'card-2']);
    expect(m1.before).toEqual({ sessions: 1, participants: 20 });
    expect(m1.after).toEqual({ sessions: 1, participants: 20 });
    expect(m1.byAspect.map((a) => a.aspect)).toEqual(['safety']);
    const safety = m1.byAspect[0]!;
    expect(safety.before.mean).toBeCloseTo(2.5);
    expect(safety.after!.mean).toBeCloseTo(4.25);
    expect(safety.meanChange!.estimate).toBeCloseTo(1.75);
    expect(safety.change).toBe('improved');
    expect(safety.shareChange!.estimate).toBeCloseTo(0.75 - 0.25);
    expect(safety.cardsBefore).toEqual({ positive: 1, negative: 2 });
    expect(safety.cardsAfter).toEqual({ positive: 3, negative: 0 });
    expect(m1.outcome).toBe('improved');
    expect(v.summary).toMatchObject({ total: 1, improved: 1, notComparable: 0 });
  });

  it('gives no change when either side is hidden by the privacy threshold', () => {
    const v = impactView({
      round: r1,
      nextRound: r2,
      cells: smallGroup,
      measures: [measure('small', { groups: ['g3'], districts: ['d3'] })],
      sourceCards: new Map(),
      threshold: 5,
    });
    const small = v.measures[0]!;
    expect(small.before.participants).toBeNull();
    expect(small.byAspect[0]!.before.mean).toBeNull();
    expect(small.byAspect[0]!.meanChange).toBeNull();
    expect(small.byAspect[0]!.shareChange).toBeNull();
    expect(small.outcome).toBe('notComparable');
    expect(small.notComparableReason).toBe('tooFewPeople');
  });

  it('hides what subtraction from a published district, group or city figure would reveal', () => {
    // District d1 is published elsewhere: 20 + 3 people. The measure's 20 would give the small group's 3 away.
    const crowded = [
      ...cells,
      cell('r1', 'g3', 'd1', { sessions: 1, participants: 3, ...rated('safety', [0, 1, 1, 1, 0]) }),
      cell('r2', 'g3', 'd1', { sessions: 1, participants: 3, ...rated('safety', [0, 0, 1, 1, 1]) }),
    ];
    const m1 = impactView({
      round: r1,
      nextRound: r2,
      cells: crowded,
      measures: [measure('m1')],
      sourceCards: new Map(),
      threshold: 5,
    }).measures[0]!;
    expect([m1.before.participants, m1.after!.participants]).toEqual([null, null]);
    const safety = m1.byAspect[0]!;
    expect([safety.before.n, safety.before.mean, safety.before.shareHigh]).toEqual([null, null, null]);
    expect([safety.meanChange, safety.shareChange, safety.change]).toEqual([null, null, 'notComparable']);
    expect([m1.outcome, m1.notComparableReason]).toEqual(['notComparable', 'tooFewPeople']);
    // Without the small group there, the same measure is published (the first test).
  });

  it('says why a measure cannot be compared: not consulted, or no next round', () => {
    const notAfter = view([measure('gone', { groups: ['g9'] })]).measures[0]!;
    expect([notAfter.outcome, notAfter.notComparableReason]).toEqual(['notComparable', 'notConsultedBefore']);
    const lonely = impactView({
      round: r1,
      nextRound: r2,
      cells: cells.filter((c) => !(c.cell.roundId === 'r2' && c.cell.districtId === 'd1')),
      measures: [measure('m1')],
      sourceCards: new Map(),
      threshold: 5,
    }).measures[0]!;
    expect([lonely.outcome, lonely.notComparableReason, lonely.after]).toEqual([
      'notComparable',
      'notConsultedAfter',
      { sessions: 0, participants: 0 },
    ]);
    const none = view([measure('m1')], null).measures[0]!;
    expect([none.outcome, none.notComparableReason, none.after]).toEqual(['notComparable', 'noNextRound', null]);
    expect(none.byAspect[0]!.after).toBeNull();
  });

  it('sums every district for a measure that names none, and keeps only its round’s measures', () => {
    const v = view([measure('city', { districts: [] }), { ...measure('other'), roundId: 'r2' }]);
    expect(v.measures.map((x) => x.measureId)).toEqual(['city']);
    expect(v.measures[0]!.before).toEqual({ sessions: 2, participants: 50 });
    // The untargeted district's collapse now dominates: clearly worse.
    expect(v.measures[0]!.outcome).toBe('worsened');
  });

  it('words a measure over its aspects', () => {
    expect(measureOutcome(['improved', 'noClearChange'])).toBe('improved');
    expect(measureOutcome(['improved', 'worsened'])).toBe('mixed');
    expect(measureOutcome(['worsened', 'notComparable'])).toBe('worsened');
    expect(measureOutcome(['noClearChange', 'notComparable'])).toBe('noClearChange');
    expect(measureOutcome(['notComparable'])).toBe('notComparable');
  });
});

describe('choosing rounds', () => {
  const a = round('a', '2024-02-01');
  const b = round('b', '2025-02-01', 'c');
  const c = round('c', '2027-02-01');
  const d = round('d', '2026-02-01');

  it('follows the link to the next round, else the next by period', () => {
    expect(nextRoundOf(b, [a, b, c, d])!.id).toBe('c');
    expect(nextRoundOf(a, [a, b, c, d])!.id).toBe('b');
    expect(nextRoundOf(d, [a, b, c, d])!.id).toBe('c');
    expect(nextRoundOf(c, [a, b, c, d])).toBeNull();
  });

  it('opens on the latest round whose next round has held sessions', () => {
    const held = (roundId: string) => cell(roundId, 'g', 'd', { sessions: 1 });
    // d (2026) names no next round; c (2027) follows it by period and has data.
    expect(defaultImpactRound([a, b, c, d], [held('b'), held('c')])!.id).toBe('d');
    expect(defaultImpactRound([a, b, c, d], [held('b')])!.id).toBe('a');
    expect(defaultImpactRound([a, d], [])!.id).toBe('a');
    expect(defaultImpactRound([a], [])!.id).toBe('a');
    expect(defaultImpactRound([], [])).toBeNull();
  });
});
