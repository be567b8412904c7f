import { ASPECTS, type Aspect } from './aspects';
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

/**
 * Round comparison (issue 7, item 2): two rounds side by side, per aspect ×
 * population group, district or both, with the change between them and its
 * 95% interval. Pure and zod-free: the API reads each round's counter cells
 * (one Query each) and hands them here; the unit tests feed it directly.
 *
 * Privacy rules (beyond those of stats.ts, which every side goes through):
 * - A change is published only when BOTH sides' figures are: the mean change
 *   when both means are shown, the 4–5 share change when both shares are.
 *   Otherwise the change is null and its kind 'notComparable'.
 * - The rows of one side add up to its "all" row, which is published too, so
 *   a hidden row could be worked out as "all minus the shown rows". Per side
 *   and aspect, rows are hidden further (smallest first) until what is hidden
 *   adds up to nobody or to at least the threshold: for the number who rated
 *   (n), for the 4–5 and 1–3 counts behind a share, and for the moments
 *   behind a mean (momentsDisclose on the hidden rows' combined counts).
 * - Sessions and cards are not people; they are shown as counted.
 * A group or district that held sessions in only one of the two rounds is
 * marked `onlyIn` and never given a change.
 */

export const COMPARISON_BREAKDOWNS = ['group', 'district', 'groupDistrict'] as const;
export type ComparisonBreakdown = (typeof COMPARISON_BREAKDOWNS)[number];

export interface ComparisonSide {
  sessions: number;
  cards: { positive: number; negative: number };
  rating: PublishedRating;
}

export interface ComparisonRow {
  /** null when the breakdown does not split by it, and on the "all" row. */
  populationGroupId: string | null;
  districtId: string | null;
  /** Sessions were held in only this one of the two rounds: shown as such, never as a change. */
  onlyIn: 'from' | 'to' | null;
  from: ComparisonSide;
  to: ComparisonSide;
  /** Mean rating, to − from, Welch 95% CI. */
  meanChange: Difference | null;
  meanKind: ChangeKind;
  /** Share rating 4–5, to − from, Newcombe 95% CI. */
  shareChange: Difference | null;
  shareKind: ChangeKind;
}

export interface AspectComparison {
  aspect: Aspect;
  all: ComparisonRow;
  rows: ComparisonRow[];
}

export interface RoundComparisonFigures {
  threshold: number;
  by: ComparisonBreakdown;
  aspects: AspectComparison[];
}

interface StoredCell {
  cell: StatsCell;
  counters: Counters;
}

const KEY_SEPARATOR = '\u0000';

function rowKey(cell: StatsCell, by: ComparisonBreakdown): string {
  if (by === 'group') return cell.populationGroupId;
  if (by === 'district') return cell.districtId;
  return `${cell.populationGroupId}${KEY_SEPARATOR}${cell.districtId}`;
}

function keyParts(key: string, by: ComparisonBreakdown): Pick<ComparisonRow, 'populationGroupId' | 'districtId'> {
  if (by === 'group') return { populationGroupId: key, districtId: null };
  if (by === 'district') return { populationGroupId: null, districtId: key };
  const [populationGroupId, districtId] = key.split(KEY_SEPARATOR) as [string, string];
  return { populationGroupId, districtId };
}

/** One round's cells summed per breakdown key. */
function sumByKey(cells: readonly StoredCell[], by: ComparisonBreakdown): Map<string, CellStats> {
  const out = new Map<string, CellStats>();
  for (const { cell, counters } of cells) {
    const key = rowKey(cell, by);
    out.set(key, addCounters(out.get(key) ?? emptyStats(), counters));
  }
  return out;
}

const safe = (count: number, threshold: number) => count === 0 || count >= threshold;
const total = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);
const high = (counts: readonly number[]) => counts[3]! + counts[4]!;

/** A rating being published: its raw counts (never sent) and what may be shown of them. */
interface Rated {
  counts: number[];
  shown: PublishedRating;
}

const hideMean = (r: Rated) => {
  r.shown = { ...r.shown, mean: null, sd: null, ci: null };
};
const hideShare = (r: Rated) => {
  r.shown = { ...r.shown, shareHigh: null, shareHighCi: null };
};
const hideAll = (r: Rated) => {
  r.shown = { n: null, mean: null, sd: null, ci: null, shareHigh: null, shareHighCi: null };
};

/**
 * Hides more of `rows` (smallest first, then the total itself) while the rows
 * whose figure is hidden add up to a small number that the published total
 * and the shown rows would give away.
 */
function protectRemainder(
  rows: Rated[],
  all: Rated,
  isHidden: (r: Rated) => boolean,
  discloses: (hidden: Rated[]) => boolean,
  hide: (r: Rated) => void,
): void {
  for (;;) {
    if (isHidden(all)) return;
    const hidden = rows.filter((r) => total(r.counts) > 0 && isHidden(r));
    if (hidden.length === 0 || !discloses(hidden)) return;
    const next = rows
      .filter((r) => total(r.counts) > 0 && !isHidden(r))
      .sort((a, b) => total(a.counts) - total(b.counts))[0];
    hide(next ?? all);
  }
}

