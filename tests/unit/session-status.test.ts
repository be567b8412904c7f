import { canMoveSessionStatus, SESSION_STATUSES, STAFF_EDITABLE_SESSION_FIELDS } from '@sillat/shared/session-status';
import { SessionInput } from '@sillat/shared';
import { describe, expect, it } from 'vitest';

describe('session status', () => {
  it('moves only between planned and held through the status endpoint', () => {
    const allowed = SESSION_STATUSES.flatMap((from) =>
      SESSION_STATUSES.filter((to) => canMoveSessionStatus(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual(['planned→held', 'held→planned']);
  });

  it('lets staff edit only practicalities, all of which the input schema knows', () => {
    const fields = Object.keys(SessionInput.shape);
    for (const f of STAFF_EDITABLE_SESSION_FIELDS) expect(fields).toContain(f);
    expect(STAFF_EDITABLE_SESSION_FIELDS).not.toContain('organisationId');
    expect(STAFF_EDITABLE_SESSION_FIELDS).not.toContain('notesDeadline');
  });
});
