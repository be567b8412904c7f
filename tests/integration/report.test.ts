import type { CouncilReport } from '@sillat/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_GROUPS } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { useFreshTable } from '../setup/table';

/** The council report of the demo's spring 2026 round, compared with spring 2025. */
useFreshTable({ seed: true });
useLocalAuth();

const PREVIOUS_ROUND = '00000000-0000-4000-8000-000000000501';
const ROUND = '00000000-0000-4000-8000-000000000502';
const path = (roundId: string) => `/api/rounds/${roundId}/report`;
const small = (n: number | null, threshold: number) => n !== null && n > 0 && n < threshold;

describe('GET /api/rounds/{roundId}/report', () => {
  it('gives the summary, aspects, groups, measures and the comparison with the previous round', async () => {
    const res = await call('councilMember', 'GET', path(ROUND));
    expect(res.status, res.text).toBe(200);
    const r = res.body as CouncilReport;
    expect(r.threshold).toBe(5);
    expect(r.municipality.name.fi).toBeTruthy();
    expect(r.round).toMatchObject({ id: ROUND, name: { fi: 'Kevät 2026' }, phase: 'monitoring' });
    expect(r.previousRound?.id).toBe(PREVIOUS_ROUND);

    // Six groups, one session each with 8–14 participants and two cards; the survey is closed.
    expect(r.summary.sessions).toBe(6);
    expect(r.summary.groupsConsulted).toBe(6);
    expect(r.summary.participants).toBeGreaterThanOrEqual(48);
    expect(r.summary.cards).toEqual({ positive: 6, negative: 6 });
    expect(r.summary.survey).toMatchObject({ status: 'closed', respondents: 34 });
    expect(r.summary.measures.total).toBe(2);

    expect(r.aspects.map((a) => a.aspect)).toEqual(['attitudes', 'safety', 'interaction', 'participation']);
    for (const a of r.aspects) {
      expect(a.rating.n).toBe(r.summary.participants);
      expect(a.rating.mean).not.toBeNull();
      expect(a.previous?.rating.mean).not.toBeNull();
      // Both sides published: a change in words, its interval around the estimate.
      expect(['improved', 'worsened', 'noClearChange']).toContain(a.change.kind);
      expect(a.change.ci![0]).toBeLessThanOrEqual(a.change.estimate!);
      expect(a.change.estimate).toBeCloseTo(a.rating.mean! - a.previous!.rating.mean!, 10);
    }

    expect(r.groups.map((g) => g.populationGroup.id)).toEqual(DEMO_GROUPS.map((g) => g.id));
    expect(r.groups.every((g) => g.sessions === 1 && g.participants! >= 8)).toBe(true);
    expect(r.groups.map((g) => g.participants).reduce((a, b) => a! + b!, 0)).toBe(r.summary.participants);

    expect(r.measures.map((x) => x.title).sort()).toEqual([
      'Asukasraati valmistelee puiston kunnostuksen',
      'Nuorten ja ikääntyneiden yhteiset iltapäivät kirjastossa',
    ]);
    for (const x of r.measures) {
      expect(x.owner?.name).toBeTruthy();
      expect(x.populationGroups.every((g) => g.name.fi)).toBe(true);
      expect(x.districts.length).toBeGreaterThan(0);
    }

    // Every group was heard in both rounds: each aspect × group has a published change or is hidden as a whole.
    expect(r.comparison.map((c) => c.consulted)).toEqual(DEMO_GROUPS.map(() => 'both'));
    for (const c of r.comparison) {
      for (const a of c.aspects) {
        if (a.mean === null || a.previousMean === null) expect(a.change.kind).toBe('notComparable');
        else expect(a.change.kind).not.toBe('notComparable');
      }
    }
  });

  it('publishes nothing about fewer people than the threshold', async () => {
    const r = (await call('coordinator', 'GET', path(ROUND))).body as CouncilReport;
    const counts = [
      r.summary.participants,
      r.summary.survey.respondents,
      ...r.aspects.flatMap((a) => [a.rating.n, a.previous?.rating.n ?? null]),
      ...r.groups.map((g) => g.participants),
    ];
    expect(counts.filter((n) => small(n, r.threshold))).toEqual([]);
  });

  it('a round without a previous one has no comparison', async () => {
    const res = await call('administrator', 'GET', path(PREVIOUS_ROUND));
    expect(res.status, res.text).toBe(200);
    const r = res.body as CouncilReport;
    expect(r.previousRound).toBeNull();
    expect(r.comparison).toEqual([]);
    expect(r.aspects.every((a) => a.previous === null && a.change.kind === 'notComparable')).toBe(true);
  });

  it('answers 404 for an unknown or malformed round id, 403 for roles that do not follow the trends', async () => {
    expectError(await call('councilMember', 'GET', path('00000000-0000-4000-8000-000000009999')), 404, 'not_found');
    // As everywhere in the API, an id that cannot exist is simply not found.
    expectError(await call('councilMember', 'GET', path('nope')), 404, 'not_found');
    expect((await call('measureOwner', 'GET', path(ROUND))).status).toBe(403);
    expect((await call('organisationStaff', 'GET', path(ROUND))).status).toBe(403);
  });
});
