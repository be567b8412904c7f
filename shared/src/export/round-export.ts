import { ASPECTS, type Aspect } from '../aspects';
import { FIGURE_COLUMNS, figureCells, type LocalizedText, nameIn, roundFigures, type RoundFigures } from '../open-data';
import { type Counters, HELD_STATUSES, type StatsCell } from '../round-stats';
import { publishableRating } from '../stats';
import { RESPONDENT_LABELS } from '../survey-instrument';
import { type MeasureOption, surveyResults } from '../survey-results';
import { type Margin, protectMargins } from './margins';
import { type Cell, type ExportTable, rounded } from './table';

/**
 * One round's data for its coordinators (issue 7, item 6), as five tables:
 * sessions, cards, measures, survey and aspects. Nothing here publishes more
 * than the dashboards and the survey results page do — participants and
 * raters only when 0 or at least the threshold, a session's rating as its
 * publishable mean (never the five counts), the survey as its results page
 * shows it — and the session table's hidden cells are protected against the
 * sums published elsewhere: the round's totals (the aspects table) and the
 * group and district totals of the open-data file, whose hidden statuses
 * this table takes as given (export/margins.ts). Card texts are anonymised
 * narratives and go out as written.
 */
export const ROUND_EXPORT_TABLES = ['sessions', 'cards', 'measures', 'survey', 'aspects'] as const;
export type RoundExportTable = (typeof ROUND_EXPORT_TABLES)[number];
type Locale = 'fi' | 'sv' | 'en';
type Named = { id: string; name: LocalizedText };

export interface RoundExportInput {
  round: { id: string; name: LocalizedText };
  sessions: readonly {
    populationGroupId: string;
    districtId: string;
    organisationId: string;
    language: string;
    date: string;
    status: string;
    participantCount?: number;
    ratings?: Partial<Record<string, readonly number[]>>;
  }[];
  cards: readonly {
    aspect: Aspect;
    tone: string;
    language: string;
    text: string;
    populationGroupId: string;
    districtId: string;
    inDeck: boolean;
  }[];
  measures: readonly {
    title: string;
    aspects: readonly Aspect[];
    populationGroupIds: readonly string[];
    districtIds: readonly string[];
    ownerId?: string;
    lastStatus?: string;
    progress?: number;
    nextCheckpoint?: { date: string };
    overdueCheckpoint?: { date: string };
  }[];
  survey: { status: string; counters: Record<string, number>; measureOptions: readonly MeasureOption[] };
  /** The round's dashboard counters. */
  cells: readonly { cell: StatsCell; counters: Counters }[];
  groups: readonly Named[];
  districts: readonly Named[];
  organisations: readonly Named[];
  users: readonly { id: string; name: string }[];
  threshold: number;
  locale: Locale;
}

const namer = (items: readonly Named[], locale: Locale) => {
  const names = new Map(items.map((x) => [x.id, nameIn(x.name, locale)]));
  return (id: string) => names.get(id) ?? '';
};
const isHeld = (status: string) => (HELD_STATUSES as readonly string[]).includes(status);
const sum = (xs: readonly number[] = []) => xs.reduce((a, b) => a + b, 0);

/**
 * Which of the held sessions' figures to hide: the primary rule (`hidden`),
 * then the margins — the round, each group and each district — whose totals
 * are published with the statuses `figures` gives them (`shown(unit)`).
 */
function protectSessions(
  sessions: RoundExportInput['sessions'],
  values: number[],
  hidden: boolean[],
  figures: RoundFigures,
  shown: (unit: RoundFigures['units'][number]) => boolean,
): boolean[] {
  const s = sessions.length;
  const weights = [...values];
  const initial = [...hidden];
  const margins: Margin[] = [];
  figures.units.forEach((unit, k) => {
    const members = sessions
      .map((x, i) =>
        unit.level === 'city' || (unit.level === 'populationGroup' ? x.populationGroupId : x.districtId) === unit.id
          ? i
          : -1,
      )
      .filter((i) => i >= 0);
    weights[s + k] = sum(members.map((i) => values[i]!));
    initial[s + k] = !shown(unit);
    margins.push({ total: s + k, members });
  });
  const fixed = weights.map((_, i) => i >= s);
  return protectMargins(weights, initial, margins, fixed).slice(0, s);
}

