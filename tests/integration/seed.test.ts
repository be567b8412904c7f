import { describe, expect, it } from 'vitest';
import {
  DEMO_DISTRICTS,
  DEMO_GROUPS,
  DEMO_MUNICIPALITY,
  DEMO_ORGANISATIONS,
  DEMO_USERS,
} from '../../functions/src/local/demo-data';
import { seedDemo } from '../../functions/src/local/seed';
import { call, useLocalAuth } from '../setup/auth';
import { useFreshTable } from '../setup/table';

const table = useFreshTable({ seed: true });
useLocalAuth();

describe('the seeded demo municipality', () => {
  it.each([
    ['/api/districts', DEMO_DISTRICTS, 4],
    ['/api/population-groups', DEMO_GROUPS, 6],
    ['/api/organisations', DEMO_ORGANISATIONS, 3],
  ] as const)('%s lists the demo items with names in fi, sv and en', async (path, demo, count) => {
    const res = await call('coordinator', 'GET', path);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(count);
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]));
    for (const d of demo) {
      expect(byId.get(d.id)).toMatchObject({ ...d.input, id: d.id, archived: false, version: 1 });
      const item = byId.get(d.id) as { name: Record<string, string> };
      expect(Object.keys(item.name).sort()).toEqual(['en', 'fi', 'sv']);
      for (const text of Object.values(item.name)) expect(text.trim()).not.toBe('');
    }
  });

  it('has the municipality settings', async () => {
    const res = await call('coordinator', 'GET', '/api/municipality');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      id: 'demo',
      name: DEMO_MUNICIPALITY.name,
      defaultLocale: 'fi',
      privacyThreshold: 5,
      version: 1,
    });
  });

  it('wrote one seed audit entry per item', async () => {
    const { audit } = await table.snapshot();
    expect(audit).toHaveLength(4 + 6 + 3 + DEMO_USERS.length + 1);
    expect(audit.every((e) => typeof e.action === 'string' && e.action.endsWith('.seed'))).toBe(true);
    expect(new Set(audit.map((e) => e.targetId)).size).toBe(audit.length);
  });

  it('seeding again changes nothing', async () => {
    const before = await table.snapshot();
    expect(await seedDemo()).toBe('present');
    expect(await table.snapshot()).toEqual(before);
  });
});
