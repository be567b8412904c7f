import type { Aspect } from './aspects';
import { addCounters, type CellStats, type Counters, emptyStats, type StatsCell } from './round-stats';
import {
  type ChangeKind,
  type Difference,
  describeChange,
  meanDifference,
  momentsDisclose,
  proportionDifference,
  publishableRating,
  type PublishedRating,
} from './stats';
import type { Shown } from './suppression';

/**
 * The impact view (issue 7, item 3): for each measure of a round, what
 * happened in the next round to exactly the aspects, population groups and
 * districts it targeted. Pure: the API reads the two rounds' counters (two
 * Queries) and the round's measures and hands them here.
 *
 * "Exactly those": the cells (group × district) a measure names — an empty
 * list of groups or districts means all of them, as a city-wide measure does
 * — and only the aspects it names. The cards behind a measure are what the
 * candidate recorded (`cardIds`, the decision-maker session's choice); the
 * card balance "before" counts the round's cards in the targeted cells and
 * aspects, which is also what the cards page shows behind the link.
 *
 * Privacy: ratings go through `publishableRating` with the municipality's
 * threshold, on each side separately; a change is computed only when both
 * sides' mean (or share) is published — otherwise it is 'notComparable' and
 * no difference is given. A measure's cells are a selection the other
 * dashboards do not make, so its figures are also checked against those
 * they do publish (the city, one group, one district, one group × district):
 * when one of those selections nests with the measure's, the cells in one
 * and not the other could be worked out by subtraction, so those cells'
 * participants, raters, 4–5 and 1–3 counts must each be 0 or at least the
 * threshold and their moments must not pin down a small count — otherwise
 * the figure is hidden ({@link guardNested}). Card and session counts are
 * not about people.
 */

export type MeasureStatusFacts = 'notStarted' | 'onTrack' | 'atRisk' | 'done' | 'discontinued';

export interface ImpactRound {
  id: string;
  name: Partial<Record<'fi' | 'sv' | 'en', string>>;
  period: { start: string; end: string };
  nextRoundId?: string;
}

export interface ImpactMeasureFacts {
  id: string;
  roundId: string;
  title: string;
  aspects: readonly Aspect[];
  populationGroupIds: readonly string[];
  districtIds: readonly string[];
  lastStatus?: MeasureStatusFacts;
  progress?: number;
}

/** Why a measure's targets could not be compared: no later round yet, or one side did not consult them. */
export const NOT_COMPARABLE_REASONS = [
  'noNextRound',
  'notConsultedBefore',
  'notConsultedAfter',
  'tooFewPeople',
] as const;
export type NotComparableReason = (typeof NOT_COMPARABLE_REASONS)[number];

/** A measure's outcome over its targeted aspects ('mixed': some clearly better, some clearly worse). */
export const IMPACT_OUTCOMES = ['improved', 'mixed', 'worsened', 'noClearChange', 'notComparable'] as const;
export type ImpactOutcome = (typeof IMPACT_OUTCOMES)[number];

export interface ImpactSide {
  sessions: number;
  participants: Shown;
}

export interface AspectImpact {
  aspect: Aspect;
  before: PublishedRating;
  after: PublishedRating | null;
  /** Change in the mean (after − before); null unless both means are published. */
  meanChange: Difference | null;
  /** Change in the share rating 4–5; null unless both shares are published. */
  shareChange: Difference | null;
  /** In words: from the mean's change, or the share's when only the shares are published. */
  change: ChangeKind;
  cardsBefore: { positive: number; negative: number };
  cardsAfter: { positive: number; negative: number } | null;
}

export interface MeasureImpact {
  measureId: string;
  title: string;
  aspects: Aspect[];
  populationGroupIds: string[];
  districtIds: string[];
  lastStatus?: MeasureStatusFacts;
  progress?: number;
  /** The experience cards the measure grew from (the candidate's), in the measure's round. */
  sourceCardIds: string[];
  before: ImpactSide;
  after: ImpactSide | null;
  outcome: ImpactOutcome;
  notComparableReason?: NotComparableReason;
  byAspect: AspectImpact[];
}

export interface ImpactView {
  threshold: number;
  round: ImpactRound;
  nextRound: ImpactRound | null;
  measures: MeasureImpact[];
  /** Measures per outcome: the one-sentence summary. */
  summary: Record<ImpactOutcome, number> & { total: number };
}

export type StoredCells = readonly { cell: StatsCell; counters: Counters }[];

const shown = (n: number, threshold: number): Shown => (n === 0 || n >= threshold ? n : null);

/** Whether a cell is one the measure targets: named groups and districts, an empty list meaning all. */
export function targetsCell(measure: Pick<ImpactMeasureFacts, 'populationGroupIds' | 'districtIds'>, cell: StatsCell) {
  return (
    (measure.populationGroupIds.length === 0 || measure.populationGroupIds.includes(cell.populationGroupId)) &&
    (measure.districtIds.length === 0 || measure.districtIds.includes(cell.districtId))
  );
}

