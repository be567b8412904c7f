import { ASPECTS, type Aspect } from './aspects';
import { protectMargins, type Margin } from './export/margins';
import { type Cell, type ExportTable, rounded } from './export/table';
import { addCounters, type CellStats, type Counters, emptyStats, type StatsCell } from './round-stats';
import { publishableRating, type PublishedRating } from './stats';
import type { Shown } from './suppression';

/**
 * The aggregated open-data file (issue 7, item 6): per round × aspect, the
 * whole city, each population group and each district, from the dashboard
 * counters only. Every figure about people goes through the publishing rules
 * (stats.ts) and then through complementary suppression over the sums the
 * file itself publishes (export/margins.ts): the city is the sum of its
 * groups and of its districts, so one hidden group beside a shown city total
 * also hides the next-smallest group; a district whose groups were met
 * nowhere else is their sum, and is protected as one too.
 * Raters, means and 4–5 shares are protected the same way, each on its own.
 * Sessions and experience cards are not people and are published as counted.
 */
export const OPEN_DATA_LEVELS = ['city', 'populationGroup', 'district'] as const;
export type OpenDataLevel = (typeof OPEN_DATA_LEVELS)[number];

export interface AspectFigures {
  raters: Shown;
  rating: Omit<PublishedRating, 'n'>;
  positiveCards: number;
  negativeCards: number;
}

export interface UnitFigures {
  level: OpenDataLevel;
  /** The group's or district's id; null for the city. */
  id: string | null;
  sessions: number;
  participants: Shown;
  aspects: Record<Aspect, AspectFigures>;
}

export interface RoundFigures {
  roundId: string;
  /** City first, then groups and districts by id. */
  units: UnitFigures[];
}

const HIDDEN_RATING: PublishedRating = { n: null, mean: null, sd: null, ci: null, shareHigh: null, shareHighCi: null };
const safe = (n: number, threshold: number) => n === 0 || n >= threshold;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** One round's published figures; `cells` may hold other rounds' too. */
export function roundFigures(
  roundId: string,
  cells: readonly { cell: StatsCell; counters: Counters }[],
  threshold: number,
): RoundFigures {
  const mine = cells.filter((c) => c.cell.roundId === roundId);
  const groupIds = [...new Set(mine.map((c) => c.cell.populationGroupId))].sort();
  const districtIds = [...new Set(mine.map((c) => c.cell.districtId))].sort();
  const keys: { level: OpenDataLevel; id: string | null }[] = [
    { level: 'city', id: null },
    ...groupIds.map((id) => ({ level: 'populationGroup' as const, id })),
    ...districtIds.map((id) => ({ level: 'district' as const, id })),
  ];
  const stats: CellStats[] = keys.map(({ level, id }) => {
    const of = mine.filter(
      ({ cell }) => level === 'city' || (level === 'populationGroup' ? cell.populationGroupId : cell.districtId) === id,
    );
    return of.reduce((acc, c) => addCounters(acc, c.counters), emptyStats());
  });
  const groups = groupIds.map((_, i) => 1 + i);
  const districts = districtIds.map((_, i) => 1 + groupIds.length + i);
  const margins: Margin[] = [
    { total: 0, members: groups },
    { total: 0, members: districts },
  ];
  // A district whose groups were met nowhere else is the sum of those groups (and the other way
  // round): e.g. a group met only in one district where no other group was met publishes the same
  // numbers as that district. Sums over unions of several districts are not searched (margins.ts).
  const live = mine.filter((c) => Object.values(c.counters).some((v) => Number(v) !== 0));
  const groupsIn = (d: string) =>
    new Set(live.filter((c) => c.cell.districtId === d).map((c) => c.cell.populationGroupId));
  const districtsOf = (g: string) =>
    new Set(live.filter((c) => c.cell.populationGroupId === g).map((c) => c.cell.districtId));
  for (const [di, d] of districtIds.entries()) {
    const gs = [...groupsIn(d)];
    if (gs.length && gs.every((g) => districtsOf(g).size === 1))
      margins.push({ total: districts[di]!, members: gs.map((g) => groups[groupIds.indexOf(g)]!) });
  }
  for (const [gi, g] of groupIds.entries()) {
    const ds = [...districtsOf(g)];
    if (ds.length && ds.every((d) => groupsIn(d).size === 1))
      margins.push({ total: groups[gi]!, members: ds.map((d) => districts[districtIds.indexOf(d)]!) });
  }

  /** Primary rule on counts of people, then the margins. */
  const protectCounts = (values: number[]): Shown[] => {
    const hidden = protectMargins(
      values,
      values.map((v) => !safe(v, threshold)),
      margins,
    );
    return values.map((v, i) => (hidden[i] ? null : v));
  };
  const participants = protectCounts(stats.map((s) => s.participants));

  const perAspect = ASPECTS.map((aspect) => {
    const counts = stats.map((s) => s.ratings[aspect]);
    const n = counts.map(sum);
    const raters = protectCounts(n);
    const published = counts.map((c, i) => (raters[i] === null ? HIDDEN_RATING : publishableRating(c, threshold)));
    const meanHidden = protectMargins(
      n,
      published.map((p) => p.mean === null),
      margins,
    );
    const shareHidden = protectMargins(
      n,
      published.map((p) => p.shareHigh === null),
      margins,
    );
    return published.map((p, i): AspectFigures => {
      const { positive, negative } = stats[i]!.cards[aspect];
      const { n: _n, ...figures } = p;
      const rating = {
        ...figures,
        ...(meanHidden[i] ? { mean: null, sd: null, ci: null } : {}),
        ...(shareHidden[i] ? { shareHigh: null, shareHighCi: null } : {}),
      };
      return { raters: raters[i]!, rating, positiveCards: positive, negativeCards: negative };
    });
  });

  return {
    roundId,
    units: keys.map(({ level, id }, i) => ({
      level,
      id,
      sessions: stats[i]!.sessions,
      participants: participants[i]!,
      aspects: Object.fromEntries(ASPECTS.map((a, k) => [a, perAspect[k]![i]!])) as Record<Aspect, AspectFigures>,
    })),
  };
}

