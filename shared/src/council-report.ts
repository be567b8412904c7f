import { ASPECTS, type Aspect } from './aspects';
import { changedUnderstanding, MEASURE_PROGRESS, type MeasureProgress, statsByRound } from './dashboard';
import {
  publishedSelection,
  type RoundFigures,
  roundFigures,
  selectionParticipants,
  selectionRating,
} from './open-data';
import type { RoundPhase } from './round-phases';
import { addCounters, type CellStats, type Counters, emptyStats, type StatsCell } from './round-stats';
import {
  cardBalance,
  type ChangeKind,
  describeChange,
  type Interval,
  meanDifference,
  publishableShare,
  type PublishedRating,
} from './stats';
import type { Shown } from './suppression';

/**
 * The printable council report of one round (issue 7, item 6): a summary,
 * each aspect, each population group, the round's measures and the
 * comparison with the previous round, built from the dashboard counters of
 * both rounds, the survey's counters and the measures. Pure: the API reads
 * (a fixed number of Queries) and hands everything here; unit tests feed it.
 *
 * Privacy: the report publishes about people exactly what the open-data
 * file and the trend dashboard publish (open-data.ts `publishedSelection`):
 * the round as a whole and each population group, with the threshold and
 * complementary suppression over the sums the file publishes (the city is
 * the sum of its groups and of its districts). Per group only participants
 * and means are shown (no rater count, no distribution). A change between
 * rounds is given only when both sides' means are shown; otherwise, and for
 * groups consulted in only one of the two rounds, it is 'notComparable'.
 * Sessions, cards and measures are not about people and are shown as counted.
 */

export type LocalizedName = Record<string, string>;

export interface ReportRound {
  id: string;
  name: LocalizedName;
  period: { start: string; end: string };
  phase: RoundPhase;
  populationGroupIds: readonly string[];
}

export interface ReportMeasureFacts {
  id: string;
  title: string;
  aspects: readonly Aspect[];
  populationGroupIds: readonly string[];
  districtIds: readonly string[];
  ownerId?: string;
  lastStatus?: MeasureProgress;
  progress?: number;
  nextCheckpoint?: { date: string; assess: string };
  overdue: boolean;
}

export interface CouncilReportInput {
  municipality: { name: LocalizedName };
  threshold: number;
  round: ReportRound;
  previous: ReportRound | null;
  /** Counter cells of the round and of the previous one (others are ignored). */
  cells: readonly { cell: StatsCell; counters: Counters }[];
  /** The round's feedback survey; its figures are published once it is closed. */
  survey: { status: 'draft' | 'open' | 'closed'; counters: Record<string, number> } | null;
  measures: readonly ReportMeasureFacts[];
  groups: readonly { id: string; name: LocalizedName }[];
  districts: readonly { id: string; name: LocalizedName }[];
  /** Names of the measures' owners (staff). */
  owners: readonly { id: string; name: string }[];
}

type Named = { id: string; name: LocalizedName };
export interface Change {
  kind: ChangeKind;
  estimate: number | null;
  ci: Interval | null;
}
const NOT_COMPARABLE: Change = { kind: 'notComparable', estimate: null, ci: null };

export interface CouncilReport {
  threshold: number;
  municipality: { name: LocalizedName };
  round: Omit<ReportRound, 'populationGroupIds'>;
  previousRound: Omit<ReportRound, 'populationGroupIds'> | null;
  summary: {
    sessions: number;
    groupsConsulted: number;
    participants: Shown;
    cards: { positive: number; negative: number };
    survey: {
      status: 'none' | 'draft' | 'open' | 'closed';
      respondents: Shown;
      changedUnderstanding: ReturnType<typeof publishableShare> | null;
    };
    measures: { total: number; byStatus: Record<MeasureProgress, number>; overdue: number };
  };
  aspects: {
    aspect: Aspect;
    cards: { positive: number; negative: number; total: number; balance: number | null };
    rating: PublishedRating;
    previous: { cards: { positive: number; negative: number }; rating: PublishedRating } | null;
    change: Change;
  }[];
  groups: {
    populationGroup: Named;
    sessions: number;
    participants: Shown;
    means: { aspect: Aspect; mean: number | null }[];
  }[];
  measures: {
    id: string;
    title: string;
    aspects: Aspect[];
    populationGroups: Named[];
    districts: Named[];
    owner: { id: string; name: string } | null;
    status: MeasureProgress | null;
    progress: number | null;
    nextCheckpoint: { date: string; assess: string } | null;
    overdue: boolean;
  }[];
  comparison: {
    populationGroup: Named;
    /** Which of the two rounds consulted the group. */
    consulted: 'both' | 'thisRound' | 'previousRound';
    aspects: { aspect: Aspect; previousMean: number | null; mean: number | null; change: Change }[];
  }[];
}

