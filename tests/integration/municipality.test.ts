import { describe, expect, it } from 'vitest';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { expectOneAudit, useFreshTable } from '../setup/table';

const table = useFreshTable({ seed: true });
useLocalAuth();

describe('municipality settings', () => {
  it('reads with ETag', async () => {
    const res = await call('coordinator', 'GET', '/api/municipality');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ id: 'demo', privacyThreshold: 5, defaultLocale: 'fi', version: 1 });
  });

  it.each([
    [{ privacyThreshold: 2 }, 'privacyThreshold'],
    [{ privacyThreshold: 4.5 }, 'privacyThreshold'],
    [{ defaultLocale: 'de' }, 'defaultLocale'],
    [{ name: {} }, 'name'],
    [{ privacyThreshold: 6, version: 7 }, 'version'],
    [{ privacyThreshold: 6, id: 'other' }, 'id'],
    [{}, ''],
  ])('refuses %j with 400 naming %j, writing nothing', async (body, field) => {
    const before = await table.snapshot();
    const res = await call('administrator', 'PATCH', '/api/municipality', body, { 'If-Match': '"1"' });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    expect(await table.snapshot()).toEqual(before);
  });

  it('changes with If-Match → version 2, one audit entry', async () => {
    const before = await table.snapshot();
    const res = await call(
      'administrator',
      'PATCH',
      '/api/municipality',
      { privacyThreshold: 3, defaultLocale: 'sv' },
      { 'If-Match': '"1"' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ privacyThreshold: 3, defaultLocale: 'sv', version: 2 });
    const entry = expectOneAudit(before, await table.snapshot(), 'municipality.update', 'demo', DEMO.administrator);
    expect(entry.changes).toEqual({ privacyThreshold: 3, defaultLocale: 'sv' });
    expect((await call('coordinator', 'GET', '/api/municipality')).body).toEqual(res.body);
  });

  it('refuses a stale version with 409 and a missing If-Match with 428, writing nothing', async () => {
    const before = await table.snapshot();
    expectError(
      await call('administrator', 'PATCH', '/api/municipality', { privacyThreshold: 10 }, { 'If-Match': '"1"' }),
      409,
      'version_conflict',
    );
    expectError(
      await call('administrator', 'PATCH', '/api/municipality', { privacyThreshold: 10 }),
      428,
      'precondition_required',
    );
    expect(await table.snapshot()).toEqual(before);
    expect((await call('coordinator', 'GET', '/api/municipality')).body).toMatchObject({
      privacyThreshold: 3,
      version: 2,
    });
  });
});
