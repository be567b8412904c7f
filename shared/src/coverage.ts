import { ASPECTS, type Aspect } from './aspects';
import { addCounters, type CellStats, type Counters, emptyStats, type StatsCell } from './round-stats';
import { publishedSelection, roundFigures, selectionParticipants, selectionRating } from './open-data';
import { describeChange, meanDifference, proportionDifference, publishableRating, type PublishedRating } from './stats';
import type { Shown } from './suppression';

/**
 * "Who to consult next" (issue 7, item 4): a population groups × rounds
 * coverage matrix from the counters, and a ranked list of groups to hear in
 * the next round, each with the reason. Pure: the API reads the rounds, the
 * groups and every round's counters (one Query each).
 *
 * Ranking, most pressing first:
 * 1. `neverConsulted` — no held session in any round;
 * 2. `notHeardSince` — not consulted in the latest round that has held
 *    sessions (N = 1 round); the reason names the last round they were heard;
 * 3. `worsened` — between the group's last two consulted rounds an aspect's
 *    mean or share rating 4–5 clearly worsened (whole 95% interval below
 *    zero). Only when both sides are published under the privacy threshold:
 *    a change must not reveal what either side hides.
 * Within a rank: the longest unheard first, then the most worsened aspects,
 * then by the order the groups were given (their names).
 *
 * Privacy: a group's participants and ratings are exactly what the
 * open-data file publishes for it in that round (open-data.ts: the
 * threshold, then complementary suppression over the city's and districts'
 * sums); a "worsened" reason only when both sides' figure is published.
 * Session counts are not about people.
 */

export interface CoverageRound {
  id: string;
  name: Partial<Record<'fi' | 'sv' | 'en', string>>;
  period: { start: string; end: string };
}

export interface CoverageGroup {
  id: string;
  name: Partial<Record<'fi' | 'sv' | 'en', string>>;
  archived?: boolean;
}

export interface CoverageCell {
  roundId: string;
  sessions: number;
  participants: Shown;
}

export type CoverageReason =
  | { reason: 'neverConsulted' }
  | { reason: 'notHeardSince'; roundId: string; latestRoundId: string }
  | { reason: 'worsened'; aspect: Aspect; measure: 'mean' | 'shareHigh'; from: string; to: string };

export interface CoverageSuggestion {
  populationGroupId: string;
  rank: number;
  reasons: CoverageReason[];
}

export interface CoverageView {
  threshold: number;
  /** Oldest first, as the matrix reads left to right. */
  rounds: CoverageRound[];
  /** The latest round with held sessions: "recently" is measured against it. */
  latestRoundId: string | null;
  groups: { id: string; name: CoverageGroup['name']; cells: CoverageCell[] }[];
  suggestions: CoverageSuggestion[];
}

const REASON_RANK = { neverConsulted: 1, notHeardSince: 2, worsened: 3 } as const;

/** The aspects whose mean or 4–5 share clearly worsened from `a` to `b`, published sides only. */
export function worsenedAspects(
  a: CellStats,
  b: CellStats,
  threshold: number,
  /** What is published of each side; by default each on its own (stats.ts). */
  published: { a: (aspect: Aspect) => PublishedRating; b: (aspect: Aspect) => PublishedRating } = {
    a: (aspect) => publishableRating(a.ratings[aspect], threshold),
    b: (aspect) => publishableRating(b.ratings[aspect], threshold),
  },
): { aspect: Aspect; measure: 'mean' | 'shareHigh' }[] {
  const out: { aspect: Aspect; measure: 'mean' | 'shareHigh' }[] = [];
  for (const aspect of ASPECTS) {
    const [ca, cb] = [a.ratings[aspect], b.ratings[aspect]];
    const [pa, pb] = [published.a(aspect), published.b(aspect)];
    if (pa.mean !== null && pb.mean !== null && describeChange(meanDifference(ca, cb)) === 'worsened') {
      out.push({ aspect, measure: 'mean' });
      continue;
    }
    const high = (c: number[]) => c[3]! + c[4]!;
    const n = (c: number[]) => c.reduce((x, y) => x + y, 0);
    if (
      pa.shareHigh !== null &&
      pb.shareHigh !== null &&
      describeChange(proportionDifference(high(ca), n(ca), high(cb), n(cb))) === 'worsened'
    )
      out.push({ aspect, measure: 'shareHigh' });
  }
  return out;
}

