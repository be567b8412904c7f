import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { expectOneAudit, newAuditEntries, useFreshTable } from '../setup/table';

/**
 * Notes: drafts saved with optimistic locking, delivery blocked by unresolved
 * personal data (checked on the server with the same function the browser
 * uses), locking after delivery, and the coordinator's approve/return — each
 * moving the session's status in the same transaction.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

const ORG = DEMO_ORGANISATIONS[0]!.id;
const clerk = DEMO.organisationStaff;
let roundId = '';
const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });

beforeAll(async () => {
  const round = await call('coordinator', 'POST', '/api/rounds', {
    name: { fi: 'Kevät 2027' },
    period: { start: '2027-02-01', end: '2027-05-31' },
    populationGroupIds: [DEMO_GROUPS[0]!.id],
    organisationIds: [ORG, DEMO_ORGANISATIONS[1]!.id],
  });
  roundId = round.body.id;
  const settings = await call('administrator', 'GET', '/api/municipality');
  await call(
    'administrator',
    'PATCH',
    '/api/municipality',
    { personalNames: ['Mikko Lahtinen'] },
    { 'If-Match': settings.headers.get('etag')! },
  );
});

async function heldSession(organisationId = ORG, language = 'fi') {
  const s = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, {
    populationGroupId: DEMO_GROUPS[0]!.id,
    districtId: DEMO_DISTRICTS[0]!.id,
    organisationId,
    language,
    date: '2027-03-01',
    place: 'Kirjasto',
    notesDeadline: '2027-03-15',
  });
  const session = `/api/rounds/${roundId}/sessions/${s.body.id}`;
  await call('coordinator', 'POST', `${session}/status`, { status: 'held' }, ifMatch(1));
  return { session, notes: `${session}/notes`, id: s.body.id as string };
}

const IDENTITY_CODE = '131052-308T';

describe('drafts', () => {
  it('start in the group’s language when it spoke Swedish, otherwise in the municipality’s (Finnish)', async () => {
    for (const [spoken, expected] of [
      ['sv', 'sv'],
      ['fi', 'fi'],
      ['so', 'fi'],
    ] as const) {
      const { notes } = await heldSession(ORG, spoken);
      expect((await call(clerk, 'GET', notes)).body).toMatchObject({ language: expected, version: 0 });
    }
  });

  it('starts as an empty draft at version 0 and saves with If-Match, audited without the text', async () => {
    const { notes, id } = await heldSession();
    const empty = await call(clerk, 'GET', notes);
    expect(empty.body).toMatchObject({ status: 'draft', version: 0, sections: {} });
    expect(empty.headers.get('etag')).toBe('"0"');
    const before = await table.snapshot();
    const res = await call(
      clerk,
      'PUT',
      notes,
      { language: 'fi', sections: { safety: 'Puisto tuntuu illalla turvattomalta.', other: '' } },
      ifMatch(0),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      sections: { safety: 'Puisto tuntuu illalla turvattomalta.' },
    });
    const entry = expectOneAudit(before, await table.snapshot(), 'notes.save', id, clerk);
    expect(entry.changes).toEqual({ language: 'fi', sections: ['safety'] });
    expectError(
      await call(clerk, 'PUT', notes, { language: 'fi', sections: { safety: 'Toinen' } }, ifMatch(0)),
      409,
      'version_conflict',
    );
  });

  it.each([
    [{ language: 'en', sections: {} }, 'language'],
    [{ language: 'fi', sections: { empathy: 'x' } }, 'sections.empathy'],
    [{ language: 'fi', sections: { safety: 'x'.repeat(20_001) } }, 'sections.safety'],
  ])('refuses %#: bad language, unknown aspect, over-long section', async (body, field) => {
    const { notes } = await heldSession();
    const res = await call(clerk, 'PUT', notes, body, ifMatch(0));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('needs the session held, and hides other organisations’ notes', async () => {
    const planned = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, {
      populationGroupId: DEMO_GROUPS[0]!.id,
      districtId: DEMO_DISTRICTS[0]!.id,
      organisationId: ORG,
      language: 'fi',
      date: '2027-03-01',
      place: 'Kirjasto',
      notesDeadline: '2027-03-15',
    });
    const path = `/api/rounds/${roundId}/sessions/${planned.body.id}/notes`;
    expectError(
      await call(clerk, 'PUT', path, { language: 'fi', sections: { safety: 'x' } }, ifMatch(0)),
      409,
      'session_not_held',
    );
    const other = await heldSession(DEMO_ORGANISATIONS[1]!.id);
    expectError(await call(clerk, 'GET', other.notes), 404, 'not_found');
    expectError(
      await call(clerk, 'PUT', other.notes, { language: 'fi', sections: { safety: 'x' } }, ifMatch(0)),
      404,
      'not_found',
    );
  });
});

describe('delivery and review', () => {
  it('refuses delivery while personal data is unresolved, then accepts it redacted or confirmed', async () => {
    const { notes, session, id } = await heldSession();
    const text = `Mikko Lahtinen (${IDENTITY_CODE}) kertoi, että Itäkadulla on rauhallista.`;
    await call(clerk, 'PUT', notes, { language: 'fi', sections: { attitudes: text } }, ifMatch(0));
    const before = await table.snapshot();
    const refused = await call(clerk, 'POST', `${notes}/deliver`, { confirmations: [] }, ifMatch(1));
    expectError(refused, 409, 'personal_data_unresolved');
    expect(refused.body.error.details).toEqual([
      { field: 'sections.attitudes', message: 'name: Mikko Lahtinen' },
      { field: 'sections.attitudes', message: `identityCode: ${IDENTITY_CODE}` },
    ]);
    expect(await table.snapshot()).toEqual(before);

    // The identity code is redacted; the name is confirmed (say, a public figure the group discussed).
    const redacted = text.replace(IDENTITY_CODE, '[…]');
    await call(clerk, 'PUT', notes, { language: 'fi', sections: { attitudes: redacted } }, ifMatch(1));
    const confirmations = [{ section: 'attitudes', kind: 'name', text: 'Mikko Lahtinen' }];
    const before2 = await table.snapshot();
    const delivered = await call(clerk, 'POST', `${notes}/deliver`, { confirmations }, ifMatch(2));
    expect(delivered.status, delivered.text).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', version: 3, confirmations });
    expect(newAuditEntries(before2, await table.snapshot()).map((e) => [e.action, e.targetId])).toEqual([
      ['notes.deliver', id],
    ]);
    expect((await call('coordinator', 'GET', session)).body.status).toBe('notesDelivered');
    expectError(
      await call(clerk, 'PUT', notes, { language: 'fi', sections: { attitudes: 'muutos' } }, ifMatch(3)),
      409,
      'notes_locked',
    );
  });

  it('returns with a comment (session back to held, notes editable), then approves (session approved, notes locked)', async () => {
    const { notes, session } = await heldSession();
    await call(
      clerk,
      'PUT',
      notes,
      { language: 'sv', sections: { interaction: 'Grupperna möts sällan.' } },
      ifMatch(0),
    );
    await call(clerk, 'POST', `${notes}/deliver`, { confirmations: [] }, ifMatch(1));
    expectError(await call(clerk, 'POST', `${notes}/approve`, undefined, ifMatch(2)), 403, 'forbidden');

    const returned = await call(
      'coordinator',
      'POST',
      `${notes}/return`,
      { comment: 'Lägg till exempel.' },
      ifMatch(2),
    );
    expect(returned.body).toMatchObject({ status: 'returned', returnComment: 'Lägg till exempel.', version: 3 });
    expect((await call('coordinator', 'GET', session)).body.status).toBe('held');
    expectError(await call('coordinator', 'POST', `${notes}/approve`, undefined, ifMatch(3)), 409, 'notes_state');

    const edited = await call(
      clerk,
      'PUT',
      notes,
      { language: 'sv', sections: { interaction: 'Grupperna möts sällan, t.ex. i skolan.' } },
      ifMatch(3),
    );
    expect(edited.body).toMatchObject({ status: 'returned', version: 4 });
    const again = await call(clerk, 'POST', `${notes}/deliver`, { confirmations: [] }, ifMatch(4));
    expect(again.body).toMatchObject({ status: 'delivered' });
    expect(again.body).not.toHaveProperty('returnComment');

    const approved = await call('coordinator', 'POST', `${notes}/approve`, undefined, ifMatch(5));
    expect(approved.body).toMatchObject({ status: 'approved', version: 6 });
    expect((await call('coordinator', 'GET', session)).body.status).toBe('approved');
    expectError(await call(clerk, 'PUT', notes, { language: 'sv', sections: {} }, ifMatch(6)), 409, 'notes_locked');
  });

  it('refuses empty notes and a stale version, writing nothing', async () => {
    const { notes } = await heldSession();
    await call(clerk, 'PUT', notes, { language: 'fi', sections: { other: '   ' } }, ifMatch(0));
    const before = await table.snapshot();
    expectError(
      await call(clerk, 'POST', `${notes}/deliver`, { confirmations: [] }, ifMatch(1)),
      400,
      'validation_failed',
    );
    await call(clerk, 'PUT', notes, { language: 'fi', sections: { other: 'Jotain.' } }, ifMatch(1));
    expectError(
      await call(clerk, 'POST', `${notes}/deliver`, { confirmations: [] }, ifMatch(1)),
      409,
      'version_conflict',
    );
    expect(
      (await table.snapshot()).items.filter((i) => i.type === 'session' && i.status === 'notesDelivered'),
    ).toHaveLength(before.items.filter((i) => i.type === 'session' && i.status === 'notesDelivered').length);
  });
});
