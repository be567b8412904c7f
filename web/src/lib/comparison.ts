import type { Aspect } from '@sillat/shared/aspects';
import type { AspectComparison, ComparisonBreakdown, ComparisonRow } from '@sillat/shared/comparison';
import type { ChangeKind, Interval } from '@sillat/shared/stats';
import { m } from '#lib/paraglide/messages.js';
import { currentLocale, localName } from './i18n';
import type { RegistryItem } from './registries';
import type { Round } from './rounds';
import { aspectLabel } from './sessions';

/**
 * The round comparison in the web app (GET /api/dashboard/compare): the
 * selection in the address, the words for each row, the one-sentence
 * summaries and the scale of the dot-and-interval plot. The API has hidden
 * every figure about too few people and only sends a change when both sides
 * are published; nothing here recomputes one.
 */

export type { AspectComparison, ComparisonBreakdown, ComparisonRow };

export const BREAKDOWNS: readonly ComparisonBreakdown[] = ['group', 'district', 'groupDistrict'];

export interface RoundRef {
  id: string;
  name: Round['name'];
  period: { start: string; end: string };
  phase: string;
}

export interface RoundComparison {
  threshold: number;
  by: ComparisonBreakdown;
  from: RoundRef;
  to: RoundRef;
  aspects: AspectComparison[];
}

export interface Selection {
  from: string;
  to: string;
  by: ComparisonBreakdown;
}

/**
 * The rounds and breakdown in the address; missing ones default to the
 * newest round that follows on from another (and that one), else the two
 * newest rounds. `rounds` is newest first, as the API lists them.
 */
export function selectionFrom(url: URL, rounds: readonly Round[]): Selection {
  const known = new Set(rounds.map((r) => r.id));
  const byParam = url.searchParams.get('by') ?? '';
  const by = (BREAKDOWNS as readonly string[]).includes(byParam) ? (byParam as ComparisonBreakdown) : 'group';
  const linked = rounds.find((r) => r.previousRoundId && known.has(r.previousRoundId));
  const fallback = linked
    ? { from: linked.previousRoundId!, to: linked.id }
    : { from: rounds[1]?.id ?? '', to: rounds[0]?.id ?? '' };
  const pick = (name: 'from' | 'to') => {
    const value = url.searchParams.get(name) ?? '';
    return known.has(value) ? value : fallback[name];
  };
  return { from: pick('from'), to: pick('to'), by };
}

export const selectionQuery = (s: Selection) => new URLSearchParams({ from: s.from, to: s.to, by: s.by }).toString();

export const BREAKDOWN_LABELS: Record<ComparisonBreakdown, () => string> = {
  group: m.cmp_by_group,
  district: m.cmp_by_district,
  groupDistrict: m.cmp_by_group_district,
};

/** A row's name in the reader's language: the group, the district, or both; the "all" row is everyone. */
export function rowName(
  row: ComparisonRow,
  groups: ReadonlyMap<string, RegistryItem>,
  districts: ReadonlyMap<string, RegistryItem>,
): string {
  const name = (id: string, items: ReadonlyMap<string, RegistryItem>) => {
    const item = items.get(id);
    return item ? localName(item.name).text : m.cmp_unknown_name();
  };
  const parts = [
    row.populationGroupId ? name(row.populationGroupId, groups) : '',
    row.districtId ? name(row.districtId, districts) : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : m.cmp_everyone();
}

export type RowWord = ChangeKind | 'onlyFrom' | 'onlyTo';

/** What a row says: a group heard in one round only says so; otherwise the mean's change, without over-claiming. */
export const rowWord = (row: ComparisonRow): RowWord =>
  row.onlyIn === 'from' ? 'onlyFrom' : row.onlyIn === 'to' ? 'onlyTo' : row.meanKind;

export function wordText(word: RowWord, from: string, to: string): string {
  switch (word) {
    case 'improved':
      return m.cmp_improved();
    case 'worsened':
      return m.cmp_worsened();
    case 'noClearChange':
      return m.cmp_no_clear_change();
    case 'notComparable':
      return m.cmp_not_comparable();
    case 'onlyFrom':
      return m.cmp_only_in({ round: from });
    case 'onlyTo':
      return m.cmp_only_in({ round: to });
  }
}

/** The share-change's words (no "only in": the row's own words say that). */
export const kindText = (kind: ChangeKind) => wordText(kind, '', '');

/** The aspect's name to begin a heading or sentence with ("sense of security" → "Sense of security"). */
export function aspectTitle(aspect: Aspect): string {
  const label = aspectLabel(aspect);
  return label.charAt(0).toLocaleUpperCase(currentLocale()) + label.slice(1);
}

/** "Safety: of 6 groups, clearly better for 2, clearly worse for 0, no clear change for 3, not comparable for 1." */
export function aspectSummary(aspect: Aspect, rows: readonly ComparisonRow[], by: ComparisonBreakdown): string {
  const count = (words: RowWord[]) => rows.filter((r) => words.includes(rowWord(r))).length;
  const figures = {
    aspect: aspectTitle(aspect),
    total: rows.length,
    improved: count(['improved']),
    worsened: count(['worsened']),
    unclear: count(['noClearChange']),
    notComparable: count(['notComparable', 'onlyFrom', 'onlyTo']),
  };
  if (rows.length === 0) return m.cmp_summary_none({ aspect: figures.aspect });
  if (by === 'district') return m.cmp_summary_district(figures);
  if (by === 'groupDistrict') return m.cmp_summary_group_district(figures);
  return m.cmp_summary_group(figures);
}

// ——— Numbers ———

const fixed = (digits: number, sign = false) =>
  new Intl.NumberFormat(currentLocale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: sign ? 'exceptZero' : 'auto',
  });

export const formatMean = (x: number) => fixed(1).format(x);
export const formatShare = (x: number) =>
  new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(x);
/** A change in the mean: signed, two decimals ("+0,50"). */
export const formatMeanChange = (x: number) => fixed(2, true).format(x);
/** A change in a share, in percentage points: signed ("+17"). */
export const formatPointsChange = (x: number) => fixed(0, true).format(x * 100);

/** "−0,07 … +1,07": signed ends, so a negative end cannot be mistaken for a dash. */
export function formatChangeInterval(ci: Interval, kind: 'mean' | 'share'): string {
  const f = kind === 'mean' ? formatMeanChange : formatPointsChange;
  return `${f(ci[0])} … ${f(ci[1])}`;
}

/** The plot's half-width: every published interval of the aspect fits, on a scale of at least ±1 point. */
export function plotHalfWidth(rows: readonly ComparisonRow[]): number {
  const ends = rows.flatMap((r) => (r.meanChange ? r.meanChange.ci.map(Math.abs) : []));
  return Math.max(1, Math.ceil(Math.max(0, ...ends) * 2) / 2);
}

/** Where a change sits on the plot, as a percentage of its width (−half at 0%, +half at 100%). */
export const plotX = (value: number, half: number) => `${(((value + half) / (2 * half)) * 100).toFixed(2)}%`;