/** The counters of one round's targeted cells, summed. */
function targetedStats(cells: StoredCells, roundId: string, measure: ImpactMeasureFacts): CellStats {
  const out = emptyStats();
  for (const { cell, counters } of cells)
    if (cell.roundId === roundId && targetsCell(measure, cell)) addCounters(out, counters);
  return out;
}

const cardsOf = (s: CellStats, aspect: Aspect) => ({ ...s.cards[aspect] });

const isSafe = (n: number, threshold: number) => n === 0 || n >= threshold;

/** The selections other dashboards publish: the city, each group, each district, each group × district. */
function publishedSelections(cells: readonly StatsCell[]): ((c: StatsCell) => boolean)[] {
  const groups = new Set(cells.map((c) => c.populationGroupId));
  const districts = new Set(cells.map((c) => c.districtId));
  return [
    () => true,
    ...[...groups].map((g) => (c: StatsCell) => c.populationGroupId === g),
    ...[...districts].map((d) => (c: StatsCell) => c.districtId === d),
    ...[...groups].flatMap((g) =>
      [...districts].map((d) => (c: StatsCell) => c.populationGroupId === g && c.districtId === d),
    ),
  ];
}

/**
 * The counters of every difference between the measure's cells (in one round)
 * and a published selection that contains them or is contained in them: what
 * subtraction would reveal. Empty differences (the same selection) are left out.
 */
function nestedDifferences(cells: StoredCells, roundId: string, measure: ImpactMeasureFacts): CellStats[] {
  const mine = cells.filter((c) => c.cell.roundId === roundId);
  const out: CellStats[] = [];
  for (const selects of publishedSelections(mine.map((c) => c.cell))) {
    const inMeasure = (c: StatsCell) => targetsCell(measure, c);
    const subset = mine.every((c) => !selects(c.cell) || inMeasure(c.cell));
    const superset = mine.every((c) => !inMeasure(c.cell) || selects(c.cell));
    if (!subset && !superset) continue;
    const diff = mine.filter((c) => selects(c.cell) !== inMeasure(c.cell));
    if (diff.length) out.push(diff.reduce((acc, c) => addCounters(acc, c.counters), emptyStats()));
  }
  return out;
}

/**
 * Hides what subtraction from a published selection would reveal: the
 * participants when some difference has 1..threshold−1 of them; an aspect's
 * rating when some difference has that few raters, its share when that few
 * rated 4–5 or 1–3, its mean when the difference's moments pin down a small count.
 */
function guardNested(
  side: { participants: Shown; ratings: Partial<Record<Aspect, PublishedRating>> },
  differences: readonly CellStats[],
  threshold: number,
) {
  for (const d of differences) {
    if (!isSafe(d.participants, threshold)) side.participants = null;
    for (const [aspect, rating] of Object.entries(side.ratings) as [Aspect, PublishedRating][]) {
      const counts = d.ratings[aspect];
      const n = counts.reduce((a, b) => a + b, 0);
      const high = counts[3]! + counts[4]!;
      if (!isSafe(n, threshold)) rating.n = null;
      if (rating.n === null || !isSafe(high, threshold) || !isSafe(n - high, threshold))
        Object.assign(rating, { shareHigh: null, shareHighCi: null });
      if (rating.n === null || momentsDisclose(counts, threshold, rating.shareHigh !== null))
        Object.assign(rating, { mean: null, sd: null, ci: null });
    }
  }
}

function aspectImpact(
  aspect: Aspect,
  before: CellStats,
  after: CellStats | null,
  published: { before: PublishedRating; after: PublishedRating | null },
): AspectImpact {
  const { before: a, after: b } = published;
  // Both sides published, or no change at all: a difference must not reveal what either side hides.
  const meanChange =
    after && b && a.mean !== null && b.mean !== null
      ? meanDifference(before.ratings[aspect], after.ratings[aspect])
      : null;
  const highOf = (counts: number[]) => ({ k: counts[3]! + counts[4]!, n: counts.reduce((x, y) => x + y, 0) });
  const shareChange =
    after && b && a.shareHigh !== null && b.shareHigh !== null
      ? (() => {
          const x = highOf(before.ratings[aspect]);
          const y = highOf(after.ratings[aspect]);
          return proportionDifference(x.k, x.n, y.k, y.n);
        })()
      : null;
  return {
    aspect,
    before: a,
    after: b,
    meanChange,
    shareChange,
    change: describeChange(meanChange ?? shareChange),
    cardsBefore: cardsOf(before, aspect),
    cardsAfter: after ? cardsOf(after, aspect) : null,
  };
}

/** One side's published figures: each on its own (stats.ts), then against subtraction ({@link guardNested}). */
function publishedSide(
  stats: CellStats,
  cells: StoredCells,
  roundId: string,
  measure: ImpactMeasureFacts,
  threshold: number,
) {
  const side = {
    participants: shown(stats.participants, threshold),
    ratings: Object.fromEntries(
      measure.aspects.map((a) => [a, publishableRating(stats.ratings[a], threshold)]),
    ) as Partial<Record<Aspect, PublishedRating>>,
  };
  guardNested(side, nestedDifferences(cells, roundId, measure), threshold);
  return side;
}

