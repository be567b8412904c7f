import { ATTENDANCE_CATEGORIES } from '@sillat/shared/attendance';
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
    const history = demoHistory().reduce(
      (n, r) =>
        n +
        1 +
        r.sessions.length +
        r.notes.length +
        r.cards.length +
        1 +
        r.candidates.length +
        1 +
        1 +
        r.actionPlan.candidateIds.length,
      0,
    );
    // Per round: the round, 6 sessions, 6 notes, 12 cards, the decision session, the plan and the
    // feedback survey (its answers are anonymous, so not audited one by one); 4 + 3 candidates, of
    // which the plans made 3 + 2 measures.
    expect(history).toBe(2 * (1 + 6 + 6 + 12 + 1 + 1 + 1) + 4 + 3 + 3 + 2);
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

  it('has, for each past round, a decision-maker session, candidate measures and a confirmed plan of 2–4', async () => {
    const groups = new Set(DEMO_GROUPS.map((g) => g.id));
    const districts = new Set(DEMO_DISTRICTS.map((d) => d.id));
    for (const roundId of ['00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000502']) {
      const session = await call('councilMember', 'GET', `/api/rounds/${roundId}/decision-session`);
      expect(session.status).toBe(200);
      expect(session.body).toMatchObject({ roundId, place: expect.any(String), version: 1 });
      expect(Object.keys(session.body.attendance).sort()).toEqual([...ATTENDANCE_CATEGORIES].sort());
      expect(session.body.attendance.residents).toBeGreaterThan(0);

      const cards = new Set(
        ((await call('coordinator', 'GET', `/api/rounds/${roundId}/cards`)).body.items as { id: string }[]).map(
          (c) => c.id,
        ),
      );
      const candidates = (await call('measureOwner', 'GET', `/api/rounds/${roundId}/candidates`)).body.items as {
        id: string;
        aspects: string[];
        populationGroupIds: string[];
        districtIds: string[];
        cardIds: string[];
      }[];
      expect(candidates.length).toBeGreaterThanOrEqual(3);
      for (const c of candidates) {
        expect(c.aspects.length).toBeGreaterThan(0);
        expect(c.populationGroupIds.length).toBeGreaterThan(0);
        expect(c.populationGroupIds.every((g) => groups.has(g))).toBe(true);
        expect(c.districtIds.length).toBeGreaterThan(0);
        expect(c.districtIds.every((d) => districts.has(d))).toBe(true);
        expect(c.cardIds.every((id) => cards.has(id))).toBe(true);
      }
      expect(candidates.some((c) => c.cardIds.length > 0)).toBe(true);

      const plan = await call('councilMember', 'GET', `/api/rounds/${roundId}/action-plan`);
      expect(plan.body).toMatchObject({ roundId, status: 'confirmed', confirmedAt: expect.any(String) });
      expect(plan.body.candidateIds.length).toBeGreaterThanOrEqual(2);
      expect(plan.body.candidateIds.length).toBeLessThanOrEqual(4);
      const ids = new Set(candidates.map((c) => c.id));
      expect(plan.body.candidateIds.every((id: string) => ids.has(id))).toBe(true);
    }
  });

  it("gives each confirmed plan's measures an owner: the demo measure owner has one in every round", async () => {
    const all = (await call('coordinator', 'GET', '/api/measures')).body.items as {
      id: string;
      roundId: string;
      ownerId?: string;
      contributors: unknown[];
    }[];
    const plans = demoHistory().map((r) => r.actionPlan);
    expect(all.map((x) => x.id).sort()).toEqual(plans.flatMap((p) => p.candidateIds).sort());
    expect(all.every((x) => x.ownerId && x.contributors.length > 0)).toBe(true);

    const owner = DEMO_USERS.find((u) => u.input.role === 'measureOwner')!.id;
    const mine = (await call('measureOwner', 'GET', '/api/measures')).body.items as typeof all;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.ownerId === owner)).toBe(true);
    expect(new Set(mine.map((x) => x.roundId))).toEqual(new Set(plans.map((p) => p.roundId)));
    const theirs = await call('measureOwner', 'GET', `/api/rounds/${mine[0]!.roundId}/measures/${mine[0]!.id}`);
    expect(theirs.status).toBe(200);
    const other = all.find((x) => x.ownerId !== owner)!;
    expect((await call('measureOwner', 'GET', `/api/rounds/${other.roundId}/measures/${other.id}`)).status).toBe(404);
  });

  it('seeding again changes nothing', async () => {
    const before = await table.snapshot();
    expect(await seedDemo()).toBe('present');
    expect(await table.snapshot()).toEqual(before);
  });
});
