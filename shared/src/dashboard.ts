import { ASPECTS, type Aspect } from './aspects';
import { publishedSelection, roundFigures, selectionParticipants, selectionRating } from './open-data';
import { addCounters, type CellStats, type Counters, emptyStats, type StatsCell } from './round-stats';
import { cardBalance, publishableShare, type PublishedRating } from './stats';
import { type Shown, suppressDistribution } from './suppression';

/**
 * The trend dashboard (issue 7, item 1) from the precomputed counters: for
 * each aspect and round, the card balance and the published rating figures;
 * the feedback survey's "changed my understanding" share per round; measure
 * progress per round. Pure: the API reads the counters (a fixed number of
 * Queries) and hands them here; the unit tests feed it directly.
 *
 * Privacy: every figure about people goes through the publishing rules of
 * stats.ts with the municipality's threshold — participants and respondents
 * (shown only when 0 or at least the threshold), rating means (only when
 * their moments pin no small count down), shares (only when neither the
 * count nor its complement is small). A filtered view is one of many a
 * reader can ask for, and the city is the sum of its groups and of its
 * districts: the figures of the city, of one group and of one district are
 * therefore exactly the open-data file's (open-data.ts `roundFigures`, with
 * complementary suppression over those sums), so no request can be
 * subtracted from another to give a hidden figure away. A group × district
 * selection publishes figures about people only when it is the whole of that
 * group or of that district (then they are that unit's); otherwise only its
 * sessions and cards. Sessions and cards are not people and are shown as
 * counted.
 */

export const MEASURE_PROGRESS = ['notStarted', 'onTrack', 'atRisk', 'done', 'discontinued'] as const;
export type MeasureProgress = (typeof MEASURE_PROGRESS)[number];

export interface DashboardFilters {
  populationGroupId?: string;
  districtId?: string;
}

export interface DashboardRound {
  id: string;
  name: Partial<Record<'fi' | 'sv' | 'en', string>>;
  period: { start: string; end: string };
  phase: string;
}

export interface SurveyFacts {
  roundId: string;
  status: 'draft' | 'open' | 'closed';
  /** The survey's counters (survey-results.ts); only read for a closed survey. */
  counters?: Record<string, number>;
}

export interface MeasureFacts {
  roundId: string;
  populationGroupIds: readonly string[];
  districtIds: readonly string[];
  aspects: readonly Aspect[];
  lastStatus?: MeasureProgress;
  overdue: boolean;
}

export interface AspectRoundFigures {
  roundId: string;
  sessions: number;
  cards: { positive: number; negative: number; total: number; balance: number | null };
  rating: PublishedRating;
}

export interface SurveyRoundFigures {
  roundId: string;
  status: 'none' | 'draft' | 'open' | 'closed';
  respondents: Shown;
  /** Answered "how much did this change your understanding" (overall) with 4–5. */
  changedUnderstanding: ReturnType<typeof publishableShare> | null;
}

export interface MeasureRoundFigures {
  roundId: string;
  total: number;
  byStatus: Record<MeasureProgress, number>;
  overdue: number;
}

export interface TrendDashboard {
  threshold: number;
  filters: DashboardFilters;
  /** Oldest first: charts read left to right in time. */
  rounds: DashboardRound[];
  /** Sessions and participants over all aspects, per round (the same for every aspect). */
  coverage: { roundId: string; sessions: number; participants: Shown }[];
  aspects: { aspect: Aspect; rounds: AspectRoundFigures[] }[];
  survey: SurveyRoundFigures[];
  measures: MeasureRoundFigures[];
}

const matches = (cell: StatsCell, f: DashboardFilters) =>
  (!f.populationGroupId || cell.populationGroupId === f.populationGroupId) &&
  (!f.districtId || cell.districtId === f.districtId);

/** The counters of the cells a view selects, summed per round. */
export function statsByRound(
  cells: readonly { cell: StatsCell; counters: Counters }[],
  filters: DashboardFilters,
): Map<string, CellStats> {
  const out = new Map<string, CellStats>();
  for (const { cell, counters } of cells) {
    if (!matches(cell, filters)) continue;
    out.set(cell.roundId, addCounters(out.get(cell.roundId) ?? emptyStats(), counters));
  }
  return out;
}

const shownCount = (n: number, threshold: number): Shown => (n === 0 || n >= threshold ? n : null);

