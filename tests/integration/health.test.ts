import { describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { configureData } from '../../functions/src/data/client';
import { freePort } from '../../functions/src/local/dynamo-local';
import { expectError, request } from '../setup/http';
import { REGION, useFreshTable } from '../setup/table';

const table = useFreshTable();

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
      const res = await request(app, method, path, body, headers);
      expectError(res, 503, 'unavailable');
      expect(res.headers.get('retry-after')).toBe('5');
    });
  });
});

describe('an empty table', () => {
  it('has no municipality yet: 404, not a 500', async () => {
    expectError(await request(app, 'GET', '/api/municipality'), 404, 'not_found');
  });

  it('cannot change a municipality that does not exist: 404, nothing written', async () => {
    const before = await table.snapshot();
    const res = await request(app, 'PATCH', '/api/municipality', { privacyThreshold: 5 }, { 'If-Match': '"1"' });
    expectError(res, 404, 'not_found');
    expect(await table.snapshot()).toEqual({ items: [], audit: [] });
    expect(before).toEqual({ items: [], audit: [] });
  });

  it('lists empty registries', async () => {
    for (const path of ['/api/districts', '/api/population-groups', '/api/organisations']) {
      const res = await request(app, 'GET', path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 200, body: { items: [] } });
    }
  });
});
