import { protectMargins } from '@sillat/shared/export/margins';
import { OPEN_DATA_DICTIONARY, openDataDictionaryTable } from '@sillat/shared/export/open-data-dictionary';
import { roundExportTables, type RoundExportInput } from '@sillat/shared/export/round-export';
import { OPEN_DATA_COLUMNS, openDataTable, roundFigures } from '@sillat/shared/open-data';
import { cardCounter, ratingCounter } from '@sillat/shared/round-stats';
import { describe, expect, it } from 'vitest';

const cell = (group: string, district: string, counters: Record<string, number>, roundId = 'r1') => ({
  cell: { roundId, populationGroupId: group, districtId: district },
  counters: { sessions: 1, ...counters },
});
const people = (participants: number) => ({ participants });
const unit = (f: ReturnType<typeof roundFigures>, level: string, id: string | null) =>
  f.units.find((u) => u.level === level && u.id === id)!;
const participantsOf = (f: ReturnType<typeof roundFigures>) =>
  Object.fromEntries(f.units.map((u) => [u.id ?? 'city', u.participants]));

describe('protectMargins', () => {
  it('hides the next-smallest member when exactly one is hidden under a shown total', () => {
    // unit 0 = total 35; members 1..3 = 3, 12, 20
    expect(protectMargins([35, 3, 12, 20], [false, true, false, false], [{ total: 0, members: [1, 2, 3] }])).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
  it('hides a member when the total is hidden but every member is shown', () => {
    expect(protectMargins([20, 8, 12], [true, false, false], [{ total: 0, members: [1, 2] }])).toEqual([
      true,
      true,
      false,
    ]);
  });
  it('ignores zero members and hides the total when no member can be', () => {
    expect(protectMargins([3, 3, 0], [false, true, false], [{ total: 0, members: [1, 2] }])).toEqual([
      true,
      true,
      false,
    ]);
  });
  it('hides every free unit when only a fixed one could be hidden', () => {
    expect(protectMargins([9, 3, 6, 4], [false, true, false, false], [{ total: 0, members: [1] }], [true])).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });
});

describe('open data: complementary suppression of participants', () => {
  it('hides the next-smallest group when one group is hidden and the city total is shown', () => {
    const f = roundFigures(
      'r1',
      [cell('g1', 'd1', people(3)), cell('g2', 'd1', people(12)), cell('g3', 'd2', people(20))],
      5,
    );
    // Without the second hidden group, 35 − 12 − 20 would give g1's 3 away.
    expect(participantsOf(f)).toEqual({ city: 35, g1: null, g2: null, g3: 20, d1: 15, d2: 20 });
  });

  it('also protects a district that is the sum of groups met nowhere else', () => {
    const f = roundFigures(
      'r1',
      [
        cell('g1', 'd1', people(3)),
        cell('g2', 'd2', people(12)),
        cell('g3', 'd3', people(20)),
        cell('g4', 'd3', people(8)),
      ],
      5,
    );
    // g1 (3) hides g4 (8) beside the city total; d1 (3) hides d2 (12); d2 is g2's only district and
    // g2 its only group, so g2 goes too; d3 = g3 + g4 with g4 hidden, so g3 goes too.
    expect(participantsOf(f)).toEqual({ city: 43, g1: null, g2: null, g3: null, g4: null, d1: null, d2: null, d3: 28 });
  });

  it('hides everything when the whole round is below the threshold, and shows zeros', () => {
    const f = roundFigures('r1', [cell('g1', 'd1', people(2)), cell('g2', 'd2', { sessions: 1 })], 5);
    expect(participantsOf(f)).toEqual({ city: null, g1: null, g2: 0, d1: null, d2: 0 });
  });

  it('protects raters and means the same way, and never publishes counts per point', () => {
    const ratings = (counts: number[]) => Object.fromEntries(counts.map((c, i) => [ratingCounter('safety', i + 1), c]));
    const f = roundFigures(
      'r1',
      [
        cell('g1', 'd1', { ...people(4), ...ratings([0, 1, 1, 2, 0]) }),
        cell('g2', 'd2', { ...people(10), ...ratings([1, 2, 3, 3, 1]), [cardCounter('safety', 'positive')]: 2 }),
        cell('g3', 'd3', { ...people(30), ...ratings([3, 6, 9, 8, 4]) }),
      ],
      5,
    );
    const safety = (level: string, id: string | null) => unit(f, level, id).aspects.safety;
    expect(safety('city', null).raters).toBe(44);
    expect(safety('populationGroup', 'g1').raters).toBeNull();
    expect(safety('populationGroup', 'g2').raters).toBeNull(); // complementary
    expect(safety('populationGroup', 'g3').raters).toBe(30);
    expect(safety('populationGroup', 'g2').rating.mean).toBeNull();
    expect(safety('populationGroup', 'g2').positiveCards).toBe(2); // cards are not people
    expect(safety('city', null).rating.mean).toBeCloseTo((1 * 4 + 2 * 9 + 3 * 13 + 4 * 13 + 5 * 5) / 44, 10);
  });
});

describe('the open-data file and its dictionary', () => {
  const input = {
    rounds: [
      { id: 'r2', name: { fi: 'Kevät 2026' }, period: { start: '2026-03-01', end: '2026-05-31' } },
      { id: 'r1', name: { fi: 'Kevät 2025', sv: 'Våren 2025' }, period: { start: '2025-03-01', end: '2025-05-31' } },
    ],
    cells: [cell('g1', 'd1', people(3)), cell('g2', 'd1', people(12)), cell('g1', 'd1', people(9), 'r2')],
    groups: [
      { id: 'g1', name: { fi: 'Nuoret', sv: 'Unga' } },
      { id: 'g2', name: { fi: 'Seniorit' } },
    ],
    districts: [{ id: 'd1', name: { fi: 'Itä', sv: 'Öst' } }],
    threshold: 5,
    locale: 'sv' as const,
  };
  const table = openDataTable(input);
  const rows = table.rows.map((r) => Object.fromEntries(OPEN_DATA_COLUMNS.map((c, i) => [c, r[i]])));

  it('has rows per round (oldest first) × level × aspect with names in the locale', () => {
    expect(table.columns).toEqual(OPEN_DATA_COLUMNS);
    expect(rows.map((r) => r.round_id)).toEqual([...Array(16).fill('r1'), ...Array(12).fill('r2')]);
    expect(rows[0]).toMatchObject({ round_name: 'Våren 2025', level: 'city', population_group_id: null });
    expect(rows.find((r) => r.population_group_id === 'g1')).toMatchObject({ population_group_name: 'Unga' });
    expect(rows.find((r) => r.population_group_id === 'g2')).toMatchObject({ population_group_name: 'Seniorit' });
    expect(rows.find((r) => r.district_id === 'd1')).toMatchObject({ district_name: 'Öst', participants: 15 });
  });

  it('never publishes a count of 1…4 people', () => {
    for (const r of rows)
      for (const column of ['participants', 'raters'] as const) {
        const v = r[column];
        expect(v === null || v === 0 || (typeof v === 'number' && v >= 5), `${column}=${String(v)}`).toBe(true);
      }
    expect(
      rows.filter((r) => r.round_id === 'r1' && r.level === 'population_group').map((r) => r.participants),
    ).toEqual(Array(8).fill(null));
  });

  it('describes every column in fi, sv and en, with the threshold in the rules', () => {
    expect(OPEN_DATA_DICTIONARY.map((e) => e.column)).toEqual([...OPEN_DATA_COLUMNS]);
    const dict = openDataDictionaryTable(7);
    for (const row of dict.rows) for (const cell of row.slice(3, 6)) expect(String(cell).length).toBeGreaterThan(5);
    const participants = dict.rows.find((r) => r[0] === 'participants')!;
    expect(participants[6]).toContain('1 to 6 people');
  });
});

describe('a round export', () => {
  const g = (id: string) => ({ id, name: { fi: `Ryhmä ${id}` } });
  const session = (group: string, district: string, participantCount: number, status = 'held') => ({
    populationGroupId: group,
    districtId: district,
    organisationId: 'o1',
    language: 'fi',
    date: '2026-04-01',
    status,
    participantCount,
    ratings: { safety: [0, 0, 0, participantCount, 0] },
  });
  const sessions = [
    session('g1', 'd1', 3),
    session('g2', 'd1', 12),
    session('g3', 'd2', 20),
    session('g3', 'd2', 6, 'planned'),
  ];
  const input: RoundExportInput = {
    round: { id: 'r1', name: { fi: 'Kevät' } },
    sessions,
    cards: [
      {
        aspect: 'safety',
        tone: 'negative',
        language: 'fi',
        text: '=HYPERLINK("x")',
        populationGroupId: 'g1',
        districtId: 'd1',
        inDeck: true,
      },
    ],
    measures: [
      {
        title: '@Kerho',
        aspects: ['safety', 'attitudes'],
        populationGroupIds: ['g1', 'g2'],
        districtIds: [],
        ownerId: 'u1',
        lastStatus: 'onTrack',
        progress: 40,
        nextCheckpoint: { date: '2026-09-01' },
      },
    ],
    survey: { status: 'open', counters: { n: 3 }, measureOptions: [] },
    cells: [
      cell('g1', 'd1', { participants: 3, [ratingCounter('safety', 4)]: 3 }),
      cell('g2', 'd1', { participants: 12, [ratingCounter('safety', 4)]: 12 }),
      cell('g3', 'd2', { participants: 20, [ratingCounter('safety', 4)]: 20 }),
    ],
    groups: [g('g1'), g('g2'), g('g3')],
    districts: [g('d1'), g('d2')],
    organisations: [g('o1')],
    users: [{ id: 'u1', name: 'Aino Virtanen' }],
    threshold: 5,
    locale: 'fi',
  };
  const [s, cards, measures, survey, aspects] = roundExportTables(input, [
    'sessions',
    'cards',
    'measures',
    'survey',
    'aspects',
  ]);
  const col = (t: typeof s, name: string) => t!.rows.map((r) => r[t!.columns.indexOf(name)]);

  it('hides small participant counts in sessions, with their complement, and says which', () => {
    expect(col(s, 'participants')).toEqual([null, null, 20, null]);
    expect(col(s, 'hidden')).toEqual([
      expect.stringContaining('participants'),
      expect.stringContaining('participants'),
      '',
      '',
    ]);
    expect(col(s, 'safety_raters')).toEqual([null, null, 20, null]);
    // Everyone gave 4: a mean of 4.00 with n shown is publishable only when n is.
    expect(col(s, 'safety_mean')).toEqual([null, null, 4, null]);
    expect(s!.columns.some((c) => /_[1-5]$/.test(c))).toBe(false);
  });

  it('lists cards, measures with owner names, and the round per aspect; the survey only once closed', () => {
    expect(cards!.rows[0]).toEqual(['safety', 'negative', 'fi', '=HYPERLINK("x")', 'Ryhmä g1', 'Ryhmä d1', true]);
    expect(measures!.rows[0]).toEqual([
      '@Kerho',
      'safety; attitudes',
      'Ryhmä g1; Ryhmä g2',
      '',
      'Aino Virtanen',
      'onTrack',
      40,
      '2026-09-01',
      null,
    ]);
    expect(survey!.rows).toEqual([]);
    expect(col(aspects, 'aspect')).toEqual(['attitudes', 'safety', 'interaction', 'participation']);
    expect(col(aspects, 'participants')).toEqual([35, 35, 35, 35]);
    expect(col(aspects, 'raters')[1]).toBe(35);
  });

  it('publishes a closed survey as its results page does', () => {
    const closed = roundExportTables(
      {
        ...input,
        survey: {
          status: 'closed',
          counters: { n: 12, 'a:category': 12, 'c:category:officials': 9, 'c:category:police': 3 },
          measureOptions: [],
        },
      },
      ['survey'],
    )[0]!;
    const category = closed.rows.filter((r) => r[0] === 'category');
    const count = (option: string) => category.find((r) => r[1] === option)![4];
    expect(category[0]![3]).toBe(12);
    expect(count('police')).toBeNull();
    expect(count('officials')).toBeNull(); // complementary: 12 − 9 would give the 3 away
    expect(count('electedOfficials')).toBe(0);
  });
});