/**
 * "Changed my understanding": 4 or 5 on the overall question, of those who
 * answered it. The survey's own results page publishes this question's five
 * counts with complementary suppression; the share must not undo it. Within
 * each side of the split (1–3, 4–5) the hidden counts' sum follows from the
 * share and the shown counts, so that sum must be 0 or at least the threshold.
 */
export function changedUnderstanding(counters: Record<string, number>, threshold: number) {
  const counts = SCALE.map((p) => counters[`c:understandingOverall:${p}`] ?? 0);
  const answered = counters['a:understandingOverall'] ?? counts.reduce((a, b) => a + b, 0);
  const high = counts[3]! + counts[4]!;
  const published = publishableShare(high, answered, threshold);
  const shown = suppressDistribution(counts, threshold).counts;
  const hiddenSum = (points: number[]) => points.reduce((a, i) => a + (shown[i] === null ? counts[i]! : 0), 0);
  const undoesPage = [hiddenSum([0, 1, 2]), hiddenSum([3, 4])].some((sum) => sum > 0 && sum < threshold);
  return undoesPage ? { ...published, k: null, share: null, ci: null } : published;
}
const SCALE = [1, 2, 3, 4, 5] as const;

/** A measure targets what a filter selects when it names that group/district, or names none (city-wide). */
const targets = (m: MeasureFacts, f: DashboardFilters) =>
  (!f.populationGroupId || m.populationGroupIds.length === 0 || m.populationGroupIds.includes(f.populationGroupId)) &&
  (!f.districtId || m.districtIds.length === 0 || m.districtIds.includes(f.districtId));

export function trendDashboard(input: {
  rounds: readonly DashboardRound[];
  cells: readonly { cell: StatsCell; counters: Counters }[];
  surveys: readonly SurveyFacts[];
  measures: readonly MeasureFacts[];
  filters: DashboardFilters;
  threshold: number;
}): TrendDashboard {
  const { filters, threshold } = input;
  const rounds = [...input.rounds]
    .sort((a, b) => a.period.start.localeCompare(b.period.start))
    .map(({ id, name, period, phase }) => ({ id, name, period, phase }));
  const byRound = statsByRound(input.cells, filters);
  const stats = (roundId: string) => byRound.get(roundId) ?? emptyStats();
  const published = new Map(
    rounds.map((r) => [r.id, publishedSelection(roundFigures(r.id, input.cells, threshold), input.cells, filters)]),
  );

  const aspects = ASPECTS.map((aspect) => ({
    aspect,
    rounds: rounds.map((r): AspectRoundFigures => {
      const s = stats(r.id);
      const { positive, negative } = s.cards[aspect];
      return {
        roundId: r.id,
        sessions: s.sessions,
        cards: { positive, negative, ...cardBalance(positive, negative) },
        // rating.n is the number who rated this aspect, published by the same rules as participants.
        rating: selectionRating(published.get(r.id)!, aspect),
      };
    }),
  }));

  const surveyOf = new Map(input.surveys.map((s) => [s.roundId, s]));
  const survey = rounds.map((r): SurveyRoundFigures => {
    const facts = surveyOf.get(r.id);
    if (!facts) return { roundId: r.id, status: 'none', respondents: null, changedUnderstanding: null };
    // Results are published once the survey is closed, as on the survey page itself.
    if (facts.status !== 'closed' || !facts.counters)
      return { roundId: r.id, status: facts.status, respondents: null, changedUnderstanding: null };
    return {
      roundId: r.id,
      status: 'closed',
      respondents: shownCount(facts.counters['n'] ?? 0, threshold),
      changedUnderstanding: changedUnderstanding(facts.counters, threshold),
    };
  });

  const measures = rounds.map((r): MeasureRoundFigures => {
    const mine = input.measures.filter((m) => m.roundId === r.id && targets(m, filters));
    const byStatus = Object.fromEntries(MEASURE_PROGRESS.map((s) => [s, 0])) as Record<MeasureProgress, number>;
    for (const m of mine) byStatus[m.lastStatus ?? 'notStarted']++;
    return { roundId: r.id, total: mine.length, byStatus, overdue: mine.filter((m) => m.overdue).length };
  });

  return {
    threshold,
    filters,
    rounds,
    coverage: rounds.map((r) => ({
      roundId: r.id,
      sessions: stats(r.id).sessions,
      participants: selectionParticipants(published.get(r.id)!),
    })),
    aspects,
    survey,
    measures,
  };
}
