import { resolve } from '$app/paths';
import type { Aspect } from '@sillat/shared/aspects';
import type {
  AspectRoundFigures,
  DashboardRound,
  MeasureProgress,
  SurveyRoundFigures,
  TrendDashboard,
} from '@sillat/shared/dashboard';
import { type Difference, describeChange, type Interval, proportionDifference, tQuantile } from '@sillat/shared/stats';
import { m } from '#lib/paraglide/messages.js';
import { currentLocale, localName } from './i18n';
import { aspectLabel } from './sessions';

/**
 * The trend dashboard in the web app (GET /api/dashboard/trends): the filters
 * in the address, number formats, the one-sentence summaries beside the
 * charts, and the links from each number to what is behind it. The API has
 * already hidden every figure about too few people (null); nothing here
 * recomputes a hidden figure, and a change between rounds is only described
 * when both rounds' figures are published.
 */

export type { AspectRoundFigures, DashboardRound, MeasureProgress, SurveyRoundFigures, TrendDashboard };
/** The held sessions behind a session count (GET /api/dashboard/sessions); a type only, so no zod in the bundle. */
export type { DashboardSessions } from '@sillat/shared/schemas/dashboard';

/** The dashboard's filters as they stand in the address (`?group=…&district=…`); '' is "all". */
export interface DashboardFilters {
  group: string;
  district: string;
}

export function filtersFrom(url: URL): DashboardFilters {
  return { group: url.searchParams.get('group') ?? '', district: url.searchParams.get('district') ?? '' };
}

/** `?group=…&district=…` with only the chosen filters, '' when none. */
export function filterQuery(filters: DashboardFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(
    Object.entries({ ...extra, group: filters.group, district: filters.district }).filter(([, v]) => v !== ''),
  );
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The API's query for the same filters. */
export function apiQuery(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  if (filters.group) params.set('populationGroupId', filters.group);
  if (filters.district) params.set('districtId', filters.district);
  const query = params.toString();
  return query ? `?${query}` : '';
}

// ——— Numbers ———

const decimal = () => new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = () => new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 0 });

export const formatMean = (x: number) => decimal().format(x);
export const formatShare = (x: number) => percent().format(x);
export const formatCount = (x: number) => new Intl.NumberFormat(currentLocale()).format(x);

/** "2,8–3,4" / "18–41 %": both ends in one format, the unit once. */
export function formatInterval(ci: Interval, kind: 'mean' | 'share'): string {
  if (kind === 'mean') return `${formatMean(ci[0])}–${formatMean(ci[1])}`;
  const [lo, hi] = [Math.round(ci[0] * 100), Math.round(ci[1] * 100)];
  // The unit (and its spacing: "41 %" in fi/sv, "41%" in en) comes from the locale's own percent format.
  return `${formatCount(lo)}–${formatShare(hi / 100)}`;
}

export const roundName = (round: DashboardRound) => localName(round.name).text;

/** An aspect's name to begin a heading or sentence with ("turvallisuuden tunne" → "Turvallisuuden tunne"). */
export function aspectTitle(aspect: Aspect): string {
  const label = aspectLabel(aspect);
  return label.charAt(0).toLocaleUpperCase(currentLocale()) + label.slice(1);
}

// ——— Changes between rounds ———

/**
 * The change in a mean from round a to round b (b − a) with a Welch 95%
 * interval, from the published n, mean and SD — the same computation as
 * `meanDifference` in @sillat/shared/stats, which needs the counts the API
 * does not publish. Null unless both sides are published with n ≥ 2.
 */
export function publishedMeanDifference(a: AspectRoundFigures['rating'], b: AspectRoundFigures['rating']) {
  if (a.n === null || b.n === null || a.mean === null || b.mean === null || a.sd === null || b.sd === null) return null;
  if (a.n < 2 || b.n < 2) return null;
  const va = a.sd ** 2 / a.n;
  const vb = b.sd ** 2 / b.n;
  const estimate = b.mean - a.mean;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { estimate, ci: [estimate, estimate] } satisfies Difference;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = tQuantile(0.975, df) * se;
  return { estimate, ci: [estimate - half, estimate + half] } satisfies Difference;
}

