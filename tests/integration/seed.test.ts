import { describe, expect, it } from 'vitest';
import {
  DEMO_DISTRICTS,
  DEMO_GROUPS,
  DEMO_MUNICIPALITY,
  DEMO_ORGANISATIONS,
  DEMO_USERS,
} from '../../functions/src/local/demo-data';
import { demoHistory } from '../../functions/src/local/demo-history';
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
    const history = demoHistory().reduce((n, r) => n + 1 + r.sessions.length + r.notes.length + r.cards.length, 0);
    expect(history).toBe(2 * (1 + 6 + 6 + 12));
    expect(audit).toHaveLength(4 + 6 + 3 + DEMO_USERS.length + history + 1);
    expect(audit.every((e) => typeof e.action === 'string' && e.action.endsWith('.seed'))).toBe(true);
    expect(new Set(audit.map((e) => `${e.targetType}#${e.targetId}`)).size).toBe(audit.length);
  });

  it('has two past rounds, linked, each with an approved session, ratings and two cards for every group', async () => {
    const rounds = (await call('coordinator', 'GET', '/api/rounds')).body.items as {
      id: string;
      phase: string;
      previousRoundId?: string;
      nextRoundId?: string;
    }[];
    expect(rounds.map((r) => r.phase)).toEqual(['monitoring', 'closed']);
    expect(rounds[0]!.previousRoundId).toBe(rounds[1]!.id);
    expect(rounds[1]!.nextRoundId).toBe(rounds[0]!.id);
    for (const round of rounds) {
      const sessions = (await call('coordinator', 'GET', `/api/rounds/${round.id}/sessions`)).body.items as {
        id: string;
        populationGroupId: string;
        status: string;
        participantCount: number;
        ratings: Record<string, number[]>;
      }[];
      expect(sessions.map((s) => s.populationGroupId).sort()).toEqual(DEMO_GROUPS.map((g) => g.id).sort());
      for (const s of sessions) {
        expect(s.status).toBe('approved');
        expect(Object.keys(s.ratings)).toHaveLength(4);
        for (const counts of Object.values(s.ratings)) {
          expect(counts).toHaveLength(5);
          expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(s.participantCount);
        }
        const notes = await call('coordinator', 'GET', `/api/rounds/${round.id}/sessions/${s.id}/notes`);
        expect(notes.body.status).toBe('approved');
      }
      const cards = (await call('coordinator', 'GET', `/api/rounds/${round.id}/cards`)).body.items as {
        tone: string;
      }[];
      expect(cards).toHaveLength(12);
      expect(cards.filter((c) => c.tone === 'positive')).toHaveLength(6);
    }
  });

  it('seeding again changes nothing', async () => {
    const before = await table.snapshot();
    expect(await seedDemo()).toBe('present');
    expect(await table.snapshot()).toEqual(before);
  });
});
