import { ASPECTS, type Aspect } from './aspects';
import { publishedSelection, type RoundFigures, roundFigures, selectionRating } from './open-data';
import { addCounters, type CellStats, type Counters, emptyStats, type StatsCell } from './round-stats';
import {
  type ChangeKind,
  type Difference,
  describeChange,
  meanDifference,
  proportionDifference,
  type PublishedRating,
} from './stats';

/**
 * Round comparison (issue 7, item 2): two rounds side by side, per aspect ×
 * population group, district or both, with the change between them and its
 * 95% interval. Pure and zod-free: the API reads each round's counter cells
 * (one Query each) and hands them here; the unit tests feed it directly.
 *
 * Privacy: each side publishes exactly what the open-data file and the trend
 * dashboard publish about that round (open-data.ts `publishedSelection`):
 * the city, one group or one district with complementary suppression over
 * their sums, and a group × district row only when it is the whole of that
 * group or district. A change is published only when BOTH sides' figure is:
 * the mean change when both means are shown, the 4–5 share change when both
 * shares are; otherwise it is null and its kind 'notComparable'. The change
 * and its interval follow from the shown means, SDs, shares and counts, so
 * it reveals nothing more. Sessions and cards are not people; they are shown
 * as counted.
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

/** The two sides, whatever their round ids (the same round may be compared with itself). */
const FROM = 'from';
const TO = 'to';
const tagged = (cells: readonly StoredCell[], roundId: string) =>
  cells.map(({ cell, counters }) => ({ cell: { ...cell, roundId }, counters }));

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

const total = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);
const high = (counts: readonly number[]) => counts[3]! + counts[4]!;

/** A rating being published: its raw counts (never sent) and what may be shown of them. */
interface Rated {
  counts: number[];
  shown: PublishedRating;
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

  // Each side's figures about people are the open-data file's (open-data.ts), suppression included.
  const fromCells = tagged(input.from, FROM);
  const toCells = tagged(input.to, TO);
  const fromFigures = roundFigures(FROM, fromCells, threshold);
  const toFigures = roundFigures(TO, toCells, threshold);
  const publishedOf = (figures: RoundFigures, cells: readonly StoredCell[], key: string | null) =>
    publishedSelection(figures, cells, key === null ? {} : keyParts(key, by));

  const aspects = ASPECTS.map((aspect): AspectComparison => {
    const side = (s: CellStats | undefined, published: ReturnType<typeof publishedSelection>): Rated => ({
      counts: [...(s ?? emptyStats()).ratings[aspect]],
      shown: selectionRating(published, aspect),
    });
    const rows = keys.map((key) => ({
      key,
      from: side(fromBy.get(key), publishedOf(fromFigures, fromCells, key)),
      to: side(toBy.get(key), publishedOf(toFigures, toCells, key)),
    }));
    const all = {
      from: side(fromAll, publishedOf(fromFigures, fromCells, null)),
      to: side(toAll, publishedOf(toFigures, toCells, null)),
    };
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
