import { PERSONAL_DATA_MARK } from '@sillat/shared';
import { describe, expect, it } from 'vitest';
import { getLogin } from '../../functions/src/identity/local-store';
import { DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { expectOneAudit, newAuditEntries, useFreshTable } from '../setup/table';

/**
 * User management through the API: what administrators and coordinators may
 * do, that identity and profile stay in step, that staff personal data never
 * reaches the audit trail, and the GDPR export and erasure.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

const ORG = DEMO_ORGANISATIONS[0]!.id;
let n = 0;
const email = () => `person${n++}@users.example`;
const owner = () => ({ email: email(), name: 'Olli Owner', role: 'measureOwner', locale: 'fi' });

describe('creating users', () => {
  it('creates the profile and the sign-in identity; the audit entry carries no name or e-mail', async () => {
    const before = await table.snapshot();
    const body = { ...owner(), email: 'Mixed.Case@Users.Example' };
    const res = await call('administrator', 'POST', '/api/users', body);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      email: 'mixed.case@users.example',
      name: 'Olli Owner',
      role: 'measureOwner',
      status: 'active',
      version: 1,
    });
    // Locally there is no mail: a one-time temporary password meeting the policy, shown to the creator.
    expect(res.body.temporaryPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const login = await getLogin('mixed.case@users.example');
    expect(login).toMatchObject({ userId: res.body.id, municipalityId: 'demo', mustChangePassword: true });
    expect(login?.passwordHash).not.toContain(res.body.temporaryPassword);

    const entry = expectOneAudit(before, await table.snapshot(), 'user.create', res.body.id, DEMO.administrator);
    expect(entry.changes).toEqual({
      email: PERSONAL_DATA_MARK,
      name: PERSONAL_DATA_MARK,
      role: 'measureOwner',
      locale: 'fi',
    });
    expect(JSON.stringify(entry)).not.toMatch(/mixed\.case|Olli/);
  });

  it('refuses a second user with the same e-mail address: 409, nothing written', async () => {
    const body = owner();
    expect((await call('administrator', 'POST', '/api/users', body)).status).toBe(201);
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', '/api/users', { ...body, email: body.email.toUpperCase() });
    expectError(res, 409, 'email_taken');
    expect(res.body.error.details).toEqual([{ field: 'email', message: expect.any(String) }]);
    expect(await table.snapshot()).toEqual(before);
  });

  it.each([
    [{ role: 'organisationStaff' }, 'organisationId'],
    [{ organisationId: ORG }, 'organisationId'],
    [{ email: 'not-an-address' }, 'email'],
    [{ name: '' }, 'name'],
    [{ locale: 'de' }, 'locale'],
    [{ role: 'superuser' }, 'role'],
  ])('refuses %j with 400 naming %s', async (change, field) => {
    const before = await table.snapshot();
    const res = await call('administrator', 'POST', '/api/users', { ...owner(), ...change });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses staff of an organisation that does not exist in the municipality', async () => {
    const res = await call('coordinator', 'POST', '/api/users', {
      ...owner(),
      role: 'organisationStaff',
      organisationId: '00000000-0000-4000-8000-999999999999',
    });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'organisationId', message: 'No such organisation.' }]);
  });

  it('lets coordinators create staff and owners, but not administrators, coordinators or council members', async () => {
    const staff = await call('coordinator', 'POST', '/api/users', {
      ...owner(),
      role: 'organisationStaff',
      organisationId: ORG,
    });
    expect(staff.status).toBe(201);
    for (const role of ['administrator', 'coordinator', 'councilMember']) {
      const before = await table.snapshot();
      expectError(await call('coordinator', 'POST', '/api/users', { ...owner(), role }), 403, 'forbidden');
      expect(await table.snapshot()).toEqual(before);
    }
  });
});

describe('changing users', () => {
  const create = async (role = 'measureOwner', extra: object = {}) => {
    const res = await call('administrator', 'POST', '/api/users', { ...owner(), role, ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const ifMatch = (v: number) => ({ 'If-Match': `"${v}"` });

  it('changes role and organisation together, removing the organisation when staff become owners', async () => {
    const u = await create('organisationStaff', { organisationId: ORG });
    const res = await call(
      'coordinator',
      'PATCH',
      `/api/users/${u.id}`,
      { role: 'measureOwner', organisationId: null },
      ifMatch(1),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'measureOwner', version: 2 });
    expect(res.body).not.toHaveProperty('organisationId');
  });

  it('refuses a role change that leaves staff without an organisation, or an owner with one', async () => {
    const u = await create();
    const before = await table.snapshot();
    const res = await call('administrator', 'PATCH', `/api/users/${u.id}`, { role: 'organisationStaff' }, ifMatch(1));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'organisationId', message: expect.any(String) }]);
    const res2 = await call('administrator', 'PATCH', `/api/users/${u.id}`, { organisationId: ORG }, ifMatch(1));
    expectError(res2, 400, 'validation_failed');
    expect(await table.snapshot()).toEqual(before);
  });

  it('lets a coordinator neither promote a user to coordinator nor touch an administrator', async () => {
    const u = await create();
    expectError(
      await call('coordinator', 'PATCH', `/api/users/${u.id}`, { role: 'coordinator' }, ifMatch(1)),
      403,
      'forbidden',
    );
    const admin = DEMO.administrator.userId;
    expectError(await call('coordinator', 'PATCH', `/api/users/${admin}`, { name: 'X' }, ifMatch(1)), 403, 'forbidden');
    expectError(
      await call('coordinator', 'POST', `/api/users/${admin}/deactivate`, undefined, ifMatch(1)),
      403,
      'forbidden',
    );
  });

  it('refuses to change one’s own role or to deactivate oneself', async () => {
    const self = DEMO.administrator.userId;
    expectError(
      await call('administrator', 'PATCH', `/api/users/${self}`, { role: 'coordinator' }, ifMatch(1)),
      409,
      'own_account',
    );
    expectError(
      await call('administrator', 'POST', `/api/users/${self}/deactivate`, undefined, ifMatch(1)),
      409,
      'own_account',
    );
  });

  it('uses optimistic locking: a stale If-Match is 409, a missing one 428', async () => {
    const u = await create();
    expect((await call('administrator', 'PATCH', `/api/users/${u.id}`, { name: 'First' }, ifMatch(1))).status).toBe(
      200,
    );
    expectError(
      await call('coordinator', 'PATCH', `/api/users/${u.id}`, { name: 'Second' }, ifMatch(1)),
      409,
      'version_conflict',
    );
    expectError(
      await call('coordinator', 'PATCH', `/api/users/${u.id}`, { name: 'Second' }),
      428,
      'precondition_required',
    );
  });

  it('deactivation disables the identity; reactivation enables it; both audited', async () => {
    const body = owner();
    const created = await call('administrator', 'POST', '/api/users', body);
    const before = await table.snapshot();
    const off = await call('coordinator', 'POST', `/api/users/${created.body.id}/deactivate`, undefined, ifMatch(1));
    expect(off.body).toMatchObject({ status: 'deactivated', version: 2 });
    expect((await getLogin(body.email))?.disabled).toBe(true);
    expectOneAudit(before, await table.snapshot(), 'user.deactivate', created.body.id);
    const on = await call('coordinator', 'POST', `/api/users/${created.body.id}/reactivate`, undefined, ifMatch(2));
    expect(on.body).toMatchObject({ status: 'active', version: 3 });
    expect((await getLogin(body.email))?.disabled).toBe(false);
  });

  it('lists users with a status filter; every user is of this municipality', async () => {
    const all = await call('coordinator', 'GET', '/api/users');
    expect(all.body.items.length).toBeGreaterThanOrEqual(5);
    const deactivated = await call('coordinator', 'GET', '/api/users?status=deactivated');
    expect(deactivated.body.items.every((u: { status: string }) => u.status === 'deactivated')).toBe(true);
    expectError(await call('coordinator', 'GET', '/api/users?status=gone'), 400, 'validation_failed');
  });
});

describe('GDPR: export and erasure', () => {
  it('exports the profile, the sign-in record (without the hash) and the audit entries by and about the user', async () => {
    const body = owner();
    const created = await call('administrator', 'POST', '/api/users', body);
    const id = created.body.id as string;
    await call('administrator', 'PATCH', `/api/users/${id}`, { name: 'Renamed' }, { 'If-Match': '"1"' });
    const res = await call('administrator', 'GET', `/api/users/${id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sillat-user-${id}.json"`);
    expect(res.body.profile).toMatchObject({ id, email: body.email, name: 'Renamed' });
    expect(res.body.signIn).toMatchObject({ provider: 'local', email: body.email, userId: id });
    expect(res.text).not.toMatch(/passwordHash|scrypt\$/);
    expect(res.body.auditEntriesAboutUser.map((e: { action: string }) => e.action)).toEqual([
      'user.create',
      'user.update',
    ]);
    // What the administrator did is theirs: their export lists this user's creation among their actions.
    const adminExport = await call('administrator', 'GET', `/api/users/${DEMO.coordinator.userId}/export`);
    expect(adminExport.status).toBe(200);
  });

  it('erases only deactivated users; the profile and identity go, audit entries stay with the pseudonymous id only', async () => {
    const body = owner();
    const created = await call('administrator', 'POST', '/api/users', body);
    const id = created.body.id as string;
    expectError(await call('administrator', 'DELETE', `/api/users/${id}`), 409, 'user_active');
    expect(await getLogin(body.email)).toBeDefined();

    await call('administrator', 'POST', `/api/users/${id}/deactivate`, undefined, { 'If-Match': '"1"' });
    const before = await table.snapshot();
    const res = await call('administrator', 'DELETE', `/api/users/${id}`);
    expect(res.status).toBe(204);
    const after = await table.snapshot();
    expect(after.items.find((i) => i.id === id)).toBeUndefined();
    expect(await getLogin(body.email)).toBeUndefined();
    expect(newAuditEntries(before, after).map((e) => e.action)).toEqual(['user.erase']);
    const about = after.audit.filter((e) => e.targetId === id);
    expect(about.map((e) => e.action)).toEqual(['user.create', 'user.deactivate', 'user.erase']);
    expect(JSON.stringify(after)).not.toContain(body.email);
    expectError(await call('administrator', 'GET', `/api/users/${id}`), 404, 'not_found');
    expectError(await call('administrator', 'DELETE', `/api/users/${id}`), 404, 'not_found');
  });
});
