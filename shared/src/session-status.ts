/**
 * A discussion session's life: planned → held → notes delivered → approved
 * (domain.md, part 1). Zod-free so the web app can offer the allowed moves.
 *
 * The status endpoint moves only between planned and held (either way, to
 * correct a mistake). "Notes delivered" is reached by delivering the notes
 * after the personal-data check, and "approved" (or back to held, when notes
 * are returned) by the coordinator's review — both with the notes themselves.
 */
export const SESSION_STATUSES = ['planned', 'held', 'notesDelivered', 'approved'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const STATUS_MOVES: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  planned: ['held'],
  held: ['planned'],
  notesDelivered: [],
  approved: [],
};

export function canMoveSessionStatus(from: SessionStatus, to: SessionStatus): boolean {
  return STATUS_MOVES[from].includes(to);
}

/**
 * What organisation staff may change in their own organisation's sessions:
 * the practicalities they know best. Who is consulted, where and by whom
 * (group, district, organisation) and the notes deadline are the coordinator's.
 */
export const STAFF_EDITABLE_SESSION_FIELDS = [
  'date',
  'place',
  'language',
  'participantCount',
  'facilitatorId',
  'clerkId',
] as const;