/** One round's published figures per group: participants and each aspect's mean, as the open-data file has them. */
function groupFigures(
  stats: ReadonlyMap<string, CellStats>,
  groupIds: readonly string[],
  figures: RoundFigures | null,
  cells: CouncilReportInput['cells'],
) {
  return groupIds.map((id) => {
    const selection = figures
      ? publishedSelection(figures, cells, { populationGroupId: id })
      : { unit: null, nobody: true };
    return {
      id,
      stats: stats.get(id) ?? emptyStats(),
      participants: selectionParticipants(selection),
      means: new Map(ASPECTS.map((a) => [a, selectionRating(selection, a).mean])),
    };
  });
}

/** Per group of one round: its counters summed over districts. */
function byGroup(cells: CouncilReportInput['cells'], roundId: string): Map<string, CellStats> {
  const out = new Map<string, CellStats>();
  for (const { cell, counters } of cells) {
    if (cell.roundId !== roundId) continue;
    out.set(cell.populationGroupId, addCounters(out.get(cell.populationGroupId) ?? emptyStats(), counters));
  }
  return out;
}

/** A change in the mean rating, given only when both means are published. */
function change(
  before: readonly number[],
  after: readonly number[],
  shownBefore: number | null,
  shownAfter: number | null,
): Change {
  if (shownBefore === null || shownAfter === null) return NOT_COMPARABLE;
  const diff = meanDifference(before, after);
  return diff ? { kind: describeChange(diff), estimate: diff.estimate, ci: diff.ci } : NOT_COMPARABLE;
}

const headline = ({ id, name, period, phase }: ReportRound) => ({ id, name, period, phase });