/**
 * A selection a view can make of one round: everyone, one group, one
 * district, or one group × district.
 */
export interface Selection {
  populationGroupId?: string | null;
  districtId?: string | null;
}

/**
 * What may be published about the people of `selection` in `figures`' round:
 * the open-data unit it is (city, one group, one district), so every view
 * publishes the same figures as the open-data file and no two views can be
 * subtracted from each other to give a hidden figure away. A group × district
 * selection is a unit only when it is the whole of that group or of that
 * district; any other publishes nothing about people (`unit` null).
 * `nobody` when the selection met no one in this round.
 */
export function publishedSelection(
  figures: RoundFigures,
  cells: readonly { cell: StatsCell; counters: Counters }[],
  selection: Selection,
): { unit: UnitFigures | null; nobody: boolean } {
  const g = selection.populationGroupId ?? null;
  const d = selection.districtId ?? null;
  const mine = cells.filter(
    (c) => c.cell.roundId === figures.roundId && Object.values(c.counters).some((v) => Number(v) !== 0),
  );
  const inSelection = (c: StatsCell) => (g === null || c.populationGroupId === g) && (d === null || c.districtId === d);
  const selected = mine.filter((c) => inSelection(c.cell));
  if (selected.length === 0) return { unit: null, nobody: true };
  const unitOf = (level: OpenDataLevel, id: string | null) =>
    figures.units.find((u) => u.level === level && u.id === id) ?? null;
  if (g === null && d === null) return { unit: unitOf('city', null), nobody: false };
  if (d === null) return { unit: unitOf('populationGroup', g), nobody: false };
  if (g === null) return { unit: unitOf('district', d), nobody: false };
  const count = (keep: (c: StatsCell) => boolean) => mine.filter((c) => keep(c.cell)).length;
  if (count((c) => c.populationGroupId === g) === selected.length)
    return { unit: unitOf('populationGroup', g), nobody: false };
  if (count((c) => c.districtId === d) === selected.length) return { unit: unitOf('district', d), nobody: false };
  return { unit: null, nobody: false };
}