/** Complementary suppression across the rows of one side and aspect (see the module comment). */
function suppressAcrossRows(rows: Rated[], all: Rated, threshold: number): void {
  const sum = (hidden: Rated[], of: (counts: readonly number[]) => number) =>
    hidden.reduce((a, r) => a + of(r.counts), 0);
  protectRemainder(
    rows,
    all,
    (r) => r.shown.n === null,
    (hidden) => !safe(sum(hidden, total), threshold),
    hideAll,
  );
  protectRemainder(
    rows,
    all,
    (r) => r.shown.shareHigh === null,
    (hidden) =>
      !safe(sum(hidden, high), threshold) ||
      !safe(
        sum(hidden, (c) => total(c) - high(c)),
        threshold,
      ),
    hideShare,
  );
  protectRemainder(
    rows,
    all,
    (r) => r.shown.mean === null,
    (hidden) => {
      const combined = [0, 1, 2, 3, 4].map((i) => hidden.reduce((a, r) => a + r.counts[i]!, 0));
      // Conservative: assume the hidden rows' 4–5 count is known whenever the total's share is shown.
      return !safe(total(combined), threshold) || momentsDisclose(combined, threshold, all.shown.shareHigh !== null);
    },
    hideMean,
  );
}

/** The change between two published sides: only when both sides' figure is shown. */
function changes(from: Rated, to: Rated, comparable: boolean) {
  const meanChange =
    comparable && from.shown.mean !== null && to.shown.mean !== null ? meanDifference(from.counts, to.counts) : null;
  const shareChange =
    comparable && from.shown.shareHigh !== null && to.shown.shareHigh !== null
      ? proportionDifference(high(from.counts), total(from.counts), high(to.counts), total(to.counts))
      : null;
  return { meanChange, meanKind: describeChange(meanChange), shareChange, shareKind: describeChange(shareChange) };
}

const rated = (s: CellStats, aspect: Aspect, threshold: number): Rated => ({
  counts: [...s.ratings[aspect]],
  shown: publishableRating(s.ratings[aspect], threshold),
});

/**
 * The comparison of round `from` with round `to`: per aspect an "all" row
 * and one row per group, district or group × district that held sessions in
 * either round, in key order (the web sorts by name).
 */
export function roundComparison(input: {
  from: readonly StoredCell[];
  to: readonly StoredCell[];
  by: ComparisonBreakdown;
  threshold: number;
}): RoundComparisonFigures {
  const { by, threshold } = input;
  const fromBy = sumByKey(input.from, by);
  const toBy = sumByKey(input.to, by);
  const fromAll = input.from.reduce((acc, c) => addCounters(acc, c.counters), emptyStats());
  const toAll = input.to.reduce((acc, c) => addCounters(acc, c.counters), emptyStats());
  const keys = [...new Set([...fromBy.keys(), ...toBy.keys()])]
    .filter((k) => (fromBy.get(k)?.sessions ?? 0) > 0 || (toBy.get(k)?.sessions ?? 0) > 0)
    .sort();

  const aspects = ASPECTS.map((aspect): AspectComparison => {
    const side = (s: CellStats | undefined) => rated(s ?? emptyStats(), aspect, threshold);
    const rows = keys.map((key) => ({ key, from: side(fromBy.get(key)), to: side(toBy.get(key)) }));
    const all = { from: side(fromAll), to: side(toAll) };
    suppressAcrossRows(
      rows.map((r) => r.from),
      all.from,
      threshold,
    );
    suppressAcrossRows(
      rows.map((r) => r.to),
      all.to,
      threshold,
    );
    const row = (
      parts: Pick<ComparisonRow, 'populationGroupId' | 'districtId'>,
      from: { stats: CellStats; rated: Rated },
      to: { stats: CellStats; rated: Rated },
    ): ComparisonRow => {
      const heldFrom = from.stats.sessions > 0;
      const onlyIn = heldFrom === to.stats.sessions > 0 ? null : heldFrom ? 'from' : 'to';
      const sideOut = (x: { stats: CellStats; rated: Rated }): ComparisonSide => ({
        sessions: x.stats.sessions,
        cards: { ...x.stats.cards[aspect] },
        rating: x.rated.shown,
      });
      return {
        ...parts,
        onlyIn,
        from: sideOut(from),
        to: sideOut(to),
        ...changes(from.rated, to.rated, onlyIn === null),
      };
    };
    return {
      aspect,
      all: row(
        { populationGroupId: null, districtId: null },
        { stats: fromAll, rated: all.from },
        { stats: toAll, rated: all.to },
      ),
      rows: rows.map((r) =>
        row(
          keyParts(r.key, by),
          { stats: fromBy.get(r.key) ?? emptyStats(), rated: r.from },
          { stats: toBy.get(r.key) ?? emptyStats(), rated: r.to },
        ),
      ),
    };
  });
  return { threshold, by, aspects };
}
