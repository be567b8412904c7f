import { describe, expect, it } from 'vitest';
import { call, DEMO, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { seedSecondMunicipality } from '../setup/municipalities';
import { useFreshTable } from '../setup/table';

/** Browsing the audit trail: newest first, filters, pages, and only ever the caller's municipality. */
useFreshTable({ seed: true });
useLocalAuth();

type Entry = { id: string; at: string; action: string; actorId: string; targetType: string; targetId: string };
const entries = (body: { items: Entry[] }) => body.items;

describe('GET /api/audit', () => {
  it('lists the seeded trail newest first, with who, role, action, target, when and changes', async () => {
    await call('coordinator', 'POST', '/api/districts', { name: { fi: 'Uusi piiri' } });
    const res = await call('administrator', 'GET', '/api/audit');
    expect(res.status).toBe(200);
    const items = entries(res.body);
    expect(items[0]).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      actorId: DEMO.coordinator.userId,
      actorRole: 'coordinator',
      municipalityId: 'demo',
      action: 'district.create',
      targetType: 'district',
      targetId: expect.any(String),
      changes: { name: { fi: 'Uusi piiri' } },
    });
    const times = items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by person, by action prefix, by target and by day range', async () => {
    const byCoordinator = entries(
      (await call('administrator', 'GET', `/api/audit?actorId=${DEMO.coordinator.userId}`)).body,
    );
    expect(byCoordinator.length).toBeGreaterThan(0);
    expect(byCoordinator.every((e) => e.actorId === DEMO.coordinator.userId)).toBe(true);

    const seeds = entries((await call('administrator', 'GET', '/api/audit?action=user.')).body);
    expect(seeds.map((e) => e.action).every((a) => a.startsWith('user.'))).toBe(true);
    expect(seeds).toHaveLength(5);

    const target = seeds[0]!;
    const about = entries(
      (await call('administrator', 'GET', `/api/audit?targetType=user&targetId=${target.targetId}`)).body,
    );
    expect(about.map((e) => e.id)).toEqual([target.id]);

    const today = new Date().toISOString().slice(0, 10);
    expect(
      entries((await call('administrator', 'GET', `/api/audit?from=${today}&to=${today}`)).body).length,
    ).toBeGreaterThan(0);
    expect(entries((await call('administrator', 'GET', '/api/audit?to=2020-01-01')).body)).toEqual([]);
  });

  it('pages with an opaque cursor and never repeats an entry', async () => {
    for (let i = 0; i < 60; i++)
      await call('coordinator', 'POST', '/api/organisations', { name: { fi: `Yhdistys ${i}` } });
    const first = await call('administrator', 'GET', '/api/audit');
    expect(entries(first.body)).toHaveLength(50);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call('administrator', 'GET', `/api/audit?cursor=${first.body.nextCursor}`);
    const ids = [...entries(first.body), ...entries(second.body)].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(50);
  });

  it('refuses bad filters and forged cursors with 400, including one pointing into another municipality', async () => {
    await seedSecondMunicipality();
    expectError(await call('administrator', 'GET', '/api/audit?from=yesterday'), 400, 'validation_failed');
    expectError(
      await call('administrator', 'GET', '/api/audit?from=2026-02-01&to=2026-01-01'),
      400,
      'validation_failed',
    );
    expectError(await call('administrator', 'GET', '/api/audit?municipalityId=naapurikunta'), 400, 'validation_failed');
    const foreign = Buffer.from(JSON.stringify({ pk: 'MUNI#naapurikunta#AUDIT', sk: '9999' })).toString('base64url');
    const res = await call('administrator', 'GET', `/api/audit?cursor=${foreign}`);
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    expectError(await call('administrator', 'GET', '/api/audit?cursor=%%%'), 400, 'validation_failed');
  });

  it('shows only the caller’s municipality', async () => {
    const all = entries((await call('administrator', 'GET', '/api/audit?action=municipality.')).body);
    expect(all.map((e) => e.targetId)).toEqual(['demo']);
  });
});
