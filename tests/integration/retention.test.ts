import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/data/client';
import { municipalityPk } from '../../functions/src/data/municipality-keys';
import { listRoundNotesSessionIds } from '../../functions/src/data/notes';
import { getRound } from '../../functions/src/data/rounds';
import { listSessions } from '../../functions/src/data/sessions';
import { runRetention } from '../../functions/src/jobs/retention';
import { DEMO_MUNICIPALITY } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { useFreshTable } from '../setup/table';

/**
 * Notes of a closed round are deleted once the municipality's retention period
 * has passed since closing; cards, ratings and open rounds' notes stay.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();
const M = DEMO_MUNICIPALITY.id;
const CLOSED = '00000000-0000-4000-8000-000000000501';
const MONITORING = '00000000-0000-4000-8000-000000000502';
const DAY = 86_400_000;

const audits = async (action: string) =>
  (
    await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${municipalityPk(M)}#AUDIT` },
      }),
    )
  ).Items!.filter((a) => a.action === action);

describe('notes retention', () => {
  it('keeps notes until the period has passed since the round closed, then deletes them with a trail', async () => {
    const closed = await getRound(M, CLOSED);
    const closedAt = Date.parse(closed.closedAt ?? closed.updatedAt);
    const notesBefore = await listRoundNotesSessionIds(M, CLOSED);
    expect(notesBefore.length).toBeGreaterThan(0);
    const cardsBefore = (await table.snapshot()).items.filter((i) => String(i.sk).startsWith(`ROUND#${CLOSED}#CARD#`));

    // A day short of the default 365: nothing goes.
    expect(await runRetention({ now: new Date(closedAt + 364 * DAY), municipalityIds: [M] })).toEqual({ deleted: 0 });
    expect(await listRoundNotesSessionIds(M, CLOSED)).toEqual(notesBefore);

    // The municipality shortens the period to 30 days: the closed round's notes go, the open round's stay.
    const settings = await call('administrator', 'GET', '/api/municipality');
    const patched = await call(
      'administrator',
      'PATCH',
      '/api/municipality',
      { notesRetentionDays: 30 },
      { 'If-Match': settings.headers.get('etag')! },
    );
    expect(patched.status, patched.text).toBe(200);
    const now = new Date(closedAt + 31 * DAY);
    const openNotes = await listRoundNotesSessionIds(M, MONITORING);
    expect(await runRetention({ now, municipalityIds: [M] })).toEqual({ deleted: notesBefore.length });
    expect(await listRoundNotesSessionIds(M, CLOSED)).toEqual([]);
    expect(await listRoundNotesSessionIds(M, MONITORING)).toEqual(openNotes);

    const expired = await audits('notes.expire');
    expect(expired.map((a) => a.targetId).sort()).toEqual([...notesBefore].sort());
    for (const s of await listSessions(M, CLOSED)) expect(s.notesExpiredAt).toBe(now.toISOString());
    const cardsAfter = (await table.snapshot()).items.filter((i) => String(i.sk).startsWith(`ROUND#${CLOSED}#CARD#`));
    expect(cardsAfter).toEqual(cardsBefore);

    // A second run the same day finds nothing left.
    expect(await runRetention({ now, municipalityIds: [M] })).toEqual({ deleted: 0 });
    expect(await audits('notes.expire')).toHaveLength(notesBefore.length);
  });

  it('refuses a retention period outside 30–3650 days, naming the field', async () => {
    const settings = await call('administrator', 'GET', '/api/municipality');
    const res = await call(
      'administrator',
      'PATCH',
      '/api/municipality',
      { notesRetentionDays: 7 },
      { 'If-Match': settings.headers.get('etag')! },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['notesRetentionDays']);
  });
});