/** A published share's count: the share of a published n gives it back exactly (the API publishes k only then). */
const countOf = (share: number, n: number) => Math.round(share * n);

/** The change in a published share (p2 − p1, Newcombe); null unless both are published. */
export function publishedShareDifference(
  a: { n: number | null; share: number | null },
  b: { n: number | null; share: number | null },
): Difference | null {
  if (a.n === null || b.n === null || a.share === null || b.share === null) return null;
  return proportionDifference(countOf(a.share, a.n), a.n, countOf(b.share, b.n), b.n);
}

const CHANGE_WORDS = {
  improved: m.dash_change_improved,
  worsened: m.dash_change_worsened,
  noClearChange: m.dash_change_noClearChange,
} as const;

/** "improved" only when the whole interval is above zero; otherwise no clear change (or worsened). */
function changeWords(diff: Difference): string {
  const kind = describeChange(diff);
  return kind === 'notComparable' ? '' : CHANGE_WORDS[kind]();
}

// ——— One-sentence summaries ———

interface RoundFigures<T> {
  round: DashboardRound;
  figures: T;
}

/** The latest round with something to say, and the one before it that also has something. */
function latestTwo<T>(rows: RoundFigures<T>[], has: (x: T) => boolean): [RoundFigures<T>?, RoundFigures<T>?] {
  const withData = rows.filter((r) => has(r.figures));
  return [withData.at(-1), withData.at(-2)];
}

/** The sentence beside an aspect's rating chart; never claims a change the interval does not support. */
export function aspectSummary(
  aspect: Aspect,
  rounds: DashboardRound[],
  figures: AspectRoundFigures[],
  threshold: number,
): string {
  const rows = figures.flatMap((f) => {
    const round = rounds.find((r) => r.id === f.roundId);
    return round ? [{ round, figures: f.rating }] : [];
  });
  // A round where anybody rated the aspect (a hidden n is still somebody).
  const [latest, previous] = latestTwo(rows, (r) => r.n !== 0);
  const name = aspectTitle(aspect);
  if (!latest) return m.dash_sum_none({ aspect: name });
  const now = latest.figures;
  const round = roundName(latest.round);
  const previousRound = previous ? roundName(previous.round) : '';
  if (now.mean !== null && now.ci) {
    const base = {
      aspect: name,
      round,
      mean: formatMean(now.mean),
      lo: formatMean(now.ci[0]),
      hi: formatMean(now.ci[1]),
    };
    if (!previous) return m.dash_sum_mean_first(base);
    const diff = publishedMeanDifference(previous.figures, now);
    if (!diff || previous.figures.mean === null) return m.dash_sum_mean_not_comparable({ ...base, previousRound });
    return m.dash_sum_mean_change({
      ...base,
      previousRound,
      previousMean: formatMean(previous.figures.mean),
      change: changeWords(diff),
    });
  }
  if (now.shareHigh !== null && now.shareHighCi) {
    const base = {
      aspect: name,
      round,
      share: formatShare(now.shareHigh),
      lo: formatShare(now.shareHighCi[0]),
      hi: formatShare(now.shareHighCi[1]),
    };
    if (!previous) return m.dash_sum_share_first(base);
    const diff = publishedShareDifference(
      { n: previous.figures.n, share: previous.figures.shareHigh },
      { n: now.n, share: now.shareHigh },
    );
    if (!diff || previous.figures.shareHigh === null)
      return m.dash_sum_share_not_comparable({ ...base, previousRound });
    return m.dash_sum_share_change({
      ...base,
      previousRound,
      previousShare: formatShare(previous.figures.shareHigh),
      change: changeWords(diff),
    });
  }
  return m.dash_sum_hidden({ aspect: name, round, threshold });
}

