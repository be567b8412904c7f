import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { call, useLocalAuth } from '../setup/auth';
import { expectError, request } from '../setup/http';
import { seedSecondMunicipality } from '../setup/municipalities';
import { expectOneAudit, useFreshTable } from '../setup/table';

/**
 * "More of this, less of that": the facilitator opens and closes the board;
 * tables mark cards and write ideas without signing in, through the token.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

/** Spring 2026, seeded in monitoring with twelve cards in its deck. */
const ROUND = '00000000-0000-4000-8000-000000000502';
const CLOSED_ROUND = '00000000-0000-4000-8000-000000000501';
const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const anon = (method: string, path: string, body?: unknown) => request(app, method, path, body);

let token = '';
let deck: { id: string }[] = [];
let version = 0;
const tablePath = (n: number, t = token) => `/api/boards/${t}/tables/${n}`;

beforeAll(async () => {
  deck = (await call('coordinator', 'GET', `/api/rounds/${ROUND}/cards`)).body.items;
  // One card taken out of the deck: the tables must not see it.
  await call('coordinator', 'PATCH', `/api/rounds/${ROUND}/cards/${deck[11]!.id}`, { inDeck: false }, ifMatch(1));
});

describe('the board, for the facilitator', () => {
  it('has not been opened: version 0, no token', async () => {
    const res = await call('coordinator', 'GET', `/api/rounds/${ROUND}/board`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      roundId: ROUND,
      status: 'notOpened',
      tables: 0,
      version: 0,
      summary: { cards: [], ideas: [] },
    });
    expectError(await call('councilMember', 'GET', `/api/rounds/${ROUND}/board`), 403, 'forbidden');
  });

  it('opens for the tables with a 16-character token, audited', async () => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `/api/rounds/${ROUND}/board/open`, { tables: 3 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ roundId: ROUND, status: 'open', tables: 3, version: 1 });
    expect(res.body.token).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
    expect(res.headers.get('etag')).toBe('"1"');
    expectOneAudit(before, await table.snapshot(), 'board.open', ROUND);
    token = res.body.token;
    version = 1;
  });

  it.each([[{ tables: 0 }], [{ tables: 31 }], [{ tables: 2.5 }], [{}]])('refuses %j, writing nothing', async (b) => {
    const before = await table.snapshot();
    const res = await call('coordinator', 'POST', `/api/rounds/${ROUND}/board/open`, b);
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details[0].field).toBe('tables');
    expect(await table.snapshot()).toEqual(before);
  });

  it('cannot be opened in a closed round', async () => {
    const before = await table.snapshot();
    expectError(
      await call('coordinator', 'POST', `/api/rounds/${CLOSED_ROUND}/board/open`, { tables: 2 }),
      409,
      'round_closed',
    );
    expect(await table.snapshot()).toEqual(before);
  });
});

