import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app';
import { DEMO_DISTRICTS, DEMO_GROUPS, DEMO_MUNICIPALITY } from '../../functions/src/local/demo-data';
import { call, useLocalAuth } from '../setup/auth';
import { expectError, request } from '../setup/http';
import { seedSecondMunicipality } from '../setup/municipalities';
import { expectOneAudit, useFreshTable } from '../setup/table';

/**
 * The feedback survey: wording per round, opening with a code, anonymous
 * answers (one per device, retries stored once), counters that always equal
 * the stored answers, closing, and results with small figures hidden.
 */
const table = useFreshTable({ seed: true });
useLocalAuth();

const ifMatch = (v: number | string) => ({ 'If-Match': `"${v}"` });
const answersPk = (roundId: string) => `MUNI#${DEMO_MUNICIPALITY.id}#SURVEY#${roundId}`;

async function newRound(name = 'Kysely 2027'): Promise<string> {
  const res = await call('coordinator', 'POST', '/api/rounds', {
    name: { fi: name, sv: `Enkät ${name}` },
    period: { start: '2027-02-01', end: '2027-05-31' },
    populationGroupIds: [DEMO_GROUPS[0]!.id],
    organisationIds: [],
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function candidate(roundId: string, title: string): Promise<string> {
  const res = await call('coordinator', 'POST', `/api/rounds/${roundId}/candidates`, {
    title,
    description: 'Kuvaus',
    aspects: ['safety'],
    populationGroupIds: [DEMO_GROUPS[0]!.id],
    districtIds: [DEMO_DISTRICTS[0]!.id],
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function openedSurvey(roundId: string, body: object = {}) {
  const current = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
  const res = await call(
    'coordinator',
    'POST',
    `/api/rounds/${roundId}/survey/open`,
    body,
    ifMatch(current.body.version),
  );
  expect(res.status, res.text).toBe(200);
  return res.body as { code: string; version: number; measureOptions: { id: string; title: string }[] };
}

const answer = (code: string, body: object) => request(app, 'POST', `/api/surveys/${code}/responses`, body);
const submission = (answers: object, deviceId = randomUUID()) => ({ deviceId, submissionId: randomUUID(), answers });

describe('the survey before it opens', () => {
  it('is a draft with the default wording in fi, sv and en until anything is saved', async () => {
    const roundId = await newRound();
    const res = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(res.body).toMatchObject({ roundId, status: 'draft', version: 0, responses: 0, measureOptions: [] });
    expect(res.body.code).toBeUndefined();
    const q = res.body.instrument.questions;
    expect(Object.keys(q)).toEqual([
      'category',
      'understandingOverall',
      'understandingAttitudes',
      'understandingSafety',
      'understandingInteraction',
      'understandingParticipation',
      'measures',
      'ownAction',
      'usefulness',
    ]);
    for (const key of Object.keys(q)) expect(Object.keys(q[key].text).sort()).toEqual(['en', 'fi', 'sv']);
  });

  it('takes new wording as a new instrument version, audited; keys stay', async () => {
    const roundId = await newRound();
    const before = await table.snapshot();
    const res = await call(
      'coordinator',
      'PUT',
      `/api/rounds/${roundId}/survey/instrument`,
      { questions: { usefulness: { text: { fi: 'Oliko tilaisuudesta hyötyä?' } } } },
      ifMatch(0),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.instrument.version).toBe(2);
    expect(res.body.instrument.questions.usefulness.text).toMatchObject({
      fi: 'Oliko tilaisuudesta hyötyä?',
      sv: 'Hur nyttigt var mötet för dig?',
    });
    expectOneAudit(before, await table.snapshot(), 'survey.reword', roundId);
  });

  it('refuses unknown questions, empty wording and a stale version, writing nothing', async () => {
    const roundId = await newRound();
    const before = await table.snapshot();
    const unknown = await call(
      'coordinator',
      'PUT',
      `/api/rounds/${roundId}/survey/instrument`,
      { questions: { favouriteColour: { text: { fi: 'Mikä?' } } } },
      ifMatch(0),
    );
    expectError(unknown, 400, 'validation_failed');
    expect(unknown.body.error.details).toContainEqual({
      field: 'questions.favouriteColour',
      message: 'Unknown field.',
    });
    const empty = await call(
      'coordinator',
      'PUT',
      `/api/rounds/${roundId}/survey/instrument`,
      { questions: { usefulness: { text: { fi: '  ' } } } },
      ifMatch(0),
    );
    expectError(empty, 400, 'validation_failed');
    const stale = await call(
      'coordinator',
      'PUT',
      `/api/rounds/${roundId}/survey/instrument`,
      { questions: { usefulness: { text: { fi: 'Hyötyä?' } } } },
      ifMatch(3),
    );
    expectError(stale, 409, 'version_conflict');
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses answers: a draft survey has no code, and made-up codes open nothing', async () => {
    const res = await answer('ABCDEF', submission({ usefulness: 4 }));
    expectError(res, 404, 'not_found');
    const malformed = await answer('not-a-code!', submission({ usefulness: 4 }));
    expectError(malformed, 404, 'not_found');
  });
});

describe('opening, answering and closing', () => {
  let roundId = '';
  let code = '';
  let measures: string[] = [];

  beforeAll(async () => {
    roundId = await newRound();
    measures = [await candidate(roundId, 'Valaistus puistoon'), await candidate(roundId, 'Nuorten ilta')];
    const before = await table.snapshot();
    const survey = await openedSurvey(roundId);
    code = survey.code;
    expect(survey.measureOptions.map((m) => m.title)).toEqual(['Valaistus puistoon', 'Nuorten ilta']);
    expectOneAudit(before, await table.snapshot(), 'survey.open', roundId);
  });

  it('gives the survey a six-character code that avoids look-alike characters', () => {
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  });

  it('keeps the wording fixed once open', async () => {
    const current = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
    const res = await call(
      'coordinator',
      'PUT',
      `/api/rounds/${roundId}/survey/instrument`,
      { questions: { usefulness: { text: { fi: 'Hyötyä?' } } } },
      ifMatch(current.body.version),
    );
    expectError(res, 409, 'survey_not_draft');
  });

  it('stores an answer without sign-in and without anything about the respondent', async () => {
    const deviceId = randomUUID();
    const body = submission(
      { category: 'police', understandingOverall: 4, measures: [measures[0]], ownAction: 'Kävelen alueella.' },
      deviceId,
    );
    const res = await request(app, 'POST', `/api/surveys/${code}/responses`, body, {
      'user-agent': 'Mozilla/5.0 (Linux; Android 15) Test/1.0',
      'x-forwarded-for': '203.0.113.7',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ stored: true, replaced: false, replay: false });
    const items = await table.partition(answersPk(roundId));
    const stored = items.filter((i) => String(i.sk).startsWith('RESP#'));
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0]!).sort()).toEqual([
      'answers',
      'instrumentVersion',
      'pk',
      'sk',
      'submissionId',
      'type',
    ]);
    const raw = JSON.stringify(items);
    for (const leak of [deviceId, code, '203.0.113.7', 'Android', new Date().toISOString().slice(0, 13)]) {
      expect(raw).not.toContain(leak);
    }
  });

  it('stores a retried submission once and lets the device replace its answer, never counting it twice', async () => {
    const deviceId = randomUUID();
    const first = submission({ category: 'officials', usefulness: 2 }, deviceId);
    expect((await answer(code, first)).status).toBe(201);
    const retry = await answer(code, first);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ stored: true, replaced: false, replay: true });
    const before = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
    const changed = await answer(code, submission({ category: 'officials', usefulness: 5 }, deviceId));
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ stored: true, replaced: true, replay: false });
    const after = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
    expect(after.body.responses).toBe(before.body.responses);
    const items = await table.partition(answersPk(roundId));
    const counters = items.filter((i) => String(i.sk).startsWith('AGG#'));
    const sum = (name: string) => counters.reduce((s, c) => s + ((c[name] as number | undefined) ?? 0), 0);
    expect(sum('c:usefulness:2')).toBe(0);
    expect(sum('c:usefulness:5')).toBe(1);
  });

  it('refuses measures that are not in the survey, empty answers and out-of-range values, storing nothing', async () => {
    const before = await table.partition(answersPk(roundId));
    const unknown = await answer(code, submission({ measures: [randomUUID()] }));
    expectError(unknown, 400, 'validation_failed');
    expect(unknown.body.error.details).toEqual([
      { field: 'answers.measures.0', message: 'Not one of the measures in this survey.' },
    ]);
    expectError(await answer(code, submission({})), 400, 'validation_failed');
    expectError(await answer(code, submission({ usefulness: 6 })), 400, 'validation_failed');
    expectError(await answer(code, submission({ category: 'mayor' })), 400, 'validation_failed');
    expectError(await answer(code, submission({ ownAction: 'x'.repeat(501) })), 400, 'validation_failed');
    expectError(await answer(code, { ...submission({ usefulness: 3 }), ip: '1.2.3.4' }), 400, 'validation_failed');
    expect(await table.partition(answersPk(roundId))).toEqual(before);
  });

  it('stores fifty concurrent sends of one submission exactly once', async () => {
    const before = await table.partition(answersPk(roundId));
    const same = submission({ understandingInteraction: 3 });
    const results = await Promise.all(Array.from({ length: 50 }, () => answer(code, same)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.body.replay === true)).toHaveLength(49);
    const after = await table.partition(answersPk(roundId));
    // New items besides counter shards: one answer and its claimed submission id.
    const added = after.filter((i) => !before.some((b) => b.sk === i.sk) && !String(i.sk).startsWith('AGG#'));
    expect(added.map((i) => String(i.sk).slice(0, 4)).sort()).toEqual(['RESP', 'SUB#']);
    const counters = after.filter((i) => String(i.sk).startsWith('AGG#'));
    expect(counters.reduce((s, c) => s + ((c['c:understandingInteraction:3'] as number | undefined) ?? 0), 0)).toBe(1);
  });

  it('refuses a submission id sent again with a different answer (422), changing nothing', async () => {
    const first = submission({ usefulness: 1 });
    expect((await answer(code, first)).status).toBe(201);
    const before = await table.partition(answersPk(roundId));
    const reused = await answer(code, { ...first, answers: { usefulness: 2 } });
    expectError(reused, 422, 'idempotency_key_reused');
    const otherDevice = await answer(code, { ...first, deviceId: randomUUID() });
    expectError(otherDevice, 422, 'idempotency_key_reused');
    expect(await table.partition(answersPk(roundId))).toEqual(before);
  });

  it('counts a roomful of phones answering at once exactly: counters equal the stored answers', async () => {
    const before = (await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`)).body.responses as number;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        answer(code, submission({ usefulness: (i % 5) + 1, measures: [measures[1]] })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const after = (await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`)).body.responses as number;
    expect(after - before).toBe(50);
    const items = await table.partition(answersPk(roundId));
    const stored = items.filter((i) => String(i.sk).startsWith('RESP#'));
    const counters = items.filter((i) => String(i.sk).startsWith('AGG#'));
    const sum = (name: string) => counters.reduce((s, c) => s + ((c[name] as number | undefined) ?? 0), 0);
    expect(sum('n')).toBe(stored.length);
    for (const p of [1, 2, 3, 4, 5]) {
      const answered = stored.filter((s) => (s.answers as { usefulness?: number }).usefulness === p).length;
      expect(sum(`c:usefulness:${p}`)).toBe(answered);
    }
  });

  it('shows only a live count while open; results wait until the survey is closed', async () => {
    const res = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey/results`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('open');
    expect(res.body.responses).toBeGreaterThan(50);
    expect(res.body.questions).toBeNull();
    expect(res.body.ownActions).toBeNull();
    expect(res.body.measures.every((m: { count: unknown }) => m.count === null)).toBe(true);
  });

  it('closes by hand: answers are refused, results appear with small figures hidden', async () => {
    const current = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
    const before = await table.snapshot();
    const closed = await call(
      'coordinator',
      'POST',
      `/api/rounds/${roundId}/survey/close`,
      undefined,
      ifMatch(current.body.version),
    );
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.status).toBe('closed');
    expectOneAudit(before, await table.snapshot(), 'survey.close', roundId);

    const partition = await table.partition(answersPk(roundId));
    expectError(await answer(code, submission({ usefulness: 3 })), 410, 'survey_closed');
    expect(await table.partition(answersPk(roundId))).toEqual(partition);

    const res = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey/results`);
    const byKey = Object.fromEntries(res.body.questions.map((q: { key: string }) => [q.key, q]));
    // 50 phones answered 1–5 in turn, one device changed its 2 to a 5, one answered 1: 11 + 10 + 10 + 10 + 11.
    expect(byKey.usefulness.answered).toBe(52);
    expect(byKey.usefulness.options.map((o: { count: number }) => o.count)).toEqual([11, 10, 10, 10, 11]);
    expect(byKey.usefulness.mean).toBeCloseTo((11 * 1 + 10 * 2 + 10 * 3 + 10 * 4 + 11 * 5) / 52, 10);
    // Category: police 1 and officials 1 → both hidden, and the total (2) is below 5.
    expect(byKey.category.answered).toBeNull();
    expect(byKey.category.options.every((o: { count: unknown }) => o.count === null)).toBe(true);
    // The measures: 50 chose the second, 1 the first (hidden).
    expect(res.body.measures).toEqual([
      { candidateId: measures[0], title: 'Valaistus puistoon', count: null },
      { candidateId: measures[1], title: 'Nuorten ilta', count: 50 },
    ]);
    // One free-text answer: fewer than 5, so not shown.
    expect(res.body.ownActions).toBeNull();
  });
});