function sessionsTable(input: RoundExportInput, figures: RoundFigures): ExportTable {
  const t = input.threshold;
  const held = input.sessions.filter((x) => isHeld(x.status));
  const small = (v: number) => v > 0 && v < t;
  const participants = held.map((x) => x.participantCount ?? 0);
  const hideParticipants = protectSessions(
    held,
    participants,
    participants.map(small),
    figures,
    (u) => u.participants !== null,
  );
  const perAspect = ASPECTS.map((aspect) => {
    const counts = held.map((x) => [...(x.ratings?.[aspect] ?? [0, 0, 0, 0, 0])]);
    const n = counts.map((c) => sum(c));
    const hideN = protectSessions(held, n, n.map(small), figures, (u) => u.aspects[aspect].raters !== null);
    const means = counts.map((c, i) => (hideN[i] ? null : publishableRating(c, t).mean));
    const hideMean = protectSessions(
      held,
      n,
      means.map((m, i) => m === null && n[i]! > 0),
      figures,
      (u) => u.aspects[aspect].rating.mean !== null,
    );
    return { aspect, n, hideN, means, hideMean };
  });
  const group = namer(input.groups, input.locale);
  const district = namer(input.districts, input.locale);
  const organisation = namer(input.organisations, input.locale);
  const rows = input.sessions.map((x): Cell[] => {
    const i = held.indexOf(x);
    const hiddenColumns: string[] = [];
    const figure = (value: number | null, hide: boolean, column: string) => {
      if (i < 0) return null;
      if (hide) hiddenColumns.push(column);
      return hide ? null : value;
    };
    const cells: Cell[] = [
      x.date,
      group(x.populationGroupId),
      district(x.districtId),
      organisation(x.organisationId),
      x.language,
      x.status,
      figure(participants[i] ?? 0, hideParticipants[i] ?? false, 'participants'),
    ];
    for (const a of perAspect) {
      cells.push(figure(a.n[i] ?? 0, a.hideN[i] ?? false, `${a.aspect}_raters`));
      cells.push(figure(rounded(a.means[i], 2), a.hideMean[i] ?? false, `${a.aspect}_mean`));
    }
    return [...cells, hiddenColumns.join(' ')];
  });
  return {
    name: 'sessions',
    columns: [
      'date',
      'population_group',
      'district',
      'organisation',
      'language',
      'status',
      'participants',
      ...ASPECTS.flatMap((a) => [`${a}_raters`, `${a}_mean`]),
      'hidden',
    ],
    rows,
  };
}

function cardsTable(input: RoundExportInput): ExportTable {
  const group = namer(input.groups, input.locale);
  const district = namer(input.districts, input.locale);
  return {
    name: 'cards',
    columns: ['aspect', 'tone', 'language', 'text', 'population_group', 'district', 'in_deck'],
    rows: input.cards.map((c) => [
      c.aspect,
      c.tone,
      c.language,
      c.text,
      group(c.populationGroupId),
      district(c.districtId),
      c.inDeck,
    ]),
  };
}

function measuresTable(input: RoundExportInput): ExportTable {
  const group = namer(input.groups, input.locale);
  const district = namer(input.districts, input.locale);
  const users = new Map(input.users.map((u) => [u.id, u.name]));
  return {
    name: 'measures',
    columns: [
      'title',
      'aspects',
      'population_groups',
      'districts',
      'owner',
      'status',
      'progress_percent',
      'next_checkpoint',
      'overdue_checkpoint',
    ],
    rows: input.measures.map((m) => [
      m.title,
      m.aspects.join('; '),
      m.populationGroupIds.map(group).join('; '),
      m.districtIds.map(district).join('; '),
      m.ownerId ? (users.get(m.ownerId) ?? '') : '',
      m.lastStatus ?? 'notStarted',
      m.progress ?? null,
      m.nextCheckpoint?.date ?? null,
      m.overdueCheckpoint?.date ?? null,
    ]),
  };
}

/** As the survey results page publishes it: nothing until closed, then per question and option with small counts hidden. */
function surveyTable(input: RoundExportInput): ExportTable {
  const { survey, locale } = input;
  const rows: Cell[][] = [];
  if (survey.status === 'closed') {
    const title = new Map(survey.measureOptions.map((m) => [m.id, m.title]));
    for (const q of surveyResults(survey.counters, survey.measureOptions, input.threshold)) {
      const base = (hidden: string[]) => (q.answered === null ? [...hidden, 'answered'] : hidden);
      if (!q.options) {
        rows.push([q.key, null, null, q.answered, null, null, base([]).join(' ')]);
        continue;
      }
      for (const o of q.options) {
        const label =
          q.key === 'category'
            ? (RESPONDENT_LABELS[o.option as keyof typeof RESPONDENT_LABELS]?.[locale] ?? o.option)
            : q.key === 'measures'
              ? (title.get(o.option) ?? o.option)
              : o.option;
        const hidden = base(o.count === null ? ['count'] : []);
        if (q.mean === null) hidden.push('mean');
        rows.push([q.key, o.option, label, q.answered, o.count, rounded(q.mean, 2), hidden.join(' ')]);
      }
    }
  }
  return {
    name: 'survey',
    columns: ['question', 'option', 'option_label', 'answered', 'count', 'mean', 'hidden'],
    rows,
  };
}

/** The round as a whole, per aspect: the open-data file's city rows for this round. */
function aspectsTable(figures: RoundFigures): ExportTable {
  const city = figures.units.find((u) => u.level === 'city')!;
  return {
    name: 'aspects',
    columns: ['aspect', ...FIGURE_COLUMNS],
    rows: ASPECTS.map((aspect) => [aspect, ...figureCells(city, aspect)]),
  };
}

/** The tables asked for, in the order asked. */
export function roundExportTables(input: RoundExportInput, tables: readonly RoundExportTable[]): ExportTable[] {
  const figures = roundFigures(input.round.id, input.cells, input.threshold);
  const build: Record<RoundExportTable, () => ExportTable> = {
    sessions: () => sessionsTable(input, figures),
    cards: () => cardsTable(input),
    measures: () => measuresTable(input),
    survey: () => surveyTable(input),
    aspects: () => aspectsTable(figures),
  };
  return tables.map((name) => build[name]());
}