describe('a table’s page (no sign-in)', () => {
  it('shows the round’s deck, in deck order, and the table’s own (empty) marks and ideas', async () => {
    const res = await anon('GET', tablePath(2));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ roundName: { fi: 'Kevät 2026' }, table: 2, tables: 3, marks: {}, ideas: [] });
    expect(res.body.cards.map((c: { id: string }) => c.id)).toEqual(deck.slice(0, 11).map((c) => c.id));
    expect(Object.keys(res.body.cards[0]).sort()).toEqual(
      ['aspect', 'districtId', 'id', 'language', 'populationGroupId', 'text', 'tone', 'translations'].sort(),
    );
  });

  it('keeps every mark when tables mark at once, and writes no audit entry', async () => {
    const [a, b, c] = deck.map((d) => d.id) as [string, string, string];
    const before = await table.snapshot();
    const results = await Promise.all([
      anon('PUT', `${tablePath(1)}/marks/${a}`, { mark: 'more' }),
      anon('PUT', `${tablePath(1)}/marks/${b}`, { mark: 'less' }),
      anon('PUT', `${tablePath(2)}/marks/${a}`, { mark: 'more' }),
      anon('PUT', `${tablePath(2)}/marks/${c}`, { mark: 'more' }),
      anon('PUT', `${tablePath(3)}/marks/${a}`, { mark: 'less' }),
    ]);
    for (const r of results) expect(r.status, r.text).toBe(200);
    expect(await anon('GET', tablePath(1)).then((r) => r.body.marks)).toEqual({ [a]: 'more', [b]: 'less' });
    expect(await anon('GET', tablePath(2)).then((r) => r.body.marks)).toEqual({ [a]: 'more', [c]: 'more' });
    expect((await table.snapshot()).audit).toEqual(before.audit);

    const board = await call('coordinator', 'GET', `/api/rounds/${ROUND}/board`);
    expect(board.body.summary.cards).toEqual([
      { cardId: a, more: 2, less: 1 },
      ...[
        { cardId: c, more: 1, less: 0 },
        { cardId: b, more: 0, less: 1 },
      ],
    ]);
  });

  it('changes and takes off a mark idempotently', async () => {
    const b = deck[1]!.id;
    expect((await anon('PUT', `${tablePath(1)}/marks/${b}`, { mark: 'more' })).body.marks[b]).toBe('more');
    expect((await anon('PUT', `${tablePath(1)}/marks/${b}`, { mark: 'more' })).body.marks[b]).toBe('more');
    const off = await anon('PUT', `${tablePath(1)}/marks/${b}`, { mark: 'none' });
    expect(off.status).toBe(200);
    expect(off.body.marks).toEqual({ [deck[0]!.id]: 'more' });
    expect((await anon('PUT', `${tablePath(1)}/marks/${b}`, { mark: 'none' })).status).toBe(200);
  });

  it('refuses cards outside the deck, bad marks, unknown tables and unknown tokens, writing nothing', async () => {
    const before = await table.snapshot();
    const other = (await call('coordinator', 'GET', `/api/rounds/${CLOSED_ROUND}/cards`)).body.items[0].id;
    expectError(await anon('PUT', `${tablePath(1)}/marks/${deck[11]!.id}`, { mark: 'more' }), 404, 'not_found');
    expectError(await anon('PUT', `${tablePath(1)}/marks/${other}`, { mark: 'more' }), 404, 'not_found');
    expectError(await anon('PUT', `${tablePath(1)}/marks/${randomUUID()}`, { mark: 'more' }), 404, 'not_found');
    expectError(await anon('PUT', `${tablePath(1)}/marks/${deck[0]!.id}`, { mark: 'maybe' }), 400, 'validation_failed');
    for (const path of [
      tablePath(4),
      tablePath(0),
      tablePath(31),
      tablePath(1, 'ABCDEFGHJKMNPQRS'),
      tablePath(1, 'nope'),
    ]) {
      expectError(await anon('GET', path), 404, 'not_found');
      expectError(await anon('PUT', `${path}/marks/${deck[0]!.id}`, { mark: 'more' }), 404, 'not_found');
      expectError(await anon('POST', `${path}/ideas`, { kind: 'reduceBad', text: 'Valoja.' }), 404, 'not_found');
    }
    expect(await table.snapshot()).toEqual(before);
  });

  it('stores an idea once, however often a phone retries it with the same id', async () => {
    const id = randomUUID();
    const idea = { id, kind: 'reduceBad', text: 'Lisää valoja aseman alikulkuun.', cardIds: [deck[0]!.id] };
    const first = await anon('POST', `${tablePath(3)}/ideas`, idea);
    expect(first.status, first.text).toBe(201);
    expect(first.body).toEqual({
      id,
      table: 3,
      kind: 'reduceBad',
      text: idea.text,
      cardIds: idea.cardIds,
      createdAt: expect.any(String),
    });
    const retries = await Promise.all(Array.from({ length: 5 }, () => anon('POST', `${tablePath(3)}/ideas`, idea)));
    for (const r of retries) {
      expect(r.status, r.text).toBe(200);
      expect(r.body).toEqual(first.body);
    }
    const racing = { ...idea, id: randomUUID() };
    const raced = await Promise.all(Array.from({ length: 5 }, () => anon('POST', `${tablePath(2)}/ideas`, racing)));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const stored = (await table.snapshot()).items.filter((i) => i.type === 'idea');
    expect(stored.map((i) => i.id).sort()).toEqual([id, racing.id].sort());

    const page = await anon('GET', tablePath(3));
    expect(page.body.ideas).toEqual([first.body]);
    const board = await call('coordinator', 'GET', `/api/rounds/${ROUND}/board`);
    expect(board.body.summary.ideas.map((i: { id: string }) => i.id).sort()).toEqual([id, racing.id].sort());
  });

  it('refuses an idea naming a card outside the deck, or without text', async () => {
    const before = await table.snapshot();
    let res = await anon('POST', `${tablePath(1)}/ideas`, {
      kind: 'increaseGood',
      text: 'Kokkikerho.',
      cardIds: [deck[0]!.id, deck[11]!.id],
    });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'cardIds.1', message: 'No such card in the deck.' }]);
    res = await anon('POST', `${tablePath(1)}/ideas`, { kind: 'increaseGood', text: '  ' });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details[0].field).toBe('text');
    expect(await table.snapshot()).toEqual(before);
  });
});

