import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../functions/src/local/server';
import { authHeader, useLocalAuth } from '../setup/auth';
import { expectError, request } from '../setup/http';
import { useFreshTable } from '../setup/table';

useFreshTable({ seed: true });
const auth = useLocalAuth();

const INDEX = '<!doctype html><title>Sillat test shell</title>';
const dir = mkdtempSync(join(tmpdir(), 'sillat-web-'));
writeFileSync(join(dir, 'index.html'), INDEX);
writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\n');
mkdirSync(join(dir, '_app/immutable'), { recursive: true });
writeFileSync(join(dir, '_app/immutable/app.js'), 'export {};\n');
const server = () => createLocalServer(auth.issuer(), dir);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local server', () => {
  it('serves index.html at /', async () => {
    const res = await request(server(), 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toBe(INDEX);
  });

  it('falls back to index.html for app routes', async () => {
    for (const path of ['/districts', '/districts/00000000-0000-4000-8000-000000000101', '/fi/settings']) {
      const res = await request(server(), 'GET', path);
      expect({ path, status: res.status, text: res.text }).toEqual({ path, status: 200, text: INDEX });
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves static files, with immutable caching for hashed assets', async () => {
    const robots = await request(server(), 'GET', '/robots.txt');
    expect({ status: robots.status, text: robots.text }).toEqual({ status: 200, text: 'User-agent: *\n' });
    const asset = await request(server(), 'GET', '/_app/immutable/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers unknown API paths with a JSON 404 (401 before sign-in), not the app shell', async () => {
    expectError(await request(server(), 'GET', '/api/nope'), 401, 'unauthenticated');
    expectError(
      await request(server(), 'GET', '/api/nope', undefined, await authHeader('councilMember')),
      404,
      'not_found',
    );
  });

  it('passes API requests through to the API', async () => {
    const res = await request(server(), 'GET', '/api/districts', undefined, await authHeader('councilMember'));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(4);
  });

  it('refuses to start without a built web app', () => {
    expect(() => createLocalServer(auth.issuer(), join(dir, 'missing'))).toThrow(/not built/);
  });
});