export function coverageView(input: {
  rounds: readonly CoverageRound[];
  groups: readonly CoverageGroup[];
  cells: readonly { cell: StatsCell; counters: Counters }[];
  threshold: number;
}): CoverageView {
  const { threshold } = input;
  const rounds = [...input.rounds]
    .sort((a, b) => a.period.start.localeCompare(b.period.start))
    .map(({ id, name, period }) => ({ id, name, period }));
  const groups = input.groups.filter((g) => !g.archived);

  // Group → round → summed counters over the districts.
  const stats = new Map<string, Map<string, CellStats>>();
  for (const { cell, counters } of input.cells) {
    const byRound = stats.get(cell.populationGroupId) ?? new Map<string, CellStats>();
    byRound.set(cell.roundId, addCounters(byRound.get(cell.roundId) ?? emptyStats(), counters));
    stats.set(cell.populationGroupId, byRound);
  }
  const of = (groupId: string, roundId: string) => stats.get(groupId)?.get(roundId) ?? emptyStats();
  const held = (groupId: string, roundId: string) => of(groupId, roundId).sessions > 0;
  // What the open-data file publishes of each round's groups, suppression included.
  const figures = new Map(rounds.map((r) => [r.id, roundFigures(r.id, input.cells, threshold)]));
  const published = (groupId: string, roundId: string) =>
    publishedSelection(figures.get(roundId)!, input.cells, { populationGroupId: groupId });

  // Any held session counts here, an archived group's too: the round has data.
  const heldRounds = new Set(
    input.cells.filter((c) => Number(c.counters['sessions'] ?? 0) > 0).map((c) => c.cell.roundId),
  );
  const latest = [...rounds].reverse().find((r) => heldRounds.has(r.id));

  const suggestions: (CoverageSuggestion & { order: number; lastStart: string; worse: number })[] = [];
  groups.forEach((g, order) => {
    const consulted = rounds.filter((r) => held(g.id, r.id));
    const reasons: CoverageReason[] = [];
    if (consulted.length === 0) reasons.push({ reason: 'neverConsulted' });
    else if (latest && consulted.at(-1)!.id !== latest.id)
      reasons.push({ reason: 'notHeardSince', roundId: consulted.at(-1)!.id, latestRoundId: latest.id });
    if (consulted.length >= 2) {
      const [from, to] = consulted.slice(-2) as [CoverageRound, CoverageRound];
      const [pa, pb] = [published(g.id, from.id), published(g.id, to.id)];
      const shown = { a: (x: Aspect) => selectionRating(pa, x), b: (x: Aspect) => selectionRating(pb, x) };
      for (const w of worsenedAspects(of(g.id, from.id), of(g.id, to.id), threshold, shown))
        reasons.push({ reason: 'worsened', ...w, from: from.id, to: to.id });
    }
    if (!reasons.length) return;
    suggestions.push({
      populationGroupId: g.id,
      rank: Math.min(...reasons.map((r) => REASON_RANK[r.reason])),
      reasons,
      order,
      lastStart: consulted.at(-1)?.period.start ?? '',
      worse: reasons.filter((r) => r.reason === 'worsened').length,
    });
  });
  suggestions.sort(
    (a, b) => a.rank - b.rank || a.lastStart.localeCompare(b.lastStart) || b.worse - a.worse || a.order - b.order,
  );

  return {
    threshold,
    rounds,
    latestRoundId: latest?.id ?? null,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      cells: rounds.map((r) => {
        const s = of(g.id, r.id);
        return { roundId: r.id, sessions: s.sessions, participants: selectionParticipants(published(g.id, r.id)) };
      }),
    })),
    suggestions: suggestions.map(({ populationGroupId, rank, reasons }) => ({ populationGroupId, rank, reasons })),
  };
}
