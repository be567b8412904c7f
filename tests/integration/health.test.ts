import { describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { configureData } from '../../functions/src/data/client';
import { freePort } from '../../functions/src/local/dynamo-local';
import { call, useLocalAuth } from '../setup/auth';
import { expectError, request } from '../setup/http';
import { REGION, useFreshTable } from '../setup/table';

const table = useFreshTable();
useLocalAuth();

/** Points the data layer at a port nobody listens on for the duration of `fn`. */
async function withUnreachableDatabase(fn: () => Promise<void>): Promise<void> {
  configureData({ tableName: table.tableName, endpoint: `http://127.0.0.1:${await freePort()}`, region: REGION });
  try {
    await fn();
  } finally {
    configureData({ tableName: table.tableName, endpoint: table.endpoint, region: REGION });
  }
}

describe('GET /api/health', () => {
  it('is 200 when the database answers', async () => {
    const res = await request(app, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'reachable' });
  });

  it('is 503 with Retry-After when the database is unreachable, and recovers', async () => {
    await withUnreachableDatabase(async () => {
      const res = await request(app, 'GET', '/api/health');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body).toEqual({ status: 'unavailable', database: 'unreachable' });
    });
    expect((await request(app, 'GET', '/api/health')).status).toBe(200);
  });
});

describe('an unreachable database', () => {
  it.each([
    ['GET', '/api/districts', undefined, {}],
    ['GET', '/api/municipality', undefined, {}],
    ['POST', '/api/organisations', { name: { fi: 'Yhdistys' } }, {}],
    [
      'PATCH',
      '/api/population-groups/00000000-0000-4000-8000-000000000201',
      { languages: ['so'] },
      { 'If-Match': '"1"' },
    ],
  ] as const)('makes %s %s a 503 unavailable with Retry-After', async (method, path, body, headers) => {
    await withUnreachableDatabase(async () => {
      // Even the check of the caller's profile needs the database: 503, not 401 or 500.
      const res = await call('coordinator', method, path, body, headers);
      expectError(res, 503, 'unavailable');
      expect(res.headers.get('retry-after')).toBe('5');
    });
  });
});

describe('an empty table', () => {
  it('knows no users: a validly signed token is refused with 401, and nothing is written', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/municipality', undefined],
      ['PATCH', '/api/municipality', { privacyThreshold: 5 }],
      ['GET', '/api/districts', undefined],
    ] as const) {
      const res = await call('administrator', method, path, body, { 'If-Match': '"1"' });
      expectError(res, 401, 'account_inactive');
    }
    expect(await table.snapshot()).toEqual({ items: [], audit: [] });
  });
});
