import { ASPECTS, type Aspect } from './aspects';

/**
 * The precomputed aggregates behind the dashboards (issue 7). Each round ×
 * population group × district has one counter set; a session or a card
 * "contributes" counters to the cell it belongs to, and every write adds the
 * difference between what the item contributed before and after, in the
 * same transaction as the write itself. Dashboards then read the cells, so
 * their cost grows with rounds × groups × districts, never with sessions,
 * participants or cards.
 *
 * Zod-free and framework-free: the API maintains the counters with it, the
 * integration tests recompute them from raw items with it.
 */

/** A session counts once it has been held; later steps (notes delivered, approved) keep it counted. */
export const HELD_STATUSES = ['held', 'notesDelivered', 'approved'] as const;
export const RATING_POINTS = [1, 2, 3, 4, 5] as const;
export const CARD_TONES = ['positive', 'negative'] as const;

export interface StatsCell {
  roundId: string;
  populationGroupId: string;
  districtId: string;
}

/** Counter name → count. Names are flat so DynamoDB can `ADD` each one. */
export type Counters = Record<string, number>;

export interface Contribution {
  cell: StatsCell;
  counters: Counters;
}

export const ratingCounter = (aspect: Aspect, point: number) => `r_${aspect}_${point}`;
export const cardCounter = (aspect: Aspect, tone: (typeof CARD_TONES)[number]) => `c_${aspect}_${tone}`;

/** What the stats need of a session (a subset of the Session schema). */
export interface SessionFacts {
  roundId: string;
  populationGroupId: string;
  districtId: string;
  status: string;
  participantCount?: number;
  ratings?: Partial<Record<string, readonly number[]>>;
}

/** What the stats need of an experience card. */
export interface CardFacts {
  roundId: string;
  populationGroupId: string;
  districtId: string;
  aspect: Aspect;
  tone: (typeof CARD_TONES)[number];
  inDeck: boolean;
}

const cellOf = (x: StatsCell): StatsCell => ({
  roundId: x.roundId,
  populationGroupId: x.populationGroupId,
  districtId: x.districtId,
});

/** A held session adds one session, its participants and its rating counts; a planned one nothing. */
export function sessionContribution(session: SessionFacts | null): Contribution | null {
  if (!session || !(HELD_STATUSES as readonly string[]).includes(session.status)) return null;
  const counters: Counters = { sessions: 1, participants: session.participantCount ?? 0 };
  for (const aspect of ASPECTS) {
    const counts = session.ratings?.[aspect];
    if (!counts) continue;
    RATING_POINTS.forEach((point, i) => {
      const count = counts[i] ?? 0;
      if (count) counters[ratingCounter(aspect, point)] = count;
    });
  }
  return { cell: cellOf(session), counters };
}

/** A card in the deck adds one to its aspect × tone; one taken out of the deck (a duplicate, say) nothing. */
export function cardContribution(card: CardFacts | null): Contribution | null {
  if (!card?.inDeck) return null;
  return { cell: cellOf(card), counters: { [cardCounter(card.aspect, card.tone)]: 1 } };
}

export const cellKey = (cell: StatsCell) => `${cell.roundId}#${cell.populationGroupId}#${cell.districtId}`;

/**
 * The per-cell additions that turn `before`'s contribution into `after`'s:
 * a moved session (new group or district) subtracts from one cell and adds
 * to another. Zero changes are dropped; nothing changed gives [].
 */
export function contributionDelta(
  before: Contribution | null,
  after: Contribution | null,
): { cell: StatsCell; delta: Counters }[] {
  const byCell = new Map<string, { cell: StatsCell; delta: Counters }>();
  const add = (c: Contribution | null, sign: 1 | -1) => {
    if (!c) return;
    const key = cellKey(c.cell);
    const entry = byCell.get(key) ?? { cell: c.cell, delta: {} };
    for (const [name, value] of Object.entries(c.counters)) entry.delta[name] = (entry.delta[name] ?? 0) + sign * value;
    byCell.set(key, entry);
  };
  add(before, -1);
  add(after, 1);
  const out: { cell: StatsCell; delta: Counters }[] = [];
  for (const entry of byCell.values()) {
    const delta = Object.fromEntries(Object.entries(entry.delta).filter(([, v]) => v !== 0));
    if (Object.keys(delta).length) out.push({ cell: entry.cell, delta });
  }
  return out;
}

/** Sums contributions per cell: what the stored counters must equal (used to check them and to rebuild them). */
export function sumContributions(contributions: readonly (Contribution | null)[]): Map<string, Contribution> {
  const out = new Map<string, Contribution>();
  for (const c of contributions) {
    if (!c) continue;
    const key = cellKey(c.cell);
    const entry = out.get(key) ?? { cell: c.cell, counters: {} };
    for (const [name, value] of Object.entries(c.counters)) entry.counters[name] = (entry.counters[name] ?? 0) + value;
    out.set(key, entry);
  }
  return out;
}

/** One cell's counters in the shape the dashboards use. */
export interface CellStats {
  sessions: number;
  participants: number;
  /** Per aspect, participants per point 1–5 (index 0 = "1"). */
  ratings: Record<Aspect, number[]>;
  cards: Record<Aspect, { positive: number; negative: number }>;
}

export function emptyStats(): CellStats {
  const ratings = {} as CellStats['ratings'];
  const cards = {} as CellStats['cards'];
  for (const aspect of ASPECTS) {
    ratings[aspect] = RATING_POINTS.map(() => 0);
    cards[aspect] = { positive: 0, negative: 0 };
  }
  return { sessions: 0, participants: 0, ratings, cards };
}

/** Adds stored counters into `into` (cells are summed over the groups and districts a view selects). */
export function addCounters(into: CellStats, counters: Counters): CellStats {
  const n = (name: string) => Number(counters[name] ?? 0);
  into.sessions += n('sessions');
  into.participants += n('participants');
  for (const aspect of ASPECTS) {
    RATING_POINTS.forEach((point, i) => {
      into.ratings[aspect][i]! += n(ratingCounter(aspect, point));
    });
    for (const tone of CARD_TONES) into.cards[aspect][tone] += n(cardCounter(aspect, tone));
  }
  return into;
}