export function councilReport(input: CouncilReportInput): CouncilReport {
  const { threshold, round, previous } = input;
  const totals = statsByRound(input.cells, {});
  const now = totals.get(round.id) ?? emptyStats();
  const before = previous ? (totals.get(previous.id) ?? emptyStats()) : null;
  const named = (list: readonly Named[], id: string): Named => ({
    id,
    name: list.find((x) => x.id === id)?.name ?? {},
  });

  // The round's groups and any group with counters, in the registry's order.
  const thisGroups = byGroup(input.cells, round.id);
  const prevGroups = previous ? byGroup(input.cells, previous.id) : new Map<string, CellStats>();
  const consulted = (m: Map<string, CellStats>, id: string) => (m.get(id)?.sessions ?? 0) > 0;
  const order = (ids: Iterable<string>) =>
    [...new Set(ids)].sort(
      (a, b) =>
        (input.groups.findIndex((g) => g.id === a) + 1 || Infinity) -
          (input.groups.findIndex((g) => g.id === b) + 1 || Infinity) || a.localeCompare(b),
    );
  const groupIds = order([...round.populationGroupIds, ...thisGroups.keys()]);
  // Each round's groups suppressed once, over every group either round has, so the groups section and the
  // comparison publish the same figures (and a round's figures are those its own report would show).
  const allIds = order([...groupIds, ...prevGroups.keys()]);
  // Each round's figures about people, once: the open-data file's (suppression included).
  const nowFigures = roundFigures(round.id, input.cells, threshold);
  const beforeFigures = previous ? roundFigures(previous.id, input.cells, threshold) : null;
  const figuresOf = (stats: Map<string, CellStats>, figures: RoundFigures | null) =>
    new Map(groupFigures(stats, allIds, figures, input.cells).map((g) => [g.id, g]));
  const current = figuresOf(thisGroups, nowFigures);
  const prior = figuresOf(prevGroups, beforeFigures);
  // The round as a whole: the city.
  const cityNow = publishedSelection(nowFigures, input.cells, {});
  const cityBefore = beforeFigures ? publishedSelection(beforeFigures, input.cells, {}) : null;

  const aspects = ASPECTS.map((aspect) => {
    const rating = selectionRating(cityNow, aspect);
    const prevRating = cityBefore ? selectionRating(cityBefore, aspect) : null;
    const { positive, negative } = now.cards[aspect];
    return {
      aspect,
      cards: { positive, negative, ...cardBalance(positive, negative) },
      rating,
      previous: before && prevRating ? { cards: { ...before.cards[aspect] }, rating: prevRating } : null,
      change: before
        ? change(before.ratings[aspect], now.ratings[aspect], prevRating?.mean ?? null, rating.mean)
        : NOT_COMPARABLE,
    };
  });

  const byStatus = Object.fromEntries(MEASURE_PROGRESS.map((s) => [s, 0])) as Record<MeasureProgress, number>;
  for (const m of input.measures) byStatus[m.lastStatus ?? 'notStarted']++;
  const survey = input.survey;
  const closed = survey?.status === 'closed';
  const respondents = survey?.counters['n'] ?? 0;

  const comparedIds = allIds.filter((id) => consulted(thisGroups, id) || consulted(prevGroups, id));

  return {
    threshold,
    municipality: { name: input.municipality.name },
    round: headline(round),
    previousRound: previous ? headline(previous) : null,
    summary: {
      sessions: now.sessions,
      groupsConsulted: groupIds.filter((id) => consulted(thisGroups, id)).length,
      participants: selectionParticipants(cityNow),
      cards: ASPECTS.reduce(
        (sum, a) => ({
          positive: sum.positive + now.cards[a].positive,
          negative: sum.negative + now.cards[a].negative,
        }),
        { positive: 0, negative: 0 },
      ),
      survey: {
        status: survey?.status ?? 'none',
        // Survey results are published once it is closed, as on the survey page itself.
        respondents: closed ? (respondents === 0 || respondents >= threshold ? respondents : null) : null,
        changedUnderstanding: closed ? changedUnderstanding(survey.counters, threshold) : null,
      },
      measures: { total: input.measures.length, byStatus, overdue: input.measures.filter((m) => m.overdue).length },
    },
    aspects,
    groups: groupIds
      .map((id) => current.get(id)!)
      .map((g) => ({
        populationGroup: named(input.groups, g.id),
        sessions: g.stats.sessions,
        participants: g.participants,
        means: ASPECTS.map((aspect) => ({ aspect, mean: g.means.get(aspect)! })),
      })),
    measures: [...input.measures]
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((m) => ({
        id: m.id,
        title: m.title,
        aspects: [...m.aspects],
        populationGroups: m.populationGroupIds.map((id) => named(input.groups, id)),
        districts: m.districtIds.map((id) => named(input.districts, id)),
        owner: input.owners.find((o) => o.id === m.ownerId) ?? null,
        status: m.lastStatus ?? null,
        progress: m.progress ?? null,
        nextCheckpoint: m.nextCheckpoint ? { date: m.nextCheckpoint.date, assess: m.nextCheckpoint.assess } : null,
        overdue: m.overdue,
      })),
    comparison: previous
      ? comparedIds.map((id) => {
          const [later, earlier] = [current.get(id)!, prior.get(id)!];
          const inNow = consulted(thisGroups, id);
          const inBefore = consulted(prevGroups, id);
          return {
            populationGroup: named(input.groups, id),
            consulted: inNow && inBefore ? 'both' : inNow ? 'thisRound' : 'previousRound',
            aspects: ASPECTS.map((aspect) => {
              const mean = later.means.get(aspect)!;
              const previousMean = earlier.means.get(aspect)!;
              return {
                aspect,
                previousMean,
                mean,
                change:
                  inNow && inBefore
                    ? change(earlier.stats.ratings[aspect], later.stats.ratings[aspect], previousMean, mean)
                    : NOT_COMPARABLE,
              };
            }),
          };
        })
      : [],
  };
}