describe('closing time, isolation and the next round', () => {
  it('closes by itself at its closing time', async () => {
    const roundId = await newRound();
    const survey = await openedSurvey(roundId, { closesAt: new Date(Date.now() + 1500).toISOString() });
    expect((await answer(survey.code, submission({ usefulness: 3 }))).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1600));
    expectError(await answer(survey.code, submission({ usefulness: 3 })), 410, 'survey_closed');
    expect((await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`)).body.status).toBe('closed');
  });

  it('refuses a closing time in the past', async () => {
    const roundId = await newRound();
    const res = await call(
      'coordinator',
      'POST',
      `/api/rounds/${roundId}/survey/open`,
      { closesAt: '2020-01-01T10:00:00Z' },
      ifMatch(0),
    );
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([
      { field: 'closesAt', message: 'The closing time is already past; choose a later time.' },
    ]);
  });

  it('is invisible to another municipality', async () => {
    const roundId = await newRound();
    await openedSurvey(roundId);
    const other = await seedSecondMunicipality('kyselykunta');
    expectError(await call(other.coordinator, 'GET', `/api/rounds/${roundId}/survey`), 404, 'not_found');
    expectError(await call(other.coordinator, 'GET', `/api/rounds/${roundId}/survey/results`), 404, 'not_found');
  });

  it('carries its wording into the next round, as a draft without answers', async () => {
    const roundId = await newRound();
    const reworded = await call(
      'coordinator',
      'PUT',
      `/api/rounds/${roundId}/survey/instrument`,
      { questions: { ownAction: { text: { sv: 'Vad gör du nu?' } } } },
      ifMatch(0),
    );
    expect(reworded.status).toBe(200);
    const next = await call('coordinator', 'POST', `/api/rounds/${roundId}/next`, {
      name: { fi: 'Seuraava' },
      period: { start: '2028-02-01', end: '2028-05-31' },
    });
    expect(next.status, next.text).toBe(201);
    const survey = await call('coordinator', 'GET', `/api/rounds/${next.body.id}/survey`);
    expect(survey.body).toMatchObject({ status: 'draft', responses: 0 });
    expect(survey.body.code).toBeUndefined();
    expect(survey.body.instrument).toEqual(reworded.body.instrument);
  });
});

describe('the plain-HTML survey page (no JavaScript)', () => {
  let roundId = '';
  let code = '';
  beforeAll(async () => {
    roundId = await newRound('Sivukysely');
    await candidate(roundId, 'Kerhotila');
    code = (await openedSurvey(roundId)).code;
  });

  const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

  it('renders the form in the chosen language with a device cookie, labelled fields and no caching', async () => {
    for (const [lang, legend] of [
      ['fi', 'Missä roolissa osallistuit tilaisuuteen?'],
      ['sv', 'I vilken roll deltog du i mötet?'],
      ['en', 'In which role did you take part in the session?'],
    ] as const) {
      const res = await request(app, 'GET', `/s/${code}?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`<html lang="${lang}">`);
      expect(res.text).toContain(`<legend>${legend}</legend>`);
      expect(res.text).toContain(`action="/s/${code}?lang=${lang}"`);
      expect(res.text).toContain('Kerhotila');
      expect(res.headers.get('set-cookie')).toMatch(
        /^sillat_device=[0-9a-f-]{36}; Max-Age=\d+; Path=\/s; HttpOnly; SameSite=Lax/,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('picks the language from the browser when none is chosen', async () => {
    const res = await request(app, 'GET', `/s/${code}`, undefined, { 'accept-language': 'sv-FI,sv;q=0.9,en;q=0.5' });
    expect(res.text).toContain('<html lang="sv">');
  });

  it('stores a plain form post and redirects to the thank-you page', async () => {
    const deviceId = randomUUID();
    const res = await request(
      app,
      'POST',
      `/s/${code}?lang=sv`,
      form([
        ['deviceId', deviceId],
        ['submissionId', randomUUID()],
        ['category', 'residents'],
        ['understandingSafety', '4'],
        ['ownAction', 'Jag pratar med grannarna.'],
      ]),
      formHeaders,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${code}/thanks?lang=sv`);
    const thanks = await request(app, 'GET', `/s/${code}/thanks?lang=sv`);
    expect(thanks.text).toContain('Tack för ditt svar');
    const stored = (await table.partition(answersPk(roundId))).filter((i) => String(i.sk).startsWith('RESP#'));
    expect(stored.map((s) => s.answers)).toEqual([
      { category: 'residents', understandingSafety: 4, ownAction: 'Jag pratar med grannarna.' },
    ]);
  });

  it('shows the form again with a message in the page language when nothing was answered', async () => {
    const res = await request(
      app,
      'POST',
      `/s/${code}?lang=fi`,
      form([
        ['deviceId', randomUUID()],
        ['submissionId', randomUUID()],
        ['ownAction', '   '],
      ]),
      formHeaders,
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('Vastaa ainakin yhteen kysymykseen.');
  });

  it('escapes what it echoes back', async () => {
    const res = await request(
      app,
      'POST',
      `/s/${code}?lang=en`,
      form([
        ['deviceId', 'not-a-uuid'],
        ['submissionId', randomUUID()],
        ['ownAction', '<script>alert(1)</script>'],
      ]),
      formHeaders,
    );
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('answers unknown codes with the code page, and sends a typed code to its survey', async () => {
    const unknown = await request(app, 'GET', '/s/ZZZZZZ?lang=en');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Survey not found');
    const typed = await request(
      app,
      'GET',
      `/s?code=${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}&lang=fi`,
    );
    expect(typed.status).toBe(303);
    expect(typed.headers.get('location')).toBe(`/s/${code}?lang=fi`);
  });
});

describe('the demo history', () => {
  const DEMO_ROUNDS = ['00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000502'];

  it('has a closed survey with answers for both past rounds, whose results compare', async () => {
    const means: number[] = [];
    for (const [i, roundId] of DEMO_ROUNDS.entries()) {
      const res = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey/results`);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ status: 'closed', responses: i === 0 ? 27 : 34 });
      const overall = res.body.questions.find((q: { key: string }) => q.key === 'understandingOverall');
      expect(overall.answered).toBe(i === 0 ? 27 : 34);
      means.push(
        overall.options.reduce(
          (s: number, o: { option: string; count: number | null }) => s + Number(o.option) * (o.count ?? 0),
          0,
        ) / overall.answered,
      );
      const plan = await call('coordinator', 'GET', `/api/rounds/${roundId}/candidates`);
      expect(res.body.measures.map((m: { candidateId: string }) => m.candidateId)).toEqual(
        plan.body.items.map((c: { id: string }) => c.id),
      );
      expect(res.body.measures.some((m: { count: number | null }) => m.count !== null && m.count >= 5)).toBe(true);
    }
    // The 2026 session moved people more than the 2025 one.
    expect(means[1]).toBeGreaterThan(means[0]!);
  });
});

