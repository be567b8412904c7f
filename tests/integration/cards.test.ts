import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_ORGANISATIONS } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError } from '../setup/http';
import { expectOneAudit, useFreshTable } from '../setup/table';

/** Experience cards: only from approved notes, group and district from the source session, curated into the deck. */
const table = useFreshTable({ seed: true });
useLocalAuth();

let roundId = '';
const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const GROUP = DEMO_GROUPS[1]!.id;
const DISTRICT = DEMO_DISTRICTS[2]!.id;

async function session(stage: 'held' | 'approved') {
  const s = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, {
    populationGroupId: GROUP,
    districtId: DISTRICT,
    organisationId: DEMO_ORGANISATIONS[0]!.id,
    language: 'ar',
    date: '2027-03-01',
    place: 'Kirjasto',
    notesDeadline: '2027-03-15',
  });
  const path = `/api/rounds/${roundId}/sessions/${s.body.id}`;
  await call('coordinator', 'POST', `${path}/status`, { status: 'held' }, ifMatch(1));
  if (stage === 'approved') {
    await call('coordinator', 'PUT', `${path}/notes`, { language: 'fi', sections: { safety: 'Pimeää.' } }, ifMatch(0));
    await call('coordinator', 'POST', `${path}/notes/deliver`, { confirmations: [] }, ifMatch(1));
    await call('coordinator', 'POST', `${path}/notes/approve`, undefined, ifMatch(2));
  }
  return s.body.id as string;
}

const card = (sessionId: string, over: object = {}) => ({
  sessionId,
  aspect: 'safety',
  tone: 'negative',
  language: 'fi',
  text: 'Illalla puistossa on pimeää, eikä sinne uskalla mennä.',
  ...over,
});

beforeAll(async () => {
  const round = await call('coordinator', 'POST', '/api/rounds', {
    name: { fi: 'Kevät 2027' },
    period: { start: '2027-02-01', end: '2027-05-31' },
    populationGroupIds: [GROUP],
    organisationIds: [DEMO_ORGANISATIONS[0]!.id],
  });
  roundId = round.body.id;
});

describe('experience cards', () => {
  it('are made from approved notes, taking group and district from the session, audited', async () => {
    const sessionId = await session('approved');
    const before = await table.snapshot();
    const res = await call(
      'coordinator',
      'POST',
      `/api/rounds/${roundId}/cards`,
      card(sessionId, { translations: { sv: 'På kvällen är det mörkt i parken.' } }),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      roundId,
      sessionId,
      populationGroupId: GROUP,
      districtId: DISTRICT,
      inDeck: true,
      version: 1,
    });
    expectOneAudit(before, await table.snapshot(), 'card.create', res.body.id);
  });

  it('are refused for sessions whose notes are not approved, and for sessions of another round', async () => {
    const held = await session('held');
    expectError(
      await call('coordinator', 'POST', `/api/rounds/${roundId}/cards`, card(held)),
      409,
      'notes_not_approved',
    );
    const res = await call(
      'coordinator',
      'POST',
      `/api/rounds/${roundId}/cards`,
      card('00000000-0000-4000-8000-999999999999'),
    );
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'sessionId', message: 'No such session in this round.' }]);
  });

  it.each([
    [{ aspect: 'empathy' }, 'aspect'],
    [{ tone: 'neutral' }, 'tone'],
    [{ text: 'x'.repeat(601) }, 'text'],
    [{ text: '' }, 'text'],
    [{ language: 'en' }, 'language'],
    [{ populationGroupId: GROUP }, 'populationGroupId'],
  ])('refuses %j naming %s', async (over, field) => {
    const sessionId = await session('approved');
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `/api/rounds/${roundId}/cards`, card(sessionId, over));
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await table.snapshot()).toEqual(before);
  });

  it('list in deck order (aspect, then positive before negative) and are curated with If-Match', async () => {
    const sessionId = await session('approved');
    const positive = await call(
      'coordinator',
      'POST',
      `/api/rounds/${roundId}/cards`,
      card(sessionId, { aspect: 'attitudes', tone: 'positive' }),
    );
    await call(
      'coordinator',
      'POST',
      `/api/rounds/${roundId}/cards`,
      card(sessionId, { aspect: 'attitudes', tone: 'negative' }),
    );
    const items = (await call('coordinator', 'GET', `/api/rounds/${roundId}/cards`)).body.items as {
      aspect: string;
      tone: string;
    }[];
    const keys = items.map((c) => `${c.aspect}:${c.tone}`);
    expect(keys.indexOf('attitudes:positive')).toBeLessThan(keys.indexOf('attitudes:negative'));
    expect(keys.indexOf('attitudes:negative')).toBeLessThan(keys.indexOf('safety:negative'));

    const path = `/api/rounds/${roundId}/cards/${positive.body.id}`;
    const out = await call('coordinator', 'PATCH', path, { inDeck: false, text: 'Naapurit tervehtivät.' }, ifMatch(1));
    expect(out.body).toMatchObject({ inDeck: false, text: 'Naapurit tervehtivät.', version: 2 });
    expectError(await call('coordinator', 'PATCH', path, { inDeck: true }, ifMatch(1)), 409, 'version_conflict');
    expectError(await call('organisationStaff', 'GET', path), 403, 'forbidden');
  });
});

describe('round overview', () => {
  it('summarises the seeded spring 2026 round: six approved sessions, none late, twelve cards', async () => {
    const res = await call('coordinator', 'GET', '/api/rounds/00000000-0000-4000-8000-000000000502/overview');
    expect(res.status).toBe(200);
    expect(res.body.sessionsByStatus).toEqual({ planned: 0, held: 0, notesDelivered: 0, approved: 6 });
    expect(res.body.lateSessionIds).toEqual([]);
    expect(res.body.cells).toHaveLength(6);
    const counts = Object.values(res.body.cards as Record<string, { positive: number; negative: number }>);
    expect(counts.reduce((n, c) => n + c.positive + c.negative, 0)).toBe(12);
    expectError(
      await call('councilMember', 'GET', '/api/rounds/00000000-0000-4000-8000-000000000502/overview'),
      403,
      'forbidden',
    );
  });

  it('flags a session whose notes deadline has passed', async () => {
    const late = await call('coordinator', 'POST', `/api/rounds/${roundId}/sessions`, {
      populationGroupId: GROUP,
      districtId: DISTRICT,
      organisationId: DEMO_ORGANISATIONS[0]!.id,
      language: 'fi',
      date: '2020-03-01',
      place: 'Kirjasto',
      notesDeadline: '2020-03-15',
    });
    const res = await call('coordinator', 'GET', `/api/rounds/${roundId}/overview`);
    expect(res.body.lateSessionIds).toEqual([late.body.id]);
  });
});
