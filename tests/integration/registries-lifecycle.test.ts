import { describe, expect, it } from 'vitest';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { REGISTRIES } from '../setup/registries';
import { expectOneAudit, useFreshTable } from '../setup/table';

const table = useFreshTable({ seed: true });
useLocalAuth();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(REGISTRIES)('$label: life cycle', (r) => {
  let id = '';
  let created: Record<string, unknown> = {};
  const ids = async (query = '') =>
    ((await call('coordinator', 'GET', `${r.path}${query}`)).body.items as { id: string }[]).map((i) => i.id);

  it('creates: 201, ETag "1", stored as validated, one audit entry', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', r.path, r.create.body);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toEqual({
      ...r.create.stored,
      id: expect.stringMatching(UUID),
      archived: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: res.body.createdAt,
    });
    id = res.body.id;
    created = res.body;

    const after = await table.snapshot();
    expect(after.items).toHaveLength(before.items.length + 1);
    const entry = expectOneAudit(before, after, `${r.entity}.create`, id);
    expect(entry.changes).toEqual(r.create.stored);
  });

  it('lists it (after the seeded ones) and reads it by id', async () => {
    const listed = await ids();
    expect(listed).toContain(id);
    expect(listed).toContain(r.seededId);

    const res = await call('coordinator', 'GET', `${r.path}/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toEqual(created);
  });

  it('changes it with If-Match "1" → version 2, one audit entry', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'PATCH', `${r.path}/${id}`, r.patch.body, { 'If-Match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toEqual({ ...created, ...r.patch.stored, version: 2, updatedAt: expect.any(String) });
    expect(res.body.updatedAt >= (created.updatedAt as string)).toBe(true);

    const entry = expectOneAudit(before, await table.snapshot(), `${r.entity}.update`, id);
    expect(entry.changes).toEqual(r.patch.stored);
    expect((await call('coordinator', 'GET', `${r.path}/${id}`)).body).toEqual(res.body);
  });

  it('refuses a stale If-Match with 409 and keeps the stored item', async () => {
    const before = await table.snapshot();
    const res = await call(
      'coordinator',
      'PATCH',
      `${r.path}/${id}`,
      { name: { fi: 'Vanha versio' } },
      { 'If-Match': '"1"' },
    );
    expectError(res, 409, 'version_conflict');
    expect(await table.snapshot()).toEqual(before);
    const now = await call('coordinator', 'GET', `${r.path}/${id}`);
    expect(now.body).toMatchObject({ ...r.patch.stored, version: 2 });
  });

  it('needs If-Match on PATCH, archive and restore (428), writing nothing', async () => {
    const before = await table.snapshot();
    expectError(await call('coordinator', 'PATCH', `${r.path}/${id}`, r.patch.body), 428, 'precondition_required');
    expectError(await call('coordinator', 'POST', `${r.path}/${id}/archive`), 428, 'precondition_required');
    expectError(await call('coordinator', 'POST', `${r.path}/${id}/restore`), 428, 'precondition_required');
    expectError(
      await call('coordinator', 'POST', `${r.path}/${id}/archive`, undefined, { 'If-Match': '"1"' }),
      409,
      'version_conflict',
    );
    expect(await table.snapshot()).toEqual(before);
  });

  it('archives: hidden from the default list, shown with includeArchived=true', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `${r.path}/${id}/archive`, undefined, { 'If-Match': '"2"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"3"');
    expect(res.body).toMatchObject({ id, archived: true, version: 3, ...r.patch.stored });
    const entry = expectOneAudit(before, await table.snapshot(), `${r.entity}.archive`, id);
    expect(entry.changes).toEqual({ archived: true });

    expect(await ids()).not.toContain(id);
    expect(await ids('?includeArchived=false')).not.toContain(id);
    expect(await ids('?includeArchived=true')).toContain(id);
    expect(await ids()).toContain(r.seededId);
    expect((await call('coordinator', 'GET', `${r.path}/${id}`)).body).toMatchObject({ archived: true });
  });

  it('restores: back in the default list', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `${r.path}/${id}/restore`, undefined, { 'If-Match': '"3"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"4"');
    expect(res.body).toMatchObject({ id, archived: false, version: 4 });
    const entry = expectOneAudit(before, await table.snapshot(), `${r.entity}.restore`, id);
    expect(entry.changes).toEqual({ archived: false });
    expect(await ids()).toContain(id);
  });

  it('accepts the ETag forms a browser sends back (W/"4", 4)', async () => {
    const weak = await call(
      'coordinator',
      'PATCH',
      `${r.path}/${id}`,
      { name: { fi: 'Heikko' } },
      { 'If-Match': 'W/"4"' },
    );
    expect({ status: weak.status, version: weak.body.version }).toEqual({ status: 200, version: 5 });
    const bare = await call('coordinator', 'PATCH', `${r.path}/${id}`, { name: { fi: 'Paljas' } }, { 'If-Match': '5' });
    expect({ status: bare.status, version: bare.body.version }).toEqual({ status: 200, version: 6 });
  });

  it('lets exactly one of two simultaneous edits of the same version win', async () => {
    const before = await table.snapshot();
    const [a, b] = await Promise.all(
      ['Ensimmäinen', 'Toinen'].map((fi) =>
        call('coordinator', 'PATCH', `${r.path}/${id}`, { name: { fi } }, { 'If-Match': '"6"' }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    const winner = a?.status === 200 ? a : b;
    expect(winner?.body.version).toBe(7);
    expectOneAudit(before, await table.snapshot(), `${r.entity}.update`, id);
    expect((await call('coordinator', 'GET', `${r.path}/${id}`)).body).toEqual(winner?.body);
  });

  it('does not find it under another registry', async () => {
    for (const other of REGISTRIES.filter((o) => o !== r)) {
      expectError(await call('coordinator', 'GET', `${other.path}/${id}`), 404, 'not_found');
    }
  });
});
