import type { Principal, Role } from '@sillat/shared/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../functions/src/data/audited-write';
import { createUser } from '../../functions/src/data/users';
import { DEMO_ORGANISATIONS, DEMO_USERS } from '../../functions/src/local/demo-data';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { seedSecondMunicipality } from '../setup/municipalities';
import { useFreshTable } from '../setup/table';

/**
 * GET /api/organisations/{id}/staff: whom a session form offers as facilitator
 * and clerk. Active staff of that organisation only, id and name only, in the
 * caller's municipality only; staff may ask about their own organisation alone.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

const [ORG_A, ORG_B] = DEMO_ORGANISATIONS.map((o) => o.id) as [string, string];
const SARA = DEMO_USERS.find((u) => u.input.role === 'organisationStaff')!;
const staffOfA = DEMO.organisationStaff; // Sara Staff, of ORG_A

const path = (organisationId: string) => `/api/organisations/${organisationId}/staff`;

async function newUser(who: Role | Principal, body: Record<string, unknown>): Promise<{ id: string; etag: string }> {
  const res = await call(who, 'POST', '/api/users', { locale: 'fi', ...body });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id, etag: res.headers.get('etag') ?? '' };
}

/** A staff member of `organisationId`, created by `who`; the e-mail address is made from the name. */
const newStaff = (who: Role | Principal, name: string, organisationId: string) =>
  newUser(who, {
    email: `${name.split(' ')[0]!.toLowerCase()}@staff.example`,
    name,
    role: 'organisationStaff',
    organisationId,
  });

let aino: string; // active staff of ORG_A
let ville: string; // deactivated staff of ORG_A
let bertil: string; // active staff of ORG_B
let other: { organisationId: string; staff: Principal; coordinator: Principal; memberId: string };

beforeAll(async () => {
  aino = (await newStaff('coordinator', 'Aino Avustaja', ORG_A)).id;
  const v = await newStaff('coordinator', 'Ville Vanha', ORG_A);
  const off = await call('coordinator', 'POST', `/api/users/${v.id}/deactivate`, undefined, { 'If-Match': v.etag });
  expect(off.status, off.text).toBe(200);
  ville = v.id;
  bertil = (await newStaff('coordinator', 'Bertil Bro', ORG_B)).id;
  // Other roles never appear, even without an organisation.
  await newUser('coordinator', { email: 'aapo@owner.example', name: 'Aapo Omistaja', role: 'measureOwner' });

  // A second municipality with an organisation and a staff member of its own.
  const b = await seedSecondMunicipality();
  const org = await call(b.coordinator, 'POST', '/api/organisations', { name: { fi: 'Naapurin yhdistys' } });
  expect(org.status, org.text).toBe(201);
  const member = await newStaff(b.coordinator, 'Nina Naapuri', org.body.id);
  other = {
    organisationId: org.body.id,
    coordinator: b.coordinator,
    memberId: member.id,
    staff: {
      userId: member.id,
      role: 'organisationStaff',
      municipalityId: 'naapurikunta',
      organisationId: org.body.id,
    },
  };
});

describe('listing an organisation’s staff', () => {
  it('gives coordinators and administrators the active staff of that organisation, by name, without e-mail', async () => {
    for (const who of ['coordinator', 'administrator'] as const) {
      const res = await call(who, 'GET', path(ORG_A));
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({
        items: [
          { id: aino, name: 'Aino Avustaja' },
          { id: SARA.id, name: SARA.input.name },
        ],
      });
      expect(res.text).not.toContain('@');
    }
    const b = await call('coordinator', 'GET', path(ORG_B));
    expect(b.body).toEqual({ items: [{ id: bertil, name: 'Bertil Bro' }] });
  });

  it('leaves out a deactivated staff member, and lists them again once reactivated', async () => {
    const ids = async () =>
      ((await call('coordinator', 'GET', path(ORG_A))).body.items as { id: string }[]).map((u) => u.id);
    expect(await ids()).not.toContain(ville);
    const user = await call('coordinator', 'GET', `/api/users/${ville}`);
    const on = await call('coordinator', 'POST', `/api/users/${ville}/reactivate`, undefined, {
      'If-Match': user.headers.get('etag') ?? '',
    });
    expect(on.status, on.text).toBe(200);
    expect(await ids()).toContain(ville);
    const off = await call('coordinator', 'POST', `/api/users/${ville}/deactivate`, undefined, {
      'If-Match': on.headers.get('etag') ?? '',
    });
    expect(off.status, off.text).toBe(200);
    expect(await ids()).not.toContain(ville);
  });

  it('lets a staff member list their own organisation', async () => {
    const res = await call(staffOfA, 'GET', path(ORG_A));
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((u: { id: string }) => u.id)).toEqual([aino, SARA.id]);
  });

  it('answers a staff member asking about another organisation 404, as if it did not exist', async () => {
    const before = await table.snapshot();
    const res = await call(staffOfA, 'GET', path(ORG_B));
    expectError(res, 404, 'not_found');
    expect(res.text).not.toContain('Bertil');
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 404 for an organisation that does not exist, and 403 for the other roles', async () => {
    expectError(await call('coordinator', 'GET', path(crypto.randomUUID())), 404, 'not_found');
    for (const who of ['measureOwner', 'councilMember'] as const) {
      expectError(await call(who, 'GET', path(ORG_A)), 403, 'forbidden');
    }
  });
});

describe('municipalities stay apart', () => {
  it('never shows another municipality’s organisation or people', async () => {
    // Municipality A cannot see B's organisation…
    expectError(await call('coordinator', 'GET', path(other.organisationId)), 404, 'not_found');
    expectError(await call('administrator', 'GET', path(other.organisationId)), 404, 'not_found');
    // …and B cannot see A's, not even its own staff member asking.
    expectError(await call(other.coordinator, 'GET', path(ORG_A)), 404, 'not_found');
    const own = await call(other.staff, 'GET', path(other.organisationId));
    expect(own.body).toEqual({ items: [{ id: other.memberId, name: 'Nina Naapuri' }] });
  });

  it('does not list a user of another municipality who claims the same organisation id', async () => {
    // Written through the data layer: the API would refuse an organisation of another municipality.
    const intruder = crypto.randomUUID();
    await createUser(
      'naapurikunta',
      intruder,
      {
        email: 'intruder@naapurikunta.example',
        name: 'Ilkka Intruder',
        role: 'organisationStaff',
        organisationId: ORG_A,
        locale: 'fi',
      },
      SYSTEM_ACTOR,
    );
    const res = await call('coordinator', 'GET', path(ORG_A));
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { id: string }) => u.id)).toEqual([aino, SARA.id]);
    expect(res.text).not.toContain('Intruder');
  });
});
