import { DEFAULT_NOTES_RETENTION_DAYS } from '@sillat/shared/retention';
import { getMunicipality } from '../data/municipality';
import { expireNotes, listRoundNotesSessionIds } from '../data/notes';
import { listRounds } from '../data/rounds';

/**
 * Retention of discussion notes (issue 8): once a round has been closed for
 * the municipality's `notesRetentionDays` (default 365), its notes are
 * deleted — each with an audit entry and a mark on its session, in one
 * transaction. The experience cards drawn from them, the ratings and every
 * figure stay. Run daily with the reminders (the same scheduled function in
 * AWS, the same timer under `npm start`); a second run finds nothing to do.
 * Reads: per municipality the settings, the round index, and per expired
 * round one Query of its notes' keys.
 */
export interface RetentionResult {
  deleted: number;
}

const DAY_MS = 86_400_000;

export async function runRetention(options: {
  now: Date;
  municipalityIds: readonly string[];
}): Promise<RetentionResult> {
  let deleted = 0;
  const at = options.now.toISOString();
  for (const m of options.municipalityIds) {
    const days = (await getMunicipality(m)).notesRetentionDays ?? DEFAULT_NOTES_RETENTION_DAYS;
    const closedBefore = options.now.getTime() - days * DAY_MS;
    for (const round of await listRounds(m)) {
      if (round.phase !== 'closed') continue;
      // Rounds closed before closedAt was recorded count from their last change.
      const closedAt = Date.parse(round.closedAt ?? round.updatedAt);
      if (closedAt > closedBefore) continue;
      for (const sessionId of await listRoundNotesSessionIds(m, round.id)) {
        if (await expireNotes(m, round.id, sessionId, at)) deleted++;
      }
    }
  }
  return { deleted };
}
