import { describe, expect, it } from 'vitest';
import { DEMO_GROUPS } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { useFreshTable } from '../setup/table';

/** "Who to consult next" over the demo's two rounds. */
useFreshTable({ seed: true });
useLocalAuth();

const ROUND_2025 = '00000000-0000-4000-8000-000000000501';
const ROUND_2026 = '00000000-0000-4000-8000-000000000502';

interface View {
  threshold: number;
  rounds: { id: string }[];
  latestRoundId: string | null;
  groups: { id: string; cells: { roundId: string; sessions: number; participants: number | null }[] }[];
  suggestions: { populationGroupId: string; rank: number; reasons: { reason: string }[] }[];
}

async function newGroup(name: string) {
  const res = await call('coordinator', 'POST', '/api/population-groups', {
    name: { fi: name, sv: name, en: name },
    languages: ['fi'],
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
}

describe('GET /api/dashboard/coverage', () => {
  it('has every active group against every round, and puts a group never heard first', async () => {
    const fresh = await newGroup('Uudet tulijat');
    const archived = await newGroup('Lakkautettu ryhmä');
    const off = await call('coordinator', 'POST', `/api/population-groups/${archived.id}/archive`, undefined, {
      'If-Match': `"${archived.version}"`,
    });
    expect(off.status, off.text).toBeLessThan(300);

    const res = await call('councilMember', 'GET', '/api/dashboard/coverage');
    expect(res.status, res.text).toBe(200);
    const v = res.body as View;
    expect(v.rounds.map((r) => r.id).slice(0, 2)).toEqual([ROUND_2025, ROUND_2026]);
    expect(v.latestRoundId).toBe(ROUND_2026);
    const ids = v.groups.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([...DEMO_GROUPS.map((g) => g.id), fresh.id]));
    expect(ids).not.toContain(archived.id);

    for (const g of DEMO_GROUPS) {
      const row = v.groups.find((x) => x.id === g.id)!;
      for (const roundId of [ROUND_2025, ROUND_2026]) {
        const c = row.cells.find((x) => x.roundId === roundId)!;
        expect(c.sessions).toBe(1);
        // 8–14 participants: published, at or above the threshold.
        expect(c.participants).toBeGreaterThanOrEqual(v.threshold);
      }
    }
    for (const row of v.groups)
      for (const c of row.cells)
        expect(c.participants === null || c.participants === 0 || c.participants >= 5).toBe(true);

    expect(v.suggestions[0]).toEqual({ populationGroupId: fresh.id, rank: 1, reasons: [{ reason: 'neverConsulted' }] });
    expect(v.suggestions.map((s) => s.populationGroupId)).not.toContain(archived.id);
    // Every demo group was heard in 2026: none is "not heard since".
    expect(v.suggestions.flatMap((s) => s.reasons).filter((r) => r.reason === 'notHeardSince')).toEqual([]);
  });

  it('refuses other roles and unknown parameters', async () => {
    expect((await call('measureOwner', 'GET', '/api/dashboard/coverage')).status).toBe(403);
    expect((await call('organisationStaff', 'GET', '/api/dashboard/coverage')).status).toBe(403);
    expectError(await call('coordinator', 'GET', '/api/dashboard/coverage?colour=red'), 400, 'validation_failed');
  });
});