/** A selection's published rating of `aspect`; `n` is the number who rated it, published as a count of people. */
export function selectionRating(
  selection: { unit: UnitFigures | null; nobody: boolean },
  aspect: Aspect,
): PublishedRating {
  if (selection.nobody) return { ...HIDDEN_RATING, n: 0 };
  if (!selection.unit) return HIDDEN_RATING;
  const figures = selection.unit.aspects[aspect];
  return { n: figures.raters, ...figures.rating };
}

/** A selection's published participants. */
export function selectionParticipants(selection: { unit: UnitFigures | null; nobody: boolean }): Shown {
  if (selection.nobody) return 0;
  return selection.unit ? selection.unit.participants : null;
}

export type LocalizedText = Partial<Record<'fi' | 'sv' | 'en', string>>;

/** A name in `locale`, else in the first language it has. */
export function nameIn(name: LocalizedText | undefined, locale: 'fi' | 'sv' | 'en'): string {
  if (!name) return '';
  return name[locale] ?? name.fi ?? name.sv ?? name.en ?? '';
}

export interface OpenDataInput {
  rounds: readonly { id: string; name: LocalizedText; period: { start: string; end: string } }[];
  cells: readonly { cell: StatsCell; counters: Counters }[];
  groups: readonly { id: string; name: LocalizedText }[];
  districts: readonly { id: string; name: LocalizedText }[];
  threshold: number;
  locale: 'fi' | 'sv' | 'en';
}

/** The columns {@link figureCells} fills, in order: the figures of one unit × aspect. */
export const FIGURE_COLUMNS = [
  'sessions',
  'participants',
  'raters',
  'mean',
  'mean_ci_low',
  'mean_ci_high',
  'share_4_5',
  'share_4_5_ci_low',
  'share_4_5_ci_high',
  'positive_cards',
  'negative_cards',
] as const;

/** The columns of the open-data file, in order; open-data-dictionary.ts describes each. */
export const OPEN_DATA_COLUMNS = [
  'round_id',
  'round_name',
  'round_start',
  'round_end',
  'level',
  'population_group_id',
  'population_group_name',
  'district_id',
  'district_name',
  'aspect',
  ...FIGURE_COLUMNS,
] as const;

const LEVEL_WORDS: Record<OpenDataLevel, string> = {
  city: 'city',
  populationGroup: 'population_group',
  district: 'district',
};

/** The cells of one unit × aspect, in {@link FIGURE_COLUMNS} order. */
export function figureCells(unit: UnitFigures, aspect: Aspect): Cell[] {
  const a = unit.aspects[aspect];
  const r = a.rating;
  return [
    unit.sessions,
    unit.participants,
    a.raters,
    rounded(r.mean, 2),
    rounded(r.ci?.[0], 2),
    rounded(r.ci?.[1], 2),
    rounded(r.shareHigh, 3),
    rounded(r.shareHighCi?.[0], 3),
    rounded(r.shareHighCi?.[1], 3),
    a.positiveCards,
    a.negativeCards,
  ];
}

/** The whole file: rounds oldest first, then city, groups, districts, then aspects. */
export function openDataTable(input: OpenDataInput): ExportTable {
  const groupName = new Map(input.groups.map((g) => [g.id, nameIn(g.name, input.locale)]));
  const districtName = new Map(input.districts.map((d) => [d.id, nameIn(d.name, input.locale)]));
  const rounds = [...input.rounds].sort((a, b) => a.period.start.localeCompare(b.period.start));
  const rows: Cell[][] = [];
  for (const round of rounds) {
    const figures = roundFigures(round.id, input.cells, input.threshold);
    for (const unit of figures.units) {
      const group = unit.level === 'populationGroup' ? unit.id : null;
      const district = unit.level === 'district' ? unit.id : null;
      for (const aspect of ASPECTS) {
        rows.push([
          round.id,
          nameIn(round.name, input.locale),
          round.period.start,
          round.period.end,
          LEVEL_WORDS[unit.level],
          group,
          group ? (groupName.get(group) ?? '') : null,
          district,
          district ? (districtName.get(district) ?? '') : null,
          aspect,
          ...figureCells(unit, aspect),
        ]);
      }
    }
  }
  return { name: 'open-data', columns: OPEN_DATA_COLUMNS, rows };
}
