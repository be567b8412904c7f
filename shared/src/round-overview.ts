import { ASPECTS, type Aspect } from './aspects';
import { SESSION_STATUSES, type SessionStatus } from './session-status';

/**
 * The coordinator's view of a round's data collection: sessions by group and
 * district with their status, which notes are late, and how many experience
 * cards there are per aspect and tone. Pure, so the API and tests share it.
 */
export interface OverviewSession {
  id: string;
  populationGroupId: string;
  districtId: string;
  status: SessionStatus;
  notesDeadline: string;
}

export interface OverviewCard {
  aspect: Aspect;
  tone: 'positive' | 'negative';
  inDeck?: boolean;
}

export interface RoundOverview {
  sessionsByStatus: Record<SessionStatus, number>;
  cells: {
    populationGroupId: string;
    districtId: string;
    sessions: { id: string; status: SessionStatus; late: boolean }[];
  }[];
  lateSessionIds: string[];
  cards: Record<Aspect, { positive: number; negative: number }>;
}

/** Notes are late once the deadline has passed and they have not been delivered. */
export function isLate(session: Pick<OverviewSession, 'status' | 'notesDeadline'>, today: string): boolean {
  return (session.status === 'planned' || session.status === 'held') && session.notesDeadline < today;
}

export function roundOverview(
  sessions: readonly OverviewSession[],
  cards: readonly OverviewCard[],
  today: string,
): RoundOverview {
  const sessionsByStatus = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<SessionStatus, number>;
  const cells = new Map<string, RoundOverview['cells'][number]>();
  for (const s of sessions) {
    sessionsByStatus[s.status] += 1;
    const key = `${s.populationGroupId}#${s.districtId}`;
    const cell = cells.get(key) ?? { populationGroupId: s.populationGroupId, districtId: s.districtId, sessions: [] };
    cell.sessions.push({ id: s.id, status: s.status, late: isLate(s, today) });
    cells.set(key, cell);
  }
  const cardCounts = Object.fromEntries(
    ASPECTS.map((a) => [a, { positive: 0, negative: 0 }]),
  ) as RoundOverview['cards'];
  for (const c of cards) cardCounts[c.aspect][c.tone] += 1;
  return {
    sessionsByStatus,
    cells: [...cells.values()].sort((a, b) =>
      `${a.populationGroupId}#${a.districtId}`.localeCompare(`${b.populationGroupId}#${b.districtId}`),
    ),
    lateSessionIds: sessions.filter((s) => isLate(s, today)).map((s) => s.id),
    cards: cardCounts,
  };
}