describe('the municipality’s privacy threshold', () => {
  it('decides which small figures the results hide', async () => {
    const roundId = await newRound();
    const { code } = await openedSurvey(roundId);
    // Four answer 4 and three answer 5 on usefulness: below 5, but not below 3.
    for (const value of [4, 4, 4, 4, 5, 5, 5])
      expect((await answer(code, submission({ usefulness: value }))).status).toBe(201);
    const current = await call('coordinator', 'GET', `/api/rounds/${roundId}/survey`);
    await call('coordinator', 'POST', `/api/rounds/${roundId}/survey/close`, undefined, ifMatch(current.body.version));
    const usefulness = async () =>
      (await call('coordinator', 'GET', `/api/rounds/${roundId}/survey/results`)).body.questions.find(
        (q: { key: string }) => q.key === 'usefulness',
      );
    expect((await usefulness()).options.map((o: { count: number | null }) => o.count)).toEqual([0, 0, 0, null, null]);

    const settings = await call('administrator', 'GET', '/api/municipality');
    const lowered = await call(
      'administrator',
      'PATCH',
      '/api/municipality',
      { privacyThreshold: 3 },
      ifMatch(settings.body.version),
    );
    expect(lowered.status, lowered.text).toBe(200);
    try {
      const shown = await usefulness();
      expect(shown.options.map((o: { count: number | null }) => o.count)).toEqual([0, 0, 0, 4, 3]);
      expect(shown.mean).toBeCloseTo(31 / 7, 10);
    } finally {
      await call('administrator', 'PATCH', '/api/municipality', { privacyThreshold: 5 }, ifMatch(lowered.body.version));
    }
  });
});