/** One word for a measure: clear improvements and no clear worsening → improved, and so on. */
export function measureOutcome(changes: readonly ChangeKind[]): ImpactOutcome {
  const improved = changes.includes('improved');
  const worsened = changes.includes('worsened');
  if (improved && worsened) return 'mixed';
  if (improved) return 'improved';
  if (worsened) return 'worsened';
  if (changes.includes('noClearChange')) return 'noClearChange';
  return 'notComparable';
}

function measureImpact(
  measure: ImpactMeasureFacts,
  roundId: string,
  nextRoundId: string | null,
  cells: StoredCells,
  sourceCardIds: readonly string[],
  threshold: number,
): MeasureImpact {
  const before = targetedStats(cells, roundId, measure);
  const after = nextRoundId ? targetedStats(cells, nextRoundId, measure) : null;
  const pubBefore = publishedSide(before, cells, roundId, measure, threshold);
  const pubAfter = after && nextRoundId ? publishedSide(after, cells, nextRoundId, measure, threshold) : null;
  const byAspect = measure.aspects.map((aspect) =>
    aspectImpact(aspect, before, after, {
      before: pubBefore.ratings[aspect]!,
      after: pubAfter ? pubAfter.ratings[aspect]! : null,
    }),
  );
  let outcome = measureOutcome(byAspect.map((a) => a.change));
  const reason: NotComparableReason | undefined = !after
    ? 'noNextRound'
    : before.sessions === 0
      ? 'notConsultedBefore'
      : after.sessions === 0
        ? 'notConsultedAfter'
        : outcome === 'notComparable'
          ? 'tooFewPeople'
          : undefined;
  if (reason) outcome = 'notComparable';
  return {
    measureId: measure.id,
    title: measure.title,
    aspects: [...measure.aspects],
    populationGroupIds: [...measure.populationGroupIds],
    districtIds: [...measure.districtIds],
    ...(measure.lastStatus ? { lastStatus: measure.lastStatus } : {}),
    ...(measure.progress !== undefined ? { progress: measure.progress } : {}),
    sourceCardIds: [...sourceCardIds],
    before: { sessions: before.sessions, participants: pubBefore.participants },
    after: after && pubAfter ? { sessions: after.sessions, participants: pubAfter.participants } : null,
    outcome,
    ...(reason ? { notComparableReason: reason } : {}),
    byAspect,
  };
}

/**
 * The round that follows `round`: the one it links to (started from it), or
 * else the first round whose period starts later.
 */
export function nextRoundOf<R extends ImpactRound>(round: ImpactRound, rounds: readonly R[]): R | null {
  if (round.nextRoundId) {
    const linked = rounds.find((r) => r.id === round.nextRoundId);
    if (linked) return linked;
  }
  return (
    [...rounds]
      .filter((r) => r.period.start > round.period.start)
      .sort((a, b) => a.period.start.localeCompare(b.period.start))[0] ?? null
  );
}

/**
 * The round the impact view opens on: the latest round whose next round has
 * held sessions (there is something to compare); else the latest round that
 * has a next round; else the latest round. Null when there are no rounds.
 */
export function defaultImpactRound<R extends ImpactRound>(rounds: readonly R[], cells: StoredCells): R | null {
  const held = new Set(cells.filter((c) => Number(c.counters['sessions'] ?? 0) > 0).map((c) => c.cell.roundId));
  const latestFirst = [...rounds].sort((a, b) => b.period.start.localeCompare(a.period.start));
  return (
    latestFirst.find((r) => {
      const next = nextRoundOf(r, rounds);
      return next !== null && held.has(next.id);
    }) ??
    latestFirst.find((r) => nextRoundOf(r, rounds) !== null) ??
    latestFirst[0] ??
    null
  );
}

export function impactView(input: {
  round: ImpactRound;
  nextRound: ImpactRound | null;
  /** Counters of both rounds (others are ignored). */
  cells: StoredCells;
  measures: readonly ImpactMeasureFacts[];
  /** Measure id → the cards its candidate was drawn from. */
  sourceCards: ReadonlyMap<string, readonly string[]>;
  threshold: number;
}): ImpactView {
  const { round, nextRound, cells, threshold } = input;
  const measures = input.measures
    .filter((x) => x.roundId === round.id)
    .map((x) => measureImpact(x, round.id, nextRound?.id ?? null, cells, input.sourceCards.get(x.id) ?? [], threshold));
  const summary = Object.fromEntries(IMPACT_OUTCOMES.map((o) => [o, 0])) as ImpactView['summary'];
  summary.total = measures.length;
  for (const x of measures) summary[x.outcome]++;
  const pick = (r: ImpactRound): ImpactRound => ({
    id: r.id,
    name: r.name,
    period: r.period,
    ...(r.nextRoundId ? { nextRoundId: r.nextRoundId } : {}),
  });
  return { threshold, round: pick(round), nextRound: nextRound ? pick(nextRound) : null, measures, summary };
}
