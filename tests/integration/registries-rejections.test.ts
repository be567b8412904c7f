import { beforeAll, describe, expect, it } from 'vitest';
import { call, useLocalAuth } from '../setup/auth';
import { type TestResponse, expectError } from '../setup/http';
import { REGISTRIES, UNKNOWN_ID } from '../setup/registries';
import { type TableSnapshot, useFreshTable } from '../setup/table';

const table = useFreshTable({ seed: true });
useLocalAuth();

/** Runs a write that must be refused and asserts the table is exactly as before. */
async function refused(write: () => Promise<TestResponse>): Promise<TestResponse> {
  const before: TableSnapshot = await table.snapshot();
  // Guards the comparison below against passing vacuously on empty partitions.
  expect(before.items.length).toBeGreaterThan(0);
  expect(before.audit.length).toBeGreaterThan(0);
  const res = await write();
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(await table.snapshot()).toEqual(before);
  return res;
}

/** The details of a 400 validation_failed answer. */
function details(res: TestResponse): { field: string; message: string }[] {
  expectError(res, 400, 'validation_failed');
  return res.body.error.details;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe.each(REGISTRIES)('$label: rejected requests', (r) => {
  let id = '';
  const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    call('coordinator', method, path, body, headers);
  const patch = (body: unknown, headers: Record<string, string> = { 'If-Match': '"1"' }) =>
    json('PATCH', `${r.path}/${id}`, body, headers);

  beforeAll(async () => {
    const res = await call('coordinator', 'POST', r.path, r.create.body);
    expect(res.status).toBe(201);
    id = res.body.id;
  });

  describe.each(['POST', 'PATCH'] as const)('%s', (method) => {
    const send = (body: unknown) => (method === 'POST' ? json('POST', r.path, body) : patch(body));

    it.each(['role', 'pk', 'sk', 'version', 'municipalityId', 'archived', 'id', 'createdAt'])(
      'refuses the unknown field %s with 400 naming it',
      async (field) => {
        const res = await refused(() => send({ ...r.create.body, [field]: field === 'version' ? 99 : 'x' }));
        expect(details(res)).toEqual([{ field, message: 'Unknown field.' }]);
      },
    );

    it('refuses a name of the wrong type, saying what is wrong with it', async () => {
      const [detail, ...rest] = details(await refused(() => send({ ...r.create.body, name: 42 })));
      expect(rest).toEqual([]);
      expect(detail?.field).toBe('name');
      expect(detail?.message).not.toBe('Required.');
    });

    it('refuses an over-long name', async () => {
      const res = await refused(() => send({ ...r.create.body, name: { fi: 'x'.repeat(201) } }));
      expect(details(res)).toEqual([{ field: 'name.fi', message: 'At most 200 characters.' }]);
    });

    it('refuses an empty name object and a name with only blanks', async () => {
      for (const name of [{}, { fi: '', sv: '  ' }]) {
        const res = await refused(() => send({ ...r.create.body, name }));
        expect(details(res)).toEqual([
          { field: 'name', message: 'Give the name in at least one language (fi, sv or en).' },
        ]);
      }
    });

    it('refuses an invalid registry-specific field', async () => {
      const res = await refused(() => send(r.invalid.body));
      expect(details(res).map((d) => d.field)).toEqual([r.invalid.field]);
    });

    it('refuses a 300 KB body with 413', async () => {
      const res = await refused(() => send({ name: { fi: 'x'.repeat(300 * 1024) } }));
      expectError(res, 413, 'payload_too_large');
    });

    it('refuses a body that is not JSON with 415', async () => {
      const body = 'name=Kallio';
      const res = await refused(() =>
        method === 'POST'
          ? call('coordinator', 'POST', r.path, body, { 'content-type': 'text/plain' })
          : call('coordinator', 'PATCH', `${r.path}/${id}`, body, { 'content-type': 'text/plain', 'If-Match': '"1"' }),
      );
      expectError(res, 415, 'unsupported_media_type');
    });

    it.each(['{"name": {"fi": "Kallio"', '', 'null', '[]', '"Kallio"'])(
      'refuses the JSON body %j with 400',
      async (raw) => {
        const headers = method === 'POST' ? JSON_HEADERS : { ...JSON_HEADERS, 'If-Match': '"1"' };
        const path = method === 'POST' ? r.path : `${r.path}/${id}`;
        const res = await refused(() => call('coordinator', method, path, raw, headers));
        expect(res.status).toBe(400);
        expectError(res, 400, res.body.error.code);
        expect(['bad_request', 'validation_failed']).toContain(res.body.error.code);
      },
    );
  });

  it('refuses a missing name on create', async () => {
    const res = await refused(() => json('POST', r.path, {}));
    expect(details(res)).toEqual([{ field: 'name', message: 'Required.' }]);
  });

  it('refuses an empty patch', async () => {
    const res = await refused(() => patch({}));
    expect(details(res)).toEqual([{ field: '', message: 'Give at least one field to change.' }]);
  });

  it('refuses a malformed If-Match', async () => {
    const res = await refused(() => patch({ name: { fi: 'x' } }, { 'If-Match': 'latest' }));
    expect(res.status).toBe(428);
    expectError(res, 428, 'precondition_required');
    expect(res.body.error.details).toEqual([{ field: 'if-match', message: expect.stringContaining('ETag') }]);
  });

  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['POST', '/archive'],
    ['POST', '/restore'],
  ] as const)('answers 404 for %s of an unknown id%s', async (method, suffix) => {
    const body = method === 'PATCH' ? { name: { fi: 'x' } } : undefined;
    const res = await refused(() =>
      call('coordinator', method, `${r.path}/${UNKNOWN_ID}${suffix}`, body, { 'If-Match': '"1"' }),
    );
    expectError(res, 404, 'not_found');
  });

  it.each(['not-a-uuid', '123', 'DISTRICT%23x', '00000000-0000-4000-8000-00000000010'])(
    'answers 404 for the malformed id %s',
    async (bad) => {
      expectError(await call('coordinator', 'GET', `${r.path}/${bad}`), 404, 'not_found');
      const res = await refused(() =>
        call('coordinator', 'PATCH', `${r.path}/${bad}`, { name: { fi: 'x' } }, { 'If-Match': '"1"' }),
      );
      expectError(res, 404, 'not_found');
    },
  );

  it('refuses an unknown or invalid list query with 400', async () => {
    expect(details(await call('coordinator', 'GET', `${r.path}?includeArchived=yes`))[0]?.field).toBe(
      'includeArchived',
    );
    expect(details(await call('coordinator', 'GET', `${r.path}?municipalityId=other`))).toEqual([
      { field: 'municipalityId', message: 'Unknown field.' },
    ]);
  });

  it('left the item exactly as created', async () => {
    const res = await call('coordinator', 'GET', `${r.path}/${id}`);
    expect(res.body).toMatchObject({ ...r.create.stored, version: 1, archived: false });
  });
});

describe('unknown endpoints', () => {
  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api/districts/00000000-0000-4000-8000-000000000101/members'],
    ['DELETE', '/api/districts/00000000-0000-4000-8000-000000000101'],
    ['PUT', '/api/organisations'],
  ] as const)('%s %s is a JSON 404', async (method, path) => {
    const res = await refused(() =>
      call('coordinator', method, path, method === 'GET' ? undefined : { name: { fi: 'x' } }),
    );
    expectError(res, 404, 'not_found');
  });
});

describe('contact fields', () => {
  it.each([
    ['/api/districts', { name: { fi: 'Piiri' }, liaisonOfficer: { email: 'aino@' } }, 'liaisonOfficer.email'],
    ['/api/organisations', { name: { fi: 'Yhdistys' }, contact: { email: 'aino@' } }, 'contact.email'],
  ])('%s: a bad e-mail is a 400 that says so', async (path, body, field) => {
    const res = await refused(() => call('coordinator', 'POST', path, body));
    expect(details(res)).toEqual([{ field, message: 'Not a valid e-mail address.' }]);
  });
});
