import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/data/client';
import { measureKey } from '../../functions/src/data/measures';
import { DEMO_MUNICIPALITY } from '../../functions/src/local/demo-data';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { TENANT_A } from '../setup/municipalities';
import '../setup/route-fixtures';
import { confirmedMeasure, responsibilityFor, TEMPLATE_BODY } from '../setup/route-fixtures-measures';
import { expectOneAudit, useFreshTable } from '../setup/table';

/**
 * Assessment schedules (issue 6): the coordinator sets checkpoints per
 * measure or applies a quarterly template to the whole round; reads answer
 * the next checkpoint and lists put overdue measures first.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const FAR = { kind: 'single', date: '2099-01-15', assess: 'Onko pidetty?' };

let measure = { roundId: '', id: '', path: '' };

beforeAll(async () => {
  measure = await confirmedMeasure(TENANT_A);
  const res = await call(
    'coordinator',
    'PUT',
    `${measure.path}/responsibility`,
    responsibilityFor(TENANT_A),
    ifMatch(1),
  );
  expect(res.status, res.text).toBe(200);
});

describe('a measure’s assessment schedule', () => {
  it('is stored at the version the coordinator saw, audited, and answered with the next checkpoint', async () => {
    const before = await table.snapshot();
    const entries = [
      { ...FAR, reporterId: DEMO.organisationStaff.userId },
      { kind: 'recurring', id: 'q', start: '2098-03-31', rule: 'FREQ=MONTHLY;INTERVAL=3', assess: 'Määrä' },
    ];
    const res = await call('coordinator', 'PUT', `${measure.path}/schedule`, { entries }, ifMatch(2));
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"3"');
    expect(res.body.schedule).toEqual([{ ...entries[0], id: expect.any(String) }, entries[1]]);
    expect(res.body.nextCheckpoint).toEqual({ entryId: 'q', date: '2098-03-31', assess: 'Määrä' });
    expectOneAudit(before, await table.snapshot(), 'measure.schedule', measure.id);

    const read = await call('measureOwner', 'GET', measure.path);
    expect(read.body.measure.nextCheckpoint.date).toBe('2098-03-31');
  });

  it('refuses a bad rule naming entries.<i>.rule with its message, and writes nothing', async () => {
    const before = await table.snapshot();
    const entries = [FAR, { kind: 'recurring', start: '2098-01-01', rule: 'FREQ=HOURLY', assess: 'x' }];
    const res = await call('coordinator', 'PUT', `${measure.path}/schedule`, { entries }, ifMatch(3));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'entries.1.rule', message: expect.stringMatching(/HOURLY/) }]);
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a reporter who is not on the measure, an impossible date and more than 20 entries', async () => {
    const before = await table.snapshot();
    const put = (entries: unknown[]) => call('coordinator', 'PUT', `${measure.path}/schedule`, { entries }, ifMatch(3));
    const stranger = await put([{ ...FAR, reporterId: DEMO.coordinator.userId }]);
    expectError(stranger, 400, 'validation_failed');
    expect(stranger.body.error.details).toEqual([{ field: 'entries.0.reporterId', message: expect.any(String) }]);
    expectError(await put([{ ...FAR, date: '2099-02-30' }]), 400, 'validation_failed');
    expectError(await put(Array.from({ length: 21 }, () => FAR)), 400, 'validation_failed');
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 409 to a stale version and 403 to anyone but a coordinator', async () => {
    expectError(
      await call('coordinator', 'PUT', `${measure.path}/schedule`, { entries: [] }, ifMatch(2)),
      409,
      'version_conflict',
    );
    const owner = await call('measureOwner', 'PUT', `${measure.path}/schedule`, { entries: [] }, ifMatch(3));
    expect(owner.status).toBe(403);
  });
});

describe('the round-level template', () => {
  it('adds a quarterly entry to every measure of the round, one audited write each, keeping their own entries', async () => {
    const before = await table.snapshot();
    const url = `/api/rounds/${measure.roundId}/measures/schedule-template`;
    const res = await call('coordinator', 'POST', url, TEMPLATE_BODY);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [item] = res.body.items;
    expect(item.version).toBe(4);
    expect(item.schedule.map((e: { id: string }) => e.id)).toEqual([expect.any(String), 'q', 'quarterly']);
    expect(item.schedule[2]).toEqual({
      id: 'quarterly',
      kind: 'recurring',
      start: '2027-09-30',
      rule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1',
      until: '2028-09-30',
      assess: TEMPLATE_BODY.assess,
    });
    expectOneAudit(before, await table.snapshot(), 'measure.scheduleTemplate', measure.id);

    const again = await call('coordinator', 'POST', url, { ...TEMPLATE_BODY, assess: 'Uusi kysymys' });
    expect(again.body.items[0].schedule).toHaveLength(3);
    expect(again.body.items[0].schedule[2].assess).toBe('Uusi kysymys');
  });

  it('refuses an end before the start', async () => {
    const url = `/api/rounds/${measure.roundId}/measures/schedule-template`;
    const res = await call('coordinator', 'POST', url, { ...TEMPLATE_BODY, until: '2027-01-01' });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'until', message: expect.any(String) }]);
  });
});

describe('the measures list', () => {
  it('puts measures with a past, unreported checkpoint first', async () => {
    const late = await confirmedMeasure(TENANT_A);
    // Created a year ago, so a checkpoint last month is one the measure owed.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: measureKey(DEMO_MUNICIPALITY.id, late.roundId, late.id),
        UpdateExpression: 'SET createdAt = :at',
        ExpressionAttributeValues: { ':at': new Date(Date.now() - 365 * 86_400_000).toISOString() },
      }),
    );
    const lastMonth = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const entries = [{ kind: 'single', date: lastMonth, assess: 'Tehty?' }];
    const set = await call('coordinator', 'PUT', `${late.path}/schedule`, { entries }, ifMatch(1));
    expect(set.status, set.text).toBe(200);
    expect(set.body.overdueCheckpoint).toMatchObject({ date: lastMonth });
    expect(set.body.nextCheckpoint).toBeUndefined();

    const list = await call('coordinator', 'GET', '/api/measures');
    expect(list.status).toBe(200);
    expect(list.body.items[0].id).toBe(late.id);
    expect(list.body.items.filter((x: { overdueCheckpoint?: unknown }) => x.overdueCheckpoint)).toHaveLength(1);

    // A report answers it.
    const report = { status: 'onTrack', progress: 10, narrative: 'Aloitettu.', evidenceLinks: [] };
    expect((await call('coordinator', 'POST', `${late.path}/reports`, report, ifMatch(2))).status).toBe(201);
    const after = await call('coordinator', 'GET', late.path);
    expect(after.body.measure.overdueCheckpoint).toBeUndefined();
  });
});