/** The sentence beside the card chart: the latest round's deck, as counted (cards are not people). */
export function cardsSummary(rounds: DashboardRound[], figures: AspectRoundFigures[]): string {
  const latest = figures.findLast((f) => f.sessions > 0 || f.cards.total > 0) ?? figures.at(-1);
  const round = rounds.find((r) => r.id === latest?.roundId);
  if (!latest || !round) return '';
  return m.dash_sum_cards({
    round: roundName(round),
    positive: formatCount(latest.cards.positive),
    negative: formatCount(latest.cards.negative),
  });
}

/** The sentence beside the survey chart. */
export function surveySummary(rounds: DashboardRound[], survey: SurveyRoundFigures[], threshold: number): string {
  const rows = survey.flatMap((s) => {
    const round = rounds.find((r) => r.id === s.roundId);
    return round && s.status === 'closed' && s.changedUnderstanding ? [{ round, figures: s.changedUnderstanding }] : [];
  });
  const [latest, previous] = latestTwo(rows, (s) => s.n !== 0);
  if (!latest) return m.dash_sum_survey_none();
  const now = latest.figures;
  const round = roundName(latest.round);
  if (now.share === null || !now.ci) return m.dash_sum_survey_hidden({ round, threshold });
  const base = { round, share: formatShare(now.share), lo: formatShare(now.ci[0]), hi: formatShare(now.ci[1]) };
  if (!previous) return m.dash_sum_survey_first(base);
  const diff = publishedShareDifference(previous.figures, now);
  if (!diff || previous.figures.share === null)
    return m.dash_sum_survey_not_comparable({ ...base, previousRound: roundName(previous.round) });
  return m.dash_sum_survey_change({
    ...base,
    previousRound: roundName(previous.round),
    previousShare: formatShare(previous.figures.share),
    change: changeWords(diff),
  });
}

/** The sentence beside the measures chart: the latest round that has measures. */
export function measuresSummary(rounds: DashboardRound[], measures: TrendDashboard['measures']): string {
  const latest = measures.findLast((x) => x.total > 0);
  const round = rounds.find((r) => r.id === latest?.roundId);
  if (!latest || !round) return m.dash_sum_measures_none();
  return m.dash_sum_measures({
    round: roundName(round),
    total: formatCount(latest.total),
    onTrack: formatCount(latest.byStatus.onTrack),
    atRisk: formatCount(latest.byStatus.atRisk),
    done: formatCount(latest.byStatus.done),
    overdue: formatCount(latest.overdue),
  });
}

// ——— Links to what is behind a number ———

/** The round's experience cards that a card count counts: in the deck, of this aspect and tone, in the filtered cells. */
export function cardsHref(roundId: string, aspect: Aspect, tone: 'positive' | 'negative', f: DashboardFilters): string {
  return `${resolve('/(app)/rounds/[id]/cards', { id: roundId })}${filterQuery(f, { aspect, tone, deck: 'in' })}`;
}

/**
 * The round's held sessions in the filtered cells, on the dashboard's own list
 * (date, group, district, organisation): every reader may open it, council
 * members too, who may not open the sessions themselves.
 */
export function sessionsHref(roundId: string, f: DashboardFilters): string {
  return `${resolve('/(app)/dashboard/sessions')}${filterQuery(f, { round: roundId })}`;
}

/** The same sessions on the round's page, for those who plan and run them (PAGE_ROLES.sessions). */
export function roundSessionsHref(roundId: string, f: DashboardFilters): string {
  return `${resolve('/(app)/rounds/[id]', { id: roundId })}${filterQuery(f, { status: 'held' })}#sessions-heading`;
}

/**
 * The round's measures a measure count counts: those aimed at the filtered
 * group and district, or at the whole municipality (as the dashboard counts).
 */
export function measuresHref(roundId: string, status: MeasureProgress | 'overdue' | '', f: DashboardFilters): string {
  const params = new URLSearchParams({ roundId });
  if (status) params.set('status', status);
  if (f.group) params.set('targetGroupId', f.group);
  if (f.district) params.set('targetDistrictId', f.district);
  return `${resolve('/(app)/measures')}?${params.toString()}`;
}