describe('closing and re-opening', () => {
  it('closes at the version the facilitator saw, audited; a stale close is 409', async () => {
    const path = `/api/rounds/${ROUND}/board/close`;
    let before = await table.snapshot();
    expectError(await call('coordinator', 'POST', path, undefined, ifMatch(version + 5)), 409, 'version_conflict');
    expect(await table.snapshot()).toEqual(before);
    const res = await call('coordinator', 'POST', path, undefined, ifMatch(version));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', token, tables: 3, version: version + 1 });
    expectOneAudit(before, await table.snapshot(), 'board.close', ROUND);
    version += 1;
    before = await table.snapshot();
    expectError(await call('coordinator', 'POST', path, undefined, ifMatch(version)), 409, 'board_not_open');
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 404 on every table page of a closed board, writing nothing', async () => {
    const before = await table.snapshot();
    expectError(await anon('GET', tablePath(1)), 404, 'not_found');
    expectError(await anon('PUT', `${tablePath(1)}/marks/${deck[2]!.id}`, { mark: 'more' }), 404, 'not_found');
    expectError(
      await anon('POST', `${tablePath(1)}/ideas`, { kind: 'reduceBad', text: 'Myöhässä.' }),
      404,
      'not_found',
    );
    expect(await table.snapshot()).toEqual(before);
  });

  it('re-opens with the same token and the marks kept; fewer tables close the rest', async () => {
    const res = await call('coordinator', 'POST', `/api/rounds/${ROUND}/board/open`, { tables: 2 });
    expect(res.body).toMatchObject({ status: 'open', token, tables: 2, version: version + 1 });
    expect((await anon('GET', tablePath(1))).body.marks).toEqual({ [deck[0]!.id]: 'more' });
    expectError(await anon('GET', tablePath(3)), 404, 'not_found');
    expectError(await anon('PUT', `${tablePath(3)}/marks/${deck[2]!.id}`, { mark: 'more' }), 404, 'not_found');
  });

  it('closes for the tables when the round is closed', async () => {
    const round = await call('coordinator', 'POST', '/api/rounds', {
      name: { fi: 'Suljettava' },
      period: { start: '2027-02-01', end: '2027-05-31' },
      populationGroupIds: [],
      organisationIds: [],
    });
    const opened = await call('coordinator', 'POST', `/api/rounds/${round.body.id}/board/open`, { tables: 2 });
    expect((await anon('GET', tablePath(1, opened.body.token))).status).toBe(200);
    let v = 1;
    for (const phase of ['dataCollection', 'decisionSession', 'monitoring', 'closed']) {
      const moved = await call('coordinator', 'POST', `/api/rounds/${round.body.id}/phase`, { phase }, ifMatch(v));
      expect(moved.status, moved.text).toBe(200);
      v = moved.body.version;
    }
    expectError(await anon('GET', tablePath(1, opened.body.token)), 404, 'not_found');
    expectError(
      await anon('POST', `${tablePath(1, opened.body.token)}/ideas`, { kind: 'reduceBad', text: 'x' }),
      404,
      'not_found',
    );
    expectError(
      await call('coordinator', 'POST', `/api/rounds/${round.body.id}/board/close`, undefined, ifMatch(1)),
      409,
      'round_closed',
    );
  });
});

describe('another municipality', () => {
  it('sees its own board only: its token never reaches our cards, our staff never reach its board', async () => {
    const other = await seedSecondMunicipality();
    const round = await call(other.coordinator, 'POST', '/api/rounds', {
      name: { fi: 'Naapurin kevät' },
      period: { start: '2027-02-01', end: '2027-05-31' },
      populationGroupIds: [],
      organisationIds: [],
    });
    const opened = await call(other.coordinator, 'POST', `/api/rounds/${round.body.id}/board/open`, { tables: 2 });
    expect(opened.status, opened.text).toBe(200);
    const theirs = tablePath(1, opened.body.token);

    const page = await anon('GET', theirs);
    expect(page.status).toBe(200);
    expect(page.body.cards).toEqual([]);
    for (const card of deck) expect(page.text.includes(card.id)).toBe(false);

    const before = await table.snapshot();
    const bBefore = await table.snapshot('naapurikunta');
    expectError(await anon('PUT', `${theirs}/marks/${deck[0]!.id}`, { mark: 'more' }), 404, 'not_found');
    expectError(
      await anon('POST', `${theirs}/ideas`, { kind: 'increaseGood', text: 'x', cardIds: [deck[0]!.id] }),
      400,
      'validation_failed',
    );
    expectError(await call('coordinator', 'GET', `/api/rounds/${round.body.id}/board`), 404, 'not_found');
    expectError(
      await call('coordinator', 'POST', `/api/rounds/${round.body.id}/board/close`, undefined, ifMatch(1)),
      404,
      'not_found',
    );
    expect(await table.snapshot()).toEqual(before);
    expect(await table.snapshot('naapurikunta')).toEqual(bBefore);
  });
});
