import * as fc from 'fast-check';
import { ROLES, type Role } from '@sillat/shared/auth';
import { describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { authHeader, call, useLocalAuth } from '../setup/auth';
import { request, type TestResponse } from '../setup/http';
import { TENANT_A } from '../setup/municipalities';
import { ROUTE_FIXTURES } from '../setup/route-fixtures';
import { useFreshTable } from '../setup/table';

/**
 * Bad-input fuzzing (issue 8), for every operation in the OpenAPI document:
 * starting from a request that would succeed (the authorization matrix's
 * fixtures), one part at a time is made malformed — a path id, a query value
 * the schema cannot accept, the JSON body — with generated values. The answer
 * must always be a 4xx with the API's error shape (never a 5xx, never a
 * success), and the table must be exactly as before.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

type Param = { name: string; in: 'path' | 'query'; schema?: Record<string, unknown> };
type Operation = { parameters?: Param[]; requestBody?: { content?: Record<string, unknown> } };

const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'fuzz', version: '0' } });
const OPERATIONS = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    template: path,
    op,
  })),
);

const RUNS = 8;
const caller = (key: string): Role | 'public' => {
  const roles = ROUTE_FIXTURES[key]!.roles;
  return roles === 'public' ? 'public' : ([...ROLES].find((r) => roles.includes(r)) ?? 'administrator');
};
const send = (who: Role | 'public', method: string, path: string, body: unknown, headers: Record<string, string>) =>
  who === 'public' ? request(app, method, path, body, headers) : call(who, method, path, body, headers);

/** Malformed, whatever the route: a 4xx, with the error shape when the answer is JSON. */
function expectRefused(res: TestResponse, what: string): void {
  expect(res.status, `${what}: ${res.status} ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if ((res.headers.get('content-type') ?? '').includes('application/json')) {
    expect(res.body, what).toEqual({
      error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) },
    });
  }
}

/** Strings a query parameter's schema refuses, or null when any string would do (free text). */
function refusedBy(schema: Record<string, unknown> | undefined): fc.Arbitrary<string> | null {
  if (!schema) return null;
  const allowed = schema.enum as string[] | undefined;
  if (allowed) return fc.string({ minLength: 1 }).filter((s) => !allowed.includes(s));
  if (schema.type === 'integer' || schema.type === 'number')
    return fc.string({ minLength: 1 }).filter((s) => Number.isNaN(Number(s)));
  if (schema.format === 'uuid' || schema.pattern) {
    const pattern = new RegExp(String(schema.pattern ?? '^[0-9a-f-]{36}$'), 'i');
    return fc.string({ minLength: 1 }).filter((s) => !pattern.test(s));
  }
  if (schema.format === 'date') return fc.string({ minLength: 1 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s));
  return null;
}

const pathValue = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom('..', '%00', ' ', 'a'.repeat(600), '00000000-0000-4000-8000-999999999999', '<script>', "' OR 1=1"),
);
const bodyValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 4 }),
);

describe.each(OPERATIONS)('$key', ({ key, method, template, op }) => {
  it('refuses generated malformed path ids, query values and bodies, and writes nothing', async () => {
    const fixture = ROUTE_FIXTURES[key];
    expect(fixture, `no fixture for ${key}`).toBeDefined();
    const who = caller(key);
    const req = await fixture!.prepare(TENANT_A);
    const headers = req.headers ?? {};
    const before = await table.snapshot();
    let cases = 0;

    // Path ids: each {param} segment in turn.
    const segments = template.split('/');
    const real = req.path.split('?')[0]!.split('/');
    for (const [i, segment] of segments.entries()) {
      if (!/^\{\w+\}$/.test(segment) || real.length !== segments.length) continue;
      await fc.assert(
        fc.asyncProperty(pathValue, async (value) => {
          if (value === real[i]) return;
          const path = [...real.slice(0, i), encodeURIComponent(value), ...real.slice(i + 1)].join('/');
          expectRefused(await send(who, method, path, req.body, headers), `${key} path ${segment}=${value}`);
          cases++;
        }),
        { numRuns: RUNS, seed: 81 },
      );
    }

    // Query values the declared schema cannot accept.
    for (const param of (op.parameters ?? []).filter((p) => p.in === 'query')) {
      const refused = refusedBy(param.schema);
      if (!refused) continue;
      await fc.assert(
        fc.asyncProperty(refused, async (value) => {
          const sep = req.path.includes('?') ? '&' : '?';
          const path = `${req.path}${sep}${encodeURIComponent(param.name)}=${encodeURIComponent(value)}`;
          const res = await send(who, method, path, req.body, headers);
          expectRefused(res, `${key} ?${param.name}=${value}`);
          cases++;
        }),
        { numRuns: RUNS, seed: 82 },
      );
    }

    // Bodies: generated JSON values, and text that is not JSON at all.
    if (op.requestBody?.content?.['application/json']) {
      await fc.assert(
        fc.asyncProperty(bodyValue, async (body) => {
          if (JSON.stringify(body) === JSON.stringify(req.body)) return;
          expectRefused(
            await send(who, method, req.path, body ?? null, headers),
            `${key} body ${JSON.stringify(body)}`,
          );
          cases++;
        }),
        { numRuns: RUNS * 2, seed: 83 },
      );
      const broken = await app.request(req.path, {
        method,
        headers: {
          ...headers,
          'content-type': 'application/json',
          ...(who === 'public' ? {} : await authHeader(who)),
        },
        body: '{"unterminated": ',
      });
      expect(broken.status, `${key} broken JSON`).toBeGreaterThanOrEqual(400);
      expect(broken.status, `${key} broken JSON`).toBeLessThan(500);
      cases++;
    }

    expect(await table.snapshot()).toEqual(before);
    // Routes with nothing to make malformed (no ids, no checked query, no body) are listed, not silently passed.
    if (cases === 0) expect(NOTHING_TO_FUZZ).toContain(key);
  });
});

/** Operations without a path id, a schema-checked query value or a body: nothing malformed to send. */
const NOTHING_TO_FUZZ = [
  'GET /api/health',
  'GET /api/municipality',
  'GET /api/me',
  'POST /api/me/calendar',
  'DELETE /api/me/calendar',
  'GET /api/rounds',
  'GET /api/outbox',
  'GET /api/dashboard/coverage',
];
